"""Files that go with outbox messages, made when the message is sent (so they are current).

An outbox row names its file (``Attachment``: a kind and what it is made from) instead of
holding its bytes; the relay asks ``make`` for them. A file that can no longer be made (its
summit is gone) leaves the message to go out as text.
"""

from dataclasses import dataclass

from bot.domain.outbox import Attachment
from bot.domain.summits import SUMMIT_ICS
from bot.services.runtime import Runtime
from bot.services.summits.after import SUMMIT_MATERIAL, material_of
from bot.services.summits.listing import calendar_of

__all__ = ["File", "make"]


@dataclass(frozen=True, slots=True)
class File:
    """A file to upload (data), or one Telegram already has (file_id)."""

    name: str
    data: bytes | None = None
    file_id: str | None = None


async def make(runtime: Runtime, attachment: Attachment, locale: str) -> File | None:
    """The file an attachment names, in the recipient's language; None if it cannot be made."""
    if attachment.kind == SUMMIT_ICS:
        made = await calendar_of(runtime, attachment.ref, locale)
        if made is None:
            return None
        return File(f"summit-{attachment.ref}.ics", made[1])
    if attachment.kind == SUMMIT_MATERIAL:
        material = await material_of(runtime, attachment.ref)
        if material is None or material.file_id is None:
            return None
        return File(material.file_name or "document", file_id=material.file_id)
    return None
