"""Telegram pieces every feature's handlers share: send in the update's chat, inline buttons."""

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

__all__ = ["button", "pairs", "reply", "send"]


async def send(update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Send a message in the chat of the update."""
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, reply_markup=keyboard)


async def reply(update: Update, text: str, **kwargs: Any) -> None:
    """Answer in the chat of the update, whether it was a message or a button press."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, **kwargs)


def button(text: str, data: str) -> InlineKeyboardButton:
    """An inline button with callback data."""
    return InlineKeyboardButton(text, callback_data=data)


def pairs(buttons: list[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    """Lay buttons out two to a row."""
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
