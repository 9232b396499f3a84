"""Reject an application from the board group: the reason is a reply to the bot's prompt."""

from enum import StrEnum
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, ConversationHandler

from bot.callbacks import pattern
from bot.context import BotContext
from bot.domain.board import REASON_MAX, ReasonError, clean_reason
from bot.domain.members import EntityStatus
from bot.handlers.board.access import board_actor
from bot.handlers.board.ui import (
    already_decided,
    board_t,
    callback_entity_id,
    card_html,
    show_decision_by_id,
)
from bot.handlers.common import stale_button
from bot.handlers.guards import board_only
from bot.handlers.replies import PromptFlow, group_conversation
from bot.i18n import Safe
from bot.services.board import decide_application
from bot.views.entities import decision_line_html

__all__ = ["RejectState", "reject_conversation"]

END = ConversationHandler.END
# user_data key of the rejection in progress: entity id, the card to update afterwards and
# the prompts whose replies are the reason.
_REJECTING = "board_rejecting"
_FLOW = PromptFlow(_REJECTING)


class RejectState(StrEnum):
    """States of the reject-with-reason conversation (stored: never rename)."""

    REASON = "board_reject_reason"


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
    rejecting: dict[str, Any] = {
        "entity_id": entity.id,
        "message_id": message.message_id if message is not None else None,
        "card": card_html(message),
        "prompts": [],
    }
    context.user_data[_REJECTING] = rejecting
    t = board_t(context)
    text = t(
        "board.reject_prompt", who=Safe(user.mention_html()), entity=entity.name, max=REASON_MAX
    )
    await _FLOW.send_prompt(context, chat.id, text)
    return RejectState.REASON


@board_only
async def take_reason(update: Update, context: BotContext) -> str | int:
    """Reject with the reason replied to the prompt, if the writer still belongs to the board."""
    message = update.effective_message
    user = update.effective_user
    rejecting = _rejecting(context)
    if message is None or user is None or rejecting is None:
        return END
    t = board_t(context)
    try:
        reason = clean_reason(message.text or "")
    except ReasonError as exc:
        text = t("board.reject_too_long", length=exc.length, max=REASON_MAX)
        await _FLOW.reprompt(context, text, reply_to=message)
        return RejectState.REASON
    async with context.store.write() as repos:
        result = await decide_application(
            repos,
            entity_id=int(rejecting["entity_id"]),
            status=EntityStatus.REJECTED,
            actor=board_actor(user),
            now=context.now(),
            default_locale=context.settings.default_locale,
            reason=reason,
        )
    _FLOW.forget(context)
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
    """A photo, sticker or file replied to the prompt instead of the reason: ask for text."""
    message = update.effective_message
    if message is not None and _FLOW.answers_prompt(update, context):
        text = board_t(context)("board.reject_text_only", max=REASON_MAX)
        await _FLOW.reprompt(context, text, reply_to=message)
    return RejectState.REASON


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the rejection; the application stays pending."""
    _FLOW.forget(context)
    message = update.effective_message
    if message is not None:
        t = board_t(context)
        await message.reply_text(t("board.reject_cancelled"))
    return END


def _rejecting(context: BotContext) -> dict[str, Any] | None:
    data = context.user_data.get(_REJECTING) if context.user_data is not None else None
    return data if isinstance(data, dict) and "entity_id" in data else None


def reject_conversation() -> ConversationHandler[BotContext]:
    """Reject with reason: per board member in the group; /cancel leaves it."""
    listening = _FLOW.listen("board_reject_replies")
    return group_conversation(
        "board_reject",
        listening,
        CallbackQueryHandler(listening.synced(ask_reason), pattern=pattern("app", "reject")),
        RejectState.REASON,
        take=_FLOW.on_reply(RejectState.REASON, take_reason),
        not_text=not_text,
        cancel=cancel,
    )
