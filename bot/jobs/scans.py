"""Due scans: read the state, enqueue what has fallen due, drop what is no longer useful.

A scanner looks at stored facts (due dates, summit start times, expiry dates) and offers
each message it finds through ``offer()``. Because every message has a deterministic
dedupe key, a scan can run every minute and at start-up: whatever fell due while the bot
was down is enqueued exactly once, and a reminder whose moment has passed is recorded as
dropped (once, so it is counted once) instead of arriving late.

To add a scanner, implement the protocol and add it to ``SCANNERS``.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.context import Services
from bot.domain.outbox import Category, Rendered
from bot.jobs.matching import MatchFollowupScanner, MatchRescanScanner
from bot.jobs.post_expiry import PostExpiryScanner
from bot.storage.repos import Repos

__all__ = ["SCANNERS", "DueMessage", "ScanResult", "Scanner", "offer", "run_scans"]

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """How many messages a scan enqueued, and how many it dropped as too late."""

    enqueued: int = 0
    dropped: int = 0

    def __add__(self, other: "ScanResult") -> "ScanResult":
        return ScanResult(self.enqueued + other.enqueued, self.dropped + other.dropped)


class Scanner(Protocol):
    """Finds the messages that are due now."""

    name: str

    async def scan(self, repos: Repos, now: datetime, services: Services) -> ScanResult:
        """Offer every due message (with ``offer``) inside the caller's transaction."""
        ...


@dataclass(frozen=True, slots=True)
class DueMessage:
    """A message a scanner found: when it becomes due and until when it is worth sending."""

    dedupe_key: str
    chat_id: int
    locale: str
    message: Rendered
    due_at: datetime
    useful_until: datetime | None = None


async def offer(repos: Repos, due: DueMessage, now: datetime) -> ScanResult:
    """Enqueue a due message once; record it as dropped if its useful moment has passed."""
    if now < due.due_at:
        return ScanResult()
    if due.useful_until is not None and now >= due.useful_until:
        dropped = await repos.outbox.record_dropped(
            dedupe_key=due.dedupe_key,
            chat_id=due.chat_id,
            locale=due.locale,
            message=due.message,
            category=Category.SCHEDULED,
            now=now,
            reason=f"dropped: it was useful until {due.useful_until.isoformat()}",
        )
        return ScanResult(dropped=int(dropped))
    enqueued = await repos.outbox.enqueue(
        dedupe_key=due.dedupe_key,
        chat_id=due.chat_id,
        locale=due.locale,
        message=due.message,
        category=Category.SCHEDULED,
        now=now,
        expires_at=due.useful_until,
    )
    return ScanResult(enqueued=int(enqueued))


# Every scanner the bot runs. Fees, summit reminders, post expiry and follow-ups add theirs.
SCANNERS: list[Scanner] = [PostExpiryScanner(), MatchRescanScanner(), MatchFollowupScanner()]


async def run_scans(
    services: Services, scanners: Iterable[Scanner] | None = None
) -> dict[str, ScanResult]:
    """Run each scanner in its own transaction; one failing scanner does not stop the rest."""
    results: dict[str, ScanResult] = {}
    for scanner in SCANNERS if scanners is None else scanners:
        now = services.clock()
        try:
            async with services.store.write() as repos:
                result = await scanner.scan(repos, now, services)
        except Exception:
            _LOGGER.exception("due scan %s failed", scanner.name)
            continue
        results[scanner.name] = result
        if result.enqueued or result.dropped:
            _LOGGER.info(
                "due scan %s: %d enqueued, %d dropped as too late",
                scanner.name,
                result.enqueued,
                result.dropped,
            )
    return results
