"""Telegram pieces every feature's handlers share: send in the update's chat, inline buttons."""

import html
import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

__all__ = ["answered", "button", "edit_or_send", "pairs", "reply", "send"]

_LOGGER = logging.getLogger(__name__)


async def send(
    update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send a message in the chat of the update (None when the update has no chat)."""
    chat = update.effective_chat
    if chat is None:
        return None
    return await chat.send_message(text, reply_markup=keyboard)


async def reply(update: Update, text: str, **kwargs: Any) -> None:
    """Answer in the chat of the update, whether it was a message or a button press."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, **kwargs)


async def edit_or_send(
    update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Show text in place of the pressed button's message; when Telegram cannot edit it any
    more (deleted, too old, not the bot's), send it as a new message instead."""
    query = update.callback_query
    if query is not None and query.message is not None:
        try:
            await query.edit_message_text(text, reply_markup=keyboard)
            return
        except BadRequest as problem:
            if "not modified" in str(problem).lower():
                return  # pressed twice: the message already says so
            _LOGGER.info("message not edited, sent anew: %s", problem)
    await send(update, text, keyboard)


async def answered(update: Update) -> None:
    """The question whose button was pressed shows the answer in place of its buttons.

    The answer is the pressed button's label or, for a "Done" under a multiple choice, the
    labels ticked with ✅; either way old buttons do not stay on screen to be pressed again.
    """
    query = update.callback_query
    message = query.message if query is not None else None
    if query is None or not isinstance(message, Message) or message.reply_markup is None:
        return
    rows = message.reply_markup.inline_keyboard
    ticked = [b.text for row in rows for b in row if b.text.startswith("✅")]
    pressed = [b.text for row in rows for b in row if b.callback_data == query.data]
    chosen = ticked or [f"✅ {label}" for label in pressed]
    text = message.text_html if message.text is not None else None
    try:
        if text is None or not chosen:
            await message.edit_reply_markup(None)
        else:
            await message.edit_text(
                text + "\n\n" + html.escape(", ".join(chosen), quote=False), reply_markup=None
            )
    except BadRequest as problem:
        _LOGGER.info("answered question not edited: %s", problem)


def button(text: str, data: str) -> InlineKeyboardButton:
    """An inline button with callback data."""
    return InlineKeyboardButton(text, callback_data=data)


def pairs(buttons: list[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    """Lay buttons out two to a row."""
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
