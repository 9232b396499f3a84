"""Every button's callback data, one typed kind per feature and action (``bot.callbacks``).

Telegram-free, so services that put buttons on outbox messages build them from the same
definitions the handlers' patterns come from.
"""
