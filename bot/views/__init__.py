"""Texts shown to people, rendered from domain models in one language: no Telegram, no storage.

Handlers show them in replies; services put them in outbox messages. Every user-written text
is HTML-escaped here.
"""
