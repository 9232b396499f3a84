"""What each send error means for an outbox row, and the shared rate limiter."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.domain.pacing import FloodLimiter
from bot.jobs.outcomes import Verdict, classify
from bot.jobs.ratelimit import PACED, SharedRateLimiter, counts_against_limits


def caused(error: TelegramError, cause: BaseException) -> TelegramError:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "verdict"),
    [
        (RetryAfter(timedelta(seconds=7)), Verdict.FLOOD),
        (Forbidden("Forbidden: bot was blocked by the user"), Verdict.UNREACHABLE),
        (BadRequest("Bad Request: chat not found"), Verdict.UNREACHABLE),
        (BadRequest("Bad Request: message is too long"), Verdict.FAILED),
        (ChatMigrated(-100123), Verdict.FAILED),
        (TimedOut(), Verdict.AMBIGUOUS),
        (caused(TimedOut(), httpx.ReadTimeout("read")), Verdict.AMBIGUOUS),
        (caused(TimedOut(), httpx.ConnectTimeout("connect")), Verdict.RETRY),
        (caused(TimedOut("Pool timeout"), httpx.PoolTimeout("pool")), Verdict.RETRY),
        (NetworkError("Bad Gateway"), Verdict.RETRY),
        (caused(NetworkError("refused"), httpx.ConnectError("refused")), Verdict.RETRY),
        (caused(NetworkError("reset"), httpx.ReadError("reset")), Verdict.AMBIGUOUS),
        (caused(NetworkError("eof"), httpx.RemoteProtocolError("eof")), Verdict.AMBIGUOUS),
        (InvalidToken(), Verdict.RETRY),
    ],
)
def test_classify(error: TelegramError, verdict: Verdict) -> None:
    assert classify(error).verdict is verdict


def test_flood_carries_the_wait() -> None:
    failure = classify(RetryAfter(timedelta(seconds=7)))
    assert failure.wait == timedelta(seconds=7)
    assert failure.error == "429 retry after 7s"


@pytest.mark.parametrize(
    ("endpoint", "counts"),
    [
        ("sendMessage", True),
        ("sendPhoto", True),
        ("copyMessage", True),
        ("editMessageText", True),
        ("sendChatAction", False),
        ("getChatMember", False),
        ("answerCallbackQuery", False),
    ],
)
def test_which_calls_count(endpoint: str, counts: bool) -> None:
    assert counts_against_limits(endpoint) is counts


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)


async def ok(*args: Any, **kwargs: Any) -> bool:
    return True


async def test_replies_share_the_relays_budget() -> None:
    clock = Clock()
    limiter = FloodLimiter()
    rate = SharedRateLimiter(limiter, clock=clock, sleep=clock.sleep)

    async def send(chat_id: int, rate_limit_args: str | None = None) -> None:
        await rate.process_request(ok, (), {}, "sendMessage", {"chat_id": chat_id}, rate_limit_args)

    for _ in range(3):
        await send(42)  # a private chat: counted, never delayed
    assert clock.slept == []
    assert limiter.chat_wait(42, clock.now.timestamp()) > 0
    for _ in range(20):
        await send(-100)
    await send(-100)  # the 21st group message waits for the minute to pass
    assert sum(clock.slept) == pytest.approx(60.001, abs=0.01)
    await send(-100, PACED)  # the relay paced it already
    assert len(clock.slept) == 1


async def test_a_429_pauses_everything_and_is_retried() -> None:
    clock = Clock()
    limiter = FloodLimiter()
    rate = SharedRateLimiter(limiter, clock=clock, sleep=clock.sleep, max_retries=1)
    calls = 0

    async def flaky(*args: Any, **kwargs: Any) -> bool:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RetryAfter(timedelta(seconds=5))
        return True

    assert await rate.process_request(flaky, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert calls == 2
    assert sum(clock.slept) == pytest.approx(5.0)

    async def always(*args: Any, **kwargs: Any) -> bool:
        raise RetryAfter(timedelta(seconds=1))

    with pytest.raises(RetryAfter):
        await rate.process_request(always, (), {}, "sendMessage", {"chat_id": 2}, None)
