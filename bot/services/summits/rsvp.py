"""Members' answers: Going, Maybe, Not going; the waitlist and its promotions.

One transaction records the answer, gives a freed place to the first one waiting (who is
told through the outbox, and can still decline), and cancels the queued reminders the
member no longer wants: a Not going hears nothing more, a Maybe only the Maybe reminders.
"""

from dataclasses import dataclass
from datetime import datetime

from bot.domain.outbox import Category
from bot.domain.summits import (
    Answer,
    ReminderMoment,
    RsvpState,
    Summit,
    apply_answer,
    reminder_moments,
    reminder_prefix,
    wants,
)
from bot.services.runtime import Runtime
from bot.services.summits.notices import promoted_notice
from bot.storage.repos import Repos

__all__ = ["Answered", "answer", "cancel_unwanted_reminders", "moments_of", "promote"]


@dataclass(frozen=True, slots=True)
class Answered:
    """What an answer did (or why it did nothing: problem, a catalog key)."""

    summit: Summit | None
    state: RsvpState | None = None
    problem: str | None = None
    promoted: int | None = None  # who got the freed place
    going: int = 0


def moments_of(runtime: Runtime, summit: Summit) -> list[ReminderMoment]:
    """The summit's reminders, from the network file's offsets."""
    reminders = runtime.network.reminders
    return reminder_moments(
        summit.starts_at,
        runtime.settings.tz,
        going_hours=reminders.summit_hours_before,
        maybe_hours=reminders.summit_maybe_hours_before,
    )


async def cancel_unwanted_reminders(
    repos: Repos, runtime: Runtime, summit: Summit, user_id: int, state: RsvpState, now: datetime
) -> int:
    """Cancel the person's queued reminders that their state no longer wants."""
    cancelled = 0
    for moment in moments_of(runtime, summit):
        if not wants(state, moment):
            cancelled += await repos.outbox.cancel_prefix(
                reminder_prefix(summit.id, user_id, moment.hours), now, f"answered {state}"
            )
    return cancelled


async def promote(repos: Repos, runtime: Runtime, summit: Summit, now: datetime) -> int | None:
    """Give a freed place to the first one waiting, and tell them."""
    if summit.capacity is not None:
        going = await repos.summits.count(summit.id, RsvpState.GOING)
        if going >= summit.capacity:
            return None
    user_id = await repos.summits.first_waiting(summit.id)
    if user_id is None:
        return None
    await repos.summits.set_state(summit.id, user_id, RsvpState.GOING, now)
    member = await repos.members.member(user_id)
    locale = runtime.locale_or_default(member.locale if member else None)
    await repos.outbox.enqueue(
        dedupe_key=f"summit:{summit.id}:promoted:{user_id}:{int(now.timestamp() * 1000)}",
        chat_id=user_id,
        locale=locale,
        message=promoted_notice(runtime, summit, locale),
        category=Category.REPLY,
        now=now,
        expires_at=summit.starts_at,
    )
    return user_id


async def answer(
    runtime: Runtime, summit_id: int, user_id: int, choice: Answer, now: datetime
) -> Answered:
    """Record a member's answer, serving the waitlist, in one transaction."""
    async with runtime.store.write() as repos:
        summit = await repos.summits.get(summit_id)
        if summit is None:
            return Answered(None, problem="summits.rsvp.unknown")
        problem = summit.open_problem(now)
        if problem is not None:
            return Answered(summit, problem=problem)
        previous = await repos.summits.state_of(summit_id, user_id)
        going = await repos.summits.count(summit_id, RsvpState.GOING)
        change = apply_answer(choice, previous=previous, going=going, capacity=summit.capacity)
        await repos.summits.set_state(summit_id, user_id, change.state, now)
        promoted = await promote(repos, runtime, summit, now) if change.freed_place else None
        await cancel_unwanted_reminders(repos, runtime, summit, user_id, change.state, now)
        going = await repos.summits.count(summit_id, RsvpState.GOING)
    return Answered(summit, state=change.state, promoted=promoted, going=going)
