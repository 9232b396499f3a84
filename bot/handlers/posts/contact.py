"""Contact about a post through the bot: write a message, and the bot relays it.

Nobody sees the other side's phone or email until that side presses Share my contact; each
relayed message goes through the outbox with Reply, Share, Block and Report buttons.
"""

import warnings
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.callbacks import pack, parse, pattern
from bot.context import BotContext
from bot.domain.contacts import ContactThread
from bot.domain.outbox import Button, Category, Rendered
from bot.domain.posts import MESSAGE_MAX, InvalidInput, Post, PostStatus, check_short_text
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member, private_only
from bot.handlers.posts.render import button
from bot.handlers.posts.steps import send
from bot.storage.repos import Repos

__all__ = ["conversation", "relay_buttons", "thread_of"]

END = ConversationHandler.END
_KEY = "post_contact"  # user_data: the post or thread being written to, and unsent text
_MESSAGE = "post_contact_message"  # the conversation's one state (stored: never rename)
_TEXT = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
_OTHER = filters.UpdateType.MESSAGE & ~filters.COMMAND


def relay_buttons(thread_id: int, message_id: int) -> list[list[Button]]:
    return [
        [
            Button(key="posts.contact.reply", callback_data=pack("contact", "reply", thread_id)),
            Button(key="posts.contact.share", callback_data=pack("contact", "share", thread_id)),
        ],
        [
            Button(key="posts.contact.block", callback_data=pack("contact", "block", thread_id)),
            Button(key="posts.contact.report", callback_data=pack("contact", "report", message_id)),
        ],
    ]


async def _start(update: Update, context: BotContext, target: dict[str, Any], key: str) -> object:
    if update.callback_query is not None:
        await update.callback_query.answer()
    if context.user_data is not None:
        context.user_data[_KEY] = target
    await send(update, context.t(key, limit=MESSAGE_MAX))
    return _MESSAGE


@private_only
async def contact_author(update: Update, context: BotContext) -> object:
    """Contact the author of a listed post (not one's own)."""
    query, user = update.callback_query, update.effective_user
    data = parse(query.data if query else None)
    if query is None or user is None or data is None or not await current_member(update, context):
        return END
    async with context.store.read() as repos:
        post = await repos.posts.get(data.int_arg() or 0)
    if post is None or not post.is_listed(context.now()) or post.author_id == user.id:
        await query.answer(context.t("posts.error.gone"), show_alert=True)
        return END
    return await _start(update, context, {"post_id": post.id}, "posts.contact.ask")


@private_only
async def reply(update: Update, context: BotContext) -> object:
    """Reply in a thread one takes part in, while its post is not removed."""
    query, user = update.callback_query, update.effective_user
    data = parse(query.data if query else None)
    if query is None or user is None or data is None or not await current_member(update, context):
        return END
    async with context.store.read() as repos:
        found = await thread_of(repos, data.int_arg() or 0, user.id)
    if found is None:
        await query.answer(context.t("posts.error.gone"), show_alert=True)
        return END
    return await _start(update, context, {"thread_id": found[0].id}, "posts.contact.ask_reply")


async def thread_of(
    repos: Repos, thread_id: int, user_id: int
) -> tuple[ContactThread, Post] | None:
    """A thread user_id takes part in, with its post, unless the board removed the post."""
    thread = await repos.contacts.thread(thread_id)
    if thread is None or thread.other(user_id) is None:
        return None
    post = await repos.posts.get(thread.post_id)
    if post is None or post.status == PostStatus.REMOVED:
        return None
    return thread, post


async def take_message(update: Update, context: BotContext) -> object:
    """The message to relay."""
    message = update.effective_message
    if message is None or message.text is None:
        return _MESSAGE
    return await _relay(update, context, message.text)


async def send_again(update: Update, context: BotContext) -> object:
    """Send now the message that waited for the per-minute limit."""
    query = update.callback_query
    pending = (context.user_data or {}).get(_KEY, {}).get("pending")
    if query is None or not pending:
        await stale_button(update, context)
        return None
    await query.answer()
    return await _relay(update, context, str(pending))


async def _relay(update: Update, context: BotContext, raw: str) -> object:
    user, t = update.effective_user, context.t
    target: dict[str, Any] = (context.user_data or {}).get(_KEY) or {}
    found = await current_member(update, context)
    if user is None or found is None:
        return END
    try:
        text = check_short_text(raw, MESSAGE_MAX)
        async with context.store.write() as repos:
            await _store_and_enqueue(context, repos, target, user.id, text)
    except InvalidInput as problem:
        notice = t(problem.key, **problem.params)
        if problem.key == "posts.error.flood":
            target["pending"] = raw
            keyboard = InlineKeyboardMarkup(
                [[button(t("posts.contact.send_again"), pack("contact", "again"))]]
            )
            await send(update, notice, keyboard)
            return _MESSAGE
        await send(update, notice)
        return _MESSAGE if problem.key in ("posts.error.too_long", "posts.error.empty") else END
    if context.user_data is not None:
        context.user_data.pop(_KEY, None)
    await send(update, t("posts.contact.sent"))
    return END


async def _store_and_enqueue(
    context: BotContext, repos: Repos, target: dict[str, Any], sender_id: int, text: str
) -> None:
    """Find or open the thread, check limits and blocks, store the message and enqueue it."""
    now = context.now()
    if "thread_id" in target:
        found = await thread_of(repos, int(target["thread_id"]), sender_id)
        if found is None:
            raise InvalidInput("posts.error.gone")
        thread, post = found
    else:
        post_or_none = await repos.posts.get(int(target.get("post_id", 0)))
        if post_or_none is None or not post_or_none.is_listed(now):
            raise InvalidInput("posts.error.gone")
        post = post_or_none
        thread = await repos.contacts.open_thread(
            post_id=post.id, asker_id=sender_id, author_id=post.author_id, now=now
        )
    limit = context.network.settings.messages_per_minute
    if await repos.contacts.count_sent_since(sender_id, now - timedelta(minutes=1)) >= limit:
        raise InvalidInput("posts.error.flood", limit=limit)
    recipient_id = thread.other(sender_id)
    recipient = await repos.members.member(recipient_id or 0)
    if recipient is None:
        raise InvalidInput("posts.contact.unreachable")
    if await repos.contacts.is_blocked(blocker_id=recipient.user_id, blocked_id=sender_id):
        raise InvalidInput("posts.contact.blocked_you")
    sender = await repos.members.member_with_entity(sender_id)
    entity = sender[1] if sender else None
    stored = await repos.contacts.add_message(thread.id, sender_id=sender_id, text=text, now=now)
    params: dict[str, object] = {"title": post.title, "text": text}
    key = "posts.contact.relayed_anonymous"
    if entity is not None and entity.listed:
        key, params["sender"] = "posts.contact.relayed", entity.name
    await repos.outbox.enqueue(
        dedupe_key=f"contact:{stored.id}",
        chat_id=recipient.user_id,
        locale=recipient.locale or context.settings.default_locale,
        message=Rendered(key=key, params=params, keyboard=relay_buttons(thread.id, stored.id)),
        category=Category.REPLY,
        now=now,
    )


async def text_expected(update: Update, context: BotContext) -> object:
    """A photo or sticker instead of the message."""
    await send(update, context.t("posts.contact.text_only", limit=MESSAGE_MAX))
    return _MESSAGE


async def cancel(update: Update, context: BotContext) -> int:
    """Leave without sending anything."""
    if context.user_data is not None:
        context.user_data.pop(_KEY, None)
    await send(update, context.t("posts.contact.cancelled"))
    return END


def conversation() -> ConversationHandler[BotContext]:
    """Write a message to relay: from a post's card, or Reply under a relayed message."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*per_message=False", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CallbackQueryHandler(contact_author, pattern=pattern("post", "contact")),
                CallbackQueryHandler(reply, pattern=pattern("contact", "reply")),
            ],
            states={
                _MESSAGE: [
                    MessageHandler(_TEXT, take_message),
                    CallbackQueryHandler(send_again, pattern=pattern("contact", "again")),
                    MessageHandler(_OTHER, text_expected),
                ]
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            allow_reentry=True,
            per_message=False,
            name="post_contact",
            persistent=True,
        )
