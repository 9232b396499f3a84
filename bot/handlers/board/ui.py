"""What every board handler shares: the board's language, application buttons, alerts."""

import html
import logging

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MaybeInaccessibleMessage,
    Message,
)
from telegram.error import BadRequest

from bot.buttons.board import ApproveApplication, RejectApplication
from bot.callbacks import unpack_any
from bot.context import BotContext
from bot.domain.members import Entity
from bot.domain.outbox import Button
from bot.i18n import N_, Translator
from bot.views.entities import decision_line_html, local_moment, status_label

__all__ = [
    "already_decided",
    "application_buttons",
    "application_markup",
    "board_t",
    "callback_entity_id",
    "card_html",
    "plain",
    "show_decision",
    "show_decision_by_id",
]

_LOGGER = logging.getLogger(__name__)
_ALERT_MAX = 200  # Telegram's limit for a callback answer


def board_t(context: BotContext) -> Translator:
    """Translator in the board's language: everything posted in the group uses it."""
    return context.translator(context.settings.default_locale)


def plain(text: str) -> str:
    """Text for a callback alert, which Telegram shows without HTML parsing."""
    return html.unescape(text)[:_ALERT_MAX]


def application_buttons(entity_id: int) -> list[list[Button]]:
    """Approve / Reject for an application, as stored outbox buttons (labels are keys)."""
    return [
        [
            Button(
                key=N_("board.approve"),
                callback_data=ApproveApplication(entity_id=entity_id).pack(),
            ),
            Button(
                key=N_("board.reject"),
                callback_data=RejectApplication(entity_id=entity_id).pack(),
            ),
        ]
    ]


def application_markup(entity_id: int, t: Translator) -> InlineKeyboardMarkup:
    """Approve / Reject for an application, ready to send."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(button.key), callback_data=button.callback_data)
                for button in row
            ]
            for row in application_buttons(entity_id)
        ]
    )


def callback_entity_id(query: CallbackQuery) -> int | None:
    """The entity id a board button carries, or None for malformed data."""
    pressed = unpack_any(query.data, ApproveApplication, RejectApplication)
    return pressed.entity_id if pressed is not None and pressed.entity_id > 0 else None


async def already_decided(query: CallbackQuery, context: BotContext, entity: Entity) -> None:
    """Tell the presser who decided first; refresh a copy of the card that still has buttons."""
    status = status_label(context.t, entity.status)
    if entity.decided_by_name is None or entity.decided_at is None:
        # Set outside a board decision (e.g. by an operator): there is nobody to name.
        text = context.t("board.no_longer_pending", status=status)
    else:
        text = context.t(
            "board.already_decided",
            status=status,
            actor=entity.decided_by_name,
            when=local_moment(entity.decided_at, context.settings.tz),
        )
    await query.answer(plain(text), show_alert=True)
    message = query.message
    if isinstance(message, Message) and message.reply_markup is not None:
        await show_decision(message, context, entity)


def card_html(message: Message | MaybeInaccessibleMessage | None) -> str | None:
    """The HTML text of a board card, or None when Telegram no longer shares it (48 h)."""
    if isinstance(message, Message) and message.text:
        return message.text_html
    return None


async def show_decision(
    message: Message | MaybeInaccessibleMessage, context: BotContext, entity: Entity
) -> None:
    """Append the decision to the board's card and remove its buttons."""
    await show_decision_by_id(
        context,
        entity,
        chat_id=message.chat.id,
        message_id=message.message_id,
        card=card_html(message),
    )


async def show_decision_by_id(
    context: BotContext, entity: Entity, *, chat_id: int, message_id: int, card: str | None
) -> None:
    """Replace a card by its text plus the decision (or the decision alone), without buttons."""
    line = decision_line_html(entity, t=board_t(context), tz=context.settings.tz)
    text = f"{card}\n\n{line}" if card else line
    try:
        await context.bot.edit_message_text(
            text, chat_id=chat_id, message_id=message_id, reply_markup=None
        )
    except BadRequest as exc:
        # Deleted, too old to edit, or already showing it: the decision itself is stored.
        _LOGGER.info("could not show the decision on message %s: %s", message_id, exc)
