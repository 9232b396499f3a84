"""A member's "I've paid": the board is asked, and its Confirm records the payment once."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.buttons.fees import ConfirmClaim, NotReceived
from bot.domain.board import Actor
from bot.domain.fees import FeeStatus, claim_key
from bot.domain.members import Entity, Member
from bot.domain.money import format_cents
from bot.domain.outbox import Button, Category, Rendered
from bot.i18n import N_
from bot.services.fees.ledger import FeeAudit, Recorded, record_fee_payment, subject
from bot.services.fees.years import local_today, open_fee, standing
from bot.services.runtime import Runtime
from bot.storage.fees import Claim
from bot.storage.repos import Repos

__all__ = [
    "ClaimOutcome",
    "Decision",
    "claim_paid",
    "confirm_claim",
    "mark_not_received",
]


class ClaimOutcome(StrEnum):
    """What became of an "I've paid"."""

    SENT = "sent"  # the board was asked
    NOTHING_DUE = "nothing_due"  # paid or exempt already


@dataclass(frozen=True, slots=True)
class Claimed:
    """The outcome, and the amount the board was told of."""

    outcome: ClaimOutcome
    amount_cents: int = 0


async def claim_paid(
    repos: Repos,
    runtime: Runtime,
    *,
    member: Member,
    entity: Entity,
    year: int,
    reference: str | None,
    now: datetime,
) -> Claimed:
    """Ask the board to confirm what is left of the year's fee, as the member says they paid."""
    row = await repos.fees.fee(entity.id, year) or await open_fee(repos, runtime, entity, year, now)
    state = await standing(repos, row, local_today(runtime, now))
    if state.status in (FeeStatus.PAID, FeeStatus.EXEMPT):
        return Claimed(ClaimOutcome.NOTHING_DUE)
    claim = await repos.fees.add_claim(
        entity_id=entity.id,
        year=year,
        user_id=member.user_id,
        amount_cents=state.left_cents,
        reference=reference,
        now=now,
    )
    board = runtime.settings.board_chat_id
    if board is not None:
        locale = runtime.settings.default_locale
        await repos.outbox.enqueue(
            dedupe_key=claim_key(claim.id),
            chat_id=board,
            locale=locale,
            message=Rendered(
                key=N_("fees.board_claim") if reference else N_("fees.board_claim_no_ref"),
                params={
                    "person": member.first_name or "?",
                    "entity": entity.name,
                    "number": entity.id,
                    "amount": format_cents(claim.amount_cents, locale),
                    "year": year,
                    "reference": reference or "",
                },
                keyboard=[
                    [
                        Button(
                            key=N_("fees.confirm_button"),
                            callback_data=ConfirmClaim(claim_id=claim.id).pack(),
                        ),
                        Button(
                            key=N_("fees.not_received_button"),
                            callback_data=NotReceived(claim_id=claim.id).pack(),
                        ),
                    ]
                ],
            ),
            category=Category.REPLY,
            now=now,
        )
    return Claimed(ClaimOutcome.SENT, claim.amount_cents)


@dataclass(frozen=True, slots=True)
class Decision:
    """The claim after the board's press; decided_now False: someone answered it first."""

    claim: Claim | None
    entity: Entity | None
    decided_now: bool
    recorded: Recorded | None = None


async def confirm_claim(
    repos: Repos, runtime: Runtime, *, claim_id: int, actor: Actor, now: datetime
) -> Decision:
    """Record the claimed payment (once: a second Confirm changes nothing)."""
    claim = await repos.fees.claim(claim_id)
    entity = await repos.members.entity(claim.entity_id) if claim else None
    if claim is None or entity is None:
        return Decision(None, None, decided_now=False)
    if not await repos.fees.decide_claim(claim_id, status="confirmed", actor=actor, now=now):
        return Decision(await repos.fees.claim(claim_id), entity, decided_now=False)
    recorded = await record_fee_payment(
        repos,
        runtime,
        entity=entity,
        year=claim.year,
        amount_cents=claim.amount_cents,
        actor=actor,
        now=now,
        reference=claim.reference,
    )
    await repos.fees.link_claim(claim_id, recorded.income.id)
    await repos.audit.record(
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=FeeAudit.CLAIM_CONFIRMED.value,
        subject=subject(entity.id),
        now=now,
        details={"claim": claim_id, "receipt": recorded.income.receipt},
    )
    return Decision(await repos.fees.claim(claim_id), entity, decided_now=True, recorded=recorded)


async def mark_not_received(
    repos: Repos, runtime: Runtime, *, claim_id: int, actor: Actor, now: datetime
) -> Decision:
    """Tell the member the money has not arrived (yet); nothing is recorded."""
    claim = await repos.fees.claim(claim_id)
    entity = await repos.members.entity(claim.entity_id) if claim else None
    if claim is None or entity is None:
        return Decision(None, None, decided_now=False)
    if not await repos.fees.decide_claim(claim_id, status="not_received", actor=actor, now=now):
        return Decision(await repos.fees.claim(claim_id), entity, decided_now=False)
    await repos.audit.record(
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=FeeAudit.CLAIM_NOT_RECEIVED.value,
        subject=subject(entity.id),
        now=now,
        details={"claim": claim_id, "amount_cents": claim.amount_cents},
    )
    member = await repos.members.member(claim.user_id)
    if member is not None:
        locale = runtime.locale_or_default(member.locale)
        await repos.outbox.enqueue(
            dedupe_key=f"{claim_key(claim_id)}:not-received",
            chat_id=member.user_id,
            locale=locale,
            message=Rendered(
                key=N_("fees.claim_not_received"),
                params={
                    "amount": format_cents(claim.amount_cents, locale),
                    "year": claim.year,
                    "instructions": runtime.network.fees.payment_instructions.get(locale),
                },
            ),
            category=Category.REPLY,
            now=now,
        )
    return Decision(await repos.fees.claim(claim_id), entity, decided_now=True)
