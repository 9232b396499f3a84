"""Close one's post: withdrawn, or fulfilled (with which member entity, if any)."""

import warnings

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.callbacks import pack, pattern
from bot.context import BotContext
from bot.domain.board import match_names
from bot.domain.members import Entity, EntityStatus
from bot.domain.posts import CloseReason, Post
from bot.handlers.common import stale_button
from bot.handlers.guards import private_only
from bot.handlers.posts.mine import own_post
from bot.handlers.posts.render import button
from bot.handlers.posts.steps import send

__all__ = ["conversation", "handlers"]

END = ConversationHandler.END
_PARTNER_NAME = "post_partner_name"  # the partner search's one state (stored: never rename)
_PARTNER_KEY = "post_partner"  # user_data: the post whose partner is being searched
_NAME_MAX = 120
_DIRECTORY_MAX = 5000  # every approved entity: a network has hundreds, not millions
_TEXT = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
_OTHER = filters.UpdateType.MESSAGE & ~filters.COMMAND


def _mine(action: str, *args: object) -> str:
    return pack("mine", action, *args)


@private_only
async def close(update: Update, context: BotContext) -> None:
    """Close: as withdrawn, or as fulfilled (then: with a member of the network?)."""
    found = await own_post(update, context)
    if found is None:
        return
    post, data, t = found[0], found[1], context.t
    rows: list[list[InlineKeyboardButton]] | None = None
    if data.action == "close":
        text = t("posts.close.ask", title=post.title)
        rows = [
            [
                button(t("posts.close.withdrawn"), _mine("withdraw", post.id)),
                button(t("posts.close.fulfilled"), _mine("done", post.id)),
            ]
        ]
    elif data.action == "done":
        text = t("posts.close.with_member")
        rows = [
            [
                button(t("posts.close.yes"), _mine("with", post.id)),
                button(t("posts.close.no"), _mine("nobody", post.id)),
            ]
        ]
    elif data.action == "with":
        text, rows = await _candidates(context, post)
    else:
        reason = CloseReason.WITHDRAWN if data.action == "withdraw" else CloseReason.FULFILLED
        await _finish(update, context, post, reason, None)
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send(update, text, InlineKeyboardMarkup(rows))


async def _candidates(
    context: BotContext, post: Post
) -> tuple[str, list[list[InlineKeyboardButton]]]:
    """Entities whose members wrote about the post, plus search by name and 'someone else'."""
    t = context.t
    async with context.store.read() as repos:
        threads = await repos.contacts.threads_about(post.id)
        entities: dict[int, Entity] = {}
        for thread in threads:
            found = await repos.members.member_with_entity(thread.asker_id)
            if found is not None and _partner_ok(found[1], post):
                entities[found[1].id] = found[1]
    rows = [[button(e.name, _mine("partner", post.id, e.id))] for e in entities.values()]
    rows.append([button(t("posts.close.search_partner"), _mine("psearch", post.id))])
    rows.append([button(t("posts.close.skip_partner"), _mine("nobody", post.id))])
    key = "posts.close.pick_partner" if entities else "posts.close.no_contacts"
    return t(key), rows


def _partner_ok(entity: Entity, post: Post) -> bool:
    return entity.status == EntityStatus.APPROVED and entity.id != post.entity_id


@private_only
async def pick_partner(update: Update, context: BotContext) -> None:
    """The member entity the post was fulfilled with: close it and record the collaboration."""
    found = await own_post(update, context)
    if found is None:
        return
    post, data = found
    partner_id = int(data.args[1]) if len(data.args) > 1 and data.args[1].isdigit() else 0
    await _finish(update, context, post, CloseReason.FULFILLED, partner_id)


async def _finish(
    update: Update, context: BotContext, post: Post, reason: CloseReason, partner_id: int | None
) -> None:
    t, now, user = context.t, context.now(), update.effective_user
    async with context.store.write() as repos:
        partner = await repos.members.entity(partner_id) if partner_id else None
        if partner_id is not None and (partner is None or not _partner_ok(partner, post)):
            closed = False
        else:
            closed = await repos.posts.close(post.id, reason, now=now)
        if closed and partner is not None and user is not None:
            await repos.contacts.record_collaboration(
                post_id=post.id,
                entity_id=post.entity_id,
                partner_entity_id=partner.id,
                recorded_by=user.id,
                now=now,
            )
    if not closed:
        await stale_button(update, context)
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    if partner is not None:
        await send(update, t("posts.close.recorded", entity=partner.name))
    elif reason is CloseReason.FULFILLED:
        await send(update, t("posts.close.done_fulfilled"))
    else:
        await send(update, t("posts.close.done_withdrawn"))


@private_only
async def ask_partner_name(update: Update, context: BotContext) -> object:
    """Ask for (part of) the partner entity's name."""
    found = await own_post(update, context)
    if found is None:
        return END
    if context.user_data is not None:
        context.user_data[_PARTNER_KEY] = found[0].id
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send(update, context.t("posts.close.ask_name"))
    return _PARTNER_NAME


async def take_partner_name(update: Update, context: BotContext) -> object:
    """Show the approved entities whose name contains what was typed."""
    message, t = update.effective_message, context.t
    post_id = (context.user_data or {}).get(_PARTNER_KEY)
    if message is None or message.text is None or not isinstance(post_id, int):
        return END
    async with context.store.read() as repos:
        post = await repos.posts.get(post_id)
        approved = await repos.members.list_entities(
            statuses=(EntityStatus.APPROVED,), limit=_DIRECTORY_MAX, offset=0
        )
    if post is None:
        await send(update, t("posts.error.gone"))
        return END
    candidates = {e.id: e for e in approved if _partner_ok(e, post)}
    names = [(e.id, e.name) for e in candidates.values()]
    matches = [candidates[i] for i in match_names(message.text[:_NAME_MAX], names)]
    if not matches:
        await send(update, t("posts.close.name_not_found"))
        return _PARTNER_NAME
    rows = [[button(e.name, _mine("partner", post.id, e.id))] for e in matches]
    rows.append([button(t("posts.close.skip_partner"), _mine("nobody", post.id))])
    await send(update, t("posts.close.pick_partner"), InlineKeyboardMarkup(rows))
    return END


async def name_expected(update: Update, context: BotContext) -> object:
    """Anything but text while a name is expected."""
    await send(update, context.t("posts.close.ask_name"))
    return _PARTNER_NAME


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the partner search; the post stays as it was."""
    if context.user_data is not None:
        context.user_data.pop(_PARTNER_KEY, None)
    await send(update, context.t("posts.close.cancelled"))
    return END


def conversation() -> ConversationHandler[BotContext]:
    """Search the partner entity by name, when closing a post as fulfilled."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*per_message=False", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CallbackQueryHandler(ask_partner_name, pattern=pattern("mine", "psearch"))
            ],
            states={
                _PARTNER_NAME: [
                    MessageHandler(_TEXT, take_partner_name),
                    MessageHandler(_OTHER, name_expected),
                ]
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            allow_reentry=True,
            per_message=False,
            name="post_partner",
            persistent=True,
        )


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The Close button and the steps after it."""
    return [
        CallbackQueryHandler(close, pattern="^v1:mine:(close|done|with|withdraw|nobody)(:|$)"),
        CallbackQueryHandler(pick_partner, pattern=pattern("mine", "partner")),
    ]
