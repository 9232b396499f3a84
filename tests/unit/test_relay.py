"""The outbox relay against the fake Bot API: outcomes, retries, limits and quiet hours."""

import asyncio
import itertools
from datetime import timedelta

import httpx
import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.domain.outbox import Category, OutboxStatus, Rendered
from bot.jobs.relay import MAX_ATTEMPTS, Relay
from tests.delivery_world import enqueue, paced_fake, row
from tests.fakes import FakeTelegram, FakeTransport
from tests.harness import API_URL, BOARD_CHAT_ID, TOKEN, BotHarness, FakeClock
from tests.seed import seed_members, started_users


@pytest.fixture
def fake(clock: FakeClock) -> FakeTelegram:
    return paced_fake(clock)


async def members(bot: BotHarness, fake: FakeTelegram, count: int) -> list[int]:
    ids = started_users(fake, count)
    await seed_members(bot.store, ids, now=bot.clock())
    return ids


async def test_renders_in_the_recipients_language_with_keyboard(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    spanish, english = await members(bot, fake, 2)
    for user in (spanish, english):
        await enqueue(bot.store, f"k{user}", user, now=bot.clock())
    assert await bot.deliver() == 2
    assert fake.messages_to(spanish)[0].text == "Menú principal"
    english_message = fake.messages_to(english)[0]
    assert english_message.text == "Main menu"
    assert english_message.buttons == [[("❓ Help", "v1:help:show")]]
    assert (await row(bot.store, f"k{english}")).status == OutboxStatus.SENT


async def test_the_language_is_read_at_send_time(bot: BotHarness, fake: FakeTelegram) -> None:
    (user,) = await members(bot, fake, 1)
    await enqueue(bot.store, "k", user, now=bot.clock())
    async with bot.store.write() as repos:
        await repos.members.set_locale(user, "en")
    await bot.deliver()
    assert fake.messages_to(user)[0].text == "Main menu"


async def test_a_stored_count_picks_its_plural_form_in_the_recipients_language(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    spanish, english = await members(bot, fake, 2)
    for days in (1, 3):
        message = Rendered(
            key="matching.introduction",
            params={"other_html": "X", "own_title": "a", "other_title": "b", "days": days},
        )
        for user in (spanish, english):
            await enqueue(bot.store, f"intro{days}:{user}", user, now=bot.clock(), message=message)
    assert await bot.deliver() == 4
    assert [m.text.splitlines()[-1] for m in fake.messages_to(spanish)] == [
        "Dentro de 1 día os preguntaré si habéis colaborado.",
        "Dentro de 3 días os preguntaré si habéis colaborado.",
    ]
    assert [m.text.splitlines()[-1] for m in fake.messages_to(english)] == [
        "In 1 day I will ask you both whether you worked together.",
        "In 3 days I will ask you both whether you worked together.",
    ]


async def test_429_waits_retry_after_then_delivers(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    first, second = await members(bot, fake, 2)
    fake.inject("sendMessage", chat_id=first, error_code=429, retry_after=30)
    await enqueue(bot.store, "a", first, now=clock())
    await enqueue(bot.store, "b", second, now=clock())
    flood_at = clock().timestamp()
    stats = await bot.relay.run_once()  # type: ignore[union-attr]
    assert (stats.retried, stats.sent) == (1, 2)
    item = await row(bot.store, "a")
    assert item.status == OutboxStatus.SENT
    assert item.attempts == 2
    # Nothing at all was sent during the flood pause, not only to the chat that hit it.
    sends = [record.at for record in fake.send_log]
    assert len(sends) == 2
    assert min(sends) >= flood_at + 30
    assert len(fake.messages_to(first)) == len(fake.messages_to(second)) == 1


async def test_429_with_a_long_retry_after_leaves_the_row_for_later(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    (user,) = await members(bot, fake, 1)
    fake.inject("sendMessage", chat_id=user, error_code=429, retry_after=300)
    await enqueue(bot.store, "a", user, now=clock())
    await bot.deliver()
    item = await row(bot.store, "a")
    assert item.status == OutboxStatus.QUEUED
    assert item.not_before == clock() + timedelta(seconds=300)
    clock.advance(minutes=5)
    await bot.deliver()
    assert len(fake.messages_to(user)) == 1


async def test_403_fails_the_row_and_marks_the_member_unreachable(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    (user,) = await members(bot, fake, 1)
    fake.set_blocked(user)
    await enqueue(bot.store, "k", user, now=bot.clock())
    await bot.deliver()
    item = await row(bot.store, "k")
    assert item.status == OutboxStatus.FAILED
    assert "blocked" in (item.last_error or "")
    async with bot.store.read() as repos:
        member = await repos.members.member(user)
    assert member is not None
    assert member.unreachable_at == bot.clock()


async def test_chat_not_found_fails_and_marks_unreachable(bot: BotHarness) -> None:
    await seed_members(bot.store, [424242], now=bot.clock())  # a user the fake never saw
    await enqueue(bot.store, "k", 424242, now=bot.clock())
    await bot.deliver()
    assert (await row(bot.store, "k")).status == OutboxStatus.FAILED
    async with bot.store.read() as repos:
        member = await repos.members.member(424242)
    assert member is not None
    assert member.unreachable_at is not None


@pytest.mark.parametrize("after_delivery", [True, False])
async def test_a_timeout_is_ambiguous_and_never_resent(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock, after_delivery: bool
) -> None:
    (user,) = await members(bot, fake, 1)
    fake.inject_timeout("sendMessage", chat_id=user, after_delivery=after_delivery)
    await enqueue(bot.store, "k", user, now=clock())
    stats = await bot.relay.run_once()  # type: ignore[union-attr]
    assert stats.ambiguous == 1
    clock.advance(hours=1)
    await bot.deliver()
    assert (await row(bot.store, "k")).status == OutboxStatus.AMBIGUOUS
    assert len(fake.messages_to(user)) == (1 if after_delivery else 0)
    assert len(fake.calls_to("sendMessage")) == 1


async def test_5xx_backs_off_then_delivers(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    (user,) = await members(bot, fake, 1)
    fake.inject("sendMessage", chat_id=user, error_code=502, times=3)
    await enqueue(bot.store, "k", user, now=clock())
    start = clock()
    for _ in range(4):
        await bot.deliver()
        clock.advance(seconds=10)
    item = await row(bot.store, "k")
    assert item.status == OutboxStatus.SENT
    assert item.attempts == 4
    assert len(fake.messages_to(user)) == 1
    sends = [call.at for call in fake.calls_to("sendMessage")]
    gaps = [later - earlier for earlier, later in itertools.pairwise(sends)]
    assert gaps[0] >= 2 and gaps[1] >= 4 and gaps[2] >= 8  # 2 s, 4 s, 8 s
    assert sends[0] == start.timestamp()


async def test_5xx_gives_up_after_max_attempts(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    (user,) = await members(bot, fake, 1)
    fake.inject("sendMessage", chat_id=user, error_code=500, times=MAX_ATTEMPTS + 5)
    await enqueue(bot.store, "k", user, now=clock())
    for _ in range(MAX_ATTEMPTS + 2):
        await bot.deliver()
        clock.advance(minutes=11)
    item = await row(bot.store, "k")
    assert item.status == OutboxStatus.FAILED
    assert item.attempts == MAX_ATTEMPTS
    assert (item.last_error or "").startswith(f"gave up after {MAX_ATTEMPTS} attempts")


async def test_not_before_is_respected(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    (user,) = await members(bot, fake, 1)
    await enqueue(bot.store, "k", user, now=clock(), not_before=clock() + timedelta(hours=1))
    assert await bot.deliver() == 0
    clock.advance(minutes=59)
    assert await bot.deliver() == 0
    clock.advance(minutes=1)
    assert await bot.deliver() == 1
    assert len(fake.messages_to(user)) == 1


async def test_quiet_hours_hold_scheduled_messages_only(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    a, b, c = await members(bot, fake, 3)
    clock.advance(hours=12)  # 23:00 in León (22:00 UTC): quiet hours 22:00-08:00
    for key, user, category in (
        ("scheduled", a, Category.SCHEDULED),
        ("reply", b, Category.REPLY),
        ("announcement", c, Category.ANNOUNCEMENT),
    ):
        await enqueue(bot.store, key, user, now=clock(), category=category)
    assert await bot.deliver() == 2
    assert fake.messages_to(a) == []
    assert (await row(bot.store, "scheduled")).status == OutboxStatus.QUEUED
    clock.advance(hours=8, minutes=59)  # 07:59
    assert await bot.deliver() == 0
    clock.advance(minutes=1)  # 08:00: quiet hours are over
    assert await bot.deliver() == 1
    assert len(fake.messages_to(a)) == 1


async def test_a_message_past_its_useful_moment_is_cancelled_not_sent(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    (user,) = await members(bot, fake, 1)
    await enqueue(
        bot.store,
        "k",
        user,
        now=clock(),
        category=Category.SCHEDULED,
        not_before=clock() + timedelta(hours=2),
        expires_at=clock() + timedelta(hours=1),
    )
    clock.advance(hours=2)
    stats = await bot.relay.run_once()  # type: ignore[union-attr]
    assert stats.expired == 1
    assert fake.messages_to(user) == []
    assert (await row(bot.store, "k")).status == OutboxStatus.CANCELLED


async def test_rows_left_sending_by_a_crash_become_ambiguous(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    (user,) = await members(bot, fake, 1)
    await enqueue(bot.store, "k", user, now=bot.clock())
    async with bot.store.write() as repos:
        await repos.conn.execute("UPDATE outbox SET status = 'sending'")
    await bot.restart()
    await bot.deliver()
    item = await row(bot.store, "k")
    assert item.status == OutboxStatus.AMBIGUOUS
    assert item.last_error == "interrupted while sending"
    assert fake.messages_to(user) == []


async def test_limits_hold_at_thirty_a_second(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    """300 members, 3 messages to one of them and 25 to the board: no window is exceeded."""
    users = await members(bot, fake, 300)
    start = clock()
    for user in users:
        await enqueue(bot.store, f"m{user}", user, now=start, category=Category.ANNOUNCEMENT)
    for extra in range(3):
        await enqueue(bot.store, f"x{extra}", users[0], now=start)
    for index in range(25):
        await enqueue(bot.store, f"board{index}", BOARD_CHAT_ID, now=start)
    await bot.deliver()
    fake.assert_no_rate_violations()
    sent_to_board = len(fake.messages_to(BOARD_CHAT_ID))
    assert sent_to_board == 20  # the rest wait for the group's minute
    elapsed = (clock() - start).total_seconds()
    assert 323 / 30 - 1 <= elapsed <= 323 / 30 * 1.05  # as fast as the limits allow
    clock.advance(minutes=1)
    await bot.deliver()
    fake.assert_no_rate_violations()
    assert len(fake.messages_to(BOARD_CHAT_ID)) == 25
    assert len(fake.messages_to(users[0])) == 4
    async with bot.store.read() as repos:
        counts = await repos.outbox.count_by_status()
    assert counts == {OutboxStatus.SENT: 328}


class _HeldTransport(FakeTransport):
    """Holds every request to one chat until released: a slow answer from Telegram."""

    def __init__(self, fake: FakeTelegram, chat_id: int) -> None:
        super().__init__(fake)
        self.chat_id = chat_id
        self.release = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if f"chat_id={self.chat_id}".encode() in await request.aread():
            await self.release.wait()
        return await super().handle_async_request(request)


async def test_one_slow_send_does_not_hold_up_the_others(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    slow, *others = await members(bot, fake, 5)
    for user in (slow, *others):
        await enqueue(bot.store, f"k{user}", user, now=clock())
    transport = _HeldTransport(fake, slow)
    request = HTTPXRequest(httpx_kwargs={"transport": transport})
    assert bot.app is not None
    relay = Relay(
        bot.app.services, Bot(TOKEN, base_url=f"{API_URL}/bot", request=request), sleep=bot.sleep
    )
    passing = asyncio.create_task(relay.run_once())
    await fake.wait_for(lambda: all(fake.messages_to(user) for user in others), timeout=5)
    assert (await row(bot.store, f"k{slow}")).status == OutboxStatus.SENDING
    transport.release.set()
    stats = await passing
    await request.shutdown()
    assert stats.sent == 5
    assert (await row(bot.store, f"k{slow}")).status == OutboxStatus.SENT


async def test_a_restart_remembers_the_last_minutes_sends(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    """The new process does not start a fresh budget: the board group already had 20."""
    for index in range(20):
        await enqueue(bot.store, f"a{index}", BOARD_CHAT_ID, now=clock())
    await bot.deliver()
    clock.advance(seconds=30)
    await bot.restart()
    await enqueue(bot.store, "late", BOARD_CHAT_ID, now=clock())
    await bot.deliver()
    assert (await row(bot.store, "late")).status == OutboxStatus.QUEUED
    clock.advance(seconds=31)
    await bot.deliver()
    assert len(fake.messages_to(BOARD_CHAT_ID)) == 21
    fake.assert_no_rate_violations()
