"""Fee rules: amounts in cents, status from payments and dates, the notice schedule."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.fees import Fee, FeeStatus, fee_for, fee_status, notices, pro_rata_cents
from bot.domain.money import AmountError, AmountProblem, format_cents, parse_cents
from bot.domain.network import FeeSchedule, load_network

MADRID = ZoneInfo("Europe/Madrid")


def schedule(**changes: object) -> FeeSchedule:
    return load_network().fees.model_copy(update=changes)


def fee(due: date = date(2027, 3, 31), amount: int = 6000, grace: int = 60) -> Fee:
    return Fee(entity_id=1, year=due.year, amount_cents=amount, due_on=due, grace_days=grace)


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("60", 6000),
        ("60,5", 6050),
        ("60.50", 6050),
        ("60 €", 6000),
        ("€60", 6000),
        ("1.200,50", 120050),
        ("1,200.50", 120050),
        ("0,01", 1),
    ],
)
def test_amounts_are_read_as_integer_cents(text: str, cents: int) -> None:
    assert parse_cents(text) == cents


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("sesenta", AmountProblem.NOT_A_NUMBER),
        ("60,5,0", AmountProblem.NOT_A_NUMBER),
        ("6e1", AmountProblem.NOT_A_NUMBER),
        ("", AmountProblem.NOT_A_NUMBER),
        ("-60", AmountProblem.NOT_POSITIVE),
        ("0", AmountProblem.NOT_POSITIVE),
        ("99999999", AmountProblem.TOO_LARGE),
    ],
)
def test_bad_amounts_say_why(text: str, problem: AmountProblem) -> None:
    with pytest.raises(AmountError) as caught:
        parse_cents(text)
    assert caught.value.problem is problem


def test_amounts_are_written_in_each_language() -> None:
    assert format_cents(6050, "es") == "60,50 €"
    assert format_cents(120050, "es") == "1.200,50 €"
    assert format_cents(6050, "en") == "€60.50"


def test_status_pending_paid_overdue_lapsed_exempt() -> None:
    f = fee()
    assert fee_status(f, paid_cents=0, exempt=False, today=date(2027, 3, 1)) is FeeStatus.PENDING
    # A payment made on the due date: paid, and without it the day is still "pending".
    assert fee_status(f, paid_cents=6000, exempt=False, today=date(2027, 3, 31)) is FeeStatus.PAID
    assert fee_status(f, paid_cents=0, exempt=False, today=date(2027, 3, 31)) is FeeStatus.PENDING
    assert fee_status(f, paid_cents=0, exempt=False, today=date(2027, 4, 1)) is FeeStatus.OVERDUE
    # 31 March + 60 days = 30 May, the last day of grace; lapsed from 31 May.
    assert fee_status(f, paid_cents=0, exempt=False, today=date(2027, 5, 30)) is FeeStatus.OVERDUE
    assert fee_status(f, paid_cents=0, exempt=False, today=date(2027, 5, 31)) is FeeStatus.LAPSED
    assert fee_status(f, paid_cents=0, exempt=True, today=date(2027, 6, 1)) is FeeStatus.EXEMPT
    assert fee_status(fee(amount=0), paid_cents=0, exempt=False, today=date(2027, 6, 1)) is (
        FeeStatus.EXEMPT
    )


def test_partial_payments_count_up_to_the_amount() -> None:
    f = fee()
    assert fee_status(f, paid_cents=3000, exempt=False, today=date(2027, 4, 2)) is (
        FeeStatus.OVERDUE
    )
    assert fee_status(f, paid_cents=6000, exempt=False, today=date(2027, 4, 2)) is FeeStatus.PAID
    assert fee_status(f, paid_cents=9000, exempt=False, today=date(2027, 4, 2)) is FeeStatus.PAID


def test_leap_years_move_grace_and_29_february() -> None:
    # Due 29 February in a leap year; in a common year it is the 28th.
    rules = schedule(due="02-29")
    assert rules.due_date(2028) == date(2028, 2, 29)
    assert rules.due_date(2027) == date(2027, 2, 28)
    # Grace counts real days: 31 January 2028 + 60 days = 31 March (February has 29).
    leap = fee(due=date(2028, 1, 31))
    assert leap.lapses_on == date(2028, 4, 1)
    common = fee(due=date(2027, 1, 31))
    assert common.lapses_on == date(2027, 4, 2)


def test_joining_mid_year_pro_rata_or_not() -> None:
    joined = date(2027, 10, 15)
    whole = fee_for(schedule(), entity_id=1, kind="cooperative", year=2027, joined=joined)
    assert whole.amount_cents == 6000
    # Joined after the due date: due the day of joining.
    assert whole.due_on == joined
    share = fee_for(
        schedule(pro_rata=True), entity_id=1, kind="cooperative", year=2027, joined=joined
    )
    assert share.amount_cents == 1500  # October, November, December
    assert pro_rata_cents(9000, date(2027, 12, 1)) == 750
    assert pro_rata_cents(1000, date(2027, 2, 1)) == 917  # 11/12 of 10 €, rounded half up
    # The next year is a whole fee again.
    later = fee_for(
        schedule(pro_rata=True), entity_id=1, kind="cooperative", year=2028, joined=joined
    )
    assert later.amount_cents == 6000
    assert later.due_on == date(2028, 3, 31)


def test_exempt_kind_pays_nothing() -> None:
    rules = schedule(exempt_kinds=("association",))
    exempt = fee_for(rules, entity_id=1, kind="association", year=2027, joined=date(2020, 1, 1))
    assert exempt.amount_cents == 0


def test_notices_fall_at_local_notice_time_each_superseded_by_the_next() -> None:
    found = notices(fee(), schedule(), MADRID)
    assert [n.code for n in found] == ["before-30d", "due", "after-15d", "after-45d", "final"]
    # 1 March 2027 at 10:00 in Madrid is 09:00 UTC (winter); 31 March is summer time.
    assert found[0].due_at == datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    assert found[1].due_at == datetime(2027, 3, 31, 8, 0, tzinfo=UTC)
    assert found[0].useful_until == found[1].due_at
    assert found[-1].due_at == datetime(2027, 5, 31, 8, 0, tzinfo=UTC)
    assert found[-1].useful_until is None and found[-1].final
