"""Answers to the bot's prompts in a group: only a reply to the prompt itself counts.

In a group, a flow waiting for text (a rejection reason, say) must not take whatever its user
writes next: that is usually a remark to the others. So the flow's message handlers filter
with a ``PromptReplies`` of their own, which lets through only replies to the prompts that
flow sent (ordinary chatter, and replies meant for another flow, go on to other handlers), and
the callback confirms with ``is_reply_to_prompt`` against the prompt ids it stored.
"""

from collections.abc import Iterable

from telegram import Message, Update
from telegram.ext import filters

__all__ = ["REPLY_TO_BOT", "PromptReplies", "is_reply_to_prompt"]


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


class PromptReplies(filters.MessageFilter):
    """Replies to the prompts one flow is waiting on, per chat and user (one per flow).

    The flow calls ``expect`` after each step with the prompt ids it keeps in user_data (none
    once it ends). After a restart nothing is known yet: any reply to the bot gets through to
    the flow, which checks it against the stored ids and calls ``expect`` again.
    """

    __slots__ = ("_prompts",)

    def __init__(self, name: str = "PromptReplies") -> None:
        super().__init__(name=name)
        self._prompts: dict[tuple[int, int], frozenset[int]] = {}

    def expect(self, chat_id: int, user_id: int, prompt_ids: Iterable[int]) -> None:
        """Wait for a reply to one of prompt_ids from user_id in chat_id (none: stop)."""
        ids = frozenset(prompt_ids)
        if ids:
            self._prompts[(chat_id, user_id)] = ids
        else:
            self._prompts.pop((chat_id, user_id), None)

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        if replied is None or message.from_user is None or not _replies_to_bot(message):
            return False
        ids = self._prompts.get((message.chat.id, message.from_user.id))
        return ids is None or replied.message_id in ids


def is_reply_to_prompt(update: Update, *prompt_message_ids: int | None) -> bool:
    """Whether the update's message replies to one of these prompts (sent in its chat)."""
    message = update.effective_message
    replied = message.reply_to_message if message is not None else None
    if message is None or replied is None or replied.chat.id != message.chat.id:
        return False
    return replied.message_id in {i for i in prompt_message_ids if i is not None}
