"""BoardAccess: live getChatMember checks against the fake Bot API, cached for 5 minutes."""

from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.board_access import CACHE_TTL, BoardAccess
from tests.fakes import BOT_ID, FakeTelegram, FakeTransport
from tests.harness import API_URL, BOARD_CHAT_ID, TOKEN, FakeClock


@pytest.fixture
async def tg(fake: FakeTelegram) -> AsyncIterator[Bot]:
    request = HTTPXRequest(httpx_kwargs={"transport": FakeTransport(fake)})
    bot = Bot(TOKEN, base_url=f"{API_URL}/bot", request=request)
    async with bot:
        yield bot


def checks(fake: FakeTelegram) -> int:
    return len(fake.calls_to("getChatMember"))


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        ("creator", True),
        ("administrator", True),
        ("member", True),
        ("restricted", True),  # still in the group, only muted
        ("left", False),
        ("kicked", False),
    ],
)
async def test_only_current_members_of_the_board_group(
    tg: Bot, fake: FakeTelegram, clock: FakeClock, status: str, allowed: bool
) -> None:
    user = fake.user("ana")
    fake.set_member(BOARD_CHAT_ID, user, status)  # type: ignore[arg-type]
    access = BoardAccess(BOARD_CHAT_ID, clock)
    assert await access.is_member(tg, user.id) is allowed


async def test_a_user_never_seen_in_the_group_and_bots_are_not_members(
    tg: Bot, fake: FakeTelegram, clock: FakeClock
) -> None:
    stranger = fake.user("stranger")
    access = BoardAccess(BOARD_CHAT_ID, clock)
    assert not await access.is_member(tg, stranger.id)
    assert not await access.is_member(tg, BOT_ID)  # the bot is an admin, yet no board member


async def test_answers_are_cached_for_five_minutes(
    tg: Bot, fake: FakeTelegram, clock: FakeClock
) -> None:
    ana = fake.user("ana")
    fake.set_member(BOARD_CHAT_ID, ana, "member")
    access = BoardAccess(BOARD_CHAT_ID, clock)
    assert await access.is_member(tg, ana.id)
    assert checks(fake) == 1

    fake.set_member(BOARD_CHAT_ID, ana, "left")
    clock.advance(seconds=CACHE_TTL.total_seconds() - 1)
    assert await access.is_member(tg, ana.id)  # the cached answer, at most 5 minutes old
    assert checks(fake) == 1
    clock.advance(seconds=1)
    assert not await access.is_member(tg, ana.id)
    assert checks(fake) == 2
    assert not await access.is_member(tg, ana.id)  # a refusal is cached as well
    assert checks(fake) == 2


async def test_forget_makes_the_next_check_live(
    tg: Bot, fake: FakeTelegram, clock: FakeClock
) -> None:
    ana = fake.user("ana")
    fake.set_member(BOARD_CHAT_ID, ana, "administrator")
    access = BoardAccess(BOARD_CHAT_ID, clock)
    assert await access.is_member(tg, ana.id)
    fake.set_member(BOARD_CHAT_ID, ana, "kicked")
    access.forget(ana.id)
    assert not await access.is_member(tg, ana.id)
    access.forget(12345)  # forgetting someone never checked is harmless


async def test_a_failed_check_denies_and_is_not_cached(
    tg: Bot, fake: FakeTelegram, clock: FakeClock
) -> None:
    ana = fake.user("ana")
    fake.set_member(BOARD_CHAT_ID, ana, "member")
    access = BoardAccess(BOARD_CHAT_ID, clock)
    fake.inject("getChatMember", error_code=400, description="Bad Request: chat not found")
    assert not await access.is_member(tg, ana.id)
    assert await access.is_member(tg, ana.id)  # asked again, not stuck on the failure


async def test_without_a_board_group_nobody_is_on_the_board(
    tg: Bot, fake: FakeTelegram, clock: FakeClock
) -> None:
    ana = fake.user("ana")
    access = BoardAccess(None, clock)
    assert not await access.is_member(tg, ana.id)
    assert not access.is_board_chat(BOARD_CHAT_ID)
    assert checks(fake) == 0
    assert BoardAccess(BOARD_CHAT_ID, clock).is_board_chat(BOARD_CHAT_ID)
    assert not BoardAccess(BOARD_CHAT_ID, clock).is_board_chat(ana.id)
