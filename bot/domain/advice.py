"""Advice cases: what a member asks the board for, and the life of a case.

A case is open until a board member claims it; a board answer leaves it waiting for the
member, and the member's answer hands it back to its holder. Closing ends it; it can be
reopened, and unclaimed to hand it back to the whole board. Each rule is a pure function
that returns the changed case or raises InvalidInput naming the localized reason.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from bot.domain.files import FileType
from bot.domain.posts import InvalidInput, check_short_text

__all__ = [
    "ASKABLE",
    "DESCRIPTION_MAX",
    "FILES_MAX",
    "FILE_MAX_BYTES",
    "REPLY_MAX",
    "Attachment",
    "Case",
    "CaseEntry",
    "CaseStatus",
    "CaseType",
    "ContactWay",
    "Side",
    "board_replied",
    "check_attachment",
    "check_description",
    "check_reply",
    "check_room",
    "claim",
    "close",
    "member_replied",
    "reminder_due_at",
    "reopen",
    "unclaim",
]

DESCRIPTION_MAX = 2000
REPLY_MAX = 2000
FILES_MAX = 5
FILE_MAX_BYTES = 20 * 1024 * 1024  # what the Bot API lets the bot download


class CaseType(StrEnum):
    """What the member asks for; values are stored, so never rename them."""

    IDEA = "idea"
    BUSINESS_PLAN = "business_plan"
    COMMUNICATION_PLAN = "communication_plan"
    STARTUP = "startup"
    GROWTH = "growth"
    LEGAL = "legal"
    OTHER = "other"


# The kinds a member picks when asking for advice, in the order they are offered.
ASKABLE = tuple(CaseType)


class ContactWay(StrEnum):
    """How the member prefers to talk."""

    BOT = "bot"
    PHONE = "phone"
    MEETING = "meeting"


class CaseStatus(StrEnum):
    """Where a case stands; values are stored, so never rename them."""

    OPEN = "open"  # nobody holds it
    CLAIMED = "claimed"  # a board member holds it, and it is the board's turn
    WAITING = "waiting"  # the board answered: the member's turn
    CLOSED = "closed"


class Side(StrEnum):
    """Who wrote an entry of a case's thread."""

    MEMBER = "member"
    BOARD = "board"


class Attachment(BaseModel):
    """A file sent for a case, kept as Telegram's handle to send it on."""

    model_config = ConfigDict(frozen=True)

    file_id: str
    kind: FileType
    as_photo: bool = False  # sent as a Telegram photo (compressed), so sent back as one
    name: str | None = None


class Case(BaseModel):
    """One request for help and where it stands."""

    model_config = ConfigDict(frozen=True)

    id: int
    member_id: int
    entity_id: int
    type: CaseType
    description: str
    contact: ContactWay
    status: CaseStatus
    holder_id: int | None = None
    holder_name: str | None = None
    created_at: datetime
    updated_at: datetime
    # Since when the member's words wait for the board (None: the board answered last).
    unanswered_since: datetime | None = None
    closed_at: datetime | None = None


class CaseEntry(BaseModel):
    """One message of a case's thread: the request itself, an answer, or a file."""

    model_config = ConfigDict(frozen=True)

    id: int
    case_id: int
    side: Side
    author_id: int
    author_name: str  # a board member's first name; the member's entity for the member
    text: str
    attachment: Attachment | None = None
    at: datetime


def check_description(text: str) -> str:
    """The request's description: not empty, at most DESCRIPTION_MAX characters."""
    return check_short_text(text, DESCRIPTION_MAX)


def check_reply(text: str) -> str:
    """An answer in a case's thread: not empty, at most REPLY_MAX characters."""
    return check_short_text(text, REPLY_MAX)


def check_room(size: int | None, already: int) -> None:
    """Whether a file of size may join a request that has `already` files (before it is
    downloaded to see what it is)."""
    if already >= FILES_MAX:
        raise InvalidInput("advice.error.too_many_files", limit=FILES_MAX)
    if size is not None and size > FILE_MAX_BYTES:
        raise InvalidInput("advice.error.file_too_big", limit=FILE_MAX_BYTES // (1024 * 1024))


def check_attachment(size: int | None, kind: FileType | None, already: int) -> None:
    """Whether one more file may join a request that has `already` files."""
    check_room(size, already)
    if kind is None:
        raise InvalidInput("advice.error.file_kind")


def _open(case: Case) -> None:
    if case.status is CaseStatus.CLOSED:
        raise InvalidInput("advice.error.closed", case=case.id)


def claim(case: Case, *, by_id: int, by_name: str, now: datetime) -> Case:
    """The board member takes the case; someone else's hold is named, not taken over."""
    _open(case)
    if case.holder_id == by_id:
        raise InvalidInput("advice.board.already_yours", case=case.id)
    if case.holder_id is not None:
        raise InvalidInput("advice.board.held_by", case=case.id, holder=case.holder_name or "?")
    return case.model_copy(
        update={
            "status": CaseStatus.CLAIMED,
            "holder_id": by_id,
            "holder_name": by_name,
            "updated_at": now,
        }
    )


def unclaim(case: Case, *, now: datetime) -> Case:
    """Hand the case back to the whole board."""
    _open(case)
    if case.holder_id is None:
        raise InvalidInput("advice.board.not_held", case=case.id)
    return case.model_copy(
        update={
            "status": CaseStatus.OPEN,
            "holder_id": None,
            "holder_name": None,
            "updated_at": now,
        }
    )


def board_replied(case: Case, *, by_id: int, by_name: str, now: datetime) -> Case:
    """The board answered: the member's turn. Answering an unheld case takes it."""
    _open(case)
    update: dict[str, object] = {
        "status": CaseStatus.WAITING,
        "unanswered_since": None,
        "updated_at": now,
    }
    if case.holder_id is None:
        update |= {"holder_id": by_id, "holder_name": by_name}
    return case.model_copy(update=update)


def member_replied(case: Case, *, now: datetime) -> Case:
    """The member answered: the board's turn again (the holder's, if someone holds it)."""
    _open(case)
    status = CaseStatus.CLAIMED if case.holder_id is not None else CaseStatus.OPEN
    return case.model_copy(
        update={
            "status": status,
            "unanswered_since": case.unanswered_since or now,
            "updated_at": now,
        }
    )


def close(case: Case, *, now: datetime) -> Case:
    """End the case."""
    _open(case)
    return case.model_copy(
        update={"status": CaseStatus.CLOSED, "closed_at": now, "updated_at": now}
    )


def reopen(case: Case, *, now: datetime) -> Case:
    """Open a closed case again, with the holder it had."""
    if case.status is not CaseStatus.CLOSED:
        raise InvalidInput("advice.board.not_closed", case=case.id)
    status = CaseStatus.CLAIMED if case.holder_id is not None else CaseStatus.OPEN
    return case.model_copy(update={"status": status, "closed_at": None, "updated_at": now})


def reminder_due_at(case: Case, after: timedelta) -> datetime | None:
    """When the board is reminded of a member waiting for an answer (None: nobody waits)."""
    if case.status is CaseStatus.CLOSED or case.unanswered_since is None:
        return None
    return case.unanswered_since + after
