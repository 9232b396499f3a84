"""How fees read: days in each language, status labels."""

from datetime import date

from babel.dates import format_date

from bot.domain.fees import FeeStatus
from bot.i18n import N_, Translator

__all__ = ["STATUS_KEYS", "format_day", "status_label"]

_REGIONS = {"es": "es_ES", "en": "en_GB"}

STATUS_KEYS = {
    FeeStatus.PENDING: N_("fees.status.pending"),
    FeeStatus.PAID: N_("fees.status.paid"),
    FeeStatus.OVERDUE: N_("fees.status.overdue"),
    FeeStatus.LAPSED: N_("fees.status.lapsed"),
    FeeStatus.EXEMPT: N_("fees.status.exempt"),
}


def format_day(day: date, locale: str) -> str:
    """A date as people write it: "31 de marzo de 2027", "31 March 2027"."""
    region = _REGIONS.get(locale.split("-")[0].split("_")[0], "es_ES")
    return format_date(day, format="long", locale=region)


def status_label(t: Translator, status: FeeStatus) -> str:
    """The status in the translator's language."""
    return t(STATUS_KEYS[status])
