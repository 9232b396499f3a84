"""Matching: proposals between needs and offers, introductions, follow-ups, /settings, /matches.

``proposals.propose_matches`` is called when a post is published (the posts feature's
``on_post_published``) and by the daily rescan; the due scans live in ``bot.services.due.matching``.
"""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.handlers.matching import answers, board, possible, settings

__all__ = ["board_handlers", "member_handlers"]


def member_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Proposal, possible-match and follow-up buttons, /settings (app.py: private only)."""
    return [*answers.handlers(), *possible.handlers(), *settings.handlers()]


def board_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/matches (app.py: board only)."""
    return board.handlers()
