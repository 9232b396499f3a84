"""Recording money: fee payments, contributions, subsidies and exemptions, each audited.

Every use case runs inside the caller's transaction. Recording a fee payment that completes
the year cancels its queued notices in that same transaction, so a notice held back by quiet
hours never reaches someone who has paid; the thank-you (with the receipt) is queued there too.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.buttons.fees import GetReceipt
from bot.domain.board import Actor
from bot.domain.fees import (
    FeeStatus,
    Income,
    IncomeKind,
    fee_status,
    notice_prefix,
    outstanding,
    thanks_key,
)
from bot.domain.members import Entity, EntityStatus
from bot.domain.money import format_cents
from bot.domain.outbox import Button, Category, Rendered
from bot.i18n import N_
from bot.services.fees.years import local_today, open_fee
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = [
    "FeeAudit",
    "Recorded",
    "exempt_fee",
    "record_contribution",
    "record_fee_payment",
    "record_subsidy",
    "subject",
]


class FeeAudit(StrEnum):
    """The treasurer's decisions, as written to the audit log."""

    PAYMENT = "fee.payment"
    CONTRIBUTION = "fee.contribution"
    SUBSIDY = "fee.subsidy"
    EXEMPT = "fee.exempt"
    CLAIM_CONFIRMED = "fee.claim_confirmed"
    CLAIM_NOT_RECEIVED = "fee.claim_not_received"
    REMIND = "fee.remind"
    DEBIT_BATCH = "fee.debit_batch"
    DEBIT_COLLECTED = "fee.debit_collected"


def subject(entity_id: int | None) -> str:
    """Audit-log subject of money received (an entity's, or the network's)."""
    return f"entity:{entity_id}" if entity_id is not None else "network"


@dataclass(frozen=True, slots=True)
class Recorded:
    """A payment recorded: the row, and the fee's status after it (None for non-fees)."""

    income: Income
    status: FeeStatus | None = None
    left_cents: int = 0


async def record_fee_payment(
    repos: Repos,
    runtime: Runtime,
    *,
    entity: Entity,
    year: int,
    amount_cents: int,
    actor: Actor,
    now: datetime,
    reference: str | None = None,
    method: str = "transfer",
) -> Recorded:
    """Record a payment towards a year's fee, thank the entity, and stop notices if paid."""
    today = local_today(runtime, now)
    row = await repos.fees.fee(entity.id, year) or await open_fee(repos, runtime, entity, year, now)
    income = await repos.fees.add_income(
        kind=IncomeKind.FEE,
        entity_id=entity.id,
        year=year,
        amount_cents=amount_cents,
        received_on=today,
        actor=actor,
        now=now,
        method=method,
        reference=reference,
    )
    paid = await repos.fees.paid_cents(entity.id, year)
    status = fee_status(row.fee, paid_cents=paid, exempt=row.exempt, today=today)
    if status in (FeeStatus.PAID, FeeStatus.EXEMPT):
        await repos.outbox.cancel_prefix(notice_prefix(year, entity.id), now, "the fee was paid")
        await repos.fees.settle(entity.id, year, now)
    await repos.audit.record(
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=FeeAudit.PAYMENT.value,
        subject=subject(entity.id),
        now=now,
        details=_details(entity, income),
    )
    await _thank(repos, runtime, entity, income, now)
    return Recorded(income, status, outstanding(row.fee, paid))


async def record_contribution(
    repos: Repos,
    runtime: Runtime,
    *,
    entity: Entity,
    amount_cents: int,
    actor: Actor,
    now: datetime,
    note: str | None = None,
) -> Recorded:
    """Record a voluntary contribution and thank the entity with a receipt."""
    today = local_today(runtime, now)
    income = await repos.fees.add_income(
        kind=IncomeKind.CONTRIBUTION,
        entity_id=entity.id,
        year=today.year,
        amount_cents=amount_cents,
        received_on=today,
        actor=actor,
        now=now,
        note=note,
    )
    await repos.audit.record(
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=FeeAudit.CONTRIBUTION.value,
        subject=subject(entity.id),
        now=now,
        details=_details(entity, income),
    )
    await _thank(repos, runtime, entity, income, now)
    return Recorded(income)


async def record_subsidy(
    repos: Repos,
    runtime: Runtime,
    *,
    amount_cents: int,
    source: str,
    actor: Actor,
    now: datetime,
    note: str | None = None,
) -> Recorded:
    """Record a subsidy (no receipt: the funder's own resolution is the record)."""
    today = local_today(runtime, now)
    income = await repos.fees.add_income(
        kind=IncomeKind.SUBSIDY,
        entity_id=None,
        year=today.year,
        amount_cents=amount_cents,
        received_on=today,
        actor=actor,
        now=now,
        source=source,
        note=note,
        with_receipt=False,
    )
    await repos.audit.record(
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=FeeAudit.SUBSIDY.value,
        subject=subject(None),
        now=now,
        details={"amount_cents": amount_cents, "source": source, "note": note},
    )
    return Recorded(income)


async def exempt_fee(
    repos: Repos,
    runtime: Runtime,
    *,
    entity: Entity,
    year: int,
    reason: str,
    actor: Actor,
    now: datetime,
) -> bool:
    """Exempt an entity from a year's fee; its queued notices are cancelled. False: already."""
    if await repos.fees.fee(entity.id, year) is None:
        await open_fee(repos, runtime, entity, year, now)
    if not await repos.fees.exempt(entity.id, year, reason=reason, actor=actor, now=now):
        return False
    await repos.outbox.cancel_prefix(notice_prefix(year, entity.id), now, "the fee was exempted")
    await repos.audit.record(
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=FeeAudit.EXEMPT.value,
        subject=subject(entity.id),
        now=now,
        details={"entity": entity.name, "year": year, "reason": reason},
    )
    return True


def _details(entity: Entity, income: Income) -> dict[str, object]:
    return {
        "entity": entity.name,
        "year": income.year,
        "amount_cents": income.amount_cents,
        "reference": income.reference,
        "note": income.note,
        "receipt": income.receipt,
        "method": income.method,
    }


async def _thank(
    repos: Repos, runtime: Runtime, entity: Entity, income: Income, now: datetime
) -> None:
    """Thank every person of the entity, with the receipt one tap away."""
    if entity.status != EntityStatus.APPROVED:
        return
    key = N_("fees.thanks_fee") if income.kind is IncomeKind.FEE else N_("fees.thanks_contribution")
    for member in await repos.members.members_of(entity.id):
        locale = runtime.locale_or_default(member.locale)
        await repos.outbox.enqueue(
            dedupe_key=thanks_key(income.id, member.user_id),
            chat_id=member.user_id,
            locale=locale,
            message=Rendered(
                key=key,
                params={
                    "entity": entity.name,
                    "amount": format_cents(income.amount_cents, locale),
                    "year": income.year,
                    "receipt": income.receipt or "",
                },
                keyboard=[
                    [
                        Button(
                            key=N_("fees.receipt_button"),
                            params={"receipt": income.receipt or ""},
                            callback_data=GetReceipt(income_id=income.id).pack(),
                        )
                    ]
                ],
            ),
            category=Category.REPLY,
            now=now,
        )
