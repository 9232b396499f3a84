"""Keep the board-membership cache honest: forget a user whose status in the group changed."""

import logging
from typing import Any

from telegram import Update, User
from telegram.ext import BaseHandler, ChatMemberHandler

from bot.context import BotContext
from bot.domain.board import Actor

__all__ = ["board_actor", "forget_changed_member", "handlers"]

_LOGGER = logging.getLogger(__name__)


def board_actor(user: User) -> Actor:
    """The board member behind a Telegram user, as decisions record them."""
    return Actor.named(user.id, user.full_name, user.username)


async def forget_changed_member(update: Update, context: BotContext) -> None:
    """Drop the cached answer for a user who joined, left or changed role in the board."""
    change = update.chat_member
    board = context.services.board
    if change is None or not board.is_board_chat(change.chat.id):
        return
    user_id = change.new_chat_member.user.id
    board.forget(user_id)
    _LOGGER.info("board member %s is now %s", user_id, change.new_chat_member.status)


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Membership changes in the board group (needs the bot to be an admin there)."""
    return [ChatMemberHandler(forget_changed_member, ChatMemberHandler.CHAT_MEMBER)]
