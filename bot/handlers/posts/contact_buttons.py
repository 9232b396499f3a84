"""The buttons under a relayed message: Share my contact, Block and Report."""

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.callbacks import parse, pattern
from bot.context import BotContext
from bot.domain.outbox import Category, Rendered
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member, private_only
from bot.handlers.posts.contact import relay_buttons, thread_of
from bot.storage.repos import Repos

__all__ = ["handlers"]


@private_only
async def share(update: Update, context: BotContext) -> None:
    """Send one's entity contact details to the other side of the thread."""
    query, user, t = update.callback_query, update.effective_user, context.t
    data = parse(query.data if query else None)
    if query is None or user is None or data is None:
        return
    mine = await current_member(update, context)
    if mine is None:
        return
    entity, now = mine[1], context.now()
    details = [value for value in (entity.email, entity.phone, entity.website) if value]
    if not details:
        await query.answer(t("posts.contact.no_details"), show_alert=True)
        return
    async with context.store.write() as repos:
        found = await thread_of(repos, data.int_arg() or 0, user.id)
        other = await repos.members.member(found[0].other(user.id) or 0) if found else None
        if found is not None and other is not None:
            await repos.contacts.mark_shared(found[0], user.id, now)
            await repos.outbox.enqueue(
                dedupe_key=f"contact-share:{found[0].id}:{user.id}",
                chat_id=other.user_id,
                locale=other.locale or context.settings.default_locale,
                message=Rendered(
                    key="posts.contact.shared",
                    params={
                        "title": found[1].title,
                        "entity": entity.name,
                        "details": "\n".join(details),
                    },
                    keyboard=relay_buttons(found[0].id, 0)[:1],
                ),
                category=Category.REPLY,
                now=now,
            )
    if found is None or other is None:
        await query.answer(t("posts.error.gone"), show_alert=True)
        return
    await query.answer(t("posts.contact.share_done"), show_alert=True)


@private_only
async def block(update: Update, context: BotContext) -> None:
    """Stop relays from the other side of this thread to oneself."""
    query, user = update.callback_query, update.effective_user
    data = parse(query.data if query else None)
    if query is None or user is None or data is None or not await current_member(update, context):
        return
    async with context.store.write() as repos:
        thread = await repos.contacts.thread(data.int_arg() or 0)
        other = thread.other(user.id) if thread else None
        if other is not None:
            await repos.contacts.block(blocker_id=user.id, blocked_id=other, now=context.now())
    if other is None:
        await stale_button(update, context)
        return
    await query.answer(context.t("posts.contact.block_done"), show_alert=True)


@private_only
async def report(update: Update, context: BotContext) -> None:
    """Send a relayed message to the board group for review."""
    query, user = update.callback_query, update.effective_user
    data = parse(query.data if query else None)
    if query is None or user is None or data is None or not await current_member(update, context):
        return
    board = context.settings.board_chat_id
    async with context.store.write() as repos:
        params = await _report_params(repos, data.int_arg() or 0, user.id)
        if params is not None and board is not None:
            await repos.outbox.enqueue(
                dedupe_key=f"contact-report:{params['message']}",
                chat_id=board,
                locale=context.settings.default_locale,
                message=Rendered(key="posts.contact.report_board", params=params),
                category=Category.REPLY,
                now=context.now(),
            )
    if params is None:
        await stale_button(update, context)
        return
    await query.answer(context.t("posts.contact.report_done"), show_alert=True)


async def _report_params(repos: Repos, message_id: int, user_id: int) -> dict[str, object] | None:
    """What the board sees of a reported message; None unless user_id received it."""
    message = await repos.contacts.message(message_id)
    thread = await repos.contacts.thread(message.thread_id) if message else None
    post = await repos.posts.get(thread.post_id) if thread else None
    if message is None or thread is None or post is None:
        return None
    if thread.other(message.sender_id) != user_id:
        return None  # only the recipient of a message may report it
    reporter = await repos.members.member_with_entity(user_id)
    sender = await repos.members.member_with_entity(message.sender_id)
    return {
        "message": message.id,
        "number": post.id,
        "title": post.title,
        "reporter": reporter[1].name if reporter else "?",
        "sender": sender[1].name if sender else "?",
        "text": message.text,
    }


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Share my contact, Block and Report under relayed messages."""
    return [
        CallbackQueryHandler(share, pattern=pattern("contact", "share")),
        CallbackQueryHandler(block, pattern=pattern("contact", "block")),
        CallbackQueryHandler(report, pattern=pattern("contact", "report")),
    ]
