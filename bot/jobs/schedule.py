"""Registers the recurring jobs on PTB's JobQueue (APScheduler)."""

from telegram.ext import JobQueue

from bot.context import BotContext, CoopApplication
from bot.jobs.relay import Relay

__all__ = ["RELAY_EVERY_SECONDS", "relay_job", "schedule_jobs"]

RELAY_EVERY_SECONDS = 1.0


async def relay_job(context: BotContext) -> None:
    """Send whatever is due in the outbox."""
    await Relay(context.services, context.bot).run_once()


async def schedule_jobs(application: CoopApplication) -> None:
    """Recover rows a crash left in flight, then start the recurring jobs."""
    await Relay(application.services, application.bot).recover()
    queue: JobQueue[BotContext] | None = application.job_queue
    if queue is None:
        raise RuntimeError("the job-queue extra of python-telegram-bot is required")
    # max_instances=1: a slow pass is never overlapped by the next one.
    queue.run_repeating(
        relay_job,
        interval=RELAY_EVERY_SECONDS,
        first=0,
        name="outbox-relay",
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
