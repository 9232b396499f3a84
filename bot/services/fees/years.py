"""A year's fees: opened for every entity at the rollover, and where each entity stands."""

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.fees import Fee, FeeStatus, fee_for, fee_status, outstanding
from bot.domain.members import Entity
from bot.services.runtime import Runtime
from bot.storage.fees import FeeRow
from bot.storage.repos import Repos

__all__ = ["Standing", "local_today", "open_fee", "open_year", "standing", "standings"]


def local_today(runtime: Runtime, now: datetime) -> date:
    """The network's local date (Europe/Madrid by default): fees are counted in local days."""
    return now.astimezone(runtime.settings.tz).date()


def _joined(runtime: Runtime, entity: Entity) -> date:
    moment = entity.decided_at or entity.applied_at
    return moment.astimezone(runtime.settings.tz).date()


async def open_fee(
    repos: Repos, runtime: Runtime, entity: Entity, year: int, now: datetime
) -> FeeRow:
    """The entity's fee for the year, opened now from the network file if it was not."""
    fee = fee_for(
        runtime.network.fees,
        entity_id=entity.id,
        kind=entity.kind,
        year=year,
        joined=_joined(runtime, entity),
    )
    await repos.fees.open(fee, now)
    row = await repos.fees.fee(entity.id, year)
    assert row is not None  # noqa: S101 - opened in this transaction
    return row


async def open_year(repos: Repos, runtime: Runtime, now: datetime) -> int:
    """Open the current local year's fee for every approved entity that has none; how many.

    Run by the due scan every minute, so the new year opens on 1 January (local) and an entity
    approved today gets its fee today.
    """
    year = local_today(runtime, now).year
    if year < runtime.network.fees.first_year:
        return 0
    opened = 0
    tz = runtime.settings.tz
    for entity_id, kind, approved_at in await repos.fees.unopened(year):
        fee = fee_for(
            runtime.network.fees,
            entity_id=entity_id,
            kind=kind,
            year=year,
            joined=approved_at.astimezone(tz).date(),
        )
        opened += int(await repos.fees.open(fee, now))
    return opened


@dataclass(frozen=True, slots=True)
class Standing:
    """Where an entity stands with one year's fee on a day."""

    fee: Fee
    status: FeeStatus
    paid_cents: int
    exempt_reason: str | None

    @property
    def left_cents(self) -> int:
        """What is still to pay."""
        if self.status in (FeeStatus.PAID, FeeStatus.EXEMPT):
            return 0
        return outstanding(self.fee, self.paid_cents)


def _standing(row: FeeRow, paid: int, today: date) -> Standing:
    status = fee_status(row.fee, paid_cents=paid, exempt=row.exempt, today=today)
    return Standing(row.fee, status, paid, row.exempt_reason)


async def standing(repos: Repos, row: FeeRow, today: date) -> Standing:
    """One fee's standing."""
    return _standing(row, await repos.fees.paid_cents(row.fee.entity_id, row.fee.year), today)


async def standings(repos: Repos, year: int, today: date) -> list[Standing]:
    """Every entity's standing for a year."""
    paid = await repos.fees.paid_by_entity(year)
    return [
        _standing(row, paid.get(row.fee.entity_id, 0), today)
        for row in await repos.fees.of_year(year)
    ]
