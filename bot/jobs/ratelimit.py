"""PTB's rate-limiter hook backed by the relay's FloodLimiter: one budget for every send.

The relay paces its own sends (it skips busy chats instead of waiting on them) and marks
them ``PACED``; everything else the bot sends, mostly direct replies, waits here for the
overall and group windows and is counted, so the relay leaves room for it. Replies in a
private chat are counted but never delayed: the member is waiting for them.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.clock import Clock
from bot.domain.pacing import BUSY, FloodLimiter, FloodLimits
from bot.jobs.outcomes import retry_after

__all__ = ["PACED", "SharedRateLimiter", "counts_against_limits"]

_LOGGER = logging.getLogger(__name__)
PACED = "paced"
# How often a reply looks again when the window is full of sends still in flight.
_BUSY_POLL = 0.02
_NOT_MESSAGES = frozenset({"sendChatAction", "sendChatActionDraft"})

JSON = bool | dict[str, Any] | list[dict[str, Any]]


def counts_against_limits(endpoint: str) -> bool:
    """Whether Telegram counts this call as a message: sends, copies, forwards and edits."""
    if endpoint in _NOT_MESSAGES:
        return False
    return endpoint.startswith(("send", "copyMessage", "forwardMessage", "editMessage"))


class SharedRateLimiter(BaseRateLimiter[str]):
    """Applies a FloodLimiter to the bot's requests; retries a 429 a few times."""

    def __init__(
        self,
        limiter: FloodLimiter,
        *,
        clock: Clock,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_retries: int = 3,
    ) -> None:
        self.limiter = limiter
        self._clock = clock
        self._sleep = sleep
        self._max_retries = max_retries

    @classmethod
    def for_telegram(cls, clock: Clock) -> "SharedRateLimiter":
        """Telegram's limits."""
        return cls(FloodLimiter(FloodLimits()), clock=clock)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> JSON:
        """Wait for room in the windows, send, and honour retry_after on 429."""
        chat_id = _chat_id(data)
        if rate_limit_args == PACED or chat_id is None or not counts_against_limits(endpoint):
            return await callback(*args, **kwargs)
        for attempt in range(self._max_retries + 1):
            while (wait := self._wait(chat_id)) > 0:
                await self._sleep(_BUSY_POLL if wait == BUSY else wait)
            self.limiter.begin(chat_id)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                delay = retry_after(exc).total_seconds()
                self.limiter.pause(self._now() + delay)
                if attempt == self._max_retries:
                    raise
                _LOGGER.info("flood limit on %s: retrying in %.1fs", endpoint, delay)
            finally:
                self.limiter.end(chat_id, self._now())
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _wait(self, chat_id: int) -> float:
        now = self._now()
        if chat_id < 0:
            return self.limiter.wait(chat_id, now)
        return self.limiter.overall_wait(now)

    def _now(self) -> float:
        return self._clock().timestamp()


def _chat_id(data: dict[str, Any]) -> int | None:
    try:
        return int(data["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None  # absent, or an @channel username: not paced
