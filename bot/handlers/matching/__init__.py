"""Matching: proposals between needs and offers, introductions, follow-ups, /settings, /matches.

``proposals.propose_matches`` is called when a post is published (the posts feature's
``on_post_published``) and by the daily rescan; the due scans live in ``bot.services.due.matching``.
"""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.handlers.matching import answers, board, settings

__all__ = ["board_handlers", "member_handlers"]


def member_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Proposal and follow-up buttons and /settings (app.py: private chats only)."""
    return [*answers.handlers(), *settings.handlers()]


def board_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/matches (app.py: board only)."""
    return board.handlers()
