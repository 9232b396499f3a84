"""Use cases, one module or small package per feature, with no Telegram in them.

A use case applies the domain's rules, reads and writes through the repositories, and puts
every message that is not a direct reply in the outbox within the same transaction. It returns
what the handler shows. Handlers and jobs call these; nothing here imports ``telegram``.
"""
