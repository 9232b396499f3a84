"""Repository of fees, income (fees, contributions, subsidies) and "I've paid" claims."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import aiosqlite

from bot.domain.board import Actor
from bot.domain.fees import Fee, Income, IncomeKind
from bot.storage.codec import parse_ts, parse_ts_or_none, ts

__all__ = ["Claim", "FeeRow", "FeesRepo"]


@dataclass(frozen=True, slots=True)
class FeeRow:
    """A stored fee and what the board decided about it."""

    fee: Fee
    exempt_reason: str | None
    settled_at: datetime | None

    @property
    def exempt(self) -> bool:
        """Whether the board exempted it."""
        return self.exempt_reason is not None


@dataclass(frozen=True, slots=True)
class Claim:
    """A member's "I've paid" and the board's answer."""

    id: int
    entity_id: int
    year: int
    user_id: int
    amount_cents: int
    reference: str | None
    status: str
    decided_by_name: str | None
    income_id: int | None


_FEE = "entity_id, year, amount_cents, due_on, grace_days, exempt_reason, settled_at"
_INCOME = (
    "id, kind, entity_id, year, amount_cents, received_on, method, reference, source, note,"
    " receipt_year, receipt_number, recorded_by_name, recorded_at"
)
_CLAIM = "id, entity_id, year, user_id, amount_cents, reference, status, decided_by_name, income_id"


def _fee(row: Any) -> FeeRow:
    fee = Fee(
        entity_id=row[0],
        year=row[1],
        amount_cents=row[2],
        due_on=date.fromisoformat(row[3]),
        grace_days=row[4],
    )
    return FeeRow(fee=fee, exempt_reason=row[5], settled_at=parse_ts_or_none(row[6]))


def _income(row: Any) -> Income:
    return Income(
        id=row[0],
        kind=IncomeKind(row[1]),
        entity_id=row[2],
        year=row[3],
        amount_cents=row[4],
        received_on=date.fromisoformat(row[5]),
        method=row[6],
        reference=row[7],
        source=row[8],
        note=row[9],
        receipt_year=row[10],
        receipt_number=row[11],
        recorded_by_name=row[12],
        recorded_at=parse_ts(row[13]),
    )


def _claim(row: Any) -> Claim:
    return Claim(*row)


class FeesRepo:
    """Fees per entity and year, the money received, and claims."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def _all(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        async with self._conn.execute(sql, tuple(params)) as cursor:
            return list(await cursor.fetchall())

    async def _one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        async with self._conn.execute(sql, tuple(params)) as cursor:
            return await cursor.fetchone()

    # -- fees ---------------------------------------------------------------------------------
    async def unopened(self, year: int) -> list[tuple[int, str, datetime]]:
        """(id, kind, approval time) of approved entities with no fee for the year yet."""
        rows = await self._all(
            "SELECT e.id, e.kind, COALESCE(e.decided_at, e.applied_at) FROM entities e"
            " WHERE e.status = 'approved' AND NOT EXISTS"
            " (SELECT 1 FROM fees f WHERE f.entity_id = e.id AND f.year = ?) ORDER BY e.id",
            (year,),
        )
        return [(int(row[0]), str(row[1]), parse_ts(row[2])) for row in rows]

    async def open(self, fee: Fee, now: datetime) -> bool:
        """Store a year's fee once; False when it was already open."""
        cursor = await self._conn.execute(
            "INSERT INTO fees (entity_id, year, amount_cents, due_on, grace_days, opened_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                fee.entity_id,
                fee.year,
                fee.amount_cents,
                fee.due_on.isoformat(),
                fee.grace_days,
                ts(now),
            ),
        )
        return cursor.rowcount == 1

    async def fee(self, entity_id: int, year: int) -> FeeRow | None:
        """The entity's fee for the year."""
        row = await self._one(
            f"SELECT {_FEE} FROM fees WHERE entity_id = ? AND year = ?",  # noqa: S608
            (entity_id, year),
        )
        return None if row is None else _fee(row)

    async def of_entity(self, entity_id: int) -> list[FeeRow]:
        """Every fee of an entity, newest year first."""
        rows = await self._all(
            f"SELECT {_FEE} FROM fees WHERE entity_id = ? ORDER BY year DESC",  # noqa: S608
            (entity_id,),
        )
        return [_fee(row) for row in rows]

    async def of_year(self, year: int) -> list[FeeRow]:
        """Every entity's fee for a year."""
        rows = await self._all(
            f"SELECT {_FEE} FROM fees WHERE year = ? ORDER BY entity_id",  # noqa: S608
            (year,),
        )
        return [_fee(row) for row in rows]

    async def unsettled(self) -> list[FeeRow]:
        """Fees the due scan still watches (not paid, exempted or past their final notice)."""
        rows = await self._all(
            f"SELECT {_FEE} FROM fees WHERE settled_at IS NULL"  # noqa: S608
            " ORDER BY year, entity_id"
        )
        return [_fee(row) for row in rows]

    async def settle(self, entity_id: int, year: int, now: datetime) -> None:
        """Nothing more is due about this fee: the due scan stops looking at it."""
        await self._conn.execute(
            "UPDATE fees SET settled_at = ? WHERE entity_id = ? AND year = ?"
            " AND settled_at IS NULL",
            (ts(now), entity_id, year),
        )

    async def exempt(
        self, entity_id: int, year: int, *, reason: str, actor: Actor, now: datetime
    ) -> bool:
        """Exempt an open fee with a reason; False if there is none or it is exempt already."""
        cursor = await self._conn.execute(
            "UPDATE fees SET exempt_reason = ?, exempted_by = ?, exempted_by_name = ?,"
            " exempted_at = ?, settled_at = COALESCE(settled_at, ?)"
            " WHERE entity_id = ? AND year = ? AND exempt_reason IS NULL",
            (reason, actor.user_id, actor.name, ts(now), ts(now), entity_id, year),
        )
        return cursor.rowcount == 1

    # -- income -------------------------------------------------------------------------------
    async def add_income(
        self,
        *,
        kind: IncomeKind,
        entity_id: int | None,
        year: int,
        amount_cents: int,
        received_on: date,
        actor: Actor,
        now: datetime,
        method: str = "transfer",
        reference: str | None = None,
        source: str | None = None,
        note: str | None = None,
        with_receipt: bool = True,
    ) -> Income:
        """Record money received; a receipt takes the next number of its year (no gaps).

        The caller's transaction is BEGIN IMMEDIATE, so no other writer can take the same
        number between reading the last one and inserting.
        """
        receipt_year = receipt_number = None
        if with_receipt:
            receipt_year = received_on.year
            row = await self._one(
                "SELECT COALESCE(MAX(receipt_number), 0) + 1 FROM income WHERE receipt_year = ?",
                (receipt_year,),
            )
            receipt_number = int(row[0])
        cursor = await self._conn.execute(
            "INSERT INTO income (kind, entity_id, year, amount_cents, received_on, method,"
            " reference, source, note, receipt_year, receipt_number, recorded_by,"
            " recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kind.value,
                entity_id,
                year,
                amount_cents,
                received_on.isoformat(),
                method,
                reference,
                source,
                note,
                receipt_year,
                receipt_number,
                actor.user_id,
                actor.name,
                ts(now),
            ),
        )
        income = await self.income(int(cursor.lastrowid or 0))
        assert income is not None  # noqa: S101 - just inserted in this transaction
        return income

    async def income(self, income_id: int) -> Income | None:
        """One income row."""
        row = await self._one(
            f"SELECT {_INCOME} FROM income WHERE id = ?",  # noqa: S608
            (income_id,),
        )
        return None if row is None else _income(row)

    async def income_of_entity(self, entity_id: int) -> list[Income]:
        """An entity's fees and contributions, newest first."""
        rows = await self._all(
            f"SELECT {_INCOME} FROM income WHERE entity_id = ?"  # noqa: S608
            " ORDER BY received_on DESC, id DESC",
            (entity_id,),
        )
        return [_income(row) for row in rows]

    async def income_of_year(self, year: int) -> list[Income]:
        """Everything recorded for a year (a fee's year; else the year it was received)."""
        rows = await self._all(
            f"SELECT {_INCOME} FROM income WHERE year = ? ORDER BY received_on, id",  # noqa: S608
            (year,),
        )
        return [_income(row) for row in rows]

    async def paid_cents(self, entity_id: int, year: int) -> int:
        """What an entity paid towards a year's fee."""
        row = await self._one(
            "SELECT COALESCE(SUM(amount_cents), 0) FROM income"
            " WHERE kind = 'fee' AND entity_id = ? AND year = ?",
            (entity_id, year),
        )
        return int(row[0])

    async def paid_by_entity(self, year: int) -> dict[int, int]:
        """What each entity paid towards a year's fee."""
        rows = await self._all(
            "SELECT entity_id, SUM(amount_cents) FROM income WHERE kind = 'fee' AND year = ?"
            " GROUP BY entity_id",
            (year,),
        )
        return {int(row[0]): int(row[1]) for row in rows}

    # -- claims -------------------------------------------------------------------------------
    async def add_claim(
        self,
        *,
        entity_id: int,
        year: int,
        user_id: int,
        amount_cents: int,
        reference: str | None,
        now: datetime,
    ) -> Claim:
        """Record an "I've paid"."""
        cursor = await self._conn.execute(
            "INSERT INTO fee_claims (entity_id, year, user_id, amount_cents, reference,"
            " claimed_at) VALUES (?, ?, ?, ?, ?, ?)",
            (entity_id, year, user_id, amount_cents, reference, ts(now)),
        )
        claim = await self.claim(int(cursor.lastrowid or 0))
        assert claim is not None  # noqa: S101 - just inserted
        return claim

    async def claim(self, claim_id: int) -> Claim | None:
        """One claim."""
        row = await self._one(
            f"SELECT {_CLAIM} FROM fee_claims WHERE id = ?",  # noqa: S608
            (claim_id,),
        )
        return None if row is None else _claim(row)

    async def decide_claim(
        self, claim_id: int, *, status: str, actor: Actor, now: datetime
    ) -> bool:
        """Answer a pending claim; False when someone answered it first."""
        cursor = await self._conn.execute(
            "UPDATE fee_claims SET status = ?, decided_by = ?, decided_by_name = ?,"
            " decided_at = ? WHERE id = ? AND status = 'pending'",
            (status, actor.user_id, actor.name, ts(now), claim_id),
        )
        return cursor.rowcount == 1

    async def link_claim(self, claim_id: int, income_id: int) -> None:
        """The payment a confirmed claim recorded."""
        await self._conn.execute(
            "UPDATE fee_claims SET income_id = ? WHERE id = ?", (income_id, claim_id)
        )
