"""The board sends its member list (a .csv document) to the group; the bot answers with the
links to send, or with every problem by line (and then nothing was imported)."""

import logging
from typing import Any

from telegram import Document, InputFile, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.context import BotContext
from bot.domain.member_import import MAX_BYTES
from bot.handlers.board.ui import board_t
from bot.services import member_import
from bot.services.member_import import Importer
from bot.views.entities import local_moment
from bot.views.member_import import LinkLine, claim_link, links_csv, problems_html

__all__ = ["handlers"]

_LOGGER = logging.getLogger(__name__)
# What spreadsheets call a CSV file when they send it; the name decides when it says .csv.
_CSV_TYPES = {"text/csv", "text/plain", "text/comma-separated-values", "application/csv"}


def _looks_like_csv(document: Document) -> bool:
    name = (document.file_name or "").lower()
    if name:
        return name.endswith((".csv", ".txt"))
    return (document.mime_type or "").lower() in _CSV_TYPES


async def import_list(update: Update, context: BotContext) -> None:
    """Import the member list sent as a document; anything else gets what to send instead."""
    message = update.effective_message
    user = update.effective_user
    document = message.document if message is not None else None
    if message is None or user is None or document is None:
        return
    t = board_t(context)
    if not _looks_like_csv(document):
        await message.reply_text(t("member_import.not_csv"))
        return
    if (document.file_size or 0) > MAX_BYTES:
        await message.reply_text(t("member_import.too_big", limit_kb=MAX_BYTES // 1024))
        return
    file = await document.get_file()
    data = bytes(await file.download_as_bytearray())
    importer = Importer(user.id, user.full_name + (f" (@{user.username})" if user.username else ""))
    result = await member_import.import_members(context.services, data, importer, context.now())
    if result.problems:
        lines = problems_html(t, context.network, result.problems)
        await message.reply_text(
            t("member_import.failed", count=len(result.problems), lines_html=lines)
        )
        return
    assert result.expires_at is not None  # noqa: S101 - set whenever something was imported
    expires = local_moment(result.expires_at, context.settings.tz, year=True)
    username = context.bot.username
    links = [LinkLine(i.name, i.email, claim_link(username, i.token)) for i in result.imported]
    text = t("member_import.done", count=len(result.imported), date=expires)
    if result.renewed:
        text += "\n\n" + t("member_import.renewed", count=result.renewed)
    _LOGGER.info("user %s imported %d organisations", user.id, len(result.imported))
    await message.reply_document(
        InputFile(links_csv(t, links, expires), filename=t("member_import.file_name")),
        caption=text,
    )


# A member list, or a spreadsheet sent instead of one (answered with what to send). Other files
# in the board group (minutes, a case's documents) are the board's own business.
_SPREADSHEETS = (
    filters.Document.FileExtension("csv")
    | filters.Document.FileExtension("xlsx")
    | filters.Document.FileExtension("xls")
    | filters.Document.FileExtension("ods")
    | filters.Document.MimeType("text/csv")
    | filters.Document.MimeType("application/vnd.ms-excel")
)


def handlers(board_chat_id: int | None) -> list[BaseHandler[Update, BotContext, Any]]:
    """A spreadsheet posted in the board group, not as a reply (a reply belongs to the thread
    it answers); nowhere else: other groups' files are not the bot's."""
    if board_chat_id is None:
        return []
    board = filters.Chat(chat_id=board_chat_id)
    return [MessageHandler(_SPREADSHEETS & ~filters.REPLY & board, import_list)]
