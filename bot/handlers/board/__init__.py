"""The board group: decide applications, browse members; only current board members may act.

Shared pieces for other features: ``application_buttons`` (outbox) and ``application_markup``
put Approve/Reject under an application; ``bot.views.entities`` renders the card.
"""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.handlers.board import access, applications, directory, rejection
from bot.handlers.board.ui import application_buttons, application_markup

__all__ = ["application_buttons", "application_markup", "conversations", "handlers"]


def conversations() -> list[BaseHandler[Update, BotContext, Any]]:
    """Reject-with-reason (register before plain commands so /cancel reaches it)."""
    return [rejection.reject_conversation()]


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Approve, /pending, /board, /members, /member and the membership-cache keeper."""
    return [*access.handlers(), *applications.handlers(), *directory.handlers()]
