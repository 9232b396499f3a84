"""Needs and offers: compose, browse and search, contact, my posts, and the board's side.

``publishing.on_post_published`` is the one place that reacts to a post going live.
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

__all__ = ["conversations", "handlers"]


def conversations() -> list[BaseHandler[Update, BotContext, Any]]:
    """Compose, search words, contact, partner search and the board's reasons."""
    return [
        compose.conversation(),
        search.conversation(),
        contact.conversation(),
        closing.conversation(),
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
