"""How fee screens read: "My fees" for a member, /fees and /income for the board."""

from bot.domain.fees import FeeStatus
from bot.domain.members import Entity
from bot.domain.money import format_cents
from bot.domain.network import Network
from bot.i18n import Translator
from bot.services.fees.reports import IncomeSummary, MemberFees, YearSummary
from bot.services.fees.years import Standing
from bot.views.fees import format_day, status_label

__all__ = ["income_html", "my_fees_html", "year_summary_html"]

_BEHIND_SHOWN = 30  # keeps /fees under Telegram's 4096 characters
_HISTORY_SHOWN = 5
_RECEIPTS_SHOWN = 10


def _standing_line(t: Translator, state: Standing, locale: str) -> str:
    return t(
        "fees.mine.year_line",
        year=state.fee.year,
        status=status_label(t, state.status),
        amount=format_cents(state.fee.amount_cents, locale),
        paid=format_cents(state.paid_cents, locale),
    )


def my_fees_html(
    view: MemberFees, entity: Entity, *, t: Translator, locale: str, network: Network
) -> str:
    """The member's screen."""
    now = view.current
    lines = [t("fees.mine.title", entity=entity.name), _standing_line(t, now, locale)]
    if now.status is not FeeStatus.EXEMPT:
        lines.append(t("fees.mine.due", due=format_day(now.fee.due_on, locale)))
    if now.exempt_reason:
        lines.append(t("fees.mine.exempt_reason", reason=now.exempt_reason))
    if now.left_cents:
        lines += [
            "",
            t("fees.mine.left", amount=format_cents(now.left_cents, locale)),
            t(
                "fees.mine.how_to_pay",
                instructions=network.fees.payment_instructions.get(locale),
                reference=network.fees.reference(now.fee.year, entity.id),
            ),
        ]
    if view.history:
        lines += ["", t("fees.mine.history")]
        lines += [_standing_line(t, state, locale) for state in view.history[:_HISTORY_SHOWN]]
    lines += ["", t("fees.mine.receipts") if view.receipts else t("fees.mine.no_receipts")]
    for income in view.receipts[:_RECEIPTS_SHOWN]:
        lines.append(
            t(
                "fees.mine.receipt_line",
                receipt=income.receipt or "",
                day=format_day(income.received_on, locale),
                amount=format_cents(income.amount_cents, locale),
            )
        )
    return "\n".join(lines)


def year_summary_html(summary: YearSummary, *, t: Translator, locale: str) -> str:
    """/fees in the board group: per status, totals, and who is behind."""
    lines = [t("fees.board.title", year=summary.year)]
    for status in FeeStatus:
        lines.append(
            t(
                "fees.board.status_line",
                status=status_label(t, status),
                count=summary.counts.get(status, 0),
                amount=format_cents(summary.due_cents.get(status, 0), locale),
            )
        )
    lines += [
        t("fees.board.paid_total", amount=format_cents(summary.paid_cents, locale)),
        t("fees.board.left_total", amount=format_cents(summary.left_cents, locale)),
        "",
    ]
    if not summary.behind:
        lines.append(t("fees.board.nobody_behind"))
        return "\n".join(lines)
    lines.append(t("fees.board.behind_title", count=len(summary.behind)))
    for entity, state in summary.behind[:_BEHIND_SHOWN]:
        lines.append(
            t(
                "fees.board.behind_line",
                number=entity.id,
                entity=entity.name,
                status=status_label(t, state.status),
                amount=format_cents(state.left_cents, locale),
            )
        )
    if len(summary.behind) > _BEHIND_SHOWN:
        lines.append(t("fees.board.behind_more", count=len(summary.behind) - _BEHIND_SHOWN))
    return "\n".join(lines)


def income_html(summary: IncomeSummary, *, t: Translator, locale: str) -> str:
    """/income: the year's income by source."""
    lines = [
        t("fees.income.title", year=summary.year),
        t("fees.income.fees", amount=format_cents(summary.fees_cents, locale)),
        t("fees.income.contributions", amount=format_cents(summary.contributions_cents, locale)),
    ]
    for source, cents in summary.subsidies.items():
        lines.append(t("fees.income.subsidy", source=source, amount=format_cents(cents, locale)))
    lines.append(t("fees.income.total", amount=format_cents(summary.total_cents, locale)))
    return "\n".join(lines)
