"""Calendar files (.ics) of summits, made with the icalendar library.

Times are written in the network's time zone with its VTIMEZONE, so a calendar shows the
local time the board chose whatever the reader's zone. The UID is stable per summit, and
SEQUENCE is the summit's, raised by the bot on every change: a calendar that imported an
earlier file updates the event in place. A cancelled summit gives METHOD:CANCEL.
"""

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from bot.domain.summits import Summit, SummitStatus

__all__ = ["PRODID", "calendar_file", "summit_uid"]

PRODID = "-//COOPERACTIVAS//Cooperactivas bot//ES"


def summit_uid(summit_id: int) -> str:
    """The calendar UID of a summit: the same for every file of it."""
    return f"summit-{summit_id}@cooperactivas"


def _location(summit: Summit) -> str | None:
    parts = [part for part in (summit.place, summit.online_url) if part]
    return ", ".join(parts) or None


def _event(summit: Summit, locale: str, tz: ZoneInfo, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", summit_uid(summit.id))
    event.add("sequence", summit.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", summit.starts_at.astimezone(tz))
    event.add("dtend", summit.ends_at.astimezone(tz))
    event.add("summary", summit.title(locale))
    description = summit.description(locale)
    if summit.map_url:
        description = f"{description}\n{summit.map_url}".strip()
    if description:
        event.add("description", description)
    location = _location(summit)
    if location:
        event.add("location", location)
    if summit.online_url:
        event.add("url", summit.online_url)
    cancelled = summit.status is SummitStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_file(
    summits: Iterable[Summit], *, locale: str, tz: ZoneInfo, stamp: datetime
) -> bytes:
    """One .ics with every summit given (a single cancelled one makes a cancelling file)."""
    chosen = list(summits)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    cancelling = len(chosen) == 1 and chosen[0].status is SummitStatus.CANCELLED
    calendar.add("method", "CANCEL" if cancelling else "PUBLISH")
    for summit in chosen:
        calendar.add_component(_event(summit, locale, tz, stamp))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
