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

from telegram import Message, Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.domain.announcements import TEXT_MAX, InvalidText, clean_announcement
from bot.domain.text import has_visible
from bot.handlers import prompts
from bot.handlers.announce.audience import audience_menu, choose_audience_text
from bot.handlers.board.ui import board_t
from bot.handlers.guards import board_only
from bot.handlers.prompts import PromptOwner
from bot.services.prompts import Flow

__all__ = ["OWNER", "handlers"]

_COMMAND = re.compile(r"^/announce(?:@\w+)?\s*", re.IGNORECASE)


async def start(update: Update, context: BotContext) -> None:
    """Draft from the command's own text or the replied message; otherwise ask for text."""
    message = update.effective_message
    if message is None:
        return
    prompts.clear(update, context, Flow.ANNOUNCE)
    text = _COMMAND.sub("", message.text or "", count=1)
    if has_visible(text):
        await _draft(update, message, context, text, _COMMAND.sub("", message.text_html, count=1))
        return
    t = board_t(context)
    source = message.reply_to_message
    # /announce replied to the bot's own "write the text" prompt asks again rather than
    # announcing the prompt.
    if source is not None and not prompts.was_closed(update, context, source.message_id):
        if source.text is not None:
            await _draft(update, message, context, source.text, source.text_html)
        elif source.caption is not None:
            await _draft(update, message, context, source.caption, source.caption_html)
        else:
            await _ask(update, message, context, t("announce.need_text", max=TEXT_MAX))
        return
    await _ask(update, message, context, t("announce.ask_text", max=TEXT_MAX))


@board_only
async def _take(update: Update, context: BotContext) -> bool:
    message = update.effective_message
    if message is None:
        return False
    if message.text is None:
        text = board_t(context)("announce.need_text", max=TEXT_MAX)
        await _ask(update, message, context, text)
    else:
        await _draft(update, message, context, message.text, message.text_html)
    return True


async def take_text(update: Update, context: BotContext) -> None:
    """The text replied to the prompt (the flow ends if its writer left the board)."""
    if await _take(update, context) is None:
        prompts.clear(update, context, Flow.ANNOUNCE)


async def cancel(update: Update, context: BotContext) -> None:
    """Leave without drafting anything."""
    prompts.clear(update, context, Flow.ANNOUNCE)
    message = update.effective_message
    if message is not None:
        await message.reply_text(board_t(context)("announce.cancelled"))


async def _ask(update: Update, message: Message, context: BotContext, text: str) -> None:
    """Reply with a prompt for the text; a reply to it from the same member is the text."""
    prompt = prompts.current(update, context, Flow.ANNOUNCE) or prompts.arm(
        update, context, Flow.ANNOUNCE
    )
    if prompt is not None:
        await prompts.reask_in_group(context, prompt, text, message)


async def _draft(
    update: Update, message: Message, context: BotContext, plain: str, text_html: str
) -> None:
    """Store a draft and show the audience menu; text over the limit is asked for again."""
    t = board_t(context)
    try:
        cleaned = clean_announcement(plain, text_html)
    except InvalidText as problem:
        if problem.invisible:
            text = t("announce.invisible", max=TEXT_MAX)
        else:
            text = t("announce.too_long", length=problem.length, max=TEXT_MAX)
        await _ask(update, message, context, text)
        return
    user = message.from_user
    async with context.store.write() as repos:
        draft = await repos.announcements.create_draft(
            text_html=cleaned,
            board_chat_id=message.chat_id,
            by=user.id if user else 0,
            by_name=user.full_name if user else "",
            now=context.now(),
        )
    prompts.clear(update, context, Flow.ANNOUNCE)
    await message.reply_text(
        choose_audience_text(t, draft.id), reply_markup=audience_menu(t, draft.id)
    )


OWNER = PromptOwner(answer=take_text, cancel=cancel, keeps_commands=frozenset({"help"}))


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/announce (the text, when asked for, comes through the prompt router)."""
    return [CommandHandler("announce", start)]
