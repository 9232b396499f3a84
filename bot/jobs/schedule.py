"""Registers the recurring jobs on PTB's JobQueue (APScheduler)."""

import asyncio

from telegram.ext import JobQueue

from bot.context import BotContext, CoopApplication
from bot.jobs.announcements import AnnouncementProgress
from bot.jobs.relay import Relay, Sleep
from bot.services import due as scans

__all__ = [
    "RELAY_EVERY_SECONDS",
    "SCAN_EVERY_SECONDS",
    "make_relay",
    "relay_job",
    "scan_job",
    "schedule_jobs",
]

RELAY_EVERY_SECONDS = 1.0
SCAN_EVERY_SECONDS = 60.0


async def relay_job(context: BotContext) -> None:
    """Send whatever is due in the outbox."""
    assert context.job is not None  # noqa: S101 - only run as a job
    relay: Relay = context.job.data  # type: ignore[assignment]
    await relay.run_once()


async def scan_job(context: BotContext) -> None:
    """Enqueue whatever has fallen due."""
    await scans.run_scans(context.services)


def make_relay(application: CoopApplication, *, sleep: Sleep = asyncio.sleep) -> Relay:
    """The relay with everything that watches its progress (tests pass a fake sleep)."""
    relay = Relay(application.services, application.bot, sleep=sleep)
    relay.observers.append(
        AnnouncementProgress(
            application.services, application.bot, relay.limiter, relay.send_kwargs
        )
    )
    return relay


async def schedule_jobs(application: CoopApplication) -> None:
    """Recover rows a crash left in flight, catch up on due scans, then start the jobs."""
    relay = make_relay(application)
    await relay.recover()
    # At start-up, so what fell due while the bot was down is queued before the first send.
    await scans.run_scans(application.services)
    queue: JobQueue[BotContext] | None = application.job_queue
    if queue is None:
        raise RuntimeError("the job-queue extra of python-telegram-bot is required")
    # A pass runs as long as rows are due; the relay skips ticks that find it still busy, so
    # APScheduler must not (it would log a warning every second of a long announcement).
    queue.run_repeating(
        relay_job,
        interval=RELAY_EVERY_SECONDS,
        first=0,
        name="outbox-relay",
        data=relay,
        job_kwargs={"max_instances": 2, "coalesce": True},
    )
    queue.run_repeating(
        scan_job,
        interval=SCAN_EVERY_SECONDS,
        first=SCAN_EVERY_SECONDS,
        name="due-scans",
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
