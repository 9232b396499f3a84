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
from bot.handlers.prompts import PromptOwner, ReplyTarget
from bot.services.prompts import Flow

__all__ = ["board_handlers", "member_handlers", "prompt_owners", "reply_targets"]


def prompt_owners() -> dict[Flow, PromptOwner]:
    """The posts flows that wait for typed input (bot/handlers/prompts.py)."""
    return {
        Flow.COMPOSE: compose.OWNER,
        Flow.CONTACT: contact.OWNER,
        Flow.SEARCH: search.OWNER,
        Flow.PARTNER: closing.OWNER,
        Flow.MODERATE_POST: moderation.OWNER,
    }


def reply_targets() -> list[ReplyTarget]:
    """Bot messages a swipe-reply answers: relayed messages and introductions (their thread)."""
    return [contact.arm_for_reply]


def member_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Compose, search, contact, listings, a post's card, my posts and the contact buttons
    (app.py: private chats only).

    Typed answers reach their flow through its prompt (prompt_owners), not through a
    conversation state that could outlive the prompt.
    """
    return [
        *compose.handlers(),
        *search.handlers(),
        *contact.handlers(),
        *browse.handlers(),
        *mine.handlers(),
        *closing.handlers(),
        *contact_buttons.handlers(),
    ]


def board_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Approve, Reject and Remove (their reasons come through the prompt) and /posts
    (app.py: board only)."""
    return [*moderation.reason_handlers(), *moderation.handlers()]
