"""The treasurer's commands in the board group: record money, see the year, remind, export.

Registered with on_board (app.py): only in the board group, and only for its current members,
checked at the time of each command or press. Every decision is audited by the services.
"""

from typing import Any

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.buttons.fees import ConfirmClaim, NotReceived
from bot.context import BotContext
from bot.documents.ledger_csv import ledger_csv
from bot.domain.fees import NOTE_MAX, clean_text
from bot.domain.members import Entity
from bot.domain.money import AmountError, AmountProblem, format_cents, parse_cents
from bot.handlers.board.access import board_actor
from bot.handlers.board.ui import board_t
from bot.handlers.common import stale_button
from bot.handlers.fees.texts import income_html, year_summary_html
from bot.i18n import Translator
from bot.services.fees.claims import confirm_claim, mark_not_received
from bot.services.fees.ledger import (
    exempt_fee,
    record_contribution,
    record_fee_payment,
    record_subsidy,
)
from bot.services.fees.reports import (
    income_summary,
    ledger,
    remind_behind,
    resolve_target,
    year_summary,
)
from bot.services.fees.years import local_today
from bot.views.fees import status_label

__all__ = ["handlers"]

_AMOUNT_ECHO_MAX = 20
_QUERY_ECHO_MAX = 60
_CHOICES_SHOWN = 10
_AMOUNT_KEYS = {
    AmountProblem.NOT_A_NUMBER: "fees.amount_not_number",
    AmountProblem.NOT_POSITIVE: "fees.amount_not_positive",
    AmountProblem.TOO_LARGE: "fees.amount_too_large",
}


def _locale(context: BotContext) -> str:
    return context.settings.default_locale


async def _say(update: Update, text: str) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_text(text)


def _amount(t: Translator, text: str) -> int | str:
    """The amount in cents, or the localized reason it cannot be used."""
    try:
        return parse_cents(text)
    except AmountError as exc:
        return t(_AMOUNT_KEYS[exc.problem], amount=text[:_AMOUNT_ECHO_MAX])


async def _entity_and_rest(
    update: Update, context: BotContext, *, usage: str, after: int
) -> tuple[Entity, list[str]] | None:
    """The one entity the command names and the words after it; else say what is wrong."""
    t = board_t(context)
    words = list(context.args or [])
    if len(words) < 1 + after:
        await _say(update, t(usage))
        return None
    async with context.store.read() as repos:
        target = await resolve_target(repos, words, after=after)
    query = target.query[:_QUERY_ECHO_MAX]
    if not target.entities:
        await _say(update, t("fees.member_unknown", query=query))
        return None
    if len(target.entities) > 1:
        names = "\n".join(
            t("fees.member_choice", number=entity.id, entity=entity.name)
            for entity in target.entities[:_CHOICES_SHOWN]
        )
        await _say(update, t("fees.member_ambiguous", query=query) + "\n" + names)
        return None
    return target.entities[0], target.rest


async def paid(update: Update, context: BotContext) -> None:
    """/paid <member> <amount> [reference]: record this year's fee payment, send the receipt."""
    found = await _entity_and_rest(update, context, usage="fees.paid_usage", after=1)
    user = update.effective_user
    if found is None or user is None:
        return
    t = board_t(context)
    entity, rest = found
    amount = _amount(t, rest[0])
    if isinstance(amount, str):
        await _say(update, amount)
        return
    reference = clean_text(" ".join(rest[1:]), NOTE_MAX) if rest[1:] else None
    if rest[1:] and reference is None:
        await _say(update, t("fees.note_too_long", max=NOTE_MAX))
        return
    now = context.now()
    async with context.store.write() as repos:
        recorded = await record_fee_payment(
            repos,
            context.services,
            entity=entity,
            year=local_today(context.services, now).year,
            amount_cents=amount,
            actor=board_actor(user),
            now=now,
            reference=reference,
        )
    assert recorded.status is not None  # noqa: S101 - a fee always has a status
    await _say(
        update,
        t(
            "fees.paid_done",
            entity=entity.name,
            amount=_money(context, amount),
            year=recorded.income.year,
            receipt=recorded.income.receipt or "",
            status=status_label(t, recorded.status),
            left=_money(context, recorded.left_cents),
        ),
    )


async def contribution(update: Update, context: BotContext) -> None:
    """/contribution <member> <amount> [note]: a voluntary contribution, thanked with a receipt."""
    found = await _entity_and_rest(update, context, usage="fees.contribution_usage", after=1)
    user = update.effective_user
    if found is None or user is None:
        return
    t = board_t(context)
    entity, rest = found
    amount = _amount(t, rest[0])
    if isinstance(amount, str):
        await _say(update, amount)
        return
    note = clean_text(" ".join(rest[1:]), NOTE_MAX) if rest[1:] else None
    if rest[1:] and note is None:
        await _say(update, t("fees.note_too_long", max=NOTE_MAX))
        return
    async with context.store.write() as repos:
        recorded = await record_contribution(
            repos,
            context.services,
            entity=entity,
            amount_cents=amount,
            actor=board_actor(user),
            now=context.now(),
            note=note,
        )
    await _say(
        update,
        t(
            "fees.contribution_done",
            entity=entity.name,
            amount=_money(context, amount),
            receipt=recorded.income.receipt or "",
        ),
    )


async def subsidy(update: Update, context: BotContext) -> None:
    """/subsidy <amount> <source>[; note]: money from outside the network."""
    t = board_t(context)
    user = update.effective_user
    words = list(context.args or [])
    if len(words) < 2 or user is None:
        await _say(update, t("fees.subsidy_usage"))
        return
    amount = _amount(t, words[0])
    if isinstance(amount, str):
        await _say(update, amount)
        return
    source_text, _, note_text = " ".join(words[1:]).partition(";")
    source = clean_text(source_text, NOTE_MAX)
    note = clean_text(note_text, NOTE_MAX) if note_text.strip() else None
    if source is None or (note_text.strip() and note is None):
        await _say(update, t("fees.subsidy_usage"))
        return
    async with context.store.write() as repos:
        await record_subsidy(
            repos,
            context.services,
            amount_cents=amount,
            source=source,
            actor=board_actor(user),
            now=context.now(),
            note=note,
        )
    await _say(update, t("fees.subsidy_done", source=source, amount=_money(context, amount)))


async def exempt(update: Update, context: BotContext) -> None:
    """/exempt <member> <reason>: no fee this year for the entity, with the reason audited."""
    found = await _entity_and_rest(update, context, usage="fees.exempt_usage", after=1)
    user = update.effective_user
    if found is None or user is None:
        return
    t = board_t(context)
    entity, rest = found
    reason = clean_text(" ".join(rest), NOTE_MAX)
    if reason is None:
        await _say(update, t("fees.note_too_long", max=NOTE_MAX))
        return
    now = context.now()
    year = local_today(context.services, now).year
    async with context.store.write() as repos:
        done = await exempt_fee(
            repos,
            context.services,
            entity=entity,
            year=year,
            reason=reason,
            actor=board_actor(user),
            now=now,
        )
    key = "fees.exempt_done" if done else "fees.exempt_already"
    await _say(update, t(key, entity=entity.name, year=year))


def _year(context: BotContext) -> int | None:
    """The year the command names, or this year; None when the argument is not a year."""
    words = context.args or []
    if not words:
        return local_today(context.services, context.now()).year
    word = words[0]
    if len(words) == 1 and word.isdigit() and len(word) == 4 and 2000 <= int(word) <= 2999:
        return int(word)
    return None


async def show_year(update: Update, context: BotContext) -> None:
    """/fees [year]: paid, pending, overdue, lapsed and exempt, totals, and who is behind."""
    t = board_t(context)
    year = _year(context)
    if year is None:
        await _say(update, t("fees.year_usage", command="/fees"))
        return
    async with context.store.write() as repos:
        summary = await year_summary(repos, context.services, year, context.now())
    await _say(update, year_summary_html(summary, t=t, locale=_locale(context)))


async def show_income(update: Update, context: BotContext) -> None:
    """/income [year]: fees, contributions and subsidies by source."""
    t = board_t(context)
    year = _year(context)
    if year is None:
        await _say(update, t("fees.year_usage", command="/income"))
        return
    async with context.store.read() as repos:
        summary = await income_summary(repos, year)
    await _say(update, income_html(summary, t=t, locale=_locale(context)))


async def export_csv(update: Update, context: BotContext) -> None:
    """/fees_csv [year]: every payment, contribution and subsidy as a CSV for the treasurer."""
    t = board_t(context)
    year = _year(context)
    chat = update.effective_chat
    if chat is None:
        return
    if year is None:
        await _say(update, t("fees.year_usage", command="/fees_csv"))
        return
    async with context.store.read() as repos:
        rows = await ledger(repos, year)
    await chat.send_document(
        ledger_csv(rows),
        filename=f"income-{year}.csv",
        caption=t("fees.csv_caption", year=year, count=len(rows)),
    )


async def remind(update: Update, context: BotContext) -> None:
    """/fees_remind: remind those behind now, at most once per entity a day."""
    user = update.effective_user
    if user is None:
        return
    async with context.store.write() as repos:
        count = await remind_behind(
            repos, context.services, actor=board_actor(user), now=context.now()
        )
    await _say(update, board_t(context)("fees.remind_done", count=count))


async def confirm(update: Update, context: BotContext) -> None:
    """Confirm an "I've paid": the payment is recorded once; a second press changes nothing."""
    query = update.callback_query
    pressed = ConfirmClaim.unpack(query.data if query else None)
    user = update.effective_user
    if query is None or user is None:
        return
    if pressed is None:
        await stale_button(update, context)
        return
    async with context.store.write() as repos:
        decision = await confirm_claim(
            repos,
            context.services,
            claim_id=pressed.claim_id,
            actor=board_actor(user),
            now=context.now(),
        )
    await _after_decision(update, context, decision.claim is not None, decision.decided_now)
    if decision.decided_now and decision.recorded is not None and decision.entity is not None:
        await _mark_card(
            query.message,
            board_t(context)(
                "fees.claim_confirmed_line",
                who=board_actor(user).name,
                receipt=decision.recorded.income.receipt or "",
            ),
        )


async def not_received(update: Update, context: BotContext) -> None:
    """Not received: the member is told; nothing is recorded."""
    query = update.callback_query
    pressed = NotReceived.unpack(query.data if query else None)
    user = update.effective_user
    if query is None or user is None:
        return
    if pressed is None:
        await stale_button(update, context)
        return
    async with context.store.write() as repos:
        decision = await mark_not_received(
            repos,
            context.services,
            claim_id=pressed.claim_id,
            actor=board_actor(user),
            now=context.now(),
        )
    await _after_decision(update, context, decision.claim is not None, decision.decided_now)
    if decision.decided_now:
        await _mark_card(
            query.message,
            board_t(context)("fees.claim_not_received_line", who=board_actor(user).name),
        )


async def _after_decision(update: Update, context: BotContext, known: bool, now: bool) -> None:
    query = update.callback_query
    if query is None:
        return
    if not known:
        await stale_button(update, context)
    elif not now:
        await query.answer(board_t(context)("fees.claim_already_decided"), show_alert=True)
    else:
        await query.answer(board_t(context)("fees.claim_decided_toast"))


async def _mark_card(message: object, line: str) -> None:
    """Show the decision under the board's card, in place of its buttons."""
    if isinstance(message, Message) and message.text_html is not None:
        await message.edit_text(message.text_html + "\n\n" + line, reply_markup=None)


def _money(context: BotContext, cents: int) -> str:
    return format_cents(cents, _locale(context))


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """The treasurer's commands and the claim buttons (app.py: board only)."""
    # Outside the board group these are answered "only in the board group" by on_board; /fees
    # in a private chat is the member's own "My fees" (bot/handlers/fees/member.py).
    return [
        CommandHandler("paid", paid),
        CommandHandler("contribution", contribution),
        CommandHandler("subsidy", subsidy),
        CommandHandler("exempt", exempt),
        CommandHandler("fees", show_year, filters=~filters.ChatType.PRIVATE),
        CommandHandler("income", show_income),
        CommandHandler("fees_csv", export_csv),
        CommandHandler("fees_remind", remind),
        CallbackQueryHandler(confirm, pattern=ConfirmClaim.pattern()),
        CallbackQueryHandler(not_received, pattern=NotReceived.pattern()),
    ]
