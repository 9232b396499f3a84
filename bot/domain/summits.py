"""Summits and events: what they are, who is coming, the waitlist and the reminder schedule.

Pure rules. A summit's times are stored in UTC; whole-day reminder offsets are counted on the
network's wall clock, so "7 days before" an 18:00 summit is at 18:00 even when summer time
starts or ends in between, while an offset of a few hours is counted in real hours.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from bot.domain.announcements import Audience
from bot.domain.outbox import Attachment

__all__ = [
    "COMMENT_MAX",
    "FEEDBACK_AFTER",
    "FEEDBACK_UNTIL",
    "MATERIALS_KEPT",
    "SUMMIT_ICS",
    "Answer",
    "Counts",
    "Material",
    "MaterialKind",
    "ReminderMoment",
    "RsvpChange",
    "RsvpState",
    "Summit",
    "SummitStatus",
    "apply_answer",
    "reminder_key",
    "reminder_moments",
    "reminder_prefix",
    "summit_ics",
    "wants",
]

SUMMIT_ICS = "summit_ics"  # the kind of outbox attachment that is a summit's .ics


def summit_ics(summit_id: int) -> Attachment:
    """A summit's .ics as an outbox attachment: made when sent, so it is current then."""
    return Attachment(kind=SUMMIT_ICS, ref=summit_id)


class SummitStatus(StrEnum):
    """Life of a summit; values are stored."""

    DRAFT = "draft"  # written by the board, not announced yet
    PROPOSED = "proposed"  # a member's own event, waiting for the board
    PUBLISHED = "published"
    REJECTED = "rejected"  # a member's event the board turned down, with a reason
    CANCELLED = "cancelled"


class Answer(StrEnum):
    """What a member answers; values are stored and packed into buttons."""

    GOING = "going"
    MAYBE = "maybe"
    NOT_GOING = "not_going"


class RsvpState(StrEnum):
    """Where a member stands; a Going that found no place is waitlisted."""

    GOING = "going"
    MAYBE = "maybe"
    NOT_GOING = "not_going"
    WAITLISTED = "waitlisted"


class Summit(BaseModel):
    """One summit or event."""

    model_config = ConfigDict(frozen=True)

    id: int
    status: SummitStatus
    title_es: str | None
    title_en: str | None
    description_es: str | None
    description_en: str | None
    starts_at: datetime
    ends_at: datetime
    place: str | None
    map_url: str | None
    online_url: str | None
    capacity: int | None
    rsvp_deadline: datetime | None
    sequence: int  # raised on every change that attendees are told about (the .ics SEQUENCE)
    created_by: int  # the board member who wrote it, or the member who proposed it
    organiser_entity_id: int | None = None  # a member's own event: the organising entity
    organiser: str | None = None  # that entity's name
    reject_reason: str | None = None
    audience: Audience = Audience()  # who is told when it is published
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None

    def title(self, locale: str) -> str:
        """The title in locale, or in the language that exists."""
        chosen = self.title_en if locale == "en" else self.title_es
        return chosen or self.title_es or self.title_en or ""

    def description(self, locale: str) -> str:
        """The description in locale, or in the language that exists ('' when none)."""
        chosen = self.description_en if locale == "en" else self.description_es
        return chosen or self.description_es or self.description_en or ""

    @property
    def visible(self) -> bool:
        """Whether members may see it (announced, or cancelled after that)."""
        return self.status in (SummitStatus.PUBLISHED, SummitStatus.CANCELLED)

    def open_problem(self, now: datetime) -> str | None:
        """Why an answer cannot be given now (a catalog key), or None."""
        if self.status is SummitStatus.CANCELLED:
            return "summits.rsvp.cancelled"
        if self.status is not SummitStatus.PUBLISHED:
            return "summits.rsvp.not_open"
        if now >= self.starts_at:
            return "summits.rsvp.past"
        if self.rsvp_deadline is not None and now >= self.rsvp_deadline:
            return "summits.rsvp.deadline_passed"
        return None


@dataclass(frozen=True, slots=True)
class Counts:
    """How many answered what, and how many came."""

    going: int = 0
    maybe: int = 0
    not_going: int = 0
    waitlisted: int = 0
    came: int = 0


class MaterialKind(StrEnum):
    """What the board shared: a file, or a text (links); values are stored."""

    DOCUMENT = "document"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Material:
    """One file or text shared with a summit's attendees."""

    id: int
    summit_id: int
    kind: MaterialKind
    file_id: str | None
    file_name: str | None
    text: str | None


FEEDBACK_AFTER = timedelta(hours=1)  # attendees are asked this long after the end
FEEDBACK_UNTIL = timedelta(days=14)  # and not any more after this (the bot was down)
MATERIALS_KEPT = timedelta(days=90)  # members may ask for a past summit's materials so long
COMMENT_MAX = 1000


@dataclass(frozen=True, slots=True)
class RsvpChange:
    """What an answer did: the member's new state, and whether a place was freed."""

    state: RsvpState
    freed_place: bool


def apply_answer(
    answer: Answer, *, previous: RsvpState | None, going: int, capacity: int | None
) -> RsvpChange:
    """The new state for an answer, given how many are going (the member included if so).

    A member already going or waiting keeps their place by answering Going again; a Going
    with no free place waits. Leaving a place frees it (for the first one waiting).
    """
    was_going = previous is RsvpState.GOING
    if answer is Answer.GOING:
        if previous in (RsvpState.GOING, RsvpState.WAITLISTED):
            return RsvpChange(previous, freed_place=False)
        full = capacity is not None and going >= capacity
        return RsvpChange(RsvpState.WAITLISTED if full else RsvpState.GOING, freed_place=False)
    state = RsvpState.MAYBE if answer is Answer.MAYBE else RsvpState.NOT_GOING
    return RsvpChange(state, freed_place=was_going)


@dataclass(frozen=True, slots=True)
class ReminderMoment:
    """One reminder: hours before the start, when it falls due and until when it is useful."""

    hours: int
    due_at: datetime
    useful_until: datetime
    to_maybe: bool


def _before(starts_at: datetime, hours: int, tz: ZoneInfo) -> datetime:
    """The moment `hours` before the start: whole days on the local wall clock."""
    if hours % 24 == 0:
        local = starts_at.astimezone(tz)
        # Arithmetic on an aware datetime keeps its wall-clock time across a DST change.
        wall = local.replace(tzinfo=None) - timedelta(days=hours // 24)
        return wall.replace(tzinfo=tz).astimezone(starts_at.tzinfo)
    return starts_at - timedelta(hours=hours)


def reminder_moments(
    starts_at: datetime,
    tz: ZoneInfo,
    *,
    going_hours: tuple[int, ...],
    maybe_hours: tuple[int, ...],
) -> list[ReminderMoment]:
    """Every reminder of a summit, earliest first; each is useful until the next falls due
    (after downtime only the latest one due is sent) and never after the start."""
    hours = sorted(set(going_hours) | set(maybe_hours), reverse=True)
    moments = [(h, _before(starts_at, h, tz)) for h in hours]
    result = []
    for index, (h, due_at) in enumerate(moments):
        following = moments[index + 1][1] if index + 1 < len(moments) else starts_at
        result.append(
            ReminderMoment(
                hours=h,
                due_at=due_at,
                useful_until=min(following, starts_at),
                to_maybe=h in maybe_hours,
            )
        )
    return result


def reminder_prefix(summit_id: int, user_id: int | None = None, hours: int | None = None) -> str:
    """The start of the dedupe keys of a summit's reminders (of one person, one offset)."""
    prefix = f"summit:{summit_id}:remind:"
    if user_id is None:
        return prefix
    prefix += f"{user_id}:"
    return prefix if hours is None else prefix + f"{hours}h:"


def reminder_key(summit_id: int, user_id: int, hours: int, starts_at: datetime) -> str:
    """One reminder's dedupe key; a new start time gives new reminders."""
    return reminder_prefix(summit_id, user_id, hours) + f"{int(starts_at.timestamp())}"


def wants(state: RsvpState, moment: ReminderMoment) -> bool:
    """Whether someone in state gets this reminder."""
    return state is RsvpState.GOING or (state is RsvpState.MAYBE and moment.to_maybe)
