"""Close one's post: withdrawn, or fulfilled (then, optionally, with which member entity).

"It's been fulfilled" closes the post at once, so it never stays listed because the member
walked away from the follow-up question. Naming the partner is optional: the member types the
name (typos tolerated) or picks one of the entities that wrote about the post.
"""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.buttons.posts import (
    ClosePost,
    FulfilledPost,
    FulfilledSearchLegacy,
    FulfilledWithLegacy,
    NoPartner,
    PickPartner,
    WithdrawPost,
)
from bot.callbacks import patterns, unpack_any
from bot.context import BotContext
from bot.domain.members import Entity
from bot.handlers import prompts
from bot.handlers.common import stale_button
from bot.handlers.posts.mine import own_post
from bot.handlers.prompts import PromptOwner
from bot.handlers.ui import button, send
from bot.services.posts import closing
from bot.services.prompts import Flow, Prompt

__all__ = ["cancel", "handlers", "on_message"]


# The Yes and Search buttons of chats from before the close happened at once lead to the
# same question.
_FULFILLED = (FulfilledPost, FulfilledWithLegacy, FulfilledSearchLegacy)


async def ask_why(update: Update, context: BotContext) -> None:
    """Close: as withdrawn, or as fulfilled."""
    found = await own_post(update, context, ClosePost)
    if found is None or update.callback_query is None:
        return
    post, t = found[0], context.t
    if post.status not in closing.CLOSABLE:
        await stale_button(update, context)
        return
    rows = [
        [
            button(t("posts.close.withdrawn"), WithdrawPost(post_id=post.id).pack()),
            button(t("posts.close.fulfilled"), FulfilledPost(post_id=post.id).pack()),
        ]
    ]
    await update.callback_query.answer()
    await send(update, t("posts.close.ask", title=post.title), InlineKeyboardMarkup(rows))


async def withdraw(update: Update, context: BotContext) -> None:
    """Close as withdrawn."""
    found = await own_post(update, context, WithdrawPost)
    if found is None or update.callback_query is None:
        return
    if not await closing.withdraw(context.services, found[0].id, context.now()):
        await stale_button(update, context)
        return
    await update.callback_query.answer()
    await send(update, context.t("posts.close.done_withdrawn"))


async def fulfilled(update: Update, context: BotContext) -> None:
    """Close as fulfilled now, then ask (optionally) with which member entity."""
    found = await own_post(update, context, *_FULFILLED)
    if found is None or update.callback_query is None:
        return
    post, t = found[0], context.t
    candidates = await closing.close_fulfilled(context.services, post, context.now())
    if candidates is None:
        await stale_button(update, context)
        return
    await update.callback_query.answer()
    prompts.arm(update, context, Flow.PARTNER, subject_id=post.id)
    text = (
        t("posts.close.fulfilled_ask", title=post.title)
        if candidates
        else t("posts.close.fulfilled_ask_name", title=post.title)
    )
    await send(update, text, _keyboard(context, post.id, candidates))


def _keyboard(context: BotContext, post_id: int, entities: list[Entity]) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = [
        [button(e.name, PickPartner(post_id=post_id, partner_id=e.id).pack())] for e in entities
    ]
    rows.append([button(context.t("posts.close.skip_partner"), NoPartner(post_id=post_id).pack())])
    return InlineKeyboardMarkup(rows)


async def pick_partner(update: Update, context: BotContext) -> None:
    """The member entity the post was fulfilled with: record the collaboration."""
    found = await own_post(update, context, PickPartner)
    user = update.effective_user
    if found is None or user is None or update.callback_query is None:
        return
    post, data, now = found[0], found[1], context.now()
    partner_id = data.partner_id
    partner = await closing.record_partner(
        context.services, post, partner_id, recorded_by=user.id, now=now
    )
    if partner is None:
        await stale_button(update, context)
        return
    prompts.clear(update, context, Flow.PARTNER)
    await update.callback_query.answer()
    await send(update, context.t("posts.close.recorded", entity=partner.name))


async def nobody(update: Update, context: BotContext) -> None:
    """Prefer not to say: the post is (or stays) closed as fulfilled, no partner recorded."""
    found = await own_post(update, context, NoPartner)
    if found is None or update.callback_query is None:
        return
    if not await closing.no_partner(context.services, found[0], context.now()):
        await stale_button(update, context)
        return
    prompts.clear(update, context, Flow.PARTNER)
    await update.callback_query.answer()
    await send(update, context.t("posts.close.done_fulfilled"))


async def on_message(update: Update, context: BotContext) -> None:
    """A typed name while the partner is asked: the closest approved entities, as buttons."""
    message, t = update.effective_message, context.t
    slot = prompts.current(update, context, Flow.PARTNER)
    if message is None or slot is None:
        return
    if message.text is None:
        await send(update, t("posts.close.ask_name"))
        return
    post_id = slot.subject_id or 0
    matches = await closing.partners_named(context.services, post_id, message.text)
    if matches is None:
        prompts.clear(update, context, Flow.PARTNER)
        await send(update, t("posts.error.gone"))
        return
    if not matches:
        await send(update, t("posts.close.name_not_found"), _keyboard(context, post_id, []))
        return
    await send(update, t("posts.close.pick_partner"), _keyboard(context, post_id, matches))


async def cancel(update: Update, context: BotContext) -> None:
    """Stop asking for the partner; the post stays closed as fulfilled."""
    prompts.clear(update, context, Flow.PARTNER)
    await send(update, context.t("posts.close.cancelled"))


def _own_button(data: str, prompt: Prompt) -> bool:
    """The partner question's own buttons, for the post it asks about."""
    pressed = unpack_any(data, PickPartner, NoPartner, *_FULFILLED)
    return pressed is not None and pressed.post_id == prompt.subject_id


OWNER = PromptOwner(answer=on_message, cancel=cancel, keeps=_own_button)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The Close button and the steps after it (typed names come via the router)."""
    return [
        CallbackQueryHandler(ask_why, pattern=ClosePost.pattern()),
        CallbackQueryHandler(withdraw, pattern=WithdrawPost.pattern()),
        CallbackQueryHandler(fulfilled, pattern=patterns(*_FULFILLED)),
        CallbackQueryHandler(nobody, pattern=NoPartner.pattern()),
        CallbackQueryHandler(pick_partner, pattern=PickPartner.pattern()),
    ]
