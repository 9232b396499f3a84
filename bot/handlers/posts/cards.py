"""Sending a post's card with its attachment (a photo above it, a PDF right below it)."""

import logging

from telegram import Chat, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.domain.posts import FileKind, PostDraft
from bot.i18n import Translator

__all__ = ["send_card"]

_LOGGER = logging.getLogger(__name__)


async def send_card(
    chat: Chat,
    draft: PostDraft,
    text: str,
    keyboard: InlineKeyboardMarkup | None,
    t: Translator,
) -> None:
    """Send a post's card with its attachment: a photo above it, a PDF right below it.

    A PDF alone says nothing about what it belongs to, so it follows the card (which points to
    it, see card_html's attachment_below) and both files carry the post's title as caption.
    """
    document = draft.file_kind is FileKind.DOCUMENT
    if not document:
        await _send_file(chat, draft, t)
    await chat.send_message(text, reply_markup=keyboard)
    if document:
        await _send_file(chat, draft, t)


async def _send_file(chat: Chat, draft: PostDraft, t: Translator) -> None:
    if draft.file_id is None:
        return
    caption = t("posts.card.attachment_caption", title=draft.title)
    try:
        if draft.file_kind is FileKind.PHOTO:
            await chat.send_photo(draft.file_id, caption=caption)
        else:
            await chat.send_document(draft.file_id, caption=caption)
    except TelegramError as exc:
        # A file_id can stop working (another bot token, a deleted file): the card still counts.
        _LOGGER.warning("could not send the attachment of a post: %s", exc)
