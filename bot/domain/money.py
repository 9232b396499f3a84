"""Money as integer cents: what a treasurer types, and how amounts are written back.

Never a float: "60,50" is 6050 cents by string arithmetic, so no rounding can creep into a
total or a receipt.
"""

import re
from decimal import Decimal
from enum import StrEnum
from typing import Final

from babel.numbers import format_currency

__all__ = ["MAX_CENTS", "AmountError", "AmountProblem", "format_cents", "parse_cents"]

# 1 000 000 € is far above any fee, contribution or subsidy a network records by hand.
MAX_CENTS: Final = 100_000_000
# "60", "60,5", "60.50", "1.200,50", "1,200.50", "60 €", "€60", "60EUR".
_AMOUNT = re.compile(
    r"(?P<units>\d{1,3}(?:([.,\s])\d{3})(?:\2\d{3})*|\d+)(?:[.,](?P<cents>\d{1,2}))?"
)
_REGIONS: Final = {"es": "es_ES", "en": "en_GB"}
_CURRENCY = re.compile(r"\s*(?:€|eur|euros?)\s*", re.IGNORECASE)


class AmountProblem(StrEnum):
    """Why a typed amount was refused."""

    NOT_A_NUMBER = "not_a_number"
    NOT_POSITIVE = "not_positive"
    TOO_LARGE = "too_large"


class AmountError(ValueError):
    """A typed amount that cannot be used, and why."""

    def __init__(self, problem: AmountProblem, text: str) -> None:
        super().__init__(f"{problem.value}: {text!r}")
        self.problem = problem


def parse_cents(text: str) -> int:
    """The amount typed in euros as integer cents; AmountError says what is wrong with it."""
    raw = _CURRENCY.sub("", text.strip()).strip()
    negative = raw.startswith(("-", "−"))
    body = raw.lstrip("-−").strip()
    found = _AMOUNT.fullmatch(body)
    if not found:
        raise AmountError(AmountProblem.NOT_A_NUMBER, text)
    units = re.sub(r"\D", "", found["units"])
    cents = (found["cents"] or "0").ljust(2, "0")
    value = int(units) * 100 + int(cents)
    if negative or value <= 0:
        raise AmountError(AmountProblem.NOT_POSITIVE, text)
    if value > MAX_CENTS:
        raise AmountError(AmountProblem.TOO_LARGE, text)
    return value


def format_cents(cents: int, locale: str) -> str:
    """An amount as people read it in their language (Babel): "60,50 €", "€60.50"."""
    region = _REGIONS.get(locale.split("-")[0].split("_")[0], "es_ES")
    # No-break space before "€" in Spanish: plain, so Telegram and PDFs show it alike.
    return format_currency(Decimal(cents) / 100, "EUR", locale=region).replace("\xa0", " ")
