"""Due scans: caught up once after downtime, too-late reminders dropped and counted."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest

from bot.domain.outbox import OutboxStatus, Rendered
from bot.domain.posts import Place, PlaceKind, PostDraft, PostKind, PostStatus
from bot.services import due as scans
from bot.services.due import DueMessage, ScanResult, offer, run_scans
from bot.services.runtime import Runtime
from bot.storage.repos import Repos
from tests.delivery_world import paced_fake, row
from tests.fakes import FakeTelegram
from tests.harness import START, BotHarness, FakeClock
from tests.seed import seed_members, started_users


@dataclass
class ReminderScanner:
    """An example scanner: reminders kept in memory, each with a due and a useful-until time."""

    reminders: list[DueMessage] = field(default_factory=list)
    name: str = "example-reminders"

    async def scan(self, repos: Repos, now: datetime, services: Runtime) -> ScanResult:
        result = ScanResult()
        for reminder in self.reminders:
            result += await offer(repos, reminder, now)
        return result


class BrokenScanner:
    name = "broken"

    async def scan(self, repos: Repos, now: datetime, services: Runtime) -> ScanResult:
        raise RuntimeError("boom")


def reminder(key: str, chat_id: int, due_in: timedelta, useful_for: timedelta | None) -> DueMessage:
    due_at = START + due_in
    return DueMessage(
        dedupe_key=key,
        chat_id=chat_id,
        locale="es",
        message=Rendered(key="menu.title"),
        due_at=due_at,
        useful_until=None if useful_for is None else due_at + useful_for,
    )


@pytest.fixture
def fake(clock: FakeClock) -> FakeTelegram:
    return paced_fake(clock)


async def test_offer_enqueues_once_when_due_and_drops_once_when_too_late(
    bot: BotHarness,
) -> None:
    early = reminder("early", 1, timedelta(hours=1), None)
    late = reminder("late", 1, timedelta(hours=-2), timedelta(hours=1))
    due = reminder("due", 1, timedelta(minutes=-5), timedelta(hours=1))
    async with bot.store.write() as repos:
        assert await offer(repos, early, START) == ScanResult()
        assert await offer(repos, due, START) == ScanResult(enqueued=1)
        assert await offer(repos, due, START) == ScanResult()
        assert await offer(repos, late, START) == ScanResult(dropped=1)
        assert await offer(repos, late, START) == ScanResult()
    queued = await row(bot.store, "due")
    assert queued.status == OutboxStatus.QUEUED
    assert queued.expires_at == due.useful_until
    dropped = await row(bot.store, "late")
    assert dropped.status == OutboxStatus.CANCELLED
    assert (dropped.last_error or "").startswith("dropped")


async def test_a_failing_scanner_does_not_stop_the_others(bot: BotHarness) -> None:
    assert bot.app is not None
    good = ReminderScanner([reminder("r", 1, timedelta(0), None)])
    results = await run_scans(bot.app.services, [BrokenScanner(), good])
    assert results == {"example-reminders": ScanResult(enqueued=1)}


async def test_two_hours_of_downtime_catch_up_once_and_skip_what_is_too_late(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """During 2 h down, one reminder fell due (still useful) and one lost its moment."""
    alice, bob = started_users(fake, 2)
    await seed_members(bot.store, [alice, bob], now=clock())
    scanner = ReminderScanner(
        [
            # "Your fee is due": useful for a week.
            reminder("fee", alice, timedelta(minutes=30), timedelta(days=7)),
            # "The summit starts in 2 hours": useless once the summit has started.
            reminder("summit", bob, timedelta(minutes=30), timedelta(hours=1)),
        ]
    )
    monkeypatch.setattr(scans, "SCANNERS", [scanner])
    await bot.stop()
    clock.advance(hours=2)
    await bot.start()  # start-up runs the scans before the first send
    await bot.deliver()
    assert len(fake.messages_to(alice)) == 1
    assert fake.messages_to(bob) == []
    assert (await row(bot.store, "summit")).status == OutboxStatus.CANCELLED
    # The every-minute scan finds nothing new; nothing is sent twice.
    clock.advance(minutes=1)
    assert await bot.run_scans() == {"example-reminders": ScanResult()}
    await bot.deliver()
    assert len(fake.messages_to(alice)) == 1
    assert fake.messages_to(bob) == []


async def test_the_scans_keep_the_search_index_merged(bot: BotHarness) -> None:
    [seeded] = await seed_members(bot.store, [101], now=bot.clock())
    for number in range(20):
        async with bot.store.write() as repos:
            await repos.posts.create(
                PostDraft(
                    kind=PostKind.OFFER,
                    sector="education",
                    title=f"Curso {number}",
                    description="Texto",
                    place=Place(kind=PlaceKind.ONLINE),
                ),
                author_id=seeded.user_id,
                entity_id=seeded.entity_id,
                status=PostStatus.ACTIVE,
                now=bot.clock(),
            )
    segments = "SELECT COUNT(DISTINCT segid) FROM posts_fts_idx"
    assert (row := await bot.store.db.fetchone(segments)) is not None and row[0] > 2
    assert (await bot.run_scans())["search_index"] == ScanResult()  # it enqueues nothing
    assert (row := await bot.store.db.fetchone(segments)) is not None and row[0] == 1
