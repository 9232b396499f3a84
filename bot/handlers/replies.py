"""Answers to the bot's prompts in a group: only a reply to the prompt itself counts.

In a group, a flow waiting for text (a rejection reason, say) must not take whatever its user
writes next: that is usually a remark to the others. So each such flow has a ``PromptFlow``
that sends the prompts (a selective ForceReply) and keeps their ids in the member's
user_data, and each of its conversations ``listen``s with a ``PromptReplies`` filter that lets
through only replies to those prompts (ordinary chatter, and replies meant for another flow,
go on to other handlers). The callbacks confirm with ``is_reply_to_prompt`` against the stored
ids (``PromptFlow.on_reply``). At start-up ``restore_prompts`` reads the ids back from the
persisted user_data, so after a restart one flow cannot take the reply meant for another.
"""

import functools
import warnings
from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from telegram import ForceReply, Message, Update
from telegram.ext import (
    Application,
    BaseHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.context import BotContext

__all__ = [
    "REPLY_TO_BOT",
    "Listening",
    "PromptFlow",
    "PromptReplies",
    "group_conversation",
    "is_reply_to_prompt",
    "restore_prompts",
    "stored_prompt_ids",
]

R = TypeVar("R")
S = TypeVar("S")
Callback = Callable[[Update, BotContext], Coroutine[Any, Any, R]]
Handler = BaseHandler[Update, BotContext, Any]


def _replies_to_bot(message: Message) -> bool:
    replied = message.reply_to_message
    if replied is None or replied.from_user is None:
        return False
    try:
        return replied.from_user.id == message.get_bot().id
    except RuntimeError:  # an update built without a bot (never one from Telegram)
        return replied.from_user.is_bot


class _ReplyToBot(filters.MessageFilter):
    """Messages that reply to a message this bot sent."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        return _replies_to_bot(message)


REPLY_TO_BOT = _ReplyToBot(name="REPLY_TO_BOT")


def stored_prompt_ids(user_data: Mapping[Any, object] | None, key: str) -> list[int]:
    """The prompt ids a flow keeps under key: a list of ids, or a dict with a "prompts" list."""
    value = user_data.get(key) if user_data is not None else None
    if isinstance(value, dict):
        value = value.get("prompts")
    return [i for i in value if isinstance(i, int)] if isinstance(value, list) else []


class PromptReplies(filters.MessageFilter):
    """Replies to the prompts one flow is waiting on, per chat and user (one per flow).

    The flow calls ``expect`` after each step with the prompt ids it keeps in user_data under
    ``key`` (none once it ends); ``restore`` fills them in from the stored user_data when the
    bot starts. Only a reply to one of the expected prompts passes.
    """

    __slots__ = ("_prompts", "_restored", "key")

    def __init__(self, name: str, key: str) -> None:
        super().__init__(name=name)
        self.key = key
        self._prompts: dict[tuple[int, int], frozenset[int]] = {}
        # Read back at start-up: user_data is per user, so these hold in any chat until the
        # flow's next step says which chat it waits in.
        self._restored: dict[int, frozenset[int]] = {}

    def expect(self, chat_id: int, user_id: int, prompt_ids: Iterable[int]) -> None:
        """Wait for a reply to one of prompt_ids from user_id in chat_id (none: stop)."""
        ids = frozenset(prompt_ids)
        self._restored.pop(user_id, None)
        if ids:
            self._prompts[(chat_id, user_id)] = ids
        else:
            self._prompts.pop((chat_id, user_id), None)

    def restore(self, user_data: Mapping[int, Mapping[Any, object]]) -> None:
        """Wait again for the prompts each user's stored flow was waiting on."""
        for user_id, data in user_data.items():
            ids = frozenset(stored_prompt_ids(data, self.key))
            if ids:
                self._restored[user_id] = ids

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        if replied is None or message.from_user is None or not _replies_to_bot(message):
            return False
        user_id = message.from_user.id
        ids = self._prompts.get((message.chat.id, user_id), self._restored.get(user_id))
        return ids is not None and replied.message_id in ids


def is_reply_to_prompt(update: Update, *prompt_message_ids: int | None) -> bool:
    """Whether the update's message replies to one of these prompts (sent in its chat)."""
    message = update.effective_message
    replied = message.reply_to_message if message is not None else None
    if message is None or replied is None or replied.chat.id != message.chat.id:
        return False
    return replied.message_id in {i for i in prompt_message_ids if i is not None}


class _Synced(Generic[R]):
    """A flow's callback that afterwards tells its filter which prompts the member waits on."""

    def __init__(self, callback: Callback[R], replies: PromptReplies) -> None:
        functools.update_wrapper(self, callback)
        self.callback = callback
        self.replies = replies

    async def __call__(self, update: Update, context: BotContext) -> R:
        try:
            return await self.callback(update, context)
        finally:
            chat, user = update.effective_chat, update.effective_user
            if chat is not None and user is not None:
                ids = stored_prompt_ids(context.user_data, self.replies.key)
                self.replies.expect(chat.id, user.id, ids)


class Listening:
    """One conversation's filters for its flow's input, and the wrapper that keeps them in step.

    Made with each conversation (not shared by every Application in a process): the filter
    remembers who waits on which prompt.
    """

    def __init__(self, name: str, key: str) -> None:
        self.replies = PromptReplies(name, key)
        # Only replies to the flow's prompts reach it: the board's chatter, and replies meant
        # for another flow, go on to other handlers.
        self.text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND & self.replies
        self.other_input = (
            filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL & self.replies
        )

    def synced(self, callback: Callback[R]) -> Callback[R]:
        """callback, then tell the filter which prompts (if any) this member waits on."""
        return _Synced(callback, self.replies)


class PromptFlow:
    """The prompts of one group flow that takes text only as a reply to them.

    The flow keeps under ``key`` in user_data either the list of prompt ids or a dict of its
    own with a ``"prompts"`` list; popping the key ends the wait.
    """

    def __init__(self, key: str) -> None:
        self.key = key

    def listen(self, name: str) -> Listening:
        """Filters and the syncing wrapper for one conversation of this flow."""
        return Listening(name, self.key)

    def prompt_ids(self, context: BotContext) -> list[int]:
        """The prompts this member's flow waits on."""
        return stored_prompt_ids(context.user_data, self.key)

    def answers_prompt(self, update: Update, context: BotContext) -> bool:
        """Whether the update replies to one of this member's prompts."""
        return is_reply_to_prompt(update, *self.prompt_ids(context))

    def forget(self, context: BotContext) -> None:
        """Drop the flow's data, prompts included."""
        if context.user_data is not None:
            context.user_data.pop(self.key, None)

    async def send_prompt(self, context: BotContext, chat_id: int, text: str) -> None:
        """Send a prompt to chat_id (its text mentions the member); a reply to it counts."""
        self._remember(context, await context.bot.send_message(chat_id, text, reply_markup=_FORCE))

    async def reprompt(self, context: BotContext, text: str, *, reply_to: Message) -> None:
        """Answer the member's message with a prompt; a reply to it counts too."""
        # Replying to the member's message is what lets a selective ForceReply reach them.
        self._remember(context, await reply_to.reply_text(text, reply_markup=_FORCE))

    def _remember(self, context: BotContext, prompt: Message) -> None:
        data = context.user_data
        if data is None:
            return
        ids = [*stored_prompt_ids(data, self.key), prompt.message_id]
        value = data.get(self.key)
        if isinstance(value, dict):
            value["prompts"] = ids
        else:
            data[self.key] = ids

    def on_reply(self, waiting: S, callback: Callback[R | None]) -> Callback[S | R | int]:
        """callback for a reply to this member's prompt; other replies keep waiting.

        callback returns None when its guard turned the member away: the flow ends.
        """

        @functools.wraps(callback)
        async def wrapper(update: Update, context: BotContext) -> S | R | int:
            if not self.answers_prompt(update, context):
                return waiting
            result = await callback(update, context)
            if result is None:
                self.forget(context)
                return ConversationHandler.END
            return result

        return wrapper


def group_conversation(
    name: str,
    listening: Listening,
    entry_point: Handler,
    waiting: object,
    take: Callback[Any],
    not_text: Callback[Any],
    cancel: Callback[Any],
) -> ConversationHandler[BotContext]:
    """A prompt flow's conversation: per member in the group, stored, re-entered.

    In state ``waiting`` the text goes to take (already wrapped by ``PromptFlow.on_reply``),
    anything else replied to a prompt to not_text; /cancel leaves. Build entry_point's
    callback with ``listening.synced`` too.
    """
    synced = listening.synced
    # PTB warns that with per_message=False a button is not tracked per message. That is the
    # point: the flow belongs to the member in the group, whichever message they used.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", ".*per_message=False", PTBUserWarning)
        return ConversationHandler(
            entry_points=[entry_point],
            states={
                waiting: [
                    MessageHandler(listening.text, synced(take)),
                    MessageHandler(listening.other_input, synced(not_text)),
                ]
            },
            fallbacks=[CommandHandler("cancel", synced(cancel))],
            name=name,
            persistent=True,
            per_chat=True,
            per_user=True,
            per_message=False,
            allow_reentry=True,
        )


_FORCE = ForceReply(selective=True)


def _filters(handlers: Sequence[Handler]) -> Iterable[PromptReplies]:
    for handler in handlers:
        if isinstance(handler, ConversationHandler):
            inner = [*handler.entry_points, *handler.fallbacks]
            inner += [h for state in handler.states.values() for h in state]
            yield from _filters(inner)
        elif isinstance(handler.callback, _Synced):
            yield handler.callback.replies


def restore_prompts(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Tell every flow's filter the prompts its members' stored user_data waits on."""
    handlers = [h for group in application.handlers.values() for h in group]
    for replies in _filters(handlers):  # once per callback of a flow: harmless
        replies.restore(application.user_data)
