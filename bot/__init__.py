"""Telegram bot of the COOPERACTIVAS social-economy network."""

import os

# Opt into python-telegram-bot's coming behaviour now: durations such as RetryAfter.retry_after
# are datetime.timedelta. Without it every 429 also raises a deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "true")
