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

import re
from enum import StrEnum

from telegram import Message, Update
from telegram.ext import CommandHandler, ConversationHandler

from bot.context import BotContext
from bot.domain.announcements import TEXT_MAX
from bot.handlers.announce.audience import audience_menu, choose_audience_text
from bot.handlers.board.ui import board_t
from bot.handlers.guards import board_only
from bot.handlers.replies import PromptFlow, group_conversation

__all__ = ["ComposeState", "conversation"]

END = ConversationHandler.END
_COMMAND = re.compile(r"^/announce(?:@\w+)?\s*", re.IGNORECASE)
# user_data key: the ids of the prompts whose replies are the text (stored, so they survive a
# restart of the bot).
_PROMPTS = "announce_prompts"
_FLOW = PromptFlow(_PROMPTS)


class ComposeState(StrEnum):
    """States of the compose conversation (stored: never rename)."""

    TEXT = "announce_text"


@board_only
async def start(update: Update, context: BotContext) -> ComposeState | int:
    """Draft from the command's own text or the replied message; otherwise ask for text."""
    message = update.effective_message
    if message is None:
        return END
    earlier = _FLOW.prompt_ids(context)
    _FLOW.forget(context)
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


@board_only
async def take_text(update: Update, context: BotContext) -> ComposeState | int:
    """The text replied to the prompt (the flow ends if its writer left the board)."""
    message = update.effective_message
    if message is None or message.text is None:
        return END
    return await _draft(message, context, message.text, message.text_html)


async def not_text(update: Update, context: BotContext) -> ComposeState:
    """A photo, sticker or file replied to the prompt instead of text: ask for text."""
    message = update.effective_message
    if message is not None and _FLOW.answers_prompt(update, context):
        t = board_t(context)
        await _ask(message, context, t("announce.need_text", max=TEXT_MAX))
    return ComposeState.TEXT


async def cancel(update: Update, context: BotContext) -> int:
    """Leave without drafting anything."""
    _FLOW.forget(context)
    message = update.effective_message
    if message is not None:
        t = board_t(context)
        await message.reply_text(t("announce.cancelled"))
    return END


async def _ask(message: Message, context: BotContext, text: str) -> ComposeState:
    """Reply with a prompt for the text; a reply to it from the same member is the text."""
    await _FLOW.reprompt(context, text, reply_to=message)
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
    _FLOW.forget(context)
    await message.reply_text(
        choose_audience_text(t, draft.id), reply_markup=audience_menu(t, draft.id)
    )
    return END


def conversation() -> ConversationHandler[BotContext]:
    """/announce, per board member in the group; /cancel leaves it."""
    listening = _FLOW.listen("announce_replies")
    return group_conversation(
        "announce",
        listening,
        CommandHandler("announce", listening.synced(start)),
        ComposeState.TEXT,
        take=_FLOW.on_reply(ComposeState.TEXT, take_text),
        not_text=not_text,
        cancel=cancel,
    )
