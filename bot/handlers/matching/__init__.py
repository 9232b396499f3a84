"""Matching: proposals between needs and offers, introductions, follow-ups, /settings, /matches.

``proposals.propose_matches`` is called when a post is published (the posts feature's
``on_post_published``) and by the daily rescan; the due scans live in ``bot.services.due.matching``.
"""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.handlers.matching import answers, board, settings

__all__ = ["handlers"]


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Proposal and follow-up buttons, /settings and the board's /matches."""
    return [*answers.handlers(), *settings.handlers(), *board.handlers()]
