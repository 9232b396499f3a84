"""Mark an update as handled, so the fallback group does not answer it a second time."""

import functools
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext

__all__ = ["handled"]

R = TypeVar("R")


def handled(
    callback: Callable[[Update, BotContext], Coroutine[Any, Any, R]],
) -> Callable[[Update, BotContext], Coroutine[Any, Any, R]]:
    """Run callback, then stop later handler groups (PTB runs one handler per group).

    Without this, GROUP_FALLBACK's catch-alls (unknown command, stray input, expired button)
    also see every update a feature handled: a second reply, or a second answer to a button
    that Telegram refuses. Inside a ConversationHandler the returned state still applies:
    PTB takes it from ApplicationHandlerStop.state.
    """

    @functools.wraps(callback)
    async def wrapper(update: Update, context: BotContext) -> R:
        result = await callback(update, context)
        raise ApplicationHandlerStop(result)

    return wrapper
