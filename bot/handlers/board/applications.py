"""Approve applications from the board group and list the pending ones (Reject: rejection)."""

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.buttons.board import ApproveApplication
from bot.context import BotContext
from bot.domain.board import PENDING_SHOWN
from bot.domain.members import EntityStatus
from bot.handlers.board.access import board_actor
from bot.handlers.board.ui import (
    already_decided,
    application_markup,
    board_t,
    callback_entity_id,
    show_decision,
)
from bot.handlers.common import stale_button
from bot.services.board import decide_application
from bot.views.entities import application_notice_html

__all__ = ["handlers"]


async def approve(update: Update, context: BotContext) -> None:
    """Approve a pending application; the first decision wins, later presses are told so."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    entity_id = callback_entity_id(query)
    if entity_id is None:
        await stale_button(update, context)
        return
    async with context.store.write() as repos:
        result = await decide_application(
            repos,
            entity_id=entity_id,
            status=EntityStatus.APPROVED,
            actor=board_actor(user),
            now=context.now(),
            default_locale=context.settings.default_locale,
        )
    if result.entity is None:
        await stale_button(update, context)
    elif not result.decided_now:
        await already_decided(query, context, result.entity)
    else:
        await query.answer(context.t("board.approved_toast"))
        if query.message is not None:
            await show_decision(query.message, context, result.entity)


async def show_pending(update: Update, context: BotContext) -> None:
    """Post each pending application (oldest first) with its Approve/Reject buttons."""
    chat = update.effective_chat
    if chat is None:
        return
    t = board_t(context)
    async with context.store.read() as repos:
        total = await repos.members.count_entities(statuses=(EntityStatus.PENDING,))
        entities = await repos.members.entities_by_status(EntityStatus.PENDING, limit=PENDING_SHOWN)
        applicants = {e.id: await repos.members.member(e.applied_by) for e in entities}
    if not entities:
        await chat.send_message(t("board.pending_none"))
        return
    title = t("board.pending_title", count=total)
    if total > len(entities):
        title += "\n" + t("board.pending_more", shown=len(entities))
    await chat.send_message(title)
    for entity in entities:
        card = application_notice_html(
            entity, applicants[entity.id], t=t, network=context.network, tz=context.settings.tz
        )
        await chat.send_message(card, reply_markup=application_markup(entity.id, t))


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """The Approve button, /pending and /cancel in groups (Reject is the conversation)."""
    return [
        CallbackQueryHandler(approve, pattern=ApproveApplication.pattern()),
        CommandHandler("pending", show_pending),
    ]
