"""The buttons under matching messages: Interested / Not relevant, and Did you work together?"""

import logging

from telegram import CallbackQuery, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.buttons.matching import Interested, NotRelevant, WorkedLater, WorkedNo, WorkedYes
from bot.callbacks import patterns, unpack_any
from bot.context import BotContext
from bot.domain.matches import Answer, AnswerResult, Outcome
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.i18n import N_
from bot.services.matching.followups import record_outcome
from bot.services.matching.introductions import record_answer

__all__ = ["handlers"]

_LOGGER = logging.getLogger(__name__)
_ANSWERS = {Interested: Answer.INTERESTED, NotRelevant: Answer.NOT_RELEVANT}
_OUTCOMES = {WorkedYes: Outcome.YES, WorkedNo: Outcome.NO, WorkedLater: Outcome.NOT_YET}
_ANSWER_REPLIES = {
    (AnswerResult.WAITING, Answer.INTERESTED): N_("matching.answer.interested"),
    (AnswerResult.WAITING, Answer.NOT_RELEVANT): N_("matching.answer.not_relevant"),
    (AnswerResult.DECLINED, Answer.NOT_RELEVANT): N_("matching.answer.not_relevant"),
    (AnswerResult.INTRODUCE, Answer.INTERESTED): N_("matching.answer.introduced"),
    (AnswerResult.NOT_WANTED, Answer.INTERESTED): N_("matching.answer.not_wanted"),
}
_OUTCOME_REPLIES = {
    Outcome.YES: N_("matching.followup.thanks_yes"),
    Outcome.NO: N_("matching.followup.thanks_no"),
}


async def answer_proposal(update: Update, context: BotContext) -> None:
    """Record Interested or Not relevant; introduce the pair when both are interested."""
    query = update.callback_query
    pressed = unpack_any(query.data if query else None, *_ANSWERS)
    if query is None or pressed is None:
        await stale_button(update, context)
        return
    found = await current_member(update, context)
    if found is None:
        return
    answer = _ANSWERS[type(pressed)]
    async with context.store.write() as repos:
        result = await record_answer(
            repos, context.services, pressed.pair_id, found[0], answer, context.now()
        )
    if result is None:
        await stale_button(update, context)
        return
    if result is AnswerResult.ALREADY:
        await query.answer(context.t("matching.answer.already"), show_alert=True)
        await _drop_buttons(query)
        return
    await query.answer()
    await _drop_buttons(query)
    await _say(update, context.t(_ANSWER_REPLIES[(result, answer)]))


async def answer_followup(update: Update, context: BotContext) -> None:
    """Record Yes / No / Not yet to "Did you work together?"."""
    query = update.callback_query
    pressed = unpack_any(query.data if query else None, *_OUTCOMES)
    if query is None or pressed is None:
        await stale_button(update, context)
        return
    found = await current_member(update, context)
    if found is None:
        return
    outcome = _OUTCOMES[type(pressed)]
    async with context.store.write() as repos:
        recorded = await record_outcome(
            repos,
            context.services,
            pair_id=pressed.pair_id,
            round_=pressed.round,
            member=found[0],
            outcome=outcome,
            now=context.now(),
        )
    if not recorded:
        await stale_button(update, context)
        return
    await query.answer()
    await _drop_buttons(query)
    if outcome is not Outcome.NOT_YET:
        await _say(update, context.t(_OUTCOME_REPLIES[outcome]))
    elif pressed.round == 1:
        days = context.network.reminders.match_followup_days
        await _say(update, context.t("matching.followup.thanks_not_yet", days=days))
    else:
        await _say(update, context.t("matching.followup.thanks_not_yet_final"))


async def _drop_buttons(query: CallbackQuery) -> None:
    """Take the answered buttons off the message, so it reads as settled."""
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except BadRequest as exc:  # already without buttons, or too old to edit
        _LOGGER.debug("could not remove the buttons: %s", exc)


async def _say(update: Update, text: str) -> None:
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The proposal's and the follow-up's buttons."""
    return [
        CallbackQueryHandler(answer_proposal, pattern=patterns(*_ANSWERS)),
        CallbackQueryHandler(answer_followup, pattern=patterns(*_OUTCOMES)),
    ]
