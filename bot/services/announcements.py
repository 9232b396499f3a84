"""The board's announcements: send one copy to each person in the audience, discard, stop.

Every copy goes through the outbox in the transaction that starts the announcement, under a
dedupe key per recipient, so a double press or a crash never sends anyone two copies; stopping
cancels what was not picked up yet in the same transaction.
"""

from dataclasses import dataclass
from datetime import datetime

from bot.domain.announcements import Announcement, Progress, batch_of, recipient_key
from bot.domain.board import Actor
from bot.domain.outbox import Category, Rendered
from bot.i18n import N_
from bot.services.runtime import Runtime

__all__ = ["Stopped", "discard", "send", "stop"]


def _subject(announcement_id: int) -> str:
    return f"announcement:{announcement_id}"


async def send(
    runtime: Runtime,
    draft: Announcement,
    *,
    actor: Actor,
    progress_message_id: int | None,
    now: datetime,
) -> tuple[int, bool]:
    """Queue the draft for its audience: (people in the audience, whether this press started it).

    Nobody in the audience starts nothing; a draft confirmed or discarded meanwhile is not
    started again.
    """
    default = runtime.settings.default_locale
    message = Rendered(key=N_("announce.message"), params={"text_html": draft.text_html})
    async with runtime.store.write() as repos:
        recipients = [
            r
            for r in await repos.announcements.recipients()
            if draft.audience.includes(r, runtime.network)
        ]
        copies = [
            (recipient_key(draft.id, r.user_id), r.user_id, r.locale or default, message)
            for r in recipients
        ]
        started = bool(copies) and await repos.announcements.start(
            draft.id, by=actor.user_id, now=now, total=len(copies)
        )
        if started:
            await repos.outbox.enqueue_many(
                copies, category=Category.ANNOUNCEMENT, batch=batch_of(draft.id), now=now
            )
            if progress_message_id is not None:
                await repos.announcements.set_progress_message(draft.id, progress_message_id)
            await repos.audit.record(
                actor_id=actor.user_id,
                actor_name=actor.name,
                action="announce.send",
                subject=_subject(draft.id),
                now=now,
                details={"audience": draft.audience.model_dump(mode="json"), "total": len(copies)},
            )
    return len(copies), started


async def discard(runtime: Runtime, announcement_id: int, now: datetime) -> bool:
    """Drop a draft (nothing was queued); False when it was no longer a draft."""
    async with runtime.store.write() as repos:
        return await repos.announcements.discard(announcement_id, now)


@dataclass(frozen=True, slots=True)
class Stopped:
    """A stopped announcement, how many queued copies were cancelled, and where it stands."""

    announcement: Announcement
    cancelled: int
    progress: Progress


async def stop(
    runtime: Runtime, announcement_id: int, *, actor: Actor, now: datetime
) -> Stopped | None:
    """Stop a running announcement; None when it was not running (or does not exist)."""
    async with runtime.store.write() as repos:
        if not await repos.announcements.stop(announcement_id):
            return None
        cancelled = await repos.outbox.cancel_batch(batch_of(announcement_id), now)
        await repos.audit.record(
            actor_id=actor.user_id,
            actor_name=actor.name,
            action="announce.stop",
            subject=_subject(announcement_id),
            now=now,
            details={"cancelled": cancelled},
        )
        announcement = await repos.announcements.get(announcement_id)
        counts = await repos.outbox.count_by_status(batch_of(announcement_id))
    if announcement is None:
        return None
    return Stopped(announcement, cancelled, Progress.of(announcement.total, counts))
