"""/announce in the board group: take the text inline, from a replied message, or ask for it.

The text is the board's own, kept as Telegram HTML built from the message's entities
(``text_html``): bold or links the board used survive, and anything else is escaped. A
replied message is read the same way instead of being copied with copyMessage, so every
member gets the text under a header in their own language, and a board member deleting
the original while the announcement goes out cannot break the remaining sends.

When the bot has to ask for the text, only a reply to its prompt (from the board member who
sent /announce) is the text: the board chats in that group, and a remark such as "el martes"
must not become an announcement.
"""

import functools
import re
import warnings
from collections.abc import Callable, Coroutine
from enum import StrEnum
from typing import Any, TypeVar

from telegram import ForceReply, Message, Update
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from bot.context import BotContext
from bot.domain.announcements import TEXT_MAX
from bot.handlers.announce.audience import audience_menu, choose_audience_text
from bot.handlers.board.ui import board_t
from bot.handlers.guards import board_only
from bot.handlers.replies import PromptReplies, is_reply_to_prompt

__all__ = ["ComposeState", "conversation"]

END = ConversationHandler.END
R = TypeVar("R")
Callback = Callable[[Update, BotContext], Coroutine[Any, Any, R]]
_COMMAND = re.compile(r"^/announce(?:@\w+)?\s*", re.IGNORECASE)
# user_data key: the ids of the prompts whose replies are the text (stored, so they survive a
# restart of the bot).
_PROMPTS = "announce_prompts"


class ComposeState(StrEnum):
    """States of the compose conversation (stored: never rename)."""

    TEXT = "announce_text"


@board_only
async def start(update: Update, context: BotContext) -> ComposeState | int:
    """Draft from the command's own text or the replied message; otherwise ask for text."""
    message = update.effective_message
    if message is None:
        return END
    earlier = _prompts(context)
    _forget(context)
    text = _COMMAND.sub("", message.text or "", count=1)
    if text.strip():
        return await _draft(message, context, text, _COMMAND.sub("", message.text_html, count=1))
    t = board_t(context)
    source = message.reply_to_message
    # /announce replied to the bot's own "write the text" prompt asks again rather than
    # announcing the prompt.
    if source is not None and source.message_id not in earlier:
        if source.text is not None:
            return await _draft(message, context, source.text, source.text_html)
        if source.caption is not None:
            return await _draft(message, context, source.caption, source.caption_html)
        return await _ask(message, context, t("announce.need_text", max=TEXT_MAX))
    return await _ask(message, context, t("announce.ask_text", max=TEXT_MAX))


async def take_text(update: Update, context: BotContext) -> ComposeState | int:
    """The text replied to the prompt (the flow ends if its writer left the board)."""
    if not _answers_prompt(update, context):
        return ComposeState.TEXT
    state = await _take_text(update, context)
    if state is None:  # no longer on the board: the guard said so
        _forget(context)
        return END
    return state


@board_only
async def _take_text(update: Update, context: BotContext) -> ComposeState | int:
    message = update.effective_message
    if message is None or message.text is None:
        return END
    return await _draft(message, context, message.text, message.text_html)


async def not_text(update: Update, context: BotContext) -> ComposeState:
    """A photo, sticker or file replied to the prompt instead of text: ask for text."""
    message = update.effective_message
    if message is not None and _answers_prompt(update, context):
        t = board_t(context)
        await _ask(message, context, t("announce.need_text", max=TEXT_MAX))
    return ComposeState.TEXT


async def cancel(update: Update, context: BotContext) -> int:
    """Leave without drafting anything."""
    _forget(context)
    message = update.effective_message
    if message is not None:
        t = board_t(context)
        await message.reply_text(t("announce.cancelled"))
    return END


async def _ask(message: Message, context: BotContext, text: str) -> ComposeState:
    """Reply with a prompt for the text; a reply to it from the same member is the text."""
    # selective: the reply field opens only for the member whose message this answers.
    sent = await message.reply_text(text, reply_markup=ForceReply(selective=True))
    if context.user_data is not None:
        context.user_data[_PROMPTS] = [*_prompts(context), sent.message_id]
    return ComposeState.TEXT


async def _draft(
    message: Message, context: BotContext, plain: str, text_html: str
) -> ComposeState | int:
    """Store a draft and show the audience menu; text over the limit is asked for again."""
    t = board_t(context)
    if len(plain.strip()) > TEXT_MAX:
        length = len(plain.strip())
        return await _ask(message, context, t("announce.too_long", length=length, max=TEXT_MAX))
    user = message.from_user
    async with context.store.write() as repos:
        draft = await repos.announcements.create_draft(
            text_html=text_html.strip(),
            board_chat_id=message.chat_id,
            by=user.id if user else 0,
            by_name=user.full_name if user else "",
            now=context.now(),
        )
    _forget(context)
    await message.reply_text(
        choose_audience_text(t, draft.id), reply_markup=audience_menu(t, draft.id)
    )
    return END


def _answers_prompt(update: Update, context: BotContext) -> bool:
    # Only a reply to one of this member's prompts is the text; after a restart the filter
    # lets any reply to the bot through, so the stored ids decide.
    return is_reply_to_prompt(update, *_prompts(context))


def _prompts(context: BotContext) -> list[int]:
    ids = context.user_data.get(_PROMPTS) if context.user_data is not None else None
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def _forget(context: BotContext) -> None:
    if context.user_data is not None:
        context.user_data.pop(_PROMPTS, None)


def _synced(callback: Callback[R], replies: PromptReplies) -> Callback[R]:
    """callback, then tell replies which prompts (if any) this member's draft waits on."""

    @functools.wraps(callback)
    async def wrapper(update: Update, context: BotContext) -> R:
        try:
            return await callback(update, context)
        finally:
            chat, user = update.effective_chat, update.effective_user
            if chat is not None and user is not None:
                replies.expect(chat.id, user.id, _prompts(context))

    return wrapper


def conversation() -> ConversationHandler[BotContext]:
    """/announce, per board member in the group; /cancel leaves it."""
    # Only replies to this flow's prompts reach it: the board's chatter, and replies meant for
    # another flow (an application's rejection reason, say), go on to other handlers.
    replies = PromptReplies("announce_replies")
    text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND & replies
    other_input = filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL & replies
    # per_message=False is intended: the flow belongs to the board member, not to a message.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CommandHandler("announce", _synced(start, replies))],
            states={
                ComposeState.TEXT: [
                    MessageHandler(text, _synced(take_text, replies)),
                    MessageHandler(other_input, _synced(not_text, replies)),
                ]
            },
            fallbacks=[CommandHandler("cancel", _synced(cancel, replies))],
            name="announce",
            persistent=True,
            per_chat=True,
            per_user=True,
            per_message=False,
            allow_reentry=True,
        )
