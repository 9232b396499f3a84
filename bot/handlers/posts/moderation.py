"""The board's side of posts: approve, reject or remove with a reason, and /posts."""

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.buttons.posts import ApprovePost, OnPost, RejectPost, RemovePost
from bot.callbacks import patterns, unpack_any
from bot.context import BotContext
from bot.domain.posts import LIVE_STATUSES, Post, PostStatus
from bot.handlers.board.access import board_actor
from bot.handlers.board.reasons import ReasonFlow
from bot.handlers.board.ui import board_t, card_html, plain
from bot.handlers.common import stale_button
from bot.handlers.ui import button
from bot.i18n import Safe
from bot.services.posts.decisions import Decision, approve_post, reject_post, remove_post
from bot.services.posts.publishing import review_buttons
from bot.services.prompts import Flow, Prompt
from bot.views.posts import card_html as post_card_html
from bot.views.posts import status_label

__all__ = ["OWNER", "handlers", "reason_handlers"]

_LOGGER = logging.getLogger(__name__)
_PENDING_SHOWN = 5  # one message each: the group allows 20 a minute
_RECENT_SHOWN = 10
_REMOVABLE = (*LIVE_STATUSES, PostStatus.EXPIRED)


def _post_id(update: Update, *kinds: type[OnPost]) -> int | None:
    pressed = unpack_any(update.callback_query.data if update.callback_query else None, *kinds)
    return pressed.post_id if pressed is not None and pressed.post_id > 0 else None


async def _mark(
    context: BotContext, chat_id: int, message_id: int, card: str | None, post: Post, actor: str
) -> None:
    """Append the decision (and the reason the author is told) to the board's card."""
    bt = board_t(context)
    line = bt("posts.board.decided", status=status_label(post.status, bt), actor=actor)
    if post.status_reason and post.status in (PostStatus.REJECTED, PostStatus.REMOVED):
        line += "\n" + bt("posts.board.decided_reason", reason=post.status_reason)
    try:
        await context.bot.edit_message_text(
            f"{card}\n\n{line}" if card else line,
            chat_id=chat_id,
            message_id=message_id,
            reply_markup=None,
        )
    except BadRequest as exc:
        _LOGGER.info("could not show the decision on message %s: %s", message_id, exc)


async def _already(update: Update, context: BotContext, decision: Decision) -> None:
    if decision.post is None:
        await stale_button(update, context)
        return
    status = status_label(decision.post.status, board_t(context))
    if update.callback_query is not None:
        await update.callback_query.answer(
            plain(board_t(context)("posts.board.already", status=status)), show_alert=True
        )


async def approve(update: Update, context: BotContext) -> None:
    """Publish a pending post; the first decision wins."""
    query, user, post_id = (
        update.callback_query,
        update.effective_user,
        _post_id(update, ApprovePost),
    )
    if query is None or user is None or post_id is None:
        await stale_button(update, context)
        return
    actor = board_actor(user)
    async with context.store.write() as repos:
        decision = await approve_post(repos, context.services, post_id, actor, context.now())
    if not decision.decided_now or decision.post is None:
        await _already(update, context, decision)
        return
    await query.answer(board_t(context)("posts.board.approved_toast"))
    if query.message is not None:
        await _mark(
            context,
            query.message.chat.id,
            query.message.message_id,
            card_html(query.message),
            decision.post,
            actor.name,
        )


async def ask_reason(update: Update, context: BotContext) -> None:
    """Reject or Remove: ask the board member who pressed it for the reason."""
    query = update.callback_query
    pressed = unpack_any(query.data if query else None, RejectPost, RemovePost)
    if query is None or pressed is None or pressed.post_id <= 0:
        await stale_button(update, context)
        return  # a reason already being asked for (if any) is still awaited
    async with context.store.read() as repos:
        post = await repos.posts.get(pressed.post_id)
    allowed = (PostStatus.PENDING,) if isinstance(pressed, RejectPost) else _REMOVABLE
    if post is None or post.status not in allowed:
        await _already(update, context, Decision(post, decided_now=False))
        return
    await query.answer()
    # A card shows the decision afterwards; /posts' list keeps its other Remove buttons.
    from_list = isinstance(pressed, RemovePost) and pressed.origin == "list"
    card = None if from_list else query.message
    await _FLOW.ask(
        update,
        context,
        f"posts.board.{pressed.ACTION}_prompt",
        subject_id=post.id,
        action=pressed.ACTION,
        card=card,
        title=post.title,
    )


async def _decide(message: Message, context: BotContext, prompt: Prompt, reason: str) -> None:
    """Reject or remove with the reason, unless someone decided first."""
    bt, user = board_t(context), message.from_user
    if user is None or prompt.subject_id is None:
        return
    actor = board_actor(user)
    decide = reject_post if prompt.action == "reject" else remove_post
    async with context.store.write() as repos:
        decision = await decide(
            repos, context.services, prompt.subject_id, reason, actor, context.now()
        )
    if not decision.decided_now or decision.post is None:
        status = status_label(decision.post.status, bt) if decision.post else "?"
        await message.reply_text(bt("posts.board.already", status=status))
        return
    if prompt.card_message_id is not None:
        await _mark(
            context, message.chat_id, prompt.card_message_id, prompt.card, decision.post, actor.name
        )
    await message.reply_text(bt("posts.board.reason_done", title=decision.post.title))


_FLOW = ReasonFlow(
    flow=Flow.MODERATE_POST,
    too_long="posts.board.reason_invalid",
    text_only="posts.board.reason_text_only",
    cancelled="posts.board.reason_cancelled",
    decide=_decide,
)
OWNER = _FLOW.owner()


async def show_posts(update: Update, context: BotContext) -> None:
    """/posts: pending posts with Approve/Reject, then recent ones with Remove."""
    chat = update.effective_chat
    if chat is None:
        return
    bt, network, tz = board_t(context), context.network, context.settings.tz
    async with context.store.read() as repos:
        waiting = await repos.posts.count_by_status(PostStatus.PENDING)
        pending = await repos.posts.by_status(PostStatus.PENDING, limit=_PENDING_SHOWN)
        recent = await repos.posts.by_status(PostStatus.ACTIVE, limit=_RECENT_SHOWN)
        entities = [await repos.members.entity(p.entity_id) for p in pending + recent]
    names = {entity.id: entity.name for entity in entities if entity is not None}
    await chat.send_message(bt("posts.board.pending_title", count=waiting))
    for post in pending:
        card = post_card_html(
            post, t=bt, network=network, tz=tz, author=names.get(post.entity_id, "?")
        )
        keyboard = InlineKeyboardMarkup(
            [
                [button(bt(b.key), b.callback_data or "") for b in row]
                for row in review_buttons(post.id)
            ]
        )
        await chat.send_message(
            bt("posts.board.review", card_html=Safe(card), number=post.id), reply_markup=keyboard
        )
    if not recent:
        await chat.send_message(bt("posts.board.recent_none"))
        return
    lines = [bt("posts.board.recent_title")]
    lines += [
        bt(
            "posts.board.recent_line",
            number=p.id,
            title=p.title,
            entity=names.get(p.entity_id, "?"),
        )
        for p in recent
    ]
    rows = [
        [
            button(
                bt("posts.board.remove_number", number=p.id),
                RemovePost(post_id=p.id, origin="list").pack(),
            )
        ]
        for p in recent
    ]
    await chat.send_message("\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))


def reason_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Reject and Remove (their reason comes through the prompt router)."""
    return [CallbackQueryHandler(ask_reason, pattern=patterns(RejectPost, RemovePost))]


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Approve and /posts."""
    return [
        CallbackQueryHandler(approve, pattern=ApprovePost.pattern()),
        CommandHandler("posts", show_posts),
    ]
