"""Summit use cases called directly, on a real migrated store: waitlist, reminders, changes."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.board import Actor
from bot.domain.network import load_network
from bot.domain.outbox import OutboxItem, OutboxStatus
from bot.domain.summits import Answer, MaterialKind, RsvpState, SummitStatus
from bot.i18n import Catalogs
from bot.services import due
from bot.services.due.summits import SummitFeedbackScanner, SummitReminderScanner
from bot.services.runtime import Runtime
from bot.services.summits import after, board, listing, proposals, rsvp
from bot.storage.db import Database
from bot.storage.repos import Store
from tests.harness import FakeClock, make_settings
from tests.seed import seed_members

TZ = ZoneInfo("Europe/Madrid")
BOARD = Actor(7, "Ana (@ana)")
ANA, BEA, CAR = 101, 202, 303
FORM = "Título: Cumbre\nInicio: {start}\nFin: {end}\nLugar: Calle Ancha 1, León\n{extra}"


@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[Runtime]:
    settings = make_settings(tmp_path)
    db = Database(settings.database_path)
    await db.open()
    yield Runtime(
        settings=settings,
        network=load_network(),
        catalogs=Catalogs.load(default_locale="es"),
        store=Store(db),
        clock=FakeClock(),
    )
    await db.close()


def clock(runtime: Runtime) -> FakeClock:
    assert isinstance(runtime.clock, FakeClock)
    return runtime.clock


async def published(runtime: Runtime, start: datetime, *, extra: str = "") -> int:
    """A summit starting at start (local) for two hours, published; its id."""
    end = start + timedelta(hours=2)
    text = FORM.format(
        start=start.strftime("%Y-%m-%d %H:%M"), end=end.strftime("%H:%M"), extra=extra
    )
    drafted = await board.draft(runtime, text, actor=BOARD, now=runtime.clock())
    assert drafted.summit is not None, drafted.problems
    summit, _ = await board.publish(runtime, drafted.summit.id, actor=BOARD, now=runtime.clock())
    assert summit is not None and summit.status is SummitStatus.PUBLISHED
    return summit.id


async def rows(runtime: Runtime, prefix: str) -> list[OutboxItem]:
    async with runtime.store.read() as repos:
        cursor = await repos.conn.execute(
            "SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE ? ORDER BY id", (prefix + "%",)
        )
        keys = [row[0] for row in await cursor.fetchall()]
        found = [await repos.outbox.by_key(key) for key in keys]
    return [item for item in found if item is not None]


async def test_a_freed_place_goes_to_the_first_one_waiting_who_is_told(runtime: Runtime) -> None:
    await seed_members(runtime.store, [ANA, BEA, CAR], now=runtime.clock())
    summit_id = await published(runtime, datetime(2027, 3, 12, 18, 0), extra="Plazas: 2")
    now = runtime.clock()
    states = [
        (await rsvp.answer(runtime, summit_id, user, Answer.GOING, now)).state
        for user in (ANA, BEA, CAR)
    ]
    assert states == [RsvpState.GOING, RsvpState.GOING, RsvpState.WAITLISTED]
    left = await rsvp.answer(runtime, summit_id, BEA, Answer.NOT_GOING, now)
    assert left.promoted == CAR and left.going == 2
    async with runtime.store.read() as repos:
        assert await repos.summits.state_of(summit_id, CAR) is RsvpState.GOING
    (told,) = await rows(runtime, f"summit:{summit_id}:promoted:")
    assert told.chat_id == CAR and told.message.key == "summits.notice.promoted"
    # Answering Going again keeps a place and promotes nobody twice.
    again = await rsvp.answer(runtime, summit_id, CAR, Answer.GOING, now)
    assert again.state is RsvpState.GOING and again.promoted is None


async def test_answers_are_refused_when_the_summit_is_not_open(runtime: Runtime) -> None:
    await seed_members(runtime.store, [ANA], now=runtime.clock())
    start = datetime(2026, 12, 4, 18, 0)
    summit_id = await published(runtime, start, extra="Límite: 2/12")
    now = runtime.clock()
    assert (await rsvp.answer(runtime, 999, ANA, Answer.GOING, now)).problem == (
        "summits.rsvp.unknown"
    )
    late = now + timedelta(days=6)
    assert (await rsvp.answer(runtime, summit_id, ANA, Answer.GOING, late)).problem == (
        "summits.rsvp.deadline_passed"
    )
    after = start.replace(tzinfo=TZ) + timedelta(minutes=1)
    assert (await rsvp.answer(runtime, summit_id, ANA, Answer.GOING, after)).problem == (
        "summits.rsvp.past"
    )
    await board.cancel(runtime, summit_id, actor=BOARD, now=now)
    assert (await rsvp.answer(runtime, summit_id, ANA, Answer.MAYBE, now)).problem == (
        "summits.rsvp.cancelled"
    )
    async with runtime.store.read() as repos:
        assert await repos.summits.state_of(summit_id, ANA) is None


@pytest.mark.parametrize(
    "start",
    [
        datetime(2027, 3, 30, 18, 0),  # just after the last Sunday of March
        datetime(2027, 11, 2, 18, 0),  # just after the last Sunday of October
    ],
)
async def test_reminders_arrive_once_at_the_local_hour_and_none_after_the_start(
    runtime: Runtime, start: datetime
) -> None:
    await seed_members(runtime.store, [ANA, BEA, CAR], now=runtime.clock())
    clock(runtime).now = start.replace(tzinfo=TZ) - timedelta(days=10)
    summit_id = await published(runtime, start)
    now = runtime.clock()
    await rsvp.answer(runtime, summit_id, ANA, Answer.GOING, now)
    await rsvp.answer(runtime, summit_id, BEA, Answer.MAYBE, now)
    await rsvp.answer(runtime, summit_id, CAR, Answer.GOING, now)
    await rsvp.answer(runtime, summit_id, CAR, Answer.NOT_GOING, now)
    scanner = [SummitReminderScanner()]
    # Minute by minute over the last ten days, scanning twice each time (a restart's scan).
    moment = now
    while moment < start.replace(tzinfo=TZ) + timedelta(hours=1):
        moment += timedelta(minutes=30)
        clock(runtime).now = moment
        await due.run_scans(runtime, scanner)
        await due.run_scans(runtime, scanner)
    reminders = await rows(runtime, f"summit:{summit_id}:remind:")
    sent = {(item.chat_id, item.dedupe_key.split(":")[4]) for item in reminders}
    assert sent == {(ANA, "168h"), (ANA, "24h"), (ANA, "2h"), (BEA, "24h")}
    assert len(reminders) == 4
    local = {item.dedupe_key.split(":")[4]: item.not_before.astimezone(TZ) for item in reminders}
    assert local["168h"].hour == 18 and local["24h"].hour == 18
    assert local["2h"].hour == 16
    assert all(item.expires_at is not None for item in reminders)
    assert all(item.not_before < start.replace(tzinfo=TZ) for item in reminders)


async def test_two_hours_down_before_a_reminder_sends_it_once_late_but_before_the_start(
    runtime: Runtime,
) -> None:
    await seed_members(runtime.store, [ANA], now=runtime.clock())
    start = datetime(2026, 12, 10, 18, 0, tzinfo=TZ)
    clock(runtime).now = start - timedelta(days=3)
    summit_id = await published(runtime, start.replace(tzinfo=None))
    await rsvp.answer(runtime, summit_id, ANA, Answer.GOING, runtime.clock())
    # Down from 25 h to 23 h before: the 24 h reminder fell due meanwhile.
    clock(runtime).now = start - timedelta(hours=23)
    result = await due.run_scans(runtime, [SummitReminderScanner()])
    assert result["summit_reminders"].enqueued == 1
    result = await due.run_scans(runtime, [SummitReminderScanner()])
    assert result["summit_reminders"].enqueued == 0
    # Down through both the 2 h reminder and the start: nothing arrives late.
    clock(runtime).now = start + timedelta(minutes=5)
    result = await due.run_scans(runtime, [SummitReminderScanner()])
    assert result["summit_reminders"].enqueued == 0
    keys = [
        item.dedupe_key.split(":")[4] for item in await rows(runtime, f"summit:{summit_id}:remind:")
    ]
    assert keys.count("24h") == 1 and "2h" not in keys


async def test_not_going_cancels_queued_reminders(runtime: Runtime) -> None:
    await seed_members(runtime.store, [ANA], now=runtime.clock())
    start = datetime(2026, 12, 10, 18, 0, tzinfo=TZ)
    clock(runtime).now = start - timedelta(days=3)
    summit_id = await published(runtime, start.replace(tzinfo=None))
    await rsvp.answer(runtime, summit_id, ANA, Answer.GOING, runtime.clock())
    clock(runtime).now = start - timedelta(hours=23)
    await due.run_scans(runtime, [SummitReminderScanner()])
    await rsvp.answer(runtime, summit_id, ANA, Answer.NOT_GOING, runtime.clock())
    (reminder,) = await rows(runtime, f"summit:{summit_id}:remind:")
    assert reminder.status is OutboxStatus.CANCELLED


async def test_a_change_of_time_tells_each_attendee_once_with_a_higher_sequence(
    runtime: Runtime,
) -> None:
    await seed_members(runtime.store, [ANA, BEA, CAR], now=runtime.clock())
    summit_id = await published(runtime, datetime(2027, 3, 12, 18, 0))
    now = runtime.clock()
    await rsvp.answer(runtime, summit_id, ANA, Answer.GOING, now)
    await rsvp.answer(runtime, summit_id, BEA, Answer.MAYBE, now)
    await rsvp.answer(runtime, summit_id, CAR, Answer.NOT_GOING, now)
    changed = await board.change(
        runtime, summit_id, "Inicio: 13/3 18:00\nFin: 20:00", actor=BOARD, now=now
    )
    assert changed.summit is not None and changed.told == 2
    assert changed.summit.sequence == 1
    assert changed.summit.starts_at == datetime(2027, 3, 13, 18, 0, tzinfo=TZ)
    told = await rows(runtime, f"summit:{summit_id}:changed:")
    assert sorted(item.chat_id for item in told) == [ANA, BEA]
    # A title fix tells nobody and keeps the SEQUENCE.
    fixed = await board.change(runtime, summit_id, "Título: Cumbre 2027", actor=BOARD, now=now)
    assert fixed.summit is not None and fixed.told == 0 and fixed.summit.sequence == 1
    bad = await board.change(runtime, summit_id, "Fin: 17:00", actor=BOARD, now=now)
    assert [p.key for p in bad.problems] == ["summits.form.end_before_start"]
    made = await listing.calendar_of(runtime, summit_id, "es")
    assert made is not None and b"SEQUENCE:1" in made[1]


async def test_cancelling_tells_each_attendee_once(runtime: Runtime) -> None:
    await seed_members(runtime.store, [ANA, BEA], now=runtime.clock())
    summit_id = await published(runtime, datetime(2027, 3, 12, 18, 0))
    now = runtime.clock()
    await rsvp.answer(runtime, summit_id, ANA, Answer.GOING, now)
    cancelled = await board.cancel(runtime, summit_id, actor=BOARD, now=now)
    assert cancelled.summit is not None and cancelled.summit.status is SummitStatus.CANCELLED
    assert cancelled.told == 1 and cancelled.done
    again = await board.cancel(runtime, summit_id, actor=BOARD, now=now)
    assert again.told == 0 and not again.done
    (notice,) = await rows(runtime, f"summit:{summit_id}:cancelled:")
    assert notice.chat_id == ANA
    # The announcements not sent yet are cancelled with it.
    announced = await rows(runtime, f"summit:{summit_id}:announce:")
    assert {item.status for item in announced} == {OutboxStatus.CANCELLED}


async def test_publishing_twice_announces_once_to_every_member(runtime: Runtime) -> None:
    await seed_members(runtime.store, [ANA, BEA], now=runtime.clock())
    drafted = await board.draft(
        runtime,
        FORM.format(start="12/3 18:00", end="20:00", extra=""),
        actor=BOARD,
        now=runtime.clock(),
    )
    assert drafted.summit is not None
    _, first = await board.publish(runtime, drafted.summit.id, actor=BOARD, now=runtime.clock())
    _, second = await board.publish(runtime, drafted.summit.id, actor=BOARD, now=runtime.clock())
    assert (first, second) == (2, 0)
    assert len(await rows(runtime, f"summit:{drafted.summit.id}:announce:")) == 2


async def test_the_attendee_list_exports_as_csv_and_attendance_is_ticked(
    runtime: Runtime,
) -> None:
    await seed_members(runtime.store, [ANA, BEA], now=runtime.clock())
    summit_id = await published(runtime, datetime(2027, 3, 12, 18, 0))
    await rsvp.answer(runtime, summit_id, ANA, Answer.GOING, runtime.clock())
    assert await listing.tick(runtime, summit_id, ANA) is True
    assert await listing.tick(runtime, summit_id, BEA) is None  # never answered
    data = await listing.attendees_csv(runtime, summit_id)
    assert data is not None
    lines = data.decode().splitlines()
    assert lines[0] == "name,entity,answer,answered_at,came"
    assert lines[1].startswith("Persona 0,Entidad 0,going,") and lines[1].endswith(",yes")
    counts = (await listing.coming_with_counts(runtime, runtime.clock()))[0].counts
    assert (counts.going, counts.came) == (1, 1)


def test_utc_is_what_is_stored() -> None:
    assert datetime(2027, 3, 12, 18, 0, tzinfo=TZ).astimezone(UTC).hour == 17


async def test_a_proposal_is_decided_once_and_tells_its_organiser(runtime: Runtime) -> None:
    seeded = await seed_members(runtime.store, [ANA, BEA], now=runtime.clock())
    async with runtime.store.read() as repos:
        found = await repos.members.member_with_entity(ANA)
    assert found is not None
    member, entity = found
    text = FORM.format(start="12/3 18:00", end="20:00", extra="")
    proposed = await proposals.propose(
        runtime, text, member=member, entity=entity, now=runtime.clock()
    )
    assert proposed.summit is not None
    assert proposed.summit.status is SummitStatus.PROPOSED
    assert proposed.summit.organiser == seeded[0].entity_name
    summit_id = proposed.summit.id
    assert (await rsvp.answer(runtime, summit_id, BEA, Answer.GOING, runtime.clock())).problem
    (card,) = await rows(runtime, f"summit:{summit_id}:proposed")
    assert card.chat_id == runtime.settings.board_chat_id
    first = await proposals.approve(runtime, summit_id, actor=BOARD, now=runtime.clock())
    second = await proposals.approve(runtime, summit_id, actor=BOARD, now=runtime.clock())
    assert (first.done, first.announced, second.done) == (True, 2, False)
    late = await proposals.reject(runtime, summit_id, "no", actor=BOARD, now=runtime.clock())
    assert not late.done
    (decided,) = await rows(runtime, f"summit:{summit_id}:decided")
    assert decided.chat_id == ANA and decided.message.key == "summits.proposal.approved"
    await rsvp.answer(runtime, summit_id, BEA, Answer.GOING, runtime.clock())
    ((own, counts),) = await proposals.organised(runtime, entity.id, runtime.clock())
    assert own.id == summit_id and counts.going == 1


async def test_materials_go_to_those_who_came_and_feedback_is_taken_once(
    runtime: Runtime,
) -> None:
    await seed_members(runtime.store, [ANA, BEA, CAR], now=runtime.clock())
    summit_id = await published(runtime, datetime(2027, 3, 12, 18, 0))
    now = runtime.clock()
    await rsvp.answer(runtime, summit_id, ANA, Answer.GOING, now)
    await rsvp.answer(runtime, summit_id, BEA, Answer.MAYBE, now)
    early = await after.share(
        runtime, summit_id, MaterialKind.TEXT, text="https://x.example", actor=BOARD, now=now
    )
    assert early.problem == "summits.materials.not_yet" and early.material is None
    later = datetime(2027, 3, 12, 21, 0, tzinfo=TZ)
    # Nobody ticked at the check-in: those who said Going count as having come.
    shared = await after.share(
        runtime, summit_id, MaterialKind.TEXT, text="https://x.example", actor=BOARD, now=later
    )
    assert shared.told == 1
    (sent,) = await rows(runtime, f"summit:{summit_id}:material:")
    assert sent.chat_id == ANA
    assert await after.score(runtime, summit_id, BEA, 5, later) == "summits.feedback.not_asked"
    assert await after.score(runtime, summit_id, ANA, 9, later) == "summits.feedback.not_asked"
    assert await after.score(runtime, summit_id, ANA, 5, later) is None
    assert await after.score(runtime, summit_id, ANA, 1, later) == "summits.feedback.already"
    assert await after.comment(runtime, summit_id, ANA, "  ") == "summits.feedback.comment_empty"
    assert await after.comment(runtime, summit_id, ANA, "Bien") is None
    assert await after.comment(runtime, summit_id, ANA, "Otra") == "summits.feedback.already"
    async with runtime.store.read() as repos:
        assert await repos.summits.feedback(summit_id) == (5.0, 1, ["Bien"])
    # Asked once, an hour after the end, whatever the number of scans.
    scanner = [SummitFeedbackScanner()]
    clock(runtime).now = datetime(2027, 3, 12, 20, 30, tzinfo=TZ)
    assert (await due.run_scans(runtime, scanner))["summit_feedback"].enqueued == 0
    clock(runtime).now = datetime(2027, 3, 12, 21, 0, tzinfo=TZ)
    assert (await due.run_scans(runtime, scanner))["summit_feedback"].enqueued == 1
    assert (await due.run_scans(runtime, scanner))["summit_feedback"].enqueued == 0


async def test_the_queries_of_an_answer_and_a_reminder_scan_use_indexes(
    runtime: Runtime,
) -> None:
    await seed_members(runtime.store, [ANA, BEA], now=runtime.clock())
    summit_id = await published(runtime, datetime(2026, 12, 10, 18, 0), extra="Plazas: 1")
    statements: list[str] = []
    async with runtime.store.read() as repos:
        await repos.conn.set_trace_callback(statements.append)
    now = runtime.clock()
    await rsvp.answer(runtime, summit_id, ANA, Answer.GOING, now)
    await rsvp.answer(runtime, summit_id, BEA, Answer.GOING, now)
    await rsvp.answer(runtime, summit_id, ANA, Answer.NOT_GOING, now)
    await listing.coming(runtime, BEA, now)
    clock(runtime).now = datetime(2026, 12, 9, 18, 30, tzinfo=TZ)
    await due.run_scans(runtime, [SummitReminderScanner()])
    async with runtime.store.read() as repos:
        await repos.conn.set_trace_callback(None)  # type: ignore[arg-type]  # None stops it
        scans = []
        for sql in {s for s in statements if s.lstrip().upper().startswith(("SELECT", "UPDATE"))}:
            if "summit" not in sql and "outbox" not in sql:
                continue
            cursor = await repos.conn.execute("EXPLAIN QUERY PLAN " + sql)
            plan = " | ".join(str(row[3]) for row in await cursor.fetchall())
            scans += [
                f"{sql}: {plan}"
                for table in ("summits", "summit_rsvps", "outbox")
                if f"SCAN {table}" in plan and "INDEX" not in plan
            ]
    assert len(statements) > 10 and not scans, scans


async def test_more_places_go_to_those_waiting_in_order(runtime: Runtime) -> None:
    await seed_members(runtime.store, [ANA, BEA, CAR], now=runtime.clock())
    summit_id = await published(runtime, datetime(2027, 3, 12, 18, 0), extra="Plazas: 1")
    now = runtime.clock()
    for user in (ANA, BEA, CAR):
        await rsvp.answer(runtime, summit_id, user, Answer.GOING, now)
    await board.change(runtime, summit_id, "Plazas: 2", actor=BOARD, now=now)
    async with runtime.store.read() as repos:
        states = [await repos.summits.state_of(summit_id, u) for u in (ANA, BEA, CAR)]
    assert states == [RsvpState.GOING, RsvpState.GOING, RsvpState.WAITLISTED]
    await board.change(runtime, summit_id, "Plazas: -", actor=BOARD, now=now)
    async with runtime.store.read() as repos:
        assert await repos.summits.state_of(summit_id, CAR) is RsvpState.GOING
    told = await rows(runtime, f"summit:{summit_id}:promoted:")
    assert [item.chat_id for item in told] == [BEA, CAR]
