"""The outbox relay: sends due rows in the recipient's language and records each outcome."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.context import Services
from bot.domain.outbox import OutboxItem, OutboxStatus, Rendered
from bot.i18n import Catalogs, Safe
from bot.storage.outbox import OutboxRelayRepo

__all__ = ["MAX_ATTEMPTS", "Relay", "RelayStats", "render"]

_LOGGER = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
_BACKOFF_CAP = timedelta(minutes=10)


@dataclass
class RelayStats:
    """What one relay pass did."""

    sent: int = 0
    failed: int = 0
    ambiguous: int = 0
    retried: int = 0

    @property
    def handled(self) -> int:
        """Rows that left the queue or were put back."""
        return self.sent + self.failed + self.ambiguous + self.retried


def render(
    catalogs: Catalogs, locale: str, message: Rendered
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Text and keyboard of a stored message in one language.

    Parameters whose name ends in ``_html`` were rendered as HTML by the producer; every other
    string parameter is escaped.
    """
    t = catalogs.translator(locale)
    text = t(message.key, **_params(message.params))
    if not message.keyboard:
        return text, None
    rows = [
        [
            InlineKeyboardButton(
                t(button.key, **_params(button.params)),
                callback_data=button.callback_data,
                url=button.url,
            )
            for button in row
        ]
        for row in message.keyboard
    ]
    return text, InlineKeyboardMarkup(rows)


def _params(params: dict[str, Any]) -> dict[str, Any]:
    return {
        name: Safe(value) if name.endswith("_html") and isinstance(value, str) else value
        for name, value in params.items()
    }


class Relay:
    """Sends what is due, one row at a time, so every outcome is recorded before the next."""

    def __init__(self, services: Services, bot: Bot) -> None:
        self._services = services
        self._bot = bot

    async def recover(self) -> int:
        """At start-up: rows a crash left mid-send become ambiguous."""
        async with self._services.store.write() as repos:
            count = await OutboxRelayRepo(repos.conn).recover_in_flight(self._services.clock())
        if count:
            _LOGGER.warning("%d outbox rows were in flight at the last stop: ambiguous", count)
        return count

    async def run_once(self, *, limit: int = 100) -> RelayStats:
        """Send up to limit due rows; stop early when Telegram asks us to slow down."""
        stats = RelayStats()
        store = self._services.store
        async with store.read() as repos:
            items = await OutboxRelayRepo(repos.conn).due(self._services.clock(), limit=limit)
        for item in items:
            if not await self._deliver(item, stats):
                break
        return stats

    async def _deliver(self, item: OutboxItem, stats: RelayStats) -> bool:
        store = self._services.store
        clock = self._services.clock
        async with store.write() as repos:
            relay = OutboxRelayRepo(repos.conn)
            if not await relay.mark_sending(item.id, clock()):
                return True
            member = await repos.members.member(item.chat_id)
        locale = member.locale if member and member.locale else item.locale
        try:
            message = await self._send(item, locale)
        except RetryAfter as exc:
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            await self._requeue(item, timedelta(seconds=seconds), f"429 retry after {seconds}")
            stats.retried += 1
            return False  # a flood limit applies to everything we send next as well
        except Forbidden as exc:
            await self._fail(item, str(exc), unreachable=True)
            stats.failed += 1
        except TimedOut as exc:
            # The message may have arrived: never send it again blindly.
            await self._finish(item, OutboxStatus.AMBIGUOUS, f"timeout: {exc}")
            stats.ambiguous += 1
        except BadRequest as exc:
            unreachable = "chat not found" in str(exc).lower()
            await self._fail(item, str(exc), unreachable=unreachable)
            stats.failed += 1
        except NetworkError as exc:
            if item.attempts + 1 >= MAX_ATTEMPTS:
                await self._fail(item, f"gave up: {exc}", unreachable=False)
                stats.failed += 1
            else:
                backoff = min(timedelta(seconds=2 ** (item.attempts + 1)), _BACKOFF_CAP)
                await self._requeue(item, backoff, str(exc))
                stats.retried += 1
        except TelegramError as exc:
            await self._fail(item, str(exc), unreachable=False)
            stats.failed += 1
        else:
            async with store.write() as repos:
                await OutboxRelayRepo(repos.conn).mark_sent(item.id, message.message_id, clock())
            stats.sent += 1
        return True

    async def _send(self, item: OutboxItem, locale: str) -> Message:
        text, keyboard = render(self._services.catalogs, locale, item.message)
        return await self._bot.send_message(item.chat_id, text, reply_markup=keyboard)

    async def _requeue(self, item: OutboxItem, wait: timedelta, error: str) -> None:
        now = self._services.clock()
        async with self._services.store.write() as repos:
            await OutboxRelayRepo(repos.conn).requeue(item.id, now + wait, error, now)

    async def _finish(self, item: OutboxItem, status: OutboxStatus, error: str) -> None:
        async with self._services.store.write() as repos:
            await OutboxRelayRepo(repos.conn).mark(item.id, status, error, self._services.clock())

    async def _fail(self, item: OutboxItem, error: str, *, unreachable: bool) -> None:
        now = self._services.clock()
        async with self._services.store.write() as repos:
            await OutboxRelayRepo(repos.conn).mark(item.id, OutboxStatus.FAILED, error, now)
            if unreachable:
                await repos.members.mark_unreachable(item.chat_id, now)
