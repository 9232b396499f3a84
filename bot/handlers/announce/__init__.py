"""Board announcements: /announce, choose the audience, preview, confirm, follow, stop.

Confirming queues one outbox row per recipient in one transaction; the relay sends them and
``bot.jobs.announcements`` edits the progress message and queues the delivery report.
"""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.handlers.announce import audience, compose, sending
from bot.handlers.prompts import PromptOwner
from bot.services.prompts import Flow

__all__ = ["board_handlers", "prompt_owners"]


def prompt_owners() -> dict[Flow, PromptOwner]:
    """The announcement's text, when the bot asks for it (bot/handlers/prompts.py)."""
    return {Flow.ANNOUNCE: compose.OWNER}


def board_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/announce, and the buttons of drafts and running announcements."""
    return [*compose.handlers(), *audience.handlers(), *sending.handlers()]
