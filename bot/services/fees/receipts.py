"""A member's receipt, again at any time: only for the entity the member acts for."""

from bot.documents.receipts import Receipt
from bot.domain.fees import Income, IncomeKind
from bot.domain.members import Member
from bot.domain.money import format_cents
from bot.i18n import N_
from bot.services.runtime import Runtime
from bot.storage.repos import Repos
from bot.views.fees import format_day

__all__ = ["receipt_for", "receipt_of"]


async def receipt_for(
    repos: Repos, runtime: Runtime, *, income_id: int, member: Member
) -> Receipt | None:
    """The receipt of a payment or contribution of the member's entity, in their language."""
    income = await repos.fees.income(income_id)
    if income is None or income.entity_id != member.entity_id or income.receipt is None:
        return None
    entity = await repos.members.entity(member.entity_id)
    if entity is None:
        return None
    return receipt_of(runtime, income, entity.name, runtime.locale_or_default(member.locale))


def receipt_of(runtime: Runtime, income: Income, entity_name: str, locale: str) -> Receipt:
    """What the receipt of one income row says in one language."""
    t = runtime.catalogs.translator(locale)
    schedule = runtime.network.fees
    if income.kind is IncomeKind.FEE:
        concept = t(N_("fees.pdf.concept_fee"), year=income.year)
    else:
        concept = t(N_("fees.pdf.concept_contribution"))
    if income.reference:
        concept += " · " + t(N_("fees.pdf.reference"), reference=income.reference)
    return Receipt(
        number=income.receipt or "",
        issuer=schedule.legal_name,
        tax_id=schedule.tax_id,
        entity=entity_name,
        concept=concept,
        amount=format_cents(income.amount_cents, locale),
        day=format_day(income.received_on, locale),
        issued_on=income.received_on,
    )
