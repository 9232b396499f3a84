"""The buttons under a relayed message: Share my contact, Block and Report."""

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.buttons.posts import BlockSender, ReportMessage, ShareContact
from bot.context import BotContext
from bot.domain.posts import InvalidInput
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.services import blocks, contact

__all__ = ["handlers"]


async def share(update: Update, context: BotContext) -> None:
    """Send one's entity contact details to the other side of the thread."""
    query, user, t = update.callback_query, update.effective_user, context.t
    pressed = ShareContact.unpack(query.data if query else None)
    if query is None or user is None:
        return
    if pressed is None:
        await stale_button(update, context)
        return
    mine = await current_member(update, context)
    if mine is None:
        return
    try:
        shared = await contact.share_details(
            context.services,
            pressed.thread_id,
            user_id=user.id,
            entity=mine[1],
            now=context.now(),
        )
    except InvalidInput as problem:
        await query.answer(t(problem.key), show_alert=True)
        return
    if not shared:
        await query.answer(t("posts.error.gone"), show_alert=True)
        return
    await query.answer(t("posts.contact.share_done"), show_alert=True)


async def block(update: Update, context: BotContext) -> None:
    """Stop relays to oneself from the organisation of this thread's other side."""
    query, user = update.callback_query, update.effective_user
    pressed = BlockSender.unpack(query.data if query else None)
    if query is None or user is None or not await current_member(update, context):
        return
    blocked = pressed is not None and await blocks.block_sender(
        context.services, pressed.thread_id, user_id=user.id, now=context.now()
    )
    if not blocked:
        await stale_button(update, context)
        return
    await query.answer(context.t("posts.contact.block_done"), show_alert=True)


async def report(update: Update, context: BotContext) -> None:
    """Send a relayed message to the board group for review."""
    query, user = update.callback_query, update.effective_user
    pressed = ReportMessage.unpack(query.data if query else None)
    if query is None or user is None or not await current_member(update, context):
        return
    reported = pressed is not None and await contact.report(
        context.services, pressed.message_id, user_id=user.id, now=context.now()
    )
    if not reported:
        await stale_button(update, context)
        return
    await query.answer(context.t("posts.contact.report_done"), show_alert=True)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Share my contact, Block and Report under relayed messages."""
    return [
        CallbackQueryHandler(share, pattern=ShareContact.pattern()),
        CallbackQueryHandler(block, pattern=BlockSender.pattern()),
        CallbackQueryHandler(report, pattern=ReportMessage.pattern()),
    ]
