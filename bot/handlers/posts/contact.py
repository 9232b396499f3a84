"""Contact about a post through the bot: write a message, and the bot relays it.

Nobody sees the other side's phone or email until that side presses Share my contact; each
relayed message goes through the outbox with Reply, Share, Block and Report buttons.
"""

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.callbacks import pack, parse, pattern
from bot.context import BotContext
from bot.domain.contacts import ContactThread
from bot.domain.outbox import Button, Category, Rendered
from bot.domain.posts import MESSAGE_MAX, InvalidInput, Post, PostStatus, check_short_text
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member, private_only
from bot.handlers.posts.render import button
from bot.handlers.posts.steps import send
from bot.i18n import N_, Translator
from bot.services.posts import pending
from bot.storage.repos import Repos

__all__ = ["cancel", "handlers", "on_message", "relay_buttons", "thread_of"]

_KEEP_WAITING = ("posts.error.too_long", "posts.error.empty")  # fix the text and send again


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


async def _recipient(repos: Repos, user_id: int, t: Translator, unnamed: str) -> str:
    """Who the next message goes to: their entity if it is listed, else unnamed's text."""
    found = await repos.members.member_with_entity(user_id)
    if found is not None and found[1].in_directory:
        return found[1].name
    return t(unnamed)


async def _ask(update: Update, context: BotContext, key: str, recipient: str, title: str) -> None:
    """Say who the next message goes to, about what, and how to stop it."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    minutes = pending.minutes(pending.Owner.CONTACT)
    text = context.t(key, recipient=recipient, title=title, limit=MESSAGE_MAX, minutes=minutes)
    await send(update, text)


@private_only
async def contact_author(update: Update, context: BotContext) -> None:
    """Contact the author of a listed post (not one's own): the next message goes to them."""
    query, user, t = update.callback_query, update.effective_user, context.t
    data = parse(query.data if query else None)
    if query is None or user is None or data is None or not await current_member(update, context):
        return
    problem, recipient = None, ""
    async with context.store.read() as repos:
        post = await repos.posts.get(data.int_arg() or 0)
        if post is None or not post.is_listed(context.now()) or post.author_id == user.id:
            problem = N_("posts.error.gone")
        # Say it now, before the member writes a whole message that cannot be delivered.
        elif await repos.contacts.is_blocked(blocker_id=post.author_id, blocked_id=user.id):
            problem = N_("posts.contact.blocked_you")
        else:
            recipient = await _recipient(repos, post.author_id, t, N_("posts.contact.to_author"))
    if problem is not None or post is None:
        await query.answer(t(problem or "posts.error.gone"), show_alert=True)
        return
    pending.arm(context, pending.Owner.CONTACT, post_id=post.id)
    await _ask(update, context, N_("posts.contact.ask"), recipient, post.title)


@private_only
async def reply(update: Update, context: BotContext) -> None:
    """Reply in a thread one takes part in, while its post is not removed."""
    query, user, t = update.callback_query, update.effective_user, context.t
    data = parse(query.data if query else None)
    if query is None or user is None or data is None or not await current_member(update, context):
        return
    problem, recipient = None, ""
    async with context.store.read() as repos:
        found = await thread_of(repos, data.int_arg() or 0, user.id)
        other = found[0].other(user.id) if found else None
        if found is None or other is None:
            problem = N_("posts.error.gone")
        elif await repos.contacts.is_blocked(blocker_id=other, blocked_id=user.id):
            problem = N_("posts.contact.blocked_you")
        else:
            recipient = await _recipient(repos, other, t, N_("posts.contact.to_other"))
    if problem is not None or found is None:
        await query.answer(t(problem or "posts.error.gone"), show_alert=True)
        return
    thread, post = found
    pending.arm(context, pending.Owner.CONTACT, thread_id=thread.id)
    await _ask(update, context, N_("posts.contact.ask_reply"), recipient, post.title)


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


async def on_message(update: Update, context: BotContext) -> None:
    """The message to relay (anything but text: say only text is passed on)."""
    message, slot = update.effective_message, pending.current(context, pending.Owner.CONTACT)
    if message is None or slot is None:
        return
    if message.text is None:
        await send(update, context.t("posts.contact.text_only", limit=MESSAGE_MAX))
        return
    await _relay(update, context, slot, message.text)


@private_only
async def send_again(update: Update, context: BotContext) -> None:
    """Send now the message that waited for the per-minute limit."""
    query, slot = update.callback_query, pending.current(context, pending.Owner.CONTACT)
    if query is None or slot is None or not slot.unsent:
        await stale_button(update, context)
        return
    await query.answer()
    await _relay(update, context, slot, slot.unsent)


async def _relay(update: Update, context: BotContext, slot: pending.Pending, raw: str) -> None:
    user, t = update.effective_user, context.t
    found = await current_member(update, context)
    if user is None or found is None:
        pending.clear(context, pending.Owner.CONTACT)
        return
    try:
        text = check_short_text(raw, MESSAGE_MAX)
        async with context.store.write() as repos:
            await _store_and_enqueue(context, repos, slot, user.id, text)
    except InvalidInput as problem:
        notice = t(problem.key, **problem.params)
        if problem.key == "posts.error.flood":
            pending.arm(
                context,
                pending.Owner.CONTACT,
                post_id=slot.post_id,
                thread_id=slot.thread_id,
                unsent=raw,
            )
            keyboard = InlineKeyboardMarkup(
                [[button(t("posts.contact.send_again"), pack("contact", "again"))]]
            )
            await send(update, notice, keyboard)
            return
        if problem.key not in _KEEP_WAITING:
            pending.clear(context, pending.Owner.CONTACT)
        await send(update, notice)
        return
    pending.clear(context, pending.Owner.CONTACT)
    await send(update, t("posts.contact.sent"))


async def _store_and_enqueue(
    context: BotContext, repos: Repos, slot: pending.Pending, sender_id: int, text: str
) -> None:
    """Find or open the thread, check limits and blocks, store the message and enqueue it."""
    now = context.now()
    if slot.thread_id is not None:
        found = await thread_of(repos, slot.thread_id, sender_id)
        if found is None:
            raise InvalidInput("posts.error.gone")
        thread, post = found
    else:
        post_or_none = await repos.posts.get(slot.post_id or 0)
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


async def cancel(update: Update, context: BotContext) -> None:
    """Leave without sending anything."""
    pending.clear(context, pending.Owner.CONTACT)
    await send(update, context.t("posts.contact.cancelled"))


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Contact the author, Reply and Send now (the message itself comes via the router)."""
    return [
        CallbackQueryHandler(contact_author, pattern=pattern("post", "contact")),
        CallbackQueryHandler(reply, pattern=pattern("contact", "reply")),
        CallbackQueryHandler(send_again, pattern=pattern("contact", "again")),
    ]
