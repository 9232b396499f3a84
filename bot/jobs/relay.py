"""The outbox relay: sends due rows within Telegram's limits and records each outcome.

One dispatcher walks the due rows in order. It skips a row whose chat is still inside its
window (the row is moved to when the chat is free), waits for room in the overall window,
claims the row (committed) and hands the send to its own task, so a slow answer from
Telegram never holds up the other chats. Each task commits its row's outcome. A row is
claimed ('sending') before its request leaves, so after a crash it is known to be maybe
delivered and becomes ambiguous instead of being sent twice. The limiter counts a send as in
flight until its answer, so at most one overall window's worth (30) is ever in flight.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, InputFile, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.context import Services
from bot.domain.outbox import Media, OutboxItem, OutboxStatus, Rendered
from bot.domain.pacing import BUSY, FloodLimiter
from bot.i18n import Catalogs, Safe
from bot.jobs.outcomes import Failure, Verdict, classify
from bot.jobs.ratelimit import PACED, SharedRateLimiter
from bot.keyboards import inline_keyboard
from bot.services import attachments

__all__ = ["MAX_ATTEMPTS", "Observer", "Relay", "RelayStats", "Sleep", "render"]

_LOGGER = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]
Observer = Callable[[], Awaitable[None]]

# Telegram's limit for a caption (a file's text), counted here on the HTML for safety.
CAPTION_MAX = 1024
MAX_ATTEMPTS = 12  # network errors and 5xx: about 37 minutes of backing off in total
CHUNK = 200
# A pass waits for rows that fall due this soon (a busy chat, a short retry_after) instead of
# ending and leaving them to the next tick.
LINGER = timedelta(seconds=2)
OBSERVE_EVERY = timedelta(seconds=5)
_POLL_SECONDS = 0.5
# Shortest sleep or deferral: rounding to clock ticks must never leave a wait of zero length.
_MIN_WAIT = 0.001
_BACKOFF_CAP = timedelta(minutes=10)
_BUSY_CHAT = 1.0  # a send to the same chat is still in flight: look again this much later
_RECENT = timedelta(seconds=61)  # the longest window (a group's minute) and a margin


@dataclass
class RelayStats:
    """What one relay pass did."""

    sent: int = 0
    failed: int = 0
    ambiguous: int = 0
    retried: int = 0
    expired: int = 0
    deferred: int = 0  # moved later because the chat was busy; not an outcome

    @property
    def handled(self) -> int:
        """Rows that left the queue or were put back after an attempt."""
        return self.sent + self.failed + self.ambiguous + self.retried + self.expired


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
    return text, inline_keyboard(
        message.keyboard, lambda button: t(button.key, **_params(button.params))
    )


def _params(params: dict[str, Any]) -> dict[str, Any]:
    return {
        name: Safe(value) if name.endswith("_html") and isinstance(value, str) else value
        for name, value in params.items()
    }


class _NotRendered(Exception):
    """A stored message that could not be turned into text (it was never sent)."""


class Relay:
    """Sends due outbox rows concurrently across chats, never faster than the limits allow."""

    def __init__(
        self,
        services: Services,
        bot: Bot,
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._services = services
        self._bot = bot
        shared = getattr(bot, "rate_limiter", None)
        if isinstance(shared, SharedRateLimiter):
            # Share the budget with the bot's other requests, and skip their pacing.
            self.limiter = shared.limiter
            self.send_kwargs: dict[str, Any] = {"rate_limit_args": PACED}
        else:
            self.limiter = FloodLimiter()
            self.send_kwargs = {}
        self._sleep = sleep
        # Called every few seconds while sending and after each pass (announcement progress).
        self.observers: list[Observer] = []
        self._busy = asyncio.Lock()
        self._answered = asyncio.Event()  # set whenever a send in flight gets its answer

    async def recover(self) -> int:
        """At start-up: rows a crash left mid-send become ambiguous; count recent sends.

        A quick restart must not start a fresh budget while the previous process's sends
        still count against Telegram's windows (a group's lasts a minute).
        """
        now = self._now()
        async with self._services.store.write() as repos:
            relay = repos.relay
            count = await relay.recover_in_flight(now)
            recent = await relay.sent_since(now - _RECENT)
        for chat_id, at in recent:
            self.limiter.record(chat_id, at.timestamp())
        if count:
            _LOGGER.warning("%d outbox rows were in flight at the last stop: ambiguous", count)
        return count

    async def run_once(self, *, chunk: int = CHUNK) -> RelayStats:
        """Send everything due (and what falls due within LINGER); wait for every outcome."""
        stats = RelayStats()
        if self._busy.locked():
            return stats  # the previous pass is still sending; it picks up new rows itself
        async with self._busy:
            in_flight: set[asyncio.Task[None]] = set()
            observed = self._now()
            try:
                while True:
                    if self._now() - observed >= OBSERVE_EVERY:
                        await self._observe()
                        observed = self._now()
                    quiet = self._quiet()
                    async with self._services.store.read() as repos:
                        items = await repos.relay.due(
                            self._now(), limit=chunk, include_scheduled=not quiet
                        )
                    for item in items:
                        await self._dispatch(item, stats, in_flight)
                    if items:
                        continue
                    if in_flight:
                        # Outcomes can requeue rows; new rows can arrive meanwhile.
                        await asyncio.wait(
                            in_flight, timeout=_POLL_SECONDS, return_when=asyncio.FIRST_COMPLETED
                        )
                    elif not await self._linger(quiet):
                        break
            finally:
                if in_flight:
                    await asyncio.wait(in_flight)
            await self._observe()
        return stats

    async def _dispatch(
        self, item: OutboxItem, stats: RelayStats, in_flight: set[asyncio.Task[None]]
    ) -> None:
        now = self._now()
        if item.expires_at is not None and now >= item.expires_at:
            await self._finish(item, OutboxStatus.CANCELLED, "expired before it could be sent")
            stats.expired += 1
            return
        chat_wait = self.limiter.chat_wait(item.chat_id, now.timestamp())
        if chat_wait > 0:  # come back when the chat's window frees (or its send answers)
            seconds = _BUSY_CHAT if chat_wait == BUSY else max(chat_wait, _MIN_WAIT)
            async with self._services.store.write() as repos:
                await repos.relay.defer(item.id, now + timedelta(seconds=seconds), now)
            stats.deferred += 1
            return
        if not await self._claim(item):
            return
        task = asyncio.create_task(self._send(item, stats))
        in_flight.add(task)
        task.add_done_callback(lambda done: self._sent(done, in_flight))

    async def _claim(self, item: OutboxItem) -> bool:
        """Wait for room in the windows, then mark the row 'sending'; False to skip it."""
        await self._pace(item.chat_id)
        async with self._services.store.write() as repos:
            claimed = await repos.relay.mark_sending(item.id, self._now())
        if not claimed:
            return False  # cancelled or taken meanwhile
        # A flood pause may have begun during the commit, and a claimed row must not sit
        # 'sending' through it (a crash would make it ambiguous without it ever leaving).
        if self.limiter.paused(self._now().timestamp()) > LINGER.total_seconds():
            async with self._services.store.write() as repos:
                await repos.relay.unclaim(item.id, self._now())
            return False
        await self._pace(item.chat_id)  # other sends may have left during the commit
        self.limiter.begin(item.chat_id)
        return True

    def _sent(self, task: asyncio.Task[None], in_flight: set[asyncio.Task[None]]) -> None:
        in_flight.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            _LOGGER.error("could not record an outbox outcome", exc_info=error)

    async def _pace(self, chat_id: int) -> None:
        while (wait := self.limiter.wait(chat_id, self._now().timestamp())) > 0:
            if wait == BUSY:  # the window is full of sends in flight: wait for an answer
                self._answered.clear()
                await self._answered.wait()
            else:
                await self._sleep(max(wait, _MIN_WAIT))

    async def _send(self, item: OutboxItem, stats: RelayStats) -> None:
        try:
            result = await self._attempt(item)
        finally:
            # The answer's time, not the departure's, is what the windows count from.
            self.limiter.end(item.chat_id, self._now().timestamp())
            self._answered.set()
        if isinstance(result, Message):
            async with self._services.store.write() as repos:
                await repos.relay.mark_sent(item.id, result.message_id, self._now())
            stats.sent += 1
        elif isinstance(result, _NotRendered):
            _LOGGER.error("outbox row %d could not be rendered", item.id, exc_info=result)
            await self._finish(item, OutboxStatus.FAILED, f"render: {result}")
            stats.failed += 1
        elif isinstance(result, TelegramError):
            await self._record_failure(item, classify(result), stats)
        else:  # we cannot tell whether it left: never resend
            _LOGGER.error("unexpected error sending outbox row %d", item.id, exc_info=result)
            await self._finish(item, OutboxStatus.AMBIGUOUS, f"unexpected: {result!r}")
            stats.ambiguous += 1

    async def _attempt(self, item: OutboxItem) -> Message | Exception:
        """Render and send one row; the error instead of raising it."""
        try:
            text, keyboard = render(self._services.catalogs, item.locale, item.message)
        except Exception as exc:  # a broken stored message: it was not sent
            return _NotRendered(str(exc))
        try:
            file = await self._file(item, text)
        except Exception as exc:  # a file that cannot be made: the message was not sent
            return _NotRendered(f"attachment: {exc}")
        try:
            if file is not None:
                document: str | InputFile = (
                    InputFile(file.data, filename=file.name)
                    if file.data is not None
                    else file.file_id or ""
                )
                return await self._bot.send_document(
                    item.chat_id,
                    document,
                    caption=text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard,
                    **self.send_kwargs,
                )
            media = item.message.media
            if media is None:
                return await self._bot.send_message(
                    item.chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard,
                    **self.send_kwargs,
                )
            return await self._send_media(item, media, text, keyboard)
        except Exception as exc:
            return exc

    async def _file(self, item: OutboxItem, text: str) -> attachments.File | None:
        """The row's file, made now; None without one, or when the text is too long to be
        its caption (the message then goes as text; its buttons still offer the file)."""
        attachment = item.message.attachment
        if attachment is None or len(text) > CAPTION_MAX:
            return None
        return await attachments.make(self._services, attachment, item.locale)

    async def _send_media(
        self, item: OutboxItem, media: Media, text: str, keyboard: InlineKeyboardMarkup | None
    ) -> Message:
        """A file Telegram holds with the text as its caption, or a text that answers an
        earlier row."""
        answered = None
        if media.reply_to_key is not None:
            async with self._services.store.read() as repos:
                earlier = await repos.outbox.by_key(media.reply_to_key)
            if earlier is not None and earlier.sent_message_id is not None:
                # Deleted meanwhile: the message still arrives, only not as a reply.
                answered = ReplyParameters(
                    earlier.sent_message_id, allow_sending_without_reply=True
                )
        common: dict[str, Any] = {
            "parse_mode": ParseMode.HTML,
            "reply_markup": keyboard,
            "reply_parameters": answered,
            **self.send_kwargs,
        }
        if media.file_id is None:
            return await self._bot.send_message(item.chat_id, text, **common)
        if media.as_photo:
            return await self._bot.send_photo(item.chat_id, media.file_id, caption=text, **common)
        return await self._bot.send_document(item.chat_id, media.file_id, caption=text, **common)

    async def _record_failure(self, item: OutboxItem, failure: Failure, stats: RelayStats) -> None:
        now = self._now()
        attempts = item.attempts + 1  # the claim counted this one
        if failure.verdict is Verdict.RETRY and attempts >= MAX_ATTEMPTS:
            failure = Failure(Verdict.FAILED, f"gave up after {attempts} attempts: {failure.error}")
        verdict = failure.verdict
        if verdict is Verdict.FLOOD:
            self.limiter.pause((now + failure.wait).timestamp())
            await self._requeue(item, now + failure.wait, failure.error)
            stats.retried += 1
        elif verdict is Verdict.RETRY:
            backoff = min(timedelta(seconds=2**attempts), _BACKOFF_CAP)
            await self._requeue(item, now + backoff, failure.error)
            stats.retried += 1
        elif verdict is Verdict.AMBIGUOUS:
            _LOGGER.warning("outbox row %d is ambiguous: %s", item.id, failure.error)
            await self._finish(item, OutboxStatus.AMBIGUOUS, failure.error)
            stats.ambiguous += 1
        else:
            async with self._services.store.write() as repos:
                await repos.relay.mark(item.id, OutboxStatus.FAILED, failure.error, now)
                if verdict is Verdict.UNREACHABLE:
                    await repos.members.mark_unreachable(item.chat_id, now)
            stats.failed += 1

    async def _requeue(self, item: OutboxItem, not_before: datetime, error: str) -> None:
        async with self._services.store.write() as repos:
            await repos.relay.requeue(item.id, not_before, error, self._now())

    async def _finish(self, item: OutboxItem, status: OutboxStatus, error: str) -> None:
        async with self._services.store.write() as repos:
            await repos.relay.mark(item.id, status, error, self._now())

    async def _linger(self, quiet: bool) -> bool:
        """Sleep until the next row is due if that is soon; False when the pass should end."""
        async with self._services.store.read() as repos:
            upcoming = await repos.relay.next_due(include_scheduled=not quiet)
        if upcoming is None:
            return False
        wait = upcoming - self._now()
        if wait > LINGER:
            return False
        await self._sleep(max(wait.total_seconds(), 0.0))
        return True

    async def _observe(self) -> None:
        for observer in self.observers:
            try:
                await observer()
            except Exception:
                _LOGGER.exception("relay observer %r failed", observer)

    def _quiet(self) -> bool:
        """Whether it is quiet hours now, when scheduled messages wait."""
        local = self._now().astimezone(self._services.settings.tz).time()
        return self._services.network.settings.quiet_hours.contains(local)

    def _now(self) -> datetime:
        return self._services.clock()
