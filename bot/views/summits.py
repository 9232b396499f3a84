"""Summits as Telegram HTML in one language: the card, a list line, the board's counts."""

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time

from bot.domain.summits import Counts, RsvpState, Summit, SummitStatus
from bot.i18n import N_, Translator

__all__ = [
    "STATE_KEYS",
    "card_html",
    "counts_line",
    "list_line_html",
    "own_line_html",
    "when_text",
]

STATE_KEYS = {
    RsvpState.GOING: N_("summits.state.going"),
    RsvpState.MAYBE: N_("summits.state.maybe"),
    RsvpState.NOT_GOING: N_("summits.state.not_going"),
    RsvpState.WAITLISTED: N_("summits.state.waitlisted"),
}


def when_text(summit: Summit, locale: str, tz: ZoneInfo) -> str:
    """'viernes, 12 de marzo de 2027, 18:00–20:00' in the network's time zone."""
    start = summit.starts_at.astimezone(tz)
    end = summit.ends_at.astimezone(tz)
    if start.date() == end.date():
        until = format_time(end, "HH:mm", tzinfo=tz, locale=locale)
        return f"{_day_and_time(start, locale, tz)}–{until}"
    return f"{_day_and_time(start, locale, tz)} – {_day_and_time(end, locale, tz)}"


def _day_and_time(moment: datetime, locale: str, tz: ZoneInfo) -> str:
    day = format_date(moment.astimezone(tz).date(), format="full", locale=locale)
    return f"{day}, {format_time(moment, 'HH:mm', tzinfo=tz, locale=locale)}"


def _moment(moment: datetime, locale: str, tz: ZoneInfo) -> str:
    return format_datetime(moment, "d MMMM y, HH:mm", tzinfo=tz, locale=locale)


def card_html(
    summit: Summit,
    t: Translator,
    tz: ZoneInfo,
    *,
    state: RsvpState | None = None,
    going: int | None = None,
    description: bool = True,
) -> str:
    """The summit as members and the board see it (every user text escaped)."""
    locale = t.locale
    lines = [f"<b>{html.escape(summit.title(locale))}</b>"]
    if summit.status is SummitStatus.CANCELLED:
        lines.insert(0, t("summits.card.cancelled"))
    if summit.organiser:
        lines.append(t("summits.card.organiser", entity=summit.organiser))
    lines.append(t("summits.card.when", when=when_text(summit, locale, tz)))
    if summit.place:
        lines.append(t("summits.card.place", place=summit.place))
    if summit.map_url:
        lines.append(t("summits.card.map", url=summit.map_url))
    if summit.online_url:
        lines.append(t("summits.card.online", url=summit.online_url))
    if summit.capacity is not None:
        if going is None:
            lines.append(t("summits.card.capacity", capacity=summit.capacity))
        else:
            free = max(summit.capacity - going, 0)
            lines.append(t("summits.card.places_left", free=free, capacity=summit.capacity))
    if summit.rsvp_deadline is not None:
        lines.append(t("summits.card.deadline", when=_moment(summit.rsvp_deadline, locale, tz)))
    text = summit.description(locale) if description else ""
    if text:
        lines.append("")
        lines.append(html.escape(text))
    if state is not None:
        lines.append("")
        lines.append(t("summits.card.your_answer", answer=t(STATE_KEYS[state])))
    return "\n".join(lines)


def list_line_html(summit: Summit, t: Translator, tz: ZoneInfo, state: RsvpState | None) -> str:
    """One line of /summits: date, title and the member's own answer."""
    start = summit.starts_at.astimezone(tz)
    day = format_datetime(start, "d MMM, HH:mm", tzinfo=tz, locale=t.locale)
    answer = t(STATE_KEYS[state]) if state is not None else t("summits.list.no_answer")
    return t("summits.list.line", day=day, title=summit.title(t.locale), answer=answer)


_OWN_STATUS_KEYS = {
    SummitStatus.PROPOSED: N_("summits.own.proposed"),
    SummitStatus.PUBLISHED: N_("summits.own.published"),
    SummitStatus.REJECTED: N_("summits.own.rejected"),
    SummitStatus.CANCELLED: N_("summits.own.cancelled"),
}


def own_line_html(summit: Summit, counts: Counts, t: Translator, tz: ZoneInfo) -> str:
    """One of the member's entity's own events: where it stands and its RSVP counts."""
    start = summit.starts_at.astimezone(tz)
    day = format_datetime(start, "d MMM, HH:mm", tzinfo=tz, locale=t.locale)
    status = t(_OWN_STATUS_KEYS.get(summit.status, N_("summits.own.proposed")))
    line = t("summits.list.own_line", day=day, title=summit.title(t.locale), status=status)
    if summit.status is SummitStatus.PUBLISHED:
        line += "\n" + counts_line(
            t,
            going=counts.going,
            maybe=counts.maybe,
            waitlisted=counts.waitlisted,
            came=counts.came,
            capacity=summit.capacity,
        )
    if summit.status is SummitStatus.REJECTED and summit.reject_reason:
        line += "\n" + t("summits.own.reason", reason=summit.reject_reason)
    return line


def counts_line(
    t: Translator, *, going: int, maybe: int, waitlisted: int, came: int, capacity: int | None
) -> str:
    """The board's numbers for one summit."""
    line = t("summits.board.counts", going=going, maybe=maybe, waitlisted=waitlisted, came=came)
    if capacity is not None:
        line += " " + t("summits.board.of_capacity", capacity=capacity)
    return line
