"""Summit rules without storage: the form, answers and the waitlist, reminders, .ics files."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.documents.ics import calendar_file, summit_uid
from bot.documents.qr import qr_png
from bot.domain.summit_form import SummitFields, parse_fields, parse_moment, validate
from bot.domain.summits import (
    Answer,
    RsvpState,
    Summit,
    SummitStatus,
    apply_answer,
    reminder_moments,
)

TZ = ZoneInfo("Europe/Madrid")
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # Friday 27 November 2026, 11:00 in León


def local(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    "text",
    [
        "12/3 18:00",
        "12/03/2027 18:00",
        "12 mar 18:00",
        "12 marzo 2027 18:00",
        "12 de marzo de 2027 a las 18:00",
        "12 March 18:00",
        "2027-03-12 18:00",
        "12 mar 18h",
    ],
)
def test_dates_are_read_the_way_people_write_them(text: str) -> None:
    assert parse_moment(text, TZ, NOW) == local(2027, 3, 12, 18, 0)


def test_a_date_without_year_is_the_next_one() -> None:
    assert parse_moment("30/11 18:00", TZ, NOW) == local(2026, 11, 30, 18, 0)
    assert parse_moment("20/11 18:00", TZ, NOW) == local(2027, 11, 20, 18, 0)


@pytest.mark.parametrize("text", ["mañana", "18:00", "32/3 18:00", "12/3", "12 foo 18:00", "25:00"])
def test_unreadable_moments_are_none(text: str) -> None:
    assert parse_moment(text, TZ, NOW) is None


def test_a_time_the_clock_skips_is_not_read() -> None:
    # On 28 March 2027 León's clocks go from 02:00 straight to 03:00.
    assert parse_moment("28/3/2027 02:30", TZ, NOW) is None


FORM = """Título: Cumbre de cooperativas
Title: Cooperatives summit
Descripción: Una tarde para conocernos.
Con café.
Inicio: 12/3 18:00
Fin: 20:00
Lugar: Calle Ancha 1, León
Mapa: maps.example.org/ancha
Plazas: 30
Límite: 10/3
"""


def test_the_form_reads_every_field_in_spanish_or_english() -> None:
    fields, problems = parse_fields(FORM, TZ, NOW)
    assert problems == []
    assert fields.title_es == "Cumbre de cooperativas"
    assert fields.title_en == "Cooperatives summit"
    assert fields.description_es == "Una tarde para conocernos.\nCon café."
    assert fields.starts_at == local(2027, 3, 12, 18, 0)
    assert fields.ends_at == local(2027, 3, 12, 20, 0)
    assert fields.map_url == "https://maps.example.org/ancha"
    assert fields.capacity == 30
    assert fields.rsvp_deadline == local(2027, 3, 10, 23, 59)
    assert validate(fields, NOW) == []
    english, problems = parse_fields(
        "Title: X\nStart: 2027-03-12 18:00\nEnd: 19:00\nOnline: https://meet.example.org/x", TZ, NOW
    )
    assert problems == [] and english.online_url == "https://meet.example.org/x"
    assert validate(english, NOW) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ("Plazas: 0", "summits.form.bad_capacity"),
        ("Plazas: muchas", "summits.form.bad_capacity"),
        ("Capacity: many", "summits.form.bad_capacity"),
        ("Inicio: el jueves", "summits.form.bad_start"),
        ("Fin: 17:00", "summits.form.end_before_start"),
        ("Inicio: 1/1/2026 18:00", "summits.form.start_past"),
        ("Límite: 13/3", "summits.form.deadline_after_start"),
        ("Mapa: no es un enlace", "summits.form.bad_link"),
    ],
)
def test_bad_fields_are_named(change: str, problem: str) -> None:
    name = change.split(":")[0]
    lines = [line for line in FORM.splitlines() if not line.startswith(name)]
    fields, problems = parse_fields("\n".join([*lines, change]), TZ, NOW)
    problems += [] if problems else validate(fields, NOW)
    assert problem in [p.key for p in problems]


def test_a_form_needs_a_title_a_time_and_a_place() -> None:
    fields, problems = parse_fields("Descripción: algo", TZ, NOW)
    assert problems == []
    keys = {p.key for p in validate(fields, NOW)}
    assert keys == {"summits.form.need_title", "summits.form.need_start", "summits.form.need_place"}


def test_an_edit_changes_only_the_fields_given() -> None:
    base, _ = parse_fields(FORM, TZ, NOW)
    given, problems = parse_fields("Fin: 21:00\nPlazas: -", TZ, NOW, base_start=base.starts_at)
    assert problems == []
    merged = given.over(base)
    assert merged.ends_at == local(2027, 3, 12, 21, 0)
    assert merged.capacity is None and merged.title_es == base.title_es
    assert given.given() == {"ends_at", "capacity"}
    assert SummitFields().over(base) == base


def test_going_takes_a_place_or_waits_and_leaving_frees_it() -> None:
    assert apply_answer(Answer.GOING, previous=None, going=1, capacity=2).state is RsvpState.GOING
    full = apply_answer(Answer.GOING, previous=None, going=2, capacity=2)
    assert full.state is RsvpState.WAITLISTED
    unlimited = apply_answer(Answer.GOING, previous=None, going=500, capacity=None)
    assert unlimited.state is RsvpState.GOING
    again = apply_answer(Answer.GOING, previous=RsvpState.GOING, going=2, capacity=2)
    assert again.state is RsvpState.GOING and not again.freed_place
    left = apply_answer(Answer.NOT_GOING, previous=RsvpState.GOING, going=2, capacity=2)
    assert left.state is RsvpState.NOT_GOING and left.freed_place
    unsure = apply_answer(Answer.MAYBE, previous=RsvpState.WAITLISTED, going=2, capacity=2)
    assert unsure.state is RsvpState.MAYBE and not unsure.freed_place


@pytest.mark.parametrize(
    ("start", "expected_7d_utc"),
    [
        # Just after the last Sunday of March (28 March 2027): 7 days before is still winter.
        (local(2027, 3, 30, 18, 0), datetime(2027, 3, 23, 17, 0, tzinfo=UTC)),
        # Just after the last Sunday of October (31 October 2027): 7 days before was summer.
        (local(2027, 11, 2, 18, 0), datetime(2027, 10, 26, 16, 0, tzinfo=UTC)),
    ],
)
def test_whole_day_reminders_keep_the_local_hour_across_summer_time(
    start: datetime, expected_7d_utc: datetime
) -> None:
    moments = reminder_moments(
        start.astimezone(UTC), TZ, going_hours=(168, 24, 2), maybe_hours=(24,)
    )
    assert [m.hours for m in moments] == [168, 24, 2]
    week, day, hours = moments
    assert week.due_at == expected_7d_utc
    assert week.due_at.astimezone(TZ).hour == 18
    assert day.due_at.astimezone(TZ).hour == 18
    assert hours.due_at == start.astimezone(UTC) - timedelta(hours=2)
    # Each is useful until the next one, the last until the start.
    assert week.useful_until == day.due_at and day.useful_until == hours.due_at
    assert hours.useful_until == start.astimezone(UTC)
    assert [m.to_maybe for m in moments] == [False, True, False]


def summit(**changes: object) -> Summit:
    values: dict[str, object] = {
        "id": 12,
        "status": SummitStatus.PUBLISHED,
        "title_es": "Cumbre",
        "title_en": None,
        "description_es": "Una tarde.",
        "description_en": None,
        "starts_at": local(2027, 3, 30, 18, 0).astimezone(UTC),
        "ends_at": local(2027, 3, 30, 20, 0).astimezone(UTC),
        "place": "Calle Ancha 1, León",
        "map_url": None,
        "online_url": None,
        "capacity": None,
        "rsvp_deadline": None,
        "sequence": 0,
        "created_by": 7,
        "created_at": NOW,
        "updated_at": NOW,
        "published_at": NOW,
    }
    values.update(changes)
    return Summit.model_validate(values)


def test_the_title_falls_back_to_the_language_that_exists() -> None:
    assert summit().title("en") == "Cumbre"
    assert summit(title_en="Summit").title("en") == "Summit"


def test_the_ics_parses_back_with_local_time_zone_uid_and_sequence() -> None:
    data = calendar_file([summit()], locale="es", tz=TZ, stamp=NOW)
    calendar = Calendar.from_ical(data)
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Madrid"
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == local(2027, 3, 30, 18, 0) and str(start.tzinfo) == "Europe/Madrid"
    assert event["DTSTART"].params["TZID"] == "Europe/Madrid"
    assert str(event["UID"]) == summit_uid(12)
    assert event.decoded("SEQUENCE") == 0
    assert str(event["LOCATION"]) == "Calle Ancha 1, León"
    moved = calendar_file([summit(sequence=1)], locale="es", tz=TZ, stamp=NOW)
    (event,) = Calendar.from_ical(moved).walk("VEVENT")
    assert str(event["UID"]) == summit_uid(12) and event.decoded("SEQUENCE") == 1
    cancelled = Calendar.from_ical(
        calendar_file(
            [summit(status=SummitStatus.CANCELLED, sequence=2)], locale="es", tz=TZ, stamp=NOW
        )
    )
    assert str(cancelled["METHOD"]) == "CANCEL"
    (event,) = cancelled.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and event.decoded("SEQUENCE") == 2


def test_a_qr_code_is_a_png() -> None:
    assert qr_png("https://t.me/coop_bot?start=summit_12").startswith(b"\x89PNG")
