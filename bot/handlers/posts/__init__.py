"""Needs and offers: compose, browse and search, contact, my posts, and the board's side.

``publishing.on_post_published`` is the one place that reacts to a post going live.
``pending_step`` routes free text to the member's one pending prompt (router.py).
"""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.handlers.posts import (
    browse,
    closing,
    compose,
    contact,
    contact_buttons,
    mine,
    moderation,
    search,
)
from bot.handlers.posts.router import pending_step

__all__ = ["conversations", "handlers", "pending_step"]


def conversations() -> list[BaseHandler[Update, BotContext, Any]]:
    """Compose, search and contact entry points, and the board's reasons.

    The typed answers of compose, search, contact and the partner question reach them through
    pending_step, not through a conversation state that could outlive the prompt.
    """
    return [
        *compose.handlers(),
        *search.handlers(),
        *contact.handlers(),
        moderation.conversation(),
    ]


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Listings, a post's card, my posts, contact buttons, approve and /posts."""
    return [
        *browse.handlers(),
        *mine.handlers(),
        *closing.handlers(),
        *contact_buttons.handlers(),
        *moderation.handlers(),
    ]
