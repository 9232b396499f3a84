"""Messages that are not direct replies: what to say, to whom, and when."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Attachment", "Button", "Category", "Media", "OutboxItem", "OutboxStatus", "Rendered"]


class Category(StrEnum):
    """Why a message is sent; scheduled ones wait for the end of quiet hours."""

    REPLY = "reply"  # a consequence of something the recipient or the board just did
    SCHEDULED = "scheduled"  # reminders, alerts and notices found by the due scans
    ANNOUNCEMENT = "announcement"  # confirmed by the board, sent at once


class OutboxStatus(StrEnum):
    """Life of an outbox row."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    AMBIGUOUS = "ambiguous"  # a send timed out: it may have arrived, so it is never resent
    CANCELLED = "cancelled"


class Button(BaseModel):
    """An inline button whose label is a catalog key, rendered in the recipient's language."""

    model_config = ConfigDict(frozen=True)

    key: str
    params: dict[str, Any] = Field(default_factory=dict)
    callback_data: str | None = None
    url: str | None = None


class Media(BaseModel):
    """A file sent with the message (its text becomes the caption), and what it answers."""

    model_config = ConfigDict(frozen=True)

    file_id: str | None = None
    as_photo: bool = False  # a Telegram photo, not a document
    # The dedupe key of an earlier row this message replies to: its Telegram message id is
    # known only once that row is sent, so the relay looks it up at send time.
    reply_to_key: str | None = None


class Attachment(BaseModel):
    """A file to send with a message, made when it is sent (so it is current then)."""

    model_config = ConfigDict(frozen=True)

    kind: str  # which maker (bot/services/attachments.py), e.g. "summit_ics"
    ref: int  # what it is made from, e.g. the summit's id


class Rendered(BaseModel):
    """A message key with its parameters, optional keyboard, and a file: one Telegram holds
    (media) or one made when it is sent (attachment)."""

    model_config = ConfigDict(frozen=True)

    key: str
    params: dict[str, Any] = Field(default_factory=dict)
    keyboard: list[list[Button]] | None = None
    media: Media | None = None
    attachment: Attachment | None = None


class OutboxItem(BaseModel):
    """One stored outbox row."""

    model_config = ConfigDict(frozen=True)

    id: int
    dedupe_key: str
    chat_id: int
    locale: str
    message: Rendered
    category: Category
    batch: str | None
    not_before: datetime
    status: OutboxStatus
    attempts: int
    last_error: str | None
    sent_message_id: int | None
    created_at: datetime
    updated_at: datetime
    expires_at: datetime | None = None
