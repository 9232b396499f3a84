"""What a due scan offers: the due message, its result, and enqueueing it exactly once."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.outbox import Category, Rendered
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["DueMessage", "ScanResult", "Scanner", "offer"]


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

    async def scan(self, repos: Repos, now: datetime, services: Runtime) -> ScanResult:
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
