"""The board's use cases: draft a summit from the form, publish, change, cancel.

Publishing queues one announcement per member in the transaction that publishes; a change of
time or place raises the SEQUENCE and queues one notice per attendee (its key names the
SEQUENCE, so a double press tells nobody twice); cancelling queues one notice per attendee
and cancels every reminder still queued. Every decision goes to the audit log.
"""

from dataclasses import dataclass
from datetime import datetime

from bot.domain.announcements import Audience
from bot.domain.board import Actor
from bot.domain.outbox import Category
from bot.domain.summit_form import FormProblem, SummitFields, parse_fields, validate
from bot.domain.summits import RsvpState, Summit, SummitStatus, reminder_prefix
from bot.i18n import N_
from bot.services.runtime import Runtime
from bot.services.summits.notices import cancelled_notice, card_notice
from bot.services.summits.rsvp import promote
from bot.storage.repos import Repos

__all__ = [
    "ATTENDEES",
    "Cancelled",
    "Drafted",
    "announce",
    "audit",
    "cancel",
    "change",
    "choose_audience",
    "discard",
    "draft",
    "fields_of",
    "publish",
]

# Who is told about a change or a cancellation.
ATTENDEES = (RsvpState.GOING, RsvpState.MAYBE, RsvpState.WAITLISTED)
# A change of these is worth telling attendees (and a new .ics); a typo in the title is not.
_TOLD = frozenset({"starts_at", "ends_at", "place", "map_url", "online_url"})


@dataclass(frozen=True, slots=True)
class Drafted:
    """A stored summit, or the problems that kept the form from being one."""

    summit: Summit | None
    problems: list[FormProblem]
    told: int = 0  # attendees told of a change


def fields_of(summit: Summit) -> SummitFields:
    """A stored summit as form fields (the base of an edit)."""
    return SummitFields(
        title_es=summit.title_es,
        title_en=summit.title_en,
        description_es=summit.description_es,
        description_en=summit.description_en,
        starts_at=summit.starts_at,
        ends_at=summit.ends_at,
        place=summit.place,
        map_url=summit.map_url,
        online_url=summit.online_url,
        capacity=summit.capacity,
        rsvp_deadline=summit.rsvp_deadline,
    )


async def audit(repos: Repos, actor: Actor, action: str, summit_id: int, now: datetime) -> None:
    await repos.audit.record(
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=action,
        subject=f"summit:{summit_id}",
        now=now,
    )


async def draft(runtime: Runtime, text: str, *, actor: Actor, now: datetime) -> Drafted:
    """A draft from the board's form; nothing is stored while any field is wrong."""
    fields, problems = parse_fields(text, runtime.settings.tz, now)
    problems += [] if problems else validate(fields, now)
    if problems:
        return Drafted(None, problems)
    async with runtime.store.write() as repos:
        summit = await repos.summits.create_draft(fields, by=actor.user_id, now=now)
        await audit(repos, actor, "summit.draft", summit.id, now)
    return Drafted(summit, [])


async def choose_audience(
    runtime: Runtime, summit_id: int, audience: Audience
) -> tuple[Summit | None, int]:
    """Who a draft will be announced to: (the draft, how many people that is now)."""
    async with runtime.store.write() as repos:
        if not await repos.summits.set_audience(summit_id, audience):
            return None, 0
        summit = await repos.summits.get(summit_id)
        everyone = await repos.announcements.recipients()
    return summit, sum(audience.includes(r, runtime.network) for r in everyone)


async def audience_size(runtime: Runtime, summit: Summit) -> int:
    """How many people the summit's audience reaches now."""
    async with runtime.store.read() as repos:
        everyone = await repos.announcements.recipients()
    return sum(summit.audience.includes(r, runtime.network) for r in everyone)


async def discard(runtime: Runtime, summit_id: int) -> bool:
    """Drop a draft; False when it was published or gone meanwhile."""
    async with runtime.store.write() as repos:
        return await repos.summits.discard(summit_id)


async def announce(repos: Repos, runtime: Runtime, summit: Summit, now: datetime) -> int:
    """Queue a just-published summit's announcement to every member; how many."""
    recipients = [
        r
        for r in await repos.announcements.recipients()
        if summit.audience.includes(r, runtime.network)
    ]
    for recipient in recipients:
        locale = runtime.locale_or_default(recipient.locale)
        await repos.outbox.enqueue(
            dedupe_key=f"summit:{summit.id}:announce:{recipient.user_id}",
            chat_id=recipient.user_id,
            locale=locale,
            message=card_notice(runtime, N_("summits.notice.new"), summit, locale),
            category=Category.ANNOUNCEMENT,
            now=now,
            batch=f"summit:{summit.id}:announce",
            expires_at=summit.starts_at,
        )
    return len(recipients)


async def publish(
    runtime: Runtime, summit_id: int, *, actor: Actor, now: datetime
) -> tuple[Summit | None, int]:
    """Publish a draft (or approve a proposal) and announce it: (summit, how many told).

    A second press, or a summit published meanwhile, announces nothing again (0).
    """
    async with runtime.store.write() as repos:
        summit = await repos.summits.get(summit_id)
        if summit is None:
            return None, 0
        if summit.starts_at <= now or not await repos.summits.publish(
            summit_id, now, by=actor.user_id
        ):
            return summit, 0
        summit = await repos.summits.get(summit_id)
        assert summit is not None  # noqa: S101 - just published
        announced = await announce(repos, runtime, summit, now)
        await audit(repos, actor, "summit.publish", summit_id, now)
    return summit, announced


async def change(
    runtime: Runtime, summit_id: int, text: str, *, actor: Actor, now: datetime
) -> Drafted:
    """Change fields of a draft or a published summit; attendees are told of a new time or
    place once, with the SEQUENCE raised."""
    async with runtime.store.write() as repos:
        summit = await repos.summits.get(summit_id)
        if summit is None or summit.status is SummitStatus.CANCELLED:
            return Drafted(None, [FormProblem("summits.edit.gone")])
        given, problems = parse_fields(text, runtime.settings.tz, now, base_start=summit.starts_at)
        merged = given.over(fields_of(summit))
        problems += [] if problems else validate(merged, now)
        if problems:
            return Drafted(None, problems)
        before = fields_of(summit)
        changed = {name for name in given.given() if getattr(merged, name) != getattr(before, name)}
        tell = summit.status is SummitStatus.PUBLISHED and bool(changed & _TOLD)
        await repos.summits.update(summit_id, merged, bump=tell, now=now)
        updated = await repos.summits.get(summit_id)
        assert updated is not None  # noqa: S101 - just updated
        told = 0
        if updated.status is SummitStatus.PUBLISHED:
            # More places (or no limit any more): those waiting get them, first come first.
            while await promote(repos, runtime, updated, now) is not None:
                pass
        if tell:
            if updated.starts_at != summit.starts_at:
                # The old start's reminders no longer apply; the scan offers the new ones.
                await repos.outbox.cancel_prefix(reminder_prefix(summit_id), now, "moved")
            told = await _tell(repos, runtime, updated, now, change=True)
        await audit(repos, actor, "summit.change", summit_id, now)
    return Drafted(updated, [], told=told)


async def _tell(
    repos: Repos, runtime: Runtime, summit: Summit, now: datetime, *, change: bool
) -> int:
    attendees = await repos.summits.attendees(summit.id, ATTENDEES)
    for person in attendees:
        locale = runtime.locale_or_default(person.locale)
        if change:
            key = f"summit:{summit.id}:changed:{summit.sequence}:{person.user_id}"
            message = card_notice(
                runtime,
                N_("summits.notice.changed"),
                summit,
                locale,
                state=person.state,
                with_ics=True,
            )
        else:
            key = f"summit:{summit.id}:cancelled:{person.user_id}"
            message = cancelled_notice(runtime, summit, locale)
        await repos.outbox.enqueue(
            dedupe_key=key,
            chat_id=person.user_id,
            locale=locale,
            message=message,
            category=Category.REPLY,
            now=now,
        )
    return len(attendees)


@dataclass(frozen=True, slots=True)
class Cancelled:
    """A cancellation: the summit, how many were told, and whether this press cancelled it."""

    summit: Summit | None
    told: int
    done: bool


async def cancel(runtime: Runtime, summit_id: int, *, actor: Actor, now: datetime) -> Cancelled:
    """Cancel a published summit and tell its attendees once."""
    async with runtime.store.write() as repos:
        if not await repos.summits.cancel(summit_id, now):
            return Cancelled(await repos.summits.get(summit_id), 0, done=False)
        summit = await repos.summits.get(summit_id)
        assert summit is not None  # noqa: S101 - just cancelled
        await repos.outbox.cancel_prefix(reminder_prefix(summit_id), now, "summit cancelled")
        await repos.outbox.cancel_batch(f"summit:{summit_id}:announce", now)
        told = await _tell(repos, runtime, summit, now, change=False)
        await audit(repos, actor, "summit.cancel", summit_id, now)
    return Cancelled(summit, told, done=True)
