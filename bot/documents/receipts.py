"""A receipt as a one-page PDF (fpdf2), in the member's language.

fpdf2's built-in Helvetica is written with the Windows-1252 encoding, which holds every
Spanish letter and the euro sign; a character outside it (an emoji in a name) becomes "?"
rather than failing the receipt.
"""

import html
from dataclasses import dataclass
from datetime import UTC, date, datetime

from fpdf import FPDF

from bot.i18n import Translator

__all__ = ["Receipt", "receipt_filename", "receipt_pdf"]

_ENCODING = "windows-1252"


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a receipt says."""

    number: str  # "2027-0001"
    issuer: str  # the network's legal name
    tax_id: str
    entity: str
    concept: str  # already in the member's language
    amount: str  # already formatted in the member's language
    day: str  # already formatted
    issued_on: date


def _safe(text: str) -> str:
    # Catalog texts come HTML-escaped for Telegram; a PDF shows them as plain text.
    plain = html.unescape(text)
    return plain.encode(_ENCODING, errors="replace").decode(_ENCODING)


def receipt_filename(receipt: Receipt) -> str:
    """The file's name as the member receives it."""
    return f"receipt-{receipt.number}.pdf"


def receipt_pdf(receipt: Receipt, t: Translator) -> bytes:
    """The receipt's PDF bytes; labels come from the catalog in the member's language."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = _ENCODING
    pdf.set_title(_safe(t("fees.pdf.title", number=receipt.number)))
    pdf.set_creator(_safe(receipt.issuer))
    # A fixed creation date: the same receipt always gives the same bytes.
    pdf.set_creation_date(_midday(receipt.issued_on))
    pdf.add_page()
    pdf.set_font("helvetica", style="B", size=18)
    pdf.cell(
        0, 12, _safe(t("fees.pdf.title", number=receipt.number)), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("helvetica", size=11)
    issuer = receipt.issuer if not receipt.tax_id else f"{receipt.issuer} · {receipt.tax_id}"
    pdf.cell(0, 7, _safe(issuer), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for label, value in (
        (t("fees.pdf.number"), receipt.number),
        (t("fees.pdf.date"), receipt.day),
        (t("fees.pdf.received_from"), receipt.entity),
        (t("fees.pdf.concept"), receipt.concept),
        (t("fees.pdf.amount"), receipt.amount),
    ):
        pdf.set_font("helvetica", style="B", size=11)
        pdf.cell(45, 8, _safe(label))
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 8, _safe(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("helvetica", style="I", size=9)
    pdf.multi_cell(0, 5, _safe(t("fees.pdf.footer", issuer=receipt.issuer)))
    return bytes(pdf.output())


def _midday(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
