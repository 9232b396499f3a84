"""Confirm, discard or stop an announcement; confirming queues one copy per recipient."""

from typing import Any

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.callbacks import pack, parse, pattern
from bot.context import BotContext
from bot.domain.announcements import (
    Announcement,
    AnnouncementStatus,
    Progress,
    batch_of,
    recipient_key,
)
from bot.domain.outbox import Category, Rendered
from bot.handlers.announce.audience import draft_of
from bot.handlers.announce.texts import progress_text
from bot.handlers.board.ui import board_t
from bot.handlers.common import stale_button
from bot.handlers.guards import board_only
from bot.i18n import N_
from bot.storage.outbox import QueuedCopy

__all__ = ["handlers", "stop_markup"]


def stop_markup(announcement_id: int, label: str) -> InlineKeyboardMarkup:
    """The Stop button under a running announcement's progress."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=pack("ann", "stop", announcement_id))]]
    )


@board_only
async def confirm(update: Update, context: BotContext) -> None:
    """Queue the announcement for everyone in its audience, once: a second press is stale."""
    found = await draft_of(update, context)
    user = update.effective_user
    if found is None or user is None:
        return
    query, _, draft = found
    now = context.now()
    default = context.settings.default_locale
    message = Rendered(key=N_("announce.message"), params={"text_html": draft.text_html})
    async with context.store.write() as repos:
        recipients = [
            r
            for r in await repos.announcements.recipients()
            if draft.audience.includes(r, context.network)
        ]
        copies: list[QueuedCopy] = [
            (recipient_key(draft.id, r.user_id), r.user_id, r.locale or default, message)
            for r in recipients
        ]
        started = bool(copies) and await repos.announcements.start(
            draft.id, by=user.id, now=now, total=len(copies)
        )
        if started:
            await repos.outbox.enqueue_many(
                copies, category=Category.ANNOUNCEMENT, batch=batch_of(draft.id), now=now
            )
            if query.message is not None:
                await repos.announcements.set_progress_message(draft.id, query.message.message_id)
            await repos.audit.record(
                actor_id=user.id,
                actor_name=user.full_name,
                action="announce.send",
                subject=f"announcement:{draft.id}",
                now=now,
                details={"audience": draft.audience.model_dump(mode="json"), "total": len(copies)},
            )
    if not copies:
        await query.answer(context.t("announce.nobody"), show_alert=True)
        return
    if not started:  # confirmed or discarded by someone else in the meantime
        await stale_button(update, context)
        return
    await query.answer(context.t("announce.started", people=len(copies)))
    running = draft.model_copy(update={"status": AnnouncementStatus.RUNNING, "total": len(copies)})
    await _show_progress(query, context, running, Progress.of(len(copies), {}))


@board_only
async def discard(update: Update, context: BotContext) -> None:
    """Drop a draft; nothing was queued."""
    found = await draft_of(update, context)
    user = update.effective_user
    if found is None or user is None:
        return
    query, _, draft = found
    async with context.store.write() as repos:
        discarded = await repos.announcements.discard(draft.id, context.now())
    if not discarded:
        await stale_button(update, context)
        return
    await query.answer()
    t = board_t(context)
    await query.edit_message_text(t("announce.discarded", id=draft.id, name=user.full_name))


@board_only
async def stop(update: Update, context: BotContext) -> None:
    """Stop a running announcement: copies not yet picked up for sending are cancelled."""
    query = update.callback_query
    user = update.effective_user
    data = parse(query.data if query else None)
    announcement_id = data.int_arg(0) if data else None
    if query is None or user is None or announcement_id is None:
        await stale_button(update, context)
        return
    now = context.now()
    async with context.store.write() as repos:
        stopped = await repos.announcements.stop(announcement_id)
        if stopped:
            cancelled = await repos.outbox.cancel_batch(batch_of(announcement_id), now)
            await repos.audit.record(
                actor_id=user.id,
                actor_name=user.full_name,
                action="announce.stop",
                subject=f"announcement:{announcement_id}",
                now=now,
                details={"cancelled": cancelled},
            )
        announcement = await repos.announcements.get(announcement_id)
        counts = await repos.outbox.count_by_status(batch_of(announcement_id))
    if not stopped or announcement is None:
        await stale_button(update, context)
        return
    await query.answer(context.t("announce.stopping", count=cancelled))
    await _show_progress(query, context, announcement, Progress.of(announcement.total, counts))


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
        CallbackQueryHandler(confirm, pattern=pattern("ann", "confirm")),
        CallbackQueryHandler(discard, pattern=pattern("ann", "discard")),
        CallbackQueryHandler(stop, pattern=pattern("ann", "stop")),
    ]
