"""Members' own events: proposed with the board's form, approved or rejected by the board.

The proposal reaches the board group through the outbox with Approve / Reject, in the
transaction that stores it. Approving publishes and announces it like a board summit, listed
with the organising entity; rejecting gives the organiser the board's reason. Both are
audited, and a second press decides nothing again.
"""

from dataclasses import dataclass
from datetime import datetime

from bot.buttons.summits import ApproveEvent, RejectEvent
from bot.domain.board import Actor
from bot.domain.members import Entity, Member
from bot.domain.outbox import Button, Category, Rendered
from bot.domain.summit_form import parse_fields, validate
from bot.domain.summits import Counts, Summit, SummitStatus
from bot.i18n import N_
from bot.services.runtime import Runtime
from bot.services.summits.board import Drafted, announce, audit
from bot.storage.repos import Repos
from bot.views.summits import card_html

__all__ = ["Decided", "approve", "organised", "propose", "reject"]


def _board_card(runtime: Runtime, summit: Summit, proposer: Member) -> Rendered:
    locale = runtime.settings.default_locale
    t = runtime.catalogs.translator(locale)
    return Rendered(
        key=N_("summits.proposal.board"),
        params={
            "card_html": card_html(summit, t, runtime.settings.tz),
            "who": proposer.first_name,
            "entity": summit.organiser or "",
        },
        keyboard=[
            [
                Button(
                    key=N_("summits.proposal.approve"),
                    callback_data=ApproveEvent(summit_id=summit.id).pack(),
                ),
                Button(
                    key=N_("summits.proposal.reject"),
                    callback_data=RejectEvent(summit_id=summit.id).pack(),
                ),
            ]
        ],
    )


async def propose(
    runtime: Runtime, text: str, *, member: Member, entity: Entity, now: datetime
) -> Drafted:
    """Store a member's event for the board to decide; nothing while any field is wrong."""
    fields, problems = parse_fields(text, runtime.settings.tz, now)
    problems += [] if problems else validate(fields, now)
    if problems:
        return Drafted(None, problems)
    async with runtime.store.write() as repos:
        summit = await repos.summits.create_draft(
            fields, by=member.user_id, now=now, organiser_entity_id=entity.id
        )
        board_chat = runtime.settings.board_chat_id
        if board_chat is not None:
            await repos.outbox.enqueue(
                dedupe_key=f"summit:{summit.id}:proposed",
                chat_id=board_chat,
                locale=runtime.settings.default_locale,
                message=_board_card(runtime, summit, member),
                category=Category.REPLY,
                now=now,
            )
    return Drafted(summit, [])


@dataclass(frozen=True, slots=True)
class Decided:
    """A decision on a proposal; done is False when it was decided already (or is gone)."""

    summit: Summit | None
    done: bool
    announced: int = 0


async def _tell_organiser(
    repos: Repos, runtime: Runtime, summit: Summit, key: str, now: datetime
) -> None:
    member = await repos.members.member(summit.created_by)
    if member is None:
        return  # the proposer left the network
    locale = runtime.locale_or_default(member.locale)
    await repos.outbox.enqueue(
        dedupe_key=f"summit:{summit.id}:decided",
        chat_id=member.user_id,
        locale=locale,
        message=Rendered(
            key=key,
            params={"title": summit.title(locale), "reason": summit.reject_reason or ""},
        ),
        category=Category.REPLY,
        now=now,
    )


async def approve(runtime: Runtime, summit_id: int, *, actor: Actor, now: datetime) -> Decided:
    """Publish a proposal, announce it to every member and tell its organiser."""
    async with runtime.store.write() as repos:
        summit = await repos.summits.get(summit_id)
        if summit is None or summit.status is not SummitStatus.PROPOSED:
            return Decided(summit, done=False)
        if summit.starts_at <= now:
            return Decided(summit, done=False)
        await repos.summits.publish(summit_id, now, by=actor.user_id)
        published = await repos.summits.get(summit_id)
        assert published is not None  # noqa: S101 - just published
        announced = await announce(repos, runtime, published, now)
        await _tell_organiser(repos, runtime, published, N_("summits.proposal.approved"), now)
        await audit(repos, actor, "summit.approve", summit_id, now)
    return Decided(published, done=True, announced=announced)


async def reject(
    runtime: Runtime, summit_id: int, reason: str, *, actor: Actor, now: datetime
) -> Decided:
    """Turn a proposal down with a reason, which its organiser is told."""
    async with runtime.store.write() as repos:
        if not await repos.summits.reject(summit_id, reason, by=actor.user_id, now=now):
            return Decided(await repos.summits.get(summit_id), done=False)
        summit = await repos.summits.get(summit_id)
        assert summit is not None  # noqa: S101 - just rejected
        await _tell_organiser(repos, runtime, summit, N_("summits.proposal.rejected"), now)
        await audit(repos, actor, "summit.reject", summit_id, now)
    return Decided(summit, done=True)


async def organised(runtime: Runtime, entity_id: int, now: datetime) -> list[tuple[Summit, Counts]]:
    """An entity's own events, not ended, with their RSVP counts (for the organiser)."""
    async with runtime.store.read() as repos:
        summits = await repos.summits.organised_by(entity_id, now)
        return [(s, await repos.summits.counts(s.id)) for s in summits]
