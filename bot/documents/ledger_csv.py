"""The treasurer's CSV: every fee payment, contribution and subsidy of a year.

UTF-8 with a BOM (spreadsheets then read the accents right), a header row, amounts as
decimal euros with a dot (exact: written from integer cents), dates as ISO.
"""

import csv
import io
from collections.abc import Iterable

from bot.domain.fees import Income

__all__ = ["HEADER", "cents_text", "ledger_csv"]

HEADER = (
    "date",
    "kind",
    "entity_or_source",
    "entity_number",
    "year",
    "amount_eur",
    "method",
    "reference",
    "note",
    "receipt",
    "recorded_by",
)


def cents_text(cents: int) -> str:
    """12345 cents as "123.45" (no float on the way)."""
    units, rest = divmod(cents, 100)
    return f"{units}.{rest:02d}"


def _cell(text: str) -> str:
    # A name that starts like a formula must not run as one in the treasurer's spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def ledger_csv(rows: Iterable[tuple[Income, str]]) -> bytes:
    """The CSV bytes of income rows, each with its entity's name or the subsidy's funder."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for income, name in rows:
        writer.writerow(
            (
                income.received_on.isoformat(),
                income.kind.value,
                _cell(name),
                income.entity_id if income.entity_id is not None else "",
                income.year,
                cents_text(income.amount_cents),
                income.method,
                _cell(income.reference or ""),
                _cell(income.note or ""),
                income.receipt or "",
                income.recorded_by_name,
            )
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
