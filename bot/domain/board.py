"""Rules of the board's work: decisions, rejection reasons, listing pages and name lookup."""

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.text import clean_text, fold, has_visible

__all__ = [
    "MEMBERS_PAGE_SIZE",
    "PENDING_SHOWN",
    "REASON_MAX",
    "Actor",
    "AuditAction",
    "Page",
    "ReasonError",
    "actor_name",
    "clean_reason",
    "decision_dedupe_key",
    "entity_subject",
    "match_names",
    "page_of",
    "parse_entity_ref",
]

REASON_MAX = 500
MEMBERS_PAGE_SIZE = 10
# /pending posts one message per application; more would flood the group (20 a minute).
PENDING_SHOWN = 10
_MATCHES_MAX = 10


class AuditAction(StrEnum):
    """What a board member did, as written to the audit log."""

    APPROVE = "entity.approve"
    REJECT = "entity.reject"


class ReasonError(ValueError):
    """A rejection reason that cannot be used: nothing visible, or longer than REASON_MAX."""

    def __init__(self, length: int, *, invisible: bool = False) -> None:
        super().__init__(f"reason of {length} characters")
        self.length = length
        self.invisible = invisible  # nothing of it shows: the problem is not its length


def clean_reason(text: str) -> str:
    """Clean (clean_text) and trim a reason; raise ReasonError when nothing of it shows or it
    is over REASON_MAX characters."""
    reason = clean_text(text, multiline=True).strip()
    if not has_visible(reason):
        raise ReasonError(len(reason), invisible=True)
    if len(reason) > REASON_MAX:
        raise ReasonError(len(reason))
    return reason


def actor_name(full_name: str, username: str | None) -> str:
    """How a board member is named in decisions and the audit log: 'Ana (@ana)'."""
    name = " ".join(full_name.split()) or "?"
    return f"{name} (@{username})" if username else name


@dataclass(frozen=True, slots=True)
class Actor:
    """The board member deciding, as recorded: Telegram id and 'Ana (@ana)'."""

    user_id: int
    name: str

    @classmethod
    def named(cls, user_id: int, full_name: str, username: str | None) -> "Actor":
        """The actor with this id, named as decisions and the audit log show them."""
        return cls(user_id, actor_name(full_name, username))


def decision_dedupe_key(entity_id: int) -> str:
    """Outbox key of the one message that tells an applicant the board's decision."""
    return f"entity-decision:{entity_id}"


def entity_subject(entity_id: int) -> str:
    """Audit-log subject of an entity."""
    return f"entity:{entity_id}"


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: its 1-based number, how many pages there are, and the offset."""

    number: int
    count: int
    offset: int
    size: int

    @property
    def has_previous(self) -> bool:
        """Whether a page comes before this one."""
        return self.number > 1

    @property
    def has_next(self) -> bool:
        """Whether a page comes after this one."""
        return self.number < self.count


def page_of(total: int, requested: int, size: int = MEMBERS_PAGE_SIZE) -> Page:
    """The requested page, moved inside 1..count (an old button may point past the end)."""
    count = max(1, -(-total // size))
    number = min(max(1, requested), count)
    return Page(number=number, count=count, offset=(number - 1) * size, size=size)


def parse_entity_ref(text: str) -> int | None:
    """An entity number typed as '12' or '#12', else None (then it is a name)."""
    raw = clean_text(text).strip().removeprefix("#")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def match_names(query: str, names: list[tuple[int, str]]) -> list[int]:
    """Ids whose name matches query, ignoring case and accents: exact names first."""
    wanted = fold(clean_text(query))
    if not wanted:
        return []
    exact = [entity_id for entity_id, name in names if fold(name) == wanted]
    if exact:
        return exact[:_MATCHES_MAX]
    partial = [entity_id for entity_id, name in names if wanted in fold(name)]
    return partial[:_MATCHES_MAX]
