"""Approve or reject applications from the board group, and list the pending ones."""

import warnings
from enum import StrEnum
from typing import Any

from telegram import ForceReply, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.callbacks import pattern
from bot.context import BotContext
from bot.domain.board import PENDING_SHOWN, REASON_MAX, ReasonError, clean_reason
from bot.domain.members import EntityStatus
from bot.handlers.board.decisions import Actor, decide_application
from bot.handlers.board.ui import (
    already_decided,
    application_markup,
    board_t,
    callback_entity_id,
    card_html,
    show_decision,
    show_decision_by_id,
)
from bot.handlers.common import nothing_to_cancel, stale_button
from bot.handlers.entity_render import application_notice_html, decision_line_html
from bot.handlers.guards import board_only
from bot.i18n import Safe

__all__ = ["RejectState", "handlers", "reject_conversation"]

END = ConversationHandler.END
# user_data key of the rejection in progress: entity id and the card to update afterwards.
_REJECTING = "board_rejecting"


class RejectState(StrEnum):
    """States of the reject-with-reason conversation (stored: never rename)."""

    REASON = "board_reject_reason"


@board_only
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
            actor=Actor.of(user),
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


@board_only
async def ask_reason(update: Update, context: BotContext) -> RejectState | None:
    """Ask the board member who pressed Reject for the reason, in the group."""
    query = update.callback_query
    user = update.effective_user
    chat = update.effective_chat
    if query is None or user is None or chat is None or context.user_data is None:
        return None
    entity_id = callback_entity_id(query)
    entity = None
    if entity_id is not None:
        async with context.store.read() as repos:
            entity = await repos.members.entity(entity_id)
    if entity is None:
        await stale_button(update, context)
        return None
    if entity.status != EntityStatus.PENDING:
        await already_decided(query, context, entity)
        return None
    await query.answer()
    message = query.message
    context.user_data[_REJECTING] = {
        "entity_id": entity.id,
        "message_id": message.message_id if message is not None else None,
        "card": card_html(message),
    }
    t = board_t(context)
    await chat.send_message(
        t(
            "board.reject_prompt",
            who=Safe(user.mention_html()),
            entity=entity.name,
            max=REASON_MAX,
        ),
        reply_markup=ForceReply(selective=True),
    )
    return RejectState.REASON


async def take_reason(update: Update, context: BotContext) -> str | int:
    """Reject with the reason just written, if the writer still belongs to the board."""
    state = await _take_reason(update, context)
    if state is None:  # no longer on the board: the guard said so, the flow ends
        _forget(context)
        return END
    return state


@board_only
async def _take_reason(update: Update, context: BotContext) -> str | int:
    message = update.effective_message
    user = update.effective_user
    rejecting = _rejecting(context)
    if message is None or user is None or rejecting is None:
        return END
    t = board_t(context)
    try:
        reason = clean_reason(message.text or "")
    except ReasonError as exc:
        await message.reply_text(t("board.reject_too_long", length=exc.length, max=REASON_MAX))
        return RejectState.REASON
    async with context.store.write() as repos:
        result = await decide_application(
            repos,
            entity_id=int(rejecting["entity_id"]),
            status=EntityStatus.REJECTED,
            actor=Actor.of(user),
            now=context.now(),
            default_locale=context.settings.default_locale,
            reason=reason,
        )
    _forget(context)
    if result.entity is None:
        await message.reply_text(t("board.reject_gone"))
        return END
    if not result.decided_now:
        await message.reply_text(
            t(
                "board.already_decided_text",
                decision=Safe(decision_line_html(result.entity, t=t, tz=context.settings.tz)),
            )
        )
        return END
    message_id = rejecting.get("message_id")
    if isinstance(message_id, int):
        await show_decision_by_id(
            context,
            result.entity,
            chat_id=message.chat_id,
            message_id=message_id,
            card=rejecting.get("card"),
        )
    await message.reply_text(t("board.reject_done", entity=result.entity.name))
    return END


async def not_text(update: Update, context: BotContext) -> RejectState:
    """A photo, sticker or file instead of the reason: ask for text."""
    message = update.effective_message
    if message is not None:
        t = board_t(context)
        await message.reply_text(t("board.reject_text_only", max=REASON_MAX))
    return RejectState.REASON


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the rejection; the application stays pending."""
    _forget(context)
    message = update.effective_message
    if message is not None:
        t = board_t(context)
        await message.reply_text(t("board.reject_cancelled"))
    return END


@board_only
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


def _rejecting(context: BotContext) -> dict[str, Any] | None:
    data = context.user_data.get(_REJECTING) if context.user_data is not None else None
    return data if isinstance(data, dict) and "entity_id" in data else None


def _forget(context: BotContext) -> None:
    if context.user_data is not None:
        context.user_data.pop(_REJECTING, None)


def reject_conversation() -> ConversationHandler[BotContext]:
    """Reject with reason: per board member in the group; /cancel leaves it."""
    reason_text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    other_input = filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL
    # PTB warns that with per_message=False a button is not tracked per message. That is the
    # point here: the flow belongs to the board member in the group, whichever card they used.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CallbackQueryHandler(ask_reason, pattern=pattern("app", "reject"))],
            states={
                RejectState.REASON: [
                    MessageHandler(reason_text, take_reason),
                    MessageHandler(other_input, not_text),
                ]
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            name="board_reject",
            persistent=True,
            per_chat=True,
            per_user=True,
            per_message=False,
            allow_reentry=True,
        )


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """The Approve button, /pending and /cancel in groups (Reject is the conversation)."""
    return [
        CallbackQueryHandler(approve, pattern=pattern("app", "approve")),
        CommandHandler("pending", show_pending),
        # /cancel is in the board's command menu; outside a rejection there is nothing to leave.
        CommandHandler("cancel", nothing_to_cancel, filters=filters.ChatType.GROUPS),
    ]
