"""Fees and contributions: a member's "My fees" and "I've paid"; the treasurer's commands."""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.handlers.fees import board, member
from bot.handlers.prompts import PromptOwner
from bot.services.prompts import Flow

__all__ = ["board_handlers", "member_handlers", "prompt_owners"]


def prompt_owners() -> dict[Flow, PromptOwner]:
    """The member's optional bank reference after "I've paid" (bot/handlers/prompts.py)."""
    return {Flow.FEE_REFERENCE: member.OWNER}


def member_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """My fees, receipts, "I've paid" (app.py: private only)."""
    return [*member.handlers()]


def board_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/paid, /fees, /income, /fees_remind, /exempt, /contribution, /subsidy, /fees_csv, and
    Confirm / Not received (app.py: board only)."""
    return [*board.handlers()]
