"""Access checks: private chat only and board only, applied once per group of handlers where
app.py registers them (``in_private``, ``on_board``); members only, asked by each use case.

The board check runs at the time of every action (membership of the group is asked of
Telegram, cached briefly and dropped when it changes), never remembered from an earlier press.
Callbacks that are reached other than through registration (a prompt's answer, routed by
bot/handlers/prompts.py) apply the decorator themselves.
"""

import functools
from collections.abc import Callable, Coroutine, Iterable
from typing import Any, TypeVar

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.domain.members import Entity, EntityStatus, Member

__all__ = ["board_only", "current_member", "in_private", "on_board", "private_only"]

R = TypeVar("R")
Callback = Callable[[Update, BotContext], Coroutine[Any, Any, R]]


def private_only(func: Callback[R]) -> Callback[R | None]:
    """Run func only in a private chat; elsewhere say where the command works."""

    @functools.wraps(func)
    async def wrapper(update: Update, context: BotContext) -> R | None:
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            if update.callback_query is not None:
                await update.callback_query.answer(context.t("common.private_only"))
            elif chat is not None:
                await chat.send_message(context.t("common.private_only"))
            return None
        return await func(update, context)

    wrapper.access = "private"  # type: ignore[attr-defined]  # for the registration test
    return wrapper


def board_only(func: Callback[R]) -> Callback[R | None]:
    """Run func only in the board group and only for its current members, checked now."""

    @functools.wraps(func)
    async def wrapper(update: Update, context: BotContext) -> R | None:
        chat = update.effective_chat
        user = update.effective_user
        board = context.services.board
        query = update.callback_query
        if chat is None or user is None:
            return None
        if not board.is_board_chat(chat.id):
            key = "board.only_in_group" if board.chat_id is not None else "board.not_configured"
            if query is not None:
                await query.answer(context.t(key), show_alert=True)
            else:
                await chat.send_message(context.t(key))
            return None
        if not await board.is_member(context.bot, user.id):
            if query is not None:
                await query.answer(context.t("board.not_member"), show_alert=True)
            else:
                await chat.send_message(context.t("board.not_member"))
            return None
        return await func(update, context)

    wrapper.access = "board"  # type: ignore[attr-defined]  # for the registration test
    return wrapper


Handlers = list[BaseHandler[Update, BotContext, Any]]


def _guarded(handlers: Iterable[BaseHandler[Update, BotContext, Any]], guard: Any) -> Handlers:
    guarded = list(handlers)
    for handler in guarded:
        handler.callback = guard(handler.callback)
    return guarded


def in_private(handlers: Iterable[BaseHandler[Update, BotContext, Any]]) -> Handlers:
    """The handlers, each run only in a private chat (elsewhere: where it works)."""
    return _guarded(handlers, private_only)


def on_board(handlers: Iterable[BaseHandler[Update, BotContext, Any]]) -> Handlers:
    """The handlers, each run only in the board group and for its current members."""
    return _guarded(handlers, board_only)


async def current_member(update: Update, context: BotContext) -> tuple[Member, Entity] | None:
    """The approved member behind this update, or None after telling the user why not."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return None
    async with context.store.read() as repos:
        found = await repos.members.member_with_entity(user.id)
    if found is not None and found[1].status == EntityStatus.APPROVED:
        return found
    key = "common.members_only"
    if found is not None and found[1].status == EntityStatus.PENDING:
        key = "onboarding.status_pending"
    if update.callback_query is not None:
        await update.callback_query.answer(context.t(key), show_alert=True)
    else:
        await chat.send_message(context.t(key))
    return None
