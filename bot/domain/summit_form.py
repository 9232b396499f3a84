"""The board's summit form: one message of "Field: value" lines, read the way people write.

Field names are accepted in Spanish or English, with or without accents ("Título", "Title
(en)", "Inicio", "Start"). A line without a known field name continues the previous field, so
a description can run over several lines. Dates are read in the network's time zone:
"12/3 18:00", "12 mar 18:00", "12 de marzo de 2027 18:00", "2027-03-12 18:00"; without a year,
the next such date. An end may be just a time (the start's day).

Every problem is reported at once, as a catalog key with its parameters, and nothing is kept
until the whole form reads.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import get_month_names

from bot.domain.profile import InvalidField, normalize_website
from bot.domain.text import fold

__all__ = [
    "FIELDS",
    "TEXT_MAX",
    "TITLE_MAX",
    "FormProblem",
    "SummitFields",
    "parse_fields",
    "parse_moment",
    "validate",
]

TITLE_MAX = 120
TEXT_MAX = 1500
PLACE_MAX = 300

# Folded field name -> field.
FIELDS: dict[str, str] = {
    **dict.fromkeys(("titulo", "titulo es", "title es", "titulo (es)", "title (es)"), "title_es"),
    **dict.fromkeys(("title", "title en", "titulo en", "title (en)", "titulo (en)"), "title_en"),
    **dict.fromkeys(
        ("descripcion", "descripcion es", "description es", "descripcion (es)"), "description_es"
    ),
    **dict.fromkeys(
        ("description", "description en", "descripcion en", "description (en)"), "description_en"
    ),
    **dict.fromkeys(("inicio", "empieza", "start", "starts", "begins"), "start"),
    **dict.fromkeys(("fin", "termina", "end", "ends"), "end"),
    **dict.fromkeys(("lugar", "direccion", "place", "address", "venue"), "place"),
    **dict.fromkeys(("mapa", "map"), "map_url"),
    **dict.fromkeys(("enlace", "en linea", "online", "link"), "online_url"),
    **dict.fromkeys(("plazas", "aforo", "capacity", "places", "seats"), "capacity"),
    **dict.fromkeys(("limite", "plazo", "fecha limite", "deadline", "rsvp by"), "deadline"),
}
# How a field is named back in a problem (the form takes either language's names).
_LABELS = {
    "title_es": "Título",
    "title_en": "Title",
    "description_es": "Descripción",
    "description_en": "Description",
    "place": "Lugar / Place",
}
_LINE = re.compile(r"^\s*([^:]{1,30}?)\s*:\s*(.*)$")
_NO_LIMIT = {"-", "no", "ninguno", "ninguna", "sin limite", "none", "unlimited", "no limit"}


@dataclass(frozen=True, slots=True)
class FormProblem:
    """One thing the form got wrong: a catalog key and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SummitFields:
    """What a form says; None is "not given" (an edit keeps the stored value)."""

    title_es: str | None = None
    title_en: str | None = None
    description_es: str | None = None
    description_en: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str | None = None
    map_url: str | None = None
    online_url: str | None = None
    capacity: int | None = None
    rsvp_deadline: datetime | None = None
    # Given as "-" (no limit): capacity and deadline can be taken away by an edit.
    cleared: frozenset[str] = frozenset()

    def given(self) -> set[str]:
        """The names of the fields the form set or cleared."""
        names = {name for name in _VALUE_FIELDS if getattr(self, name) is not None}
        return names | set(self.cleared)

    def over(self, base: "SummitFields") -> "SummitFields":
        """These fields on top of base's (an edit of a stored summit)."""
        values = {
            name: getattr(self, name) if getattr(self, name) is not None else getattr(base, name)
            for name in _VALUE_FIELDS
        }
        for name in self.cleared:
            values[name] = None
        return SummitFields(**values)


_VALUE_FIELDS = (
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "starts_at",
    "ends_at",
    "place",
    "map_url",
    "online_url",
    "capacity",
    "rsvp_deadline",
)


def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in ("es", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[fold(str(name)).rstrip(".")] = int(number)
    names["set"] = 9  # "set." is also written for septiembre
    for name, number in list(names.items()):
        names.setdefault(name[:3], number)
    return names


_MONTHS = _months()
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?h?$")
_FILLER = {"de", "del", "a", "las", "la", "at", "on", "the", "of", ","}


def _time_of(token: str) -> time | None:
    match = _TIME.match(token)
    if match is None or (match.group(2) is None and not token.endswith("h")):
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _date_of(tokens: list[str], today: date) -> tuple[date | None, bool]:
    """A date from its tokens, and whether its year was written."""
    year: int | None = None
    if len(tokens) == 1 and (match := _ISO.match(tokens[0])):
        year, month, day = (int(part) for part in match.groups())
    elif len(tokens) == 1 and (match := _NUMERIC.match(tokens[0])):
        day, month = int(match.group(1)), int(match.group(2))
        if match.group(3):
            year = int(match.group(3)) + (2000 if len(match.group(3)) == 2 else 0)
    elif len(tokens) in (2, 3) and tokens[0].isdigit() and tokens[1].rstrip(".") in _MONTHS:
        day, month = int(tokens[0]), _MONTHS[tokens[1].rstrip(".")]
        if len(tokens) == 3:
            if not tokens[2].isdigit() or len(tokens[2]) != 4:
                return None, False
            year = int(tokens[2])
    else:
        return None, False
    try:
        if year is not None:
            return date(year, month, day), True
        found = date(today.year, month, day)
        if found < today:
            found = date(today.year + 1, month, day)
        return found, False
    except ValueError:
        return None, False


def _localize(day: date, moment: time, tz: ZoneInfo) -> datetime | None:
    """The aware moment of a wall-clock time; None when the clock skips it (spring forward)."""
    local = datetime.combine(day, moment).replace(tzinfo=tz)
    round_trip = local.astimezone(ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None)
    return local if round_trip == datetime.combine(day, moment) else None


def parse_moment(
    text: str,
    tz: ZoneInfo,
    now: datetime,
    *,
    same_day_as: datetime | None = None,
    default_time: time | None = None,
) -> datetime | None:
    """A moment written the way people write it, in tz; None when it cannot be read.

    same_day_as: a time alone means that day. default_time: a date alone means that time.
    """
    tokens = [t for t in fold(text).replace(",", " ").split() if t not in _FILLER]
    if not tokens:
        return None
    moment = _time_of(tokens[-1])
    date_tokens = tokens[:-1] if moment is not None else tokens
    if moment is None:
        moment = default_time
    if moment is None:
        return None
    if not date_tokens:
        if same_day_as is None:
            return None
        day: date | None = same_day_as.astimezone(tz).date()
    else:
        day, _ = _date_of(date_tokens, now.astimezone(tz).date())
    if day is None:
        return None
    return _localize(day, moment, tz)


def _split_lines(text: str) -> tuple[dict[str, str], list[FormProblem]]:
    values: dict[str, list[str]] = {}
    problems: list[FormProblem] = []
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        match = _LINE.match(line)
        name = FIELDS.get(fold(match.group(1))) if match else None
        if match is not None and name is not None:
            current = name
            values[name] = [match.group(2).strip()]
        elif current is not None:
            values[current].append(line)
        elif line:
            problems.append(FormProblem("summits.form.unknown_line", {"line": line[:60]}))
    joined = {name: "\n".join(lines).strip() for name, lines in values.items()}
    return joined, problems


def _text(values: dict[str, str], name: str, limit: int, problems: list[FormProblem]) -> str | None:
    value = values.get(name)
    if value is None or not value:
        return None
    if len(value) > limit:
        problems.append(
            FormProblem("summits.form.too_long", {"field": _LABELS[name], "max": limit})
        )
        return None
    return value


def _url(values: dict[str, str], name: str, problems: list[FormProblem]) -> str | None:
    value = values.get(name)
    if not value:
        return None
    try:
        return normalize_website(value)
    except InvalidField:
        problems.append(FormProblem("summits.form.bad_link", {"text": value[:60]}))
        return None


def parse_fields(
    text: str, tz: ZoneInfo, now: datetime, *, base_start: datetime | None = None
) -> tuple[SummitFields, list[FormProblem]]:
    """The fields a form message gives, and the problems of the ones that do not read.

    base_start: the stored start, for an edit that changes only the end (a time alone).
    """
    values, problems = _split_lines(text)
    if not values and not problems:
        problems.append(FormProblem("summits.form.empty"))
    fields = SummitFields(
        title_es=_text(values, "title_es", TITLE_MAX, problems),
        title_en=_text(values, "title_en", TITLE_MAX, problems),
        description_es=_text(values, "description_es", TEXT_MAX, problems),
        description_en=_text(values, "description_en", TEXT_MAX, problems),
        place=_text(values, "place", PLACE_MAX, problems),
        map_url=_url(values, "map_url", problems),
        online_url=_url(values, "online_url", problems),
    )
    cleared: set[str] = set()
    starts_at = None
    if "start" in values:
        starts_at = parse_moment(values["start"], tz, now)
        if starts_at is None:
            problems.append(FormProblem("summits.form.bad_start", {"text": values["start"][:60]}))
    ends_at = None
    if "end" in values:
        ends_at = parse_moment(values["end"], tz, now, same_day_as=starts_at or base_start)
        if ends_at is None:
            problems.append(FormProblem("summits.form.bad_end", {"text": values["end"][:60]}))
    capacity = None
    if "capacity" in values:
        raw = values["capacity"]
        if fold(raw) in _NO_LIMIT:
            cleared.add("capacity")
        elif raw.isdigit() and 0 < int(raw) <= 100_000:
            capacity = int(raw)
        else:
            problems.append(FormProblem("summits.form.bad_capacity", {"text": raw[:60]}))
    deadline = None
    if "deadline" in values:
        raw = values["deadline"]
        if fold(raw) in _NO_LIMIT:
            cleared.add("rsvp_deadline")
        else:
            deadline = parse_moment(raw, tz, now, default_time=time(23, 59))
            if deadline is None:
                problems.append(FormProblem("summits.form.bad_deadline", {"text": raw[:60]}))
    fields = replace(
        fields,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        rsvp_deadline=deadline,
        cleared=frozenset(cleared),
    )
    return fields, problems


def validate(fields: SummitFields, now: datetime) -> list[FormProblem]:
    """What a complete summit still lacks or gets wrong (the merged fields of an edit)."""
    problems: list[FormProblem] = []
    if not (fields.title_es or fields.title_en):
        problems.append(FormProblem("summits.form.need_title"))
    if fields.starts_at is None:
        problems.append(FormProblem("summits.form.need_start"))
    elif fields.starts_at <= now:
        problems.append(FormProblem("summits.form.start_past"))
    if fields.ends_at is None and fields.starts_at is not None:
        problems.append(FormProblem("summits.form.need_end"))
    if fields.starts_at and fields.ends_at and fields.ends_at <= fields.starts_at:
        problems.append(FormProblem("summits.form.end_before_start"))
    if (
        fields.starts_at
        and fields.ends_at
        and fields.ends_at - fields.starts_at > timedelta(days=14)
    ):
        problems.append(FormProblem("summits.form.too_long_event"))
    if not (fields.place or fields.online_url):
        problems.append(FormProblem("summits.form.need_place"))
    deadline = fields.rsvp_deadline
    if deadline is not None and fields.starts_at is not None and deadline > fields.starts_at:
        problems.append(FormProblem("summits.form.deadline_after_start"))
    if deadline is not None and deadline <= now:
        problems.append(FormProblem("summits.form.deadline_past"))
    return problems
