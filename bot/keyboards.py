"""Telegram inline keyboards shared by handlers, jobs and the outbox relay."""

from collections.abc import Callable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.buttons.announce import AnnounceStop
from bot.domain.outbox import Button

__all__ = ["inline_keyboard", "stop_markup"]


def inline_keyboard(
    rows: Sequence[Sequence[Button]], label: Callable[[Button], str]
) -> InlineKeyboardMarkup:
    """A keyboard from stored buttons; `label` renders each button's key in one language."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    label(button), callback_data=button.callback_data, url=button.url
                )
                for button in row
            ]
            for row in rows
        ]
    )


def stop_markup(announcement_id: int, label: str) -> InlineKeyboardMarkup:
    """The Stop button under a running announcement's progress."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    label, callback_data=AnnounceStop(announcement_id=announcement_id).pack()
                )
            ]
        ]
    )
