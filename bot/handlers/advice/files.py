"""A file sent for a case, checked by its size and its first bytes before it is kept."""

from telegram import Message
from telegram.error import TelegramError

from bot.context import BotContext
from bot.domain.advice import Attachment, check_attachment, check_room
from bot.domain.files import sniff
from bot.domain.posts import InvalidInput

__all__ = ["attachment_of", "has_file"]


def has_file(message: Message) -> bool:
    """Whether the message carries a file or a photo."""
    return bool(message.photo) or message.document is not None


async def attachment_of(message: Message, context: BotContext, *, already: int) -> Attachment:
    """The message's photo or document as an attachment; raises InvalidInput when it is too
    big, of a kind the board cannot open, or one too many."""
    if message.photo:
        largest = message.photo[-1]
        file_id, size, name, as_photo = largest.file_id, largest.file_size, None, True
    elif message.document is not None:
        document = message.document
        file_id, size, name = document.file_id, document.file_size, document.file_name
        as_photo = False
    else:
        raise InvalidInput("advice.error.file_kind")
    check_room(size, already)  # before downloading anything
    try:
        file = await context.bot.get_file(file_id)
        content = bytes(await file.download_as_bytearray())
    except TelegramError as problem:  # over the download limit, or gone meanwhile
        raise InvalidInput("advice.error.file_unreadable") from problem
    kind = sniff(content)
    check_attachment(size, kind=kind, already=already)
    assert kind is not None  # noqa: S101 - check_attachment refuses None
    return Attachment(file_id=file_id, kind=kind, as_photo=as_photo, name=name)
