"""/announce in the board group: take the text inline, from a replied message, or ask for it.

The text is the board's own, kept as Telegram HTML built from the message's entities
(``text_html``): bold or links the board used survive, and anything else is escaped. A
replied message is read the same way instead of being copied with copyMessage, so every
member gets the text under a header in their own language, and a board member deleting
the original while the announcement goes out cannot break the remaining sends.
"""

import re
import warnings
from enum import StrEnum

from telegram import ForceReply, Message, Update
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from bot.context import BotContext
from bot.domain.announcements import TEXT_MAX
from bot.handlers.announce.audience import audience_menu, choose_audience_text
from bot.handlers.board.ui import board_t
from bot.handlers.guards import board_only

__all__ = ["ComposeState", "conversation"]

END = ConversationHandler.END
_COMMAND = re.compile(r"^/announce(?:@\w+)?\s*", re.IGNORECASE)


class ComposeState(StrEnum):
    """States of the compose conversation (stored: never rename)."""

    TEXT = "announce_text"


@board_only
async def start(update: Update, context: BotContext) -> ComposeState | int:
    """Draft from the command's own text or the replied message; otherwise ask for text."""
    message = update.effective_message
    if message is None:
        return END
    text = _COMMAND.sub("", message.text or "", count=1)
    if text.strip():
        return await _draft(message, context, text, _COMMAND.sub("", message.text_html, count=1))
    t = board_t(context)
    source = message.reply_to_message
    if source is not None:
        if source.text is None and source.caption is None:
            await message.reply_text(t("announce.need_text"))
            return END
        if source.text is not None:
            return await _draft(message, context, source.text, source.text_html)
        return await _draft(message, context, source.caption or "", source.caption_html)
    await message.reply_text(
        t("announce.ask_text", max=TEXT_MAX), reply_markup=ForceReply(selective=True)
    )
    return ComposeState.TEXT


async def take_text(update: Update, context: BotContext) -> ComposeState | int:
    """The text the board member was asked for (the flow ends if they left the board)."""
    state = await _take_text(update, context)
    return END if state is None else state


@board_only
async def _take_text(update: Update, context: BotContext) -> ComposeState | int:
    message = update.effective_message
    if message is None or message.text is None:
        return END
    return await _draft(message, context, message.text, message.text_html)


async def not_text(update: Update, context: BotContext) -> ComposeState:
    """A photo, sticker or file instead of text: ask again."""
    message = update.effective_message
    if message is not None:
        t = board_t(context)
        await message.reply_text(t("announce.need_text"))
    return ComposeState.TEXT


async def cancel(update: Update, context: BotContext) -> int:
    """Leave without drafting anything."""
    message = update.effective_message
    if message is not None:
        t = board_t(context)
        await message.reply_text(t("announce.cancelled"))
    return END


async def _draft(
    message: Message, context: BotContext, plain: str, text_html: str
) -> ComposeState | int:
    """Store a draft and show the audience menu; text over the limit is refused."""
    t = board_t(context)
    if len(plain.strip()) > TEXT_MAX:
        await message.reply_text(t("announce.too_long", length=len(plain.strip()), max=TEXT_MAX))
        return ComposeState.TEXT
    user = message.from_user
    async with context.store.write() as repos:
        draft = await repos.announcements.create_draft(
            text_html=text_html.strip(),
            board_chat_id=message.chat_id,
            by=user.id if user else 0,
            by_name=user.full_name if user else "",
            now=context.now(),
        )
    await message.reply_text(
        choose_audience_text(t, draft.id), reply_markup=audience_menu(t, draft.id)
    )
    return END


def conversation() -> ConversationHandler[BotContext]:
    """/announce, per board member in the group; /cancel leaves it."""
    text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    other_input = filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL
    # per_message=False is intended: the flow belongs to the board member, not to a message.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CommandHandler("announce", start)],
            states={
                ComposeState.TEXT: [
                    MessageHandler(text, take_text),
                    MessageHandler(other_input, not_text),
                ]
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            name="announce",
            persistent=True,
            per_chat=True,
            per_user=True,
            per_message=False,
            allow_reentry=True,
        )
