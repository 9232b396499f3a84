"""Reject an application from the board group: the reason is a reply to the bot's prompt."""

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.buttons.board import RejectApplication
from bot.context import BotContext
from bot.domain.members import EntityStatus
from bot.handlers.board.access import board_actor
from bot.handlers.board.reasons import ReasonFlow
from bot.handlers.board.ui import (
    already_decided,
    board_t,
    callback_entity_id,
    show_decision_by_id,
)
from bot.handlers.common import stale_button
from bot.i18n import Safe
from bot.services.board import decide_application
from bot.services.prompts import Flow, Prompt
from bot.views.entities import decision_line_html

__all__ = ["OWNER", "handlers"]


async def ask_reason(update: Update, context: BotContext) -> None:
    """Ask the board member who pressed Reject for the reason, in the group."""
    query = update.callback_query
    if query is None:
        return
    entity_id = callback_entity_id(query)
    entity = None
    if entity_id is not None:
        async with context.store.read() as repos:
            entity = await repos.members.entity(entity_id)
    if entity is None:
        await stale_button(update, context)
        return
    if entity.status != EntityStatus.PENDING:
        await already_decided(query, context, entity)
        return
    await query.answer()
    await _FLOW.ask(
        update,
        context,
        "board.reject_prompt",
        subject_id=entity.id,
        card=query.message,
        entity=entity.name,
    )


async def _reject(message: Message, context: BotContext, prompt: Prompt, reason: str) -> None:
    """Reject with the reason, unless someone decided first."""
    t, user = board_t(context), message.from_user
    if user is None or prompt.subject_id is None:
        return
    async with context.store.write() as repos:
        result = await decide_application(
            repos,
            entity_id=prompt.subject_id,
            status=EntityStatus.REJECTED,
            actor=board_actor(user),
            now=context.now(),
            default_locale=context.settings.default_locale,
            reason=reason,
        )
    if result.entity is None:
        await message.reply_text(t("board.reject_gone"))
        return
    if not result.decided_now:
        line = decision_line_html(result.entity, t=t, tz=context.settings.tz)
        await message.reply_text(t("board.already_decided_text", decision=Safe(line)))
        return
    if prompt.card_message_id is not None:
        await show_decision_by_id(
            context,
            result.entity,
            chat_id=message.chat_id,
            message_id=prompt.card_message_id,
            card=prompt.card,
        )
    await message.reply_text(t("board.reject_done", entity=result.entity.name))


_FLOW = ReasonFlow(
    flow=Flow.REJECT_APPLICATION,
    too_long="board.reject_too_long",
    text_only="board.reject_text_only",
    cancelled="board.reject_cancelled",
    decide=_reject,
)
OWNER = _FLOW.owner()


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The Reject button (its reason comes through the prompt router)."""
    return [CallbackQueryHandler(ask_reason, pattern=RejectApplication.pattern())]
