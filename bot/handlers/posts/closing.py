"""Close one's post: withdrawn, or fulfilled (then, optionally, with which member entity).

"It's been fulfilled" closes the post at once, so it never stays listed because the member
walked away from the follow-up question. Naming the partner is optional: the member types the
name (typos tolerated) or picks one of the entities that wrote about the post.
"""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.callbacks import pack, pattern
from bot.context import BotContext
from bot.domain.members import Entity, EntityStatus
from bot.domain.posts import LIVE_STATUSES, CloseReason, Post, PostStatus, partner_matches
from bot.handlers.common import stale_button
from bot.handlers.guards import private_only
from bot.handlers.posts.mine import own_post
from bot.handlers.posts.render import button
from bot.handlers.posts.steps import send
from bot.services.posts import pending
from bot.storage.repos import Repos

__all__ = ["cancel", "handlers", "on_message"]

_CLOSABLE = (*LIVE_STATUSES, PostStatus.EXPIRED)
_DIRECTORY_MAX = 5000  # every approved entity: a network has hundreds, not millions


def _mine(action: str, *args: object) -> str:
    return pack("mine", action, *args)


@private_only
async def ask_why(update: Update, context: BotContext) -> None:
    """Close: as withdrawn, or as fulfilled."""
    found = await own_post(update, context)
    if found is None or update.callback_query is None:
        return
    post, t = found[0], context.t
    if post.status not in _CLOSABLE:
        await stale_button(update, context)
        return
    rows = [
        [
            button(t("posts.close.withdrawn"), _mine("withdraw", post.id)),
            button(t("posts.close.fulfilled"), _mine("done", post.id)),
        ]
    ]
    await update.callback_query.answer()
    await send(update, t("posts.close.ask", title=post.title), InlineKeyboardMarkup(rows))


@private_only
async def withdraw(update: Update, context: BotContext) -> None:
    """Close as withdrawn."""
    found = await own_post(update, context)
    if found is None or update.callback_query is None:
        return
    async with context.store.write() as repos:
        closed = await repos.posts.close(found[0].id, CloseReason.WITHDRAWN, now=context.now())
    if not closed:
        await stale_button(update, context)
        return
    await update.callback_query.answer()
    await send(update, context.t("posts.close.done_withdrawn"))


@private_only
async def fulfilled(update: Update, context: BotContext) -> None:
    """Close as fulfilled now, then ask (optionally) with which member entity."""
    found = await own_post(update, context)
    if found is None or update.callback_query is None:
        return
    post, t = found[0], context.t
    async with context.store.write() as repos:
        if post.status in _CLOSABLE:
            await repos.posts.close(post.id, CloseReason.FULFILLED, now=context.now())
        post = await repos.posts.get(post.id) or post
        still_open = await _partner_open(repos, post)
        candidates = await _who_wrote(repos, post) if still_open else []
    if not still_open:
        await stale_button(update, context)
        return
    await update.callback_query.answer()
    pending.arm(context, pending.Owner.PARTNER, post_id=post.id)
    text = (
        t("posts.close.fulfilled_ask", title=post.title)
        if candidates
        else t("posts.close.fulfilled_ask_name", title=post.title)
    )
    await send(update, text, _keyboard(context, post, candidates))


async def _partner_open(repos: Repos, post: Post) -> bool:
    """Whether a partner may still be named: closed as fulfilled, none recorded yet."""
    return (
        post.status == PostStatus.CLOSED
        and post.close_reason == CloseReason.FULFILLED
        and not await repos.contacts.has_collaboration(post.id)
    )


async def _who_wrote(repos: Repos, post: Post) -> list[Entity]:
    """Member entities whose people wrote about the post, oldest thread first."""
    entities: dict[int, Entity] = {}
    for thread in await repos.contacts.threads_about(post.id):
        found = await repos.members.member_with_entity(thread.asker_id)
        if found is not None and _partner_ok(found[1], post):
            entities[found[1].id] = found[1]
    return list(entities.values())


def _partner_ok(entity: Entity, post: Post) -> bool:
    return entity.status == EntityStatus.APPROVED and entity.id != post.entity_id


def _keyboard(context: BotContext, post: Post, entities: list[Entity]) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = [
        [button(e.name, _mine("partner", post.id, e.id))] for e in entities
    ]
    rows.append([button(context.t("posts.close.skip_partner"), _mine("nobody", post.id))])
    return InlineKeyboardMarkup(rows)


@private_only
async def pick_partner(update: Update, context: BotContext) -> None:
    """The member entity the post was fulfilled with: record the collaboration."""
    found = await own_post(update, context)
    user = update.effective_user
    if found is None or user is None or update.callback_query is None:
        return
    post, data, now = found[0], found[1], context.now()
    partner_id = int(data.args[1]) if len(data.args) > 1 and data.args[1].isdigit() else 0
    async with context.store.write() as repos:
        partner = await repos.members.entity(partner_id)
        if post.status in _CLOSABLE:  # a button from before closing happened at once
            await repos.posts.close(post.id, CloseReason.FULFILLED, now=now)
            post = await repos.posts.get(post.id) or post
        recorded = (
            partner is not None
            and _partner_ok(partner, post)
            and await _partner_open(repos, post)
            and await repos.contacts.record_collaboration(
                post_id=post.id,
                entity_id=post.entity_id,
                partner_entity_id=partner.id,
                recorded_by=user.id,
                now=now,
            )
        )
    if not recorded or partner is None:
        await stale_button(update, context)
        return
    pending.clear(context, pending.Owner.PARTNER)
    await update.callback_query.answer()
    await send(update, context.t("posts.close.recorded", entity=partner.name))


@private_only
async def nobody(update: Update, context: BotContext) -> None:
    """Prefer not to say: the post is (or stays) closed as fulfilled, no partner recorded."""
    found = await own_post(update, context)
    if found is None or update.callback_query is None:
        return
    post = found[0]
    async with context.store.write() as repos:
        if post.status in _CLOSABLE:
            await repos.posts.close(post.id, CloseReason.FULFILLED, now=context.now())
            post = await repos.posts.get(post.id) or post
        still_open = await _partner_open(repos, post)
    if not still_open:
        await stale_button(update, context)
        return
    pending.clear(context, pending.Owner.PARTNER)
    await update.callback_query.answer()
    await send(update, context.t("posts.close.done_fulfilled"))


async def on_message(update: Update, context: BotContext) -> None:
    """A typed name while the partner is asked: the closest approved entities, as buttons."""
    message, t = update.effective_message, context.t
    slot = pending.current(context, pending.Owner.PARTNER)
    if message is None or slot is None:
        return
    if message.text is None:
        await send(update, t("posts.close.ask_name"))
        return
    async with context.store.read() as repos:
        post = await repos.posts.get(slot.post_id or 0)
        still_open = post is not None and await _partner_open(repos, post)
        approved = await repos.members.list_entities(
            statuses=(EntityStatus.APPROVED,), limit=_DIRECTORY_MAX, offset=0
        )
    if post is None or not still_open:
        pending.clear(context, pending.Owner.PARTNER)
        await send(update, t("posts.error.gone"))
        return
    candidates = {e.id: e for e in approved if _partner_ok(e, post)}
    names = [(e.id, e.name) for e in candidates.values()]
    matches = [candidates[i] for i in partner_matches(message.text, names)]
    if not matches:
        await send(update, t("posts.close.name_not_found"), _keyboard(context, post, []))
        return
    await send(update, t("posts.close.pick_partner"), _keyboard(context, post, matches))


async def cancel(update: Update, context: BotContext) -> None:
    """Stop asking for the partner; the post stays closed as fulfilled."""
    pending.clear(context, pending.Owner.PARTNER)
    await send(update, context.t("posts.close.cancelled"))


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The Close button and the steps after it (typed names come via the router)."""
    return [
        CallbackQueryHandler(ask_why, pattern=pattern("mine", "close")),
        CallbackQueryHandler(withdraw, pattern=pattern("mine", "withdraw")),
        # "with" and "psearch" are the Yes and Search buttons of chats from before the close
        # happened at once: they lead to the same question.
        CallbackQueryHandler(fulfilled, pattern="^v1:mine:(done|with|psearch)(:|$)"),
        CallbackQueryHandler(nobody, pattern=pattern("mine", "nobody")),
        CallbackQueryHandler(pick_partner, pattern=pattern("mine", "partner")),
    ]
