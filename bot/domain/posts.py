"""Needs and offers: models, input validation, limits and the life of a post."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from bot.domain.files import FileType, sniff
from bot.domain.text import clean_text, fold, has_visible

__all__ = [
    "CONDITIONS_MAX",
    "DEFAULT_EXPIRY_DAYS",
    "DESCRIPTION_MAX",
    "DISCOUNT_MAX",
    "EXPIRY_CHOICES",
    "FILE_MAX_BYTES",
    "LISTED_STATUSES",
    "LIVE_STATUSES",
    "MESSAGE_MAX",
    "PAGE_SIZE",
    "POST_DOCUMENTS",
    "REASON_MAX",
    "TITLE_MAX",
    "CloseReason",
    "FileKind",
    "InvalidInput",
    "Limits",
    "ListingFilter",
    "Place",
    "PlaceKind",
    "Post",
    "PostDraft",
    "PostKind",
    "PostStatus",
    "check_description",
    "check_document",
    "check_limits",
    "check_short_text",
    "check_title",
    "expiry_warning_key",
    "extended_expiry",
    "parse_needed_by",
    "partner_matches",
]

TITLE_MAX = 80
DESCRIPTION_MAX = 1000
CONDITIONS_MAX = 300
DISCOUNT_MAX = 200
REASON_MAX = 500
MESSAGE_MAX = 2000  # a relayed contact message; Telegram's cap is 4096 with our framing
FILE_MAX_BYTES = 10 * 1024 * 1024
# What a post's file (sent as a file, not as a photo) may be, by its content.
POST_DOCUMENTS = frozenset({FileType.PDF})
EXPIRY_CHOICES = (30, 90, 180)
DEFAULT_EXPIRY_DAYS = 90
PAGE_SIZE = 5

_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


class PostKind(StrEnum):
    """What the author wants: something they lack, or something they give."""

    NEED = "need"
    OFFER = "offer"


class PostStatus(StrEnum):
    """Where a post is in its life."""

    PENDING = "pending"  # waiting for the board (moderation on)
    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"
    REMOVED = "removed"  # by the board
    REJECTED = "rejected"  # by the board, before publication
    EXPIRED = "expired"


# Statuses the author can still act on, and the only one that is ever listed.
LIVE_STATUSES = (PostStatus.PENDING, PostStatus.ACTIVE, PostStatus.PAUSED)
LISTED_STATUSES = (PostStatus.ACTIVE,)


class PlaceKind(StrEnum):
    """Where the post applies."""

    MUNICIPALITY = "municipality"
    COMARCA = "comarca"
    PROVINCE = "province"
    ONLINE = "online"


class CloseReason(StrEnum):
    """Why the author closed a post."""

    WITHDRAWN = "withdrawn"
    FULFILLED = "fulfilled"


class FileKind(StrEnum):
    """The kind of attachment, which decides how it is sent back."""

    PHOTO = "photo"
    DOCUMENT = "document"


class InvalidInput(ValueError):
    """User input that breaks a rule; key names the localized explanation."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class Place(BaseModel):
    """A municipality, a comarca, the whole province, or online."""

    model_config = ConfigDict(frozen=True)

    kind: PlaceKind
    key: str | None = None  # municipality or comarca key
    comarca: str | None = None  # the comarca of a municipality, for filtering


class PostDraft(BaseModel):
    """Everything the author writes; stored between steps while composing."""

    model_config = ConfigDict(frozen=True)

    kind: PostKind
    sector: str
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    description: str = Field(min_length=1, max_length=DESCRIPTION_MAX)
    place: Place
    needed_by: date | None = None
    urgent: bool = False
    conditions: str | None = Field(default=None, max_length=CONDITIONS_MAX)
    member_discount: str | None = Field(default=None, max_length=DISCOUNT_MAX)
    file_id: str | None = None
    file_kind: FileKind | None = None
    expiry_days: int = DEFAULT_EXPIRY_DAYS


class Post(PostDraft):
    """A stored post."""

    id: int
    author_id: int
    entity_id: int
    status: PostStatus
    close_reason: CloseReason | None = None
    status_reason: str | None = None
    decided_by: int | None = None
    decided_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None = None
    expires_at: datetime | None = None

    def is_listed(self, now: datetime) -> bool:
        """Whether browsing and search may show it."""
        return (
            self.status in LISTED_STATUSES
            and self.expires_at is not None
            and (self.expires_at > now)
        )

    def current_status(self, now: datetime) -> PostStatus:
        """The status, counting a passed expiry the scan has not recorded yet."""
        if self.status in (PostStatus.ACTIVE, PostStatus.PAUSED) and (
            self.expires_at is not None and self.expires_at <= now
        ):
            return PostStatus.EXPIRED
        return self.status


class Limits(BaseModel):
    """The network file's caps on posting."""

    model_config = ConfigDict(frozen=True)

    max_active_posts: int
    posts_per_day: int


def _require_visible(cleaned: str, typed: str) -> None:
    if not has_visible(cleaned):
        # Something was typed, yet nothing of it shows (zero-width or control characters).
        raise InvalidInput("posts.error.invisible" if typed.strip() else "posts.error.empty")


def check_title(text: str) -> str:
    """A one-line title of at most TITLE_MAX characters (cleaned: clean_text)."""
    title = " ".join(clean_text(text).split())
    _require_visible(title, text)
    if len(title) > TITLE_MAX:
        raise InvalidInput("posts.error.too_long", limit=TITLE_MAX, length=len(title))
    return title


def check_description(text: str) -> str:
    """A description of at most DESCRIPTION_MAX characters; line breaks are kept."""
    return check_short_text(text, DESCRIPTION_MAX)


def check_short_text(text: str, limit: int) -> str:
    """Free text of at most limit characters (conditions, discount, reasons, messages); line
    breaks are kept (cleaned: clean_text)."""
    cleaned = clean_text(text, multiline=True).strip()
    _require_visible(cleaned, text)
    if len(cleaned) > limit:
        raise InvalidInput("posts.error.too_long", limit=limit, length=len(cleaned))
    return cleaned


def check_document(content: bytes) -> FileType:
    """A post's file by its content, whatever its name or claimed type: a PDF, at most
    FILE_MAX_BYTES."""
    if len(content) > FILE_MAX_BYTES:
        raise InvalidInput("posts.error.file_size", max_mb=FILE_MAX_BYTES // (1024 * 1024))
    kind = sniff(content)
    if kind is None or kind not in POST_DOCUMENTS:
        raise InvalidInput("posts.error.file_content")
    return kind


def parse_needed_by(text: str, today: date) -> date:
    """A dd/mm/yyyy date after today."""
    found = _DATE.match(clean_text(text))
    if not found:
        raise InvalidInput("posts.error.date_format")
    try:
        when = date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        raise InvalidInput("posts.error.date_format") from None
    if when <= today:
        raise InvalidInput("posts.error.date_past")
    if when > today + timedelta(days=3 * 365):
        raise InvalidInput("posts.error.date_far")
    return when


def check_limits(limits: Limits, *, active: int, created_last_day: int) -> None:
    """Refuse a new post over the member's active cap or daily quota."""
    if active >= limits.max_active_posts:
        raise InvalidInput("posts.error.max_active", limit=limits.max_active_posts)
    if created_last_day >= limits.posts_per_day:
        raise InvalidInput("posts.error.per_day", limit=limits.posts_per_day)


def extended_expiry(current: datetime | None, now: datetime, days: int) -> datetime:
    """The expiry after "days more": added to the current one, or to now once it has passed."""
    if days not in EXPIRY_CHOICES:
        raise InvalidInput("posts.error.expiry_choice")
    start = now if current is None or current < now else current
    return start + timedelta(days=days)


# A typed entity name: longer than any name, it is not one (and fuzzy matching stays cheap).
_NAME_QUERY_MAX = 120
_NAME_FUZZY_MIN = 3  # below 3 letters nearly every name "partially" matches
# WRatio 0-100: 80 keeps typos ("grean bakrs") and parts ("panaderia") of a name, and drops
# unrelated names, as the municipality lookup in bot/domain/network.py does.
_NAME_CUTOFF = 80.0
_NAME_MATCHES_MAX = 5  # one button each


def partner_matches(query: str, names: Sequence[tuple[int, str]]) -> list[int]:
    """Ids whose name is what was typed (case, accents and typos aside), best first."""
    wanted = " ".join(fold(clean_text(query[: _NAME_QUERY_MAX * 4])).split())[:_NAME_QUERY_MAX]
    if not wanted:
        return []
    folded = {entity_id: " ".join(fold(name).split()) for entity_id, name in names}
    exact = [entity_id for entity_id, name in folded.items() if name == wanted]
    if exact:
        return exact[:_NAME_MATCHES_MAX]
    if len(wanted.replace(" ", "")) < _NAME_FUZZY_MIN:
        return [i for i, name in folded.items() if wanted in name][:_NAME_MATCHES_MAX]
    hits = process.extract(
        wanted,
        folded,
        scorer=fuzz.WRatio,
        processor=None,
        score_cutoff=_NAME_CUTOFF,
        limit=_NAME_MATCHES_MAX,
    )
    return [int(key) for _name, _score, key in hits]


def expiry_warning_key(post_id: int, expires_at: datetime) -> str:
    """Outbox dedupe key of the expiry warning: one per post and expiry date."""
    return f"post-expiry:{post_id}:{expires_at.date().isoformat()}"


@dataclass(frozen=True, slots=True)
class ListingFilter:
    """What a member browses: a kind, a sector, a place and search words (all optional)."""

    kind: PostKind | None = None
    sector: str | None = None
    comarca: str | None = None
    municipality: str | None = None
    match: str | None = None  # an FTS5 expression (bot.domain.search, bot.domain.search_query)
    rank_first: str | None = None  # an FTS5 expression: the posts it finds are listed first
