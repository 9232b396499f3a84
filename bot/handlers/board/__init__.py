"""The board group: decide applications, browse members; only current board members may act.

Shared pieces for other features: ``application_buttons`` (outbox) and ``application_markup``
put Approve/Reject under an application; ``bot.views.entities`` renders the card.
"""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import BotContext
from bot.handlers.board import access, applications, directory, member_import, rejection
from bot.handlers.board.ui import application_buttons, application_markup
from bot.handlers.common import nothing_to_cancel
from bot.handlers.prompts import PromptOwner
from bot.services.prompts import Flow

__all__ = [
    "application_buttons",
    "application_markup",
    "board_handlers",
    "handlers",
    "member_list_handlers",
    "prompt_owners",
]


def prompt_owners() -> dict[Flow, PromptOwner]:
    """The board flow that waits for a reason (bot/handlers/prompts.py)."""
    return {Flow.REJECT_APPLICATION: rejection.OWNER}


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """What works in any chat: the membership-cache keeper, /cancel with nothing to leave."""
    return [
        *access.handlers(),
        # /cancel is in the board's command menu; outside a prompt there is nothing to leave.
        CommandHandler("cancel", nothing_to_cancel, filters=filters.ChatType.GROUPS),
    ]


def board_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Approve, Reject, /pending, /board, /members, /member (app.py: board only)."""
    return [*applications.handlers(), *rejection.handlers(), *directory.handlers()]


def member_list_handlers(board_chat_id: int | None) -> list[BaseHandler[Update, BotContext, Any]]:
    """The member list sent to the board group as a document (app.py: board only)."""
    return member_import.handlers(board_chat_id)
