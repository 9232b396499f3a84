"""Board announcements: /announce, choose the audience, preview, confirm, follow, stop.

Confirming queues one outbox row per recipient in one transaction; the relay sends them and
``bot.jobs.announcements`` edits the progress message and queues the delivery report.
"""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.handlers.announce import audience, compose, sending

__all__ = ["conversations", "handlers"]


def conversations() -> list[BaseHandler[Update, BotContext, Any]]:
    """/announce (register before plain commands so /cancel and the text reach it)."""
    return [compose.conversation()]


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """The buttons of drafts and running announcements."""
    return [*audience.handlers(), *sending.handlers()]
