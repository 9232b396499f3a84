"""Needs and offers: compose, browse and search, contact, my posts, and the board's side.

``publishing.on_post_published`` is the one place that reacts to a post going live.
``prompt_owners`` says what each posts flow does with the answer to its prompt.
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
from bot.handlers.prompts import PromptOwner
from bot.services.prompts import Flow

__all__ = ["conversations", "handlers", "prompt_owners"]


def prompt_owners() -> dict[Flow, PromptOwner]:
    """The posts flows that wait for typed input (bot/handlers/prompts.py)."""
    return {
        Flow.COMPOSE: compose.OWNER,
        Flow.CONTACT: contact.OWNER,
        Flow.SEARCH: search.OWNER,
        Flow.PARTNER: closing.OWNER,
        Flow.MODERATE_POST: moderation.OWNER,
    }


def conversations() -> list[BaseHandler[Update, BotContext, Any]]:
    """Compose, search and contact entry points, and the board's reasons.

    Their typed answers, and the board's reasons, reach them through their prompt
    (prompt_owners), not through a conversation state that could outlive the prompt.
    """
    return [
        *compose.handlers(),
        *search.handlers(),
        *contact.handlers(),
        *moderation.reason_handlers(),
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
