"""Confirm, discard or stop an announcement; confirming queues one copy per recipient."""

from typing import Any

from telegram import CallbackQuery, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.buttons.announce import AnnounceConfirm, AnnounceDiscard, AnnounceStop
from bot.context import BotContext
from bot.domain.announcements import (
    Announcement,
    AnnouncementStatus,
    Progress,
)
from bot.domain.board import Actor
from bot.handlers.announce.audience import draft_of
from bot.handlers.board.ui import board_t
from bot.handlers.common import stale_button
from bot.handlers.ui import edit_or_send
from bot.keyboards import stop_markup
from bot.services import announcements
from bot.views.announcements import progress_text

__all__ = ["handlers"]


async def confirm(update: Update, context: BotContext) -> None:
    """Queue the announcement for everyone in its audience, once: a second press is stale."""
    found = await draft_of(update, context, AnnounceConfirm)
    user = update.effective_user
    if found is None or user is None:
        return
    query, _, draft = found
    # The audit log names the announcer as the board sees them in the group.
    actor = Actor(user.id, user.full_name)
    message_id = query.message.message_id if query.message is not None else None
    people, started = await announcements.send(
        context.services, draft, actor=actor, progress_message_id=message_id, now=context.now()
    )
    if not people:
        await query.answer(context.t("announce.nobody"), show_alert=True)
        return
    if not started:  # confirmed or discarded by someone else in the meantime
        await stale_button(update, context)
        return
    await query.answer(context.t("announce.started", people=people))
    running = draft.model_copy(update={"status": AnnouncementStatus.RUNNING, "total": people})
    await _show_progress(query, context, running, Progress.of(people, {}))


async def discard(update: Update, context: BotContext) -> None:
    """Drop a draft; nothing was queued."""
    found = await draft_of(update, context, AnnounceDiscard)
    user = update.effective_user
    if found is None or user is None:
        return
    query, _, draft = found
    if not await announcements.discard(context.services, draft.id, context.now()):
        await stale_button(update, context)
        return
    await query.answer()
    t = board_t(context)
    await edit_or_send(update, t("announce.discarded", id=draft.id, name=user.full_name))


async def stop(update: Update, context: BotContext) -> None:
    """Stop a running announcement: copies not yet picked up for sending are cancelled."""
    query = update.callback_query
    user = update.effective_user
    pressed = AnnounceStop.unpack(query.data if query else None)
    if query is None or user is None or pressed is None:
        await stale_button(update, context)
        return
    actor = Actor(user.id, user.full_name)
    stopped = await announcements.stop(
        context.services, pressed.announcement_id, actor=actor, now=context.now()
    )
    if stopped is None:
        await stale_button(update, context)
        return
    await query.answer(context.t("announce.stopping", count=stopped.cancelled))
    await _show_progress(query, context, stopped.announcement, stopped.progress)


async def _show_progress(
    query: CallbackQuery, context: BotContext, announcement: Announcement, progress: Progress
) -> None:
    t = board_t(context)
    running = announcement.status is AnnouncementStatus.RUNNING and not progress.settled
    await query.edit_message_text(
        progress_text(t, context.network, announcement, progress),
        reply_markup=stop_markup(announcement.id, t("announce.stop")) if running else None,
    )


def handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Confirm, Discard and Stop."""
    return [
        CallbackQueryHandler(confirm, pattern=AnnounceConfirm.pattern()),
        CallbackQueryHandler(discard, pattern=AnnounceDiscard.pattern()),
        CallbackQueryHandler(stop, pattern=AnnounceStop.pattern()),
    ]
