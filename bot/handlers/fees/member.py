"""A member's fees: "My fees" (/fees in private), receipts, and "I've paid"."""

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.buttons.fees import ClaimPaid, GetReceipt, MyFees, SkipReference
from bot.context import BotContext
from bot.documents.receipts import receipt_filename, receipt_pdf
from bot.domain.fees import CLAIM_REFERENCE_MAX, clean_text
from bot.handlers import prompts
from bot.handlers.common import stale_button
from bot.handlers.fees.texts import my_fees_html
from bot.handlers.guards import current_member
from bot.handlers.prompts import PromptOwner
from bot.handlers.ui import button, send
from bot.services.fees.claims import ClaimOutcome, claim_paid
from bot.services.fees.receipts import receipt_for
from bot.services.fees.reports import member_fees
from bot.services.prompts import Flow, Prompt

__all__ = ["OWNER", "handlers"]

_RECEIPT_BUTTONS = 10  # the newest receipts get a button; older ones are in the list


async def show_my_fees(update: Update, context: BotContext) -> None:
    """Status, history, how to pay and receipts of the member's entity."""
    found = await current_member(update, context)
    if found is None:
        return
    member, entity = found
    if update.callback_query is not None:
        await update.callback_query.answer()
    async with context.store.write() as repos:
        view = await member_fees(repos, context.services, entity, context.now())
    locale = context.services.locale_or_default(member.locale)
    text = my_fees_html(view, entity, t=context.t, locale=locale, network=context.network)
    rows = []
    if view.current.left_cents:
        rows.append(
            [button(context.t("fees.claim_button"), ClaimPaid(year=view.current.fee.year).pack())]
        )
    rows += [
        [
            button(
                context.t("fees.receipt_button", receipt=income.receipt or ""),
                GetReceipt(income_id=income.id).pack(),
            )
        ]
        for income in view.receipts[:_RECEIPT_BUTTONS]
    ]
    await send(update, text, InlineKeyboardMarkup(rows) if rows else None)


async def send_receipt(update: Update, context: BotContext) -> None:
    """The PDF receipt of one of the entity's payments, in the member's language."""
    query = update.callback_query
    pressed = GetReceipt.unpack(query.data if query else None)
    found = await current_member(update, context)
    if query is None or found is None:
        return
    if pressed is None:
        await stale_button(update, context)
        return
    member, _entity = found
    async with context.store.read() as repos:
        receipt = await receipt_for(
            repos, context.services, income_id=pressed.income_id, member=member
        )
    if receipt is None:
        await stale_button(update, context)
        return
    await query.answer()
    chat = update.effective_chat
    if chat is not None:
        await chat.send_document(
            receipt_pdf(receipt, context.t),
            filename=receipt_filename(receipt),
            caption=context.t("fees.receipt_caption", receipt=receipt.number),
        )


async def ask_reference(update: Update, context: BotContext) -> None:
    """ "I've paid": ask for the bank reference, which may be skipped."""
    query = update.callback_query
    pressed = ClaimPaid.unpack(query.data if query else None)
    if query is None or await current_member(update, context) is None:
        return
    if pressed is None:
        await stale_button(update, context)
        return
    await query.answer()
    prompts.arm(update, context, Flow.FEE_REFERENCE, subject_id=pressed.year)
    skip = InlineKeyboardMarkup(
        [[button(context.t("fees.skip_reference"), SkipReference(year=pressed.year).pack())]]
    )
    sent = await send(update, context.t("fees.ask_reference", max=CLAIM_REFERENCE_MAX), skip)
    prompts.asked_with_buttons(update, context, sent)


async def skip_reference(update: Update, context: BotContext) -> None:
    """Send the claim without a reference."""
    query = update.callback_query
    pressed = SkipReference.unpack(query.data if query else None)
    if query is None:
        return
    prompt = prompts.current(update, context, Flow.FEE_REFERENCE)
    if pressed is None or prompt is None or prompt.subject_id != pressed.year:
        await stale_button(update, context)
        return
    await query.answer()
    prompts.clear(update, context, Flow.FEE_REFERENCE)
    await _claim(update, context, pressed.year, None)


async def on_reference(update: Update, context: BotContext) -> None:
    """The typed reference: one short line of text."""
    message = update.effective_message
    prompt = prompts.current(update, context, Flow.FEE_REFERENCE)
    if message is None or prompt is None or prompt.subject_id is None:
        return
    reference = clean_text(message.text or "", CLAIM_REFERENCE_MAX)
    if reference is None:
        await send(update, context.t("fees.reference_invalid", max=CLAIM_REFERENCE_MAX))
        return
    prompts.clear(update, context, Flow.FEE_REFERENCE)
    await _claim(update, context, prompt.subject_id, reference)


async def _claim(update: Update, context: BotContext, year: int, reference: str | None) -> None:
    found = await current_member(update, context)
    if found is None:
        return
    member, entity = found
    async with context.store.write() as repos:
        claimed = await claim_paid(
            repos,
            context.services,
            member=member,
            entity=entity,
            year=year,
            reference=reference,
            now=context.now(),
        )
    if claimed.outcome is ClaimOutcome.NOTHING_DUE:
        await send(update, context.t("fees.claim_nothing_due", year=year))
    else:
        await send(update, context.t("fees.claim_sent", year=year))


async def cancel(update: Update, context: BotContext) -> None:
    """Leave the "I've paid" without telling the board."""
    prompts.clear(update, context, Flow.FEE_REFERENCE)
    await send(update, context.t("fees.claim_cancelled"))


def _own_button(data: str, _prompt: Prompt) -> bool:
    return SkipReference.unpack(data) is not None


OWNER = PromptOwner(answer=on_reference, cancel=cancel, keeps=_own_button)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/fees in private, My fees, receipts, "I've paid" and its Skip (app.py: private only)."""
    return [
        CommandHandler("fees", show_my_fees, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(show_my_fees, pattern=MyFees.pattern()),
        CallbackQueryHandler(send_receipt, pattern=GetReceipt.pattern()),
        CallbackQueryHandler(ask_reference, pattern=ClaimPaid.pattern()),
        CallbackQueryHandler(skip_reference, pattern=SkipReference.pattern()),
    ]
