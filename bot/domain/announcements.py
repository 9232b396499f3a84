"""Board announcements: who receives one, and how far its sending has got."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from bot.domain.network import Network
from bot.domain.outbox import OutboxStatus
from bot.domain.text import clean_text, has_visible

__all__ = [
    "TEXT_MAX",
    "Announcement",
    "AnnouncementStatus",
    "Audience",
    "AudienceKind",
    "InvalidText",
    "Progress",
    "Recipient",
    "batch_of",
    "clean_announcement",
    "recipient_key",
    "report_key",
]

# Telegram allows 4096 characters; the header each recipient sees needs some of them.
TEXT_MAX = 3500


class InvalidText(ValueError):
    """An announcement's text that cannot go out: nothing of it shows, or it is too long."""

    def __init__(self, length: int, *, invisible: bool = False) -> None:
        super().__init__(f"announcement of {length} characters")
        self.length = length
        self.invisible = invisible


def clean_announcement(plain: str, text_html: str) -> str:
    """The HTML an announcement keeps, cleaned like any free text (clean_text) so nothing
    invisible goes out to every member; InvalidText when nothing of plain (its text as
    shown) is visible or it is over TEXT_MAX characters."""
    shown = clean_text(plain, multiline=True).strip()
    if not has_visible(shown):
        raise InvalidText(len(shown), invisible=True)
    if len(shown) > TEXT_MAX:
        raise InvalidText(len(shown))
    # Tags and entities are ASCII: cleaning the HTML drops the same characters as the text.
    return clean_text(text_html, multiline=True).strip()


class AnnouncementStatus(StrEnum):
    """A draft is being prepared; running ones are in the outbox."""

    DRAFT = "draft"
    RUNNING = "running"
    CANCELLED = "cancelled"  # discarded as a draft, or stopped by the board while sending
    DONE = "done"


class AudienceKind(StrEnum):
    """How the board picks recipients."""

    ALL = "all"
    SECTOR = "sector"
    KIND = "kind"
    COMARCA = "comarca"
    MUNICIPALITY = "municipality"


class Audience(BaseModel):
    """Every member, or those whose entity has a sector, kind, comarca or municipality."""

    model_config = ConfigDict(frozen=True)

    kind: AudienceKind = AudienceKind.ALL
    key: str | None = None

    def includes(self, recipient: "Recipient", network: Network) -> bool:
        """Whether the recipient's entity belongs to this audience."""
        if self.kind is AudienceKind.ALL:
            return True
        if self.kind is AudienceKind.SECTOR:
            return self.key in recipient.sectors
        if self.kind is AudienceKind.KIND:
            return recipient.kind == self.key
        if self.kind is AudienceKind.MUNICIPALITY:
            return recipient.municipality == self.key
        place = network.municipality(recipient.municipality or "")
        return place is not None and place.comarca == self.key


class Recipient(BaseModel):
    """A reachable member of an approved entity."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    locale: str | None
    entity_id: int
    entity_name: str
    kind: str
    sectors: list[str]
    municipality: str | None


class Announcement(BaseModel):
    """One announcement and, once it is over, what became of it."""

    model_config = ConfigDict(frozen=True)

    id: int
    text_html: str
    audience: Audience
    status: AnnouncementStatus
    board_chat_id: int
    progress_message_id: int | None
    created_by: int
    created_by_name: str
    created_at: datetime
    confirmed_by: int | None = None
    confirmed_at: datetime | None = None
    reported_at: datetime | None = None
    total: int = 0
    sent: int = 0
    failed: int = 0
    ambiguous: int = 0
    cancelled: int = 0


@dataclass(frozen=True, slots=True)
class Progress:
    """How many of an announcement's messages reached each status."""

    total: int
    sent: int
    failed: int
    ambiguous: int
    cancelled: int

    @classmethod
    def of(cls, total: int, counts: Mapping[OutboxStatus, int]) -> "Progress":
        """Progress from the outbox rows of the announcement's batch."""
        return cls(
            total=total,
            sent=counts.get(OutboxStatus.SENT, 0),
            failed=counts.get(OutboxStatus.FAILED, 0),
            ambiguous=counts.get(OutboxStatus.AMBIGUOUS, 0),
            cancelled=counts.get(OutboxStatus.CANCELLED, 0),
        )

    @property
    def settled(self) -> bool:
        """Every message has its final outcome."""
        return self.sent + self.failed + self.ambiguous + self.cancelled >= self.total


def batch_of(announcement_id: int) -> str:
    """The outbox batch holding an announcement's messages."""
    return f"announce:{announcement_id}"


def recipient_key(announcement_id: int, user_id: int) -> str:
    """Outbox dedupe key: one copy per announcement and member."""
    return f"announce:{announcement_id}:{user_id}"


def report_key(announcement_id: int) -> str:
    """Outbox dedupe key of the delivery report to the board."""
    return f"announce-report:{announcement_id}"
