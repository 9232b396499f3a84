"""Rules of membership fees: what a year's fee is, its status, and when each notice is due.

Pure functions of stored facts (the year's fee, payments, an exemption) and a local date, so
the status shown to a member, the treasurer's totals and the due scans always agree.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from bot.domain.network import FeeSchedule

__all__ = [
    "CLAIM_REFERENCE_MAX",
    "FINAL",
    "NOTE_MAX",
    "Fee",
    "FeeStatus",
    "Income",
    "IncomeKind",
    "Notice",
    "claim_key",
    "clean_text",
    "fee_for",
    "fee_status",
    "lapsed_board_key",
    "notice_key",
    "notice_prefix",
    "notices",
    "outstanding",
    "pro_rata_cents",
    "remind_key",
    "thanks_key",
]

FINAL: Final = "final"
CLAIM_REFERENCE_MAX: Final = 60
NOTE_MAX: Final = 200
_MONTHS: Final = 12


class FeeStatus(StrEnum):
    """Where an entity stands with one year's fee."""

    PENDING = "pending"  # not yet due, or due today
    PAID = "paid"  # payments for that year reach the amount
    OVERDUE = "overdue"  # past the due date, within the grace period
    LAPSED = "lapsed"  # past the grace period, unpaid
    EXEMPT = "exempt"  # nothing to pay: an exemption, an exempt kind or a zero amount


class IncomeKind(StrEnum):
    """What money the treasurer records."""

    FEE = "fee"
    CONTRIBUTION = "contribution"  # voluntary, from a member
    SUBSIDY = "subsidy"  # from outside the network (a council, a foundation)


@dataclass(frozen=True, slots=True)
class Fee:
    """One entity's fee for one year, fixed when the year was opened for it."""

    entity_id: int
    year: int
    amount_cents: int
    due_on: date
    grace_days: int

    @property
    def lapses_on(self) -> date:
        """The first day the unpaid fee is lapsed."""
        return self.due_on + timedelta(days=self.grace_days + 1)


@dataclass(frozen=True, slots=True)
class Income:
    """Money received, with its receipt number when it has one."""

    id: int
    kind: IncomeKind
    entity_id: int | None
    year: int
    amount_cents: int
    received_on: date
    method: str
    reference: str | None
    source: str | None
    note: str | None
    receipt_year: int | None
    receipt_number: int | None
    recorded_by_name: str
    recorded_at: datetime

    @property
    def receipt(self) -> str | None:
        """The receipt's number as printed: "2027-0001"."""
        if self.receipt_year is None or self.receipt_number is None:
            return None
        return f"{self.receipt_year}-{self.receipt_number:04d}"


def pro_rata_cents(annual_cents: int, joined: date) -> int:
    """The share of a year's fee for the months left, the joining month included.

    Integer arithmetic rounded half up to the cent: 60 € from October is 15 €.
    """
    months = _MONTHS - joined.month + 1
    return (annual_cents * months * 2 + _MONTHS) // (_MONTHS * 2)


def fee_for(schedule: FeeSchedule, *, entity_id: int, kind: str, year: int, joined: date) -> Fee:
    """The fee an entity owes for a year, as the network file says today.

    An entity that joins during the year pays the share of the months left when the file
    says ``pro_rata``; in anniversary mode the year runs from the joining day, so it pays it
    all.
    """
    amount = schedule.cents_for(kind)
    if schedule.pro_rata and not schedule.anniversary and joined.year == year:
        amount = pro_rata_cents(amount, joined)
    due_on = schedule.due_date(year, joined)
    if joined.year == year and due_on < joined:
        due_on = joined  # joined after this year's due date: due on the day of joining
    return Fee(
        entity_id=entity_id,
        year=year,
        amount_cents=amount,
        due_on=due_on,
        grace_days=schedule.grace_days,
    )


def outstanding(fee: Fee, paid_cents: int) -> int:
    """What is left to pay (never below zero: an overpayment is not owed back here)."""
    return max(0, fee.amount_cents - paid_cents)


def fee_status(fee: Fee, *, paid_cents: int, exempt: bool, today: date) -> FeeStatus:
    """The status on a local date, from that year's payments (partial ones add up)."""
    if exempt or fee.amount_cents == 0:
        return FeeStatus.EXEMPT
    if paid_cents >= fee.amount_cents:
        return FeeStatus.PAID
    if today <= fee.due_on:
        return FeeStatus.PENDING
    if today < fee.lapses_on:
        return FeeStatus.OVERDUE
    return FeeStatus.LAPSED


@dataclass(frozen=True, slots=True)
class Notice:
    """One notice of a year's fee: its code (for the dedupe key) and when it falls due."""

    code: str
    due_at: datetime  # UTC
    useful_until: datetime | None  # the next notice supersedes it

    @property
    def final(self) -> bool:
        """Whether this is the notice that says the entity is lapsed."""
        return self.code == FINAL


def _code(days: int) -> str:
    if days < 0:
        return f"before-{-days}d"
    return "due" if days == 0 else f"after-{days}d"


def notices(fee: Fee, schedule: FeeSchedule, tz: ZoneInfo) -> list[Notice]:
    """Every notice of the fee in order, each at the network's notice time, local.

    A notice is useful until the next one is due: after a long downtime only the latest is
    sent, never a pile of stale ones. The final notice (the day the fee lapses) stays useful.
    """
    offsets = sorted(
        {-days for days in schedule.remind_days_before} | set(schedule.remind_days_after)
    )
    days = [(offset, _code(offset)) for offset in offsets if offset <= fee.grace_days]
    days.append((fee.grace_days + 1, FINAL))
    moments = [
        (code, _at(fee.due_on + timedelta(days=offset), schedule.notice_time, tz))
        for offset, code in days
    ]
    return [
        Notice(code, moment, moments[index + 1][1] if index + 1 < len(moments) else None)
        for index, (code, moment) in enumerate(moments)
    ]


def _at(day: date, moment: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, moment, tzinfo=tz).astimezone(ZoneInfo("UTC"))


def notice_prefix(year: int, entity_id: int) -> str:
    """What every outbox key of an entity's fee notices for a year starts with."""
    return f"fee:{year}:entity-{entity_id}:"


def notice_key(year: int, entity_id: int, code: str, user_id: int) -> str:
    """Outbox key of one notice to one person of the entity."""
    return f"{notice_prefix(year, entity_id)}{code}:user-{user_id}"


def lapsed_board_key(year: int, entity_id: int) -> str:
    """Outbox key of the one message that tells the board an entity lapsed."""
    return f"fee-lapsed:{year}:entity-{entity_id}"


def remind_key(year: int, entity_id: int, day: date, user_id: int) -> str:
    """Outbox key of a manual reminder: at most one a day per entity (and person)."""
    return f"fee-remind:{year}:entity-{entity_id}:{day.isoformat()}:user-{user_id}"


def claim_key(claim_id: int) -> str:
    """Outbox key of the board's message about one "I've paid"."""
    return f"fee-claim:{claim_id}"


def thanks_key(payment_id: int, user_id: int) -> str:
    """Outbox key of the thank-you (with its receipt) for one payment, to one person."""
    return f"fee-thanks:{payment_id}:user-{user_id}"


def clean_text(text: str, limit: int) -> str | None:
    """One line of typed text (a reference, a note, a reason): None if empty or too long."""
    line = " ".join(text.split())
    return line if line and len(line) <= limit else None
