"""Summits and events: the board writes, publishes, changes and cancels them and takes the
check-in; members list them, answer, and take them to their calendar."""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.handlers.prompts import PromptOwner
from bot.handlers.summits import after, audience, board, member, proposals, tools
from bot.handlers.summits.member import show_from_link, summit_id_of_link
from bot.services.prompts import Flow

__all__ = [
    "board_handlers",
    "member_handlers",
    "prompt_owners",
    "show_from_link",
    "summit_id_of_link",
]


def prompt_owners() -> dict[Flow, PromptOwner]:
    """The summit forms and a rejection's reason, when the bot asks (bot/handlers/prompts.py)."""
    return {
        Flow.SUMMIT_FORM: board.OWNER,
        Flow.PROPOSE_EVENT: proposals.MEMBER_OWNER,
        Flow.REJECT_EVENT: proposals.REJECT_OWNER,
        Flow.SUMMIT_MATERIALS: after.MATERIALS_OWNER,
        Flow.SUMMIT_FEEDBACK: after.COMMENT_OWNER,
    }


def member_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/summits in private, answers and calendar files."""
    return [*member.handlers(), *proposals.member_handlers(), *after.member_handlers()]


def board_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/summit, /summits with the numbers, and the board's buttons."""
    return [
        *board.handlers(),
        *audience.handlers(),
        *tools.handlers(),
        *proposals.board_handlers(),
        *after.board_handlers(),
    ]
