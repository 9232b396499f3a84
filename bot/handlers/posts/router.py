"""Route a member's private messages to the pending prompt, and forget it when they move on.

Runs before every feature (app.py registers ``pending_step()`` in its own group). With a prompt
armed (pending.py):
- a message that is not a command is its answer: the owner handles it and nothing else runs;
- /cancel leaves it;
- any other command, or a button of another flow, disarms it first (an unsaved post edit is
  dropped, with a one-line notice), then the feature that owns the command or button runs;
- a prompt past its lifetime is disarmed; a message meant for someone is then not sent, and
  the member is told why.
"""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, TypeHandler, filters

from bot.callbacks import CallbackData, parse
from bot.context import BotContext
from bot.handlers.posts import closing, compose, contact, search
from bot.handlers.posts.preview import cancel as cancel_compose
from bot.handlers.ui import send
from bot.services.posts import pending
from bot.services.posts.drafts import discard, load

__all__ = ["pending_step", "route"]

Callback = Callable[[Update, BotContext], Coroutine[Any, Any, None]]

# Reading /help or switching language does not abandon a post being written. A message to
# another member is different: after any command, the next text must not reach them.
_COMPOSE_KEEPS_COMMANDS = frozenset({"help", "language"})
_COMPOSE_KEEPS_FEATURES = frozenset({"help", "lang"})


@dataclass(frozen=True, slots=True)
class _Flow:
    """What a prompt's owner does with an answer, with /cancel, and which buttons are its own."""

    answer: Callback
    cancel: Callback
    keeps: Callable[[CallbackData, pending.Pending], bool]


_FLOWS = {
    pending.Owner.COMPOSE: _Flow(
        compose.on_message, cancel_compose, lambda d, _: d.feature == "pc"
    ),
    pending.Owner.CONTACT: _Flow(
        contact.on_message, contact.cancel, lambda d, _: d.feature == "contact"
    ),
    pending.Owner.SEARCH: _Flow(search.on_message, search.cancel, lambda _d, _p: False),
    pending.Owner.PARTNER: _Flow(
        closing.on_message,
        closing.cancel,
        lambda d, slot: (
            d.feature == "mine"
            and d.action in ("partner", "nobody", "done", "with", "psearch")
            and d.int_arg() == slot.post_id
        ),
    ),
}


def _command(update: Update) -> str | None:
    """The command of a new message ("cancel" for "/cancel@bot words"), or None."""
    message = update.message
    text = message.text if message is not None else None
    if not text or not text.startswith("/"):
        return None
    return text.split(maxsplit=1)[0][1:].partition("@")[0].lower()


async def route(update: Update, context: BotContext) -> None:
    """Hand the pending prompt its answer, or disarm it when the member has moved on."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return  # prompts live in the private chat; the board group has its own flows
    if filters.StatusUpdate.ALL.check_update(update):
        return  # a service message is nobody's answer
    slot = pending.current(context)
    if slot is None:
        return
    message, query = update.message, update.callback_query
    if pending.expired(slot, context.now()):
        pending.clear(context)
        if slot.owner is pending.Owner.CONTACT and message is not None and not _command(update):
            # Not sent: a message typed long after pressing Contact may be meant for no one.
            minutes = pending.minutes(slot.owner)
            await send(update, context.t("posts.contact.expired", minutes=minutes))
            raise ApplicationHandlerStop
        return
    flow = _FLOWS[slot.owner]
    if message is not None:
        command = _command(update)
        if command == "cancel":
            await flow.cancel(update, context)
            raise ApplicationHandlerStop
        if command is None:
            await flow.answer(update, context)
            raise ApplicationHandlerStop
        if slot.owner is pending.Owner.COMPOSE and command in _COMPOSE_KEEPS_COMMANDS:
            return
        await _move_on(update, context, slot)
    elif query is not None:
        data = parse(query.data)
        composing = slot.owner is pending.Owner.COMPOSE
        if composing and data is not None and data.feature in _COMPOSE_KEEPS_FEATURES:
            return
        if data is None or not flow.keeps(data, slot):
            await _move_on(update, context, slot)


async def _move_on(update: Update, context: BotContext, slot: pending.Pending) -> None:
    """Disarm the prompt; an unsaved edit of a published post is dropped, and said so."""
    pending.clear(context)
    if slot.owner is not pending.Owner.COMPOSE:
        return
    session = load(context)
    if session is None:
        return
    if session.post_id is None:
        # A new post's draft stays; say so, or the member's next answer looks ignored.
        await send(update, context.t("posts.compose.set_aside"))
        return
    discard(context)
    async with context.store.read() as repos:
        post = await repos.posts.get(session.post_id)
    title = post.title if post is not None else session.title or ""
    await send(update, context.t("posts.edit.discarded", title=title))


def pending_step() -> TypeHandler[Update, BotContext, None]:
    """The handler app.py runs before the features (see the module docstring)."""
    return TypeHandler(Update, route)
