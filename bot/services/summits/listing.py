"""What members and the board see: coming summits with one's answer, counts, calendar files."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.documents.ics import calendar_file
from bot.documents.qr import qr_png
from bot.domain.summits import Counts, RsvpState, Summit
from bot.services.runtime import Runtime
from bot.services.summits.board import ATTENDEES
from bot.storage.summits import Attendee

__all__ = [
    "BOARD_KEEPS_PAST",
    "BoardRow",
    "Seen",
    "attendance",
    "attendees_csv",
    "calendar_of",
    "coming",
    "coming_with_counts",
    "my_calendar",
    "poster",
    "seen",
    "tick",
]


# The board still sees a summit this long after it ended: its check-in, CSV and materials.
BOARD_KEEPS_PAST = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class Seen:
    """One summit as a member sees it: their answer and how many are going."""

    summit: Summit
    state: RsvpState | None
    going: int


async def seen(runtime: Runtime, summit_id: int, user_id: int) -> Seen | None:
    """A summit that members may see (published or cancelled), with the member's answer."""
    async with runtime.store.read() as repos:
        summit = await repos.summits.get(summit_id)
        if summit is None or not summit.visible:
            return None
        state = await repos.summits.state_of(summit_id, user_id)
        going = await repos.summits.count(summit_id, RsvpState.GOING)
    return Seen(summit, state, going)


async def coming(runtime: Runtime, user_id: int, now: datetime) -> list[Seen]:
    """Published summits that have not ended, each with the member's answer."""
    async with runtime.store.read() as repos:
        summits = await repos.summits.upcoming(now)
        states = await repos.summits.states_of(user_id)
    return [Seen(s, states.get(s.id), 0) for s in summits]


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One summit in the board's /summits: its numbers and, once it is over, its feedback."""

    summit: Summit
    counts: Counts
    average: float | None
    scores: int


async def coming_with_counts(runtime: Runtime, now: datetime) -> list[BoardRow]:
    """The board's view: each summit not ended or ended within BOARD_KEEPS_PAST."""
    async with runtime.store.read() as repos:
        summits = await repos.summits.upcoming(now - BOARD_KEEPS_PAST)
        rows = []
        for summit in summits:
            average, scores, _ = await repos.summits.feedback(summit.id)
            rows.append(BoardRow(summit, await repos.summits.counts(summit.id), average, scores))
    return rows


async def calendar_of(runtime: Runtime, summit_id: int, locale: str) -> tuple[Summit, bytes] | None:
    """A summit's .ics (cancelling, once it is cancelled); None for a draft or nothing."""
    async with runtime.store.read() as repos:
        summit = await repos.summits.get(summit_id)
    if summit is None or not summit.visible:
        return None
    data = calendar_file([summit], locale=locale, tz=runtime.settings.tz, stamp=runtime.clock())
    return summit, data


async def my_calendar(runtime: Runtime, user_id: int, locale: str) -> bytes | None:
    """One .ics with every coming summit the member is going to; None when there is none."""
    now = runtime.clock()
    async with runtime.store.read() as repos:
        summits = await repos.summits.going_summits(user_id, now)
    if not summits:
        return None
    return calendar_file(summits, locale=locale, tz=runtime.settings.tz, stamp=now)


async def attendance(runtime: Runtime, summit_id: int) -> tuple[Summit | None, list[Attendee]]:
    """The check-in list: those going, maybe or waiting, ticked when they came."""
    async with runtime.store.read() as repos:
        summit = await repos.summits.get(summit_id)
        people = await repos.summits.attendees(summit_id, ATTENDEES) if summit else []
    return summit, people


async def tick(runtime: Runtime, summit_id: int, user_id: int) -> bool | None:
    """Flip whether a person came; their new mark, or None when they did not answer."""
    async with runtime.store.write() as repos:
        people = {p.user_id: p for p in await repos.summits.attendees(summit_id, ATTENDEES)}
        person = people.get(user_id)
        if person is None:
            return None
        await repos.summits.set_attended(summit_id, user_id, not person.attended)
    return not person.attended


async def attendees_csv(runtime: Runtime, summit_id: int) -> bytes | None:
    """Everyone who answered, as UTF-8 CSV with a header row; None for no such summit."""
    async with runtime.store.read() as repos:
        summit = await repos.summits.get(summit_id)
        people = await repos.summits.attendees(summit_id) if summit else []
    if summit is None:
        return None
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "entity", "answer", "answered_at", "came"])
    tz = runtime.settings.tz
    for person in people:
        writer.writerow(
            [
                person.first_name,
                person.entity_name or "",
                person.state.value,
                person.answered_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                "yes" if person.attended else "no",
            ]
        )
    return out.getvalue().encode("utf-8")


def poster(link: str) -> bytes:
    """The QR code of a summit's deep link, for posters."""
    return qr_png(link)
