"""The board's side of posts: approve, reject or remove with a reason, and /posts."""

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
)

from bot.callbacks import pack, parse, pattern
from bot.context import BotContext
from bot.domain.board import REASON_MAX, ReasonError, clean_reason
from bot.domain.posts import LIVE_STATUSES, Post, PostStatus
from bot.handlers.board.access import board_actor
from bot.handlers.board.ui import board_t, card_html, plain
from bot.handlers.common import stale_button
from bot.handlers.guards import board_only
from bot.handlers.replies import PromptFlow, group_conversation
from bot.handlers.ui import button
from bot.i18n import Safe
from bot.services.posts.decisions import Decision, approve_post, reject_post, remove_post
from bot.services.posts.publishing import review_buttons
from bot.views.posts import card_html as post_card_html
from bot.views.posts import status_label

__all__ = ["conversation", "handlers"]

_LOGGER = logging.getLogger(__name__)
END = ConversationHandler.END
_REASON = "post_moderation_reason"  # the conversation's one state (stored: never rename)
# user_data: post, action, the card to update afterwards and the prompts whose replies count.
_KEY = "post_moderating"
_FLOW = PromptFlow(_KEY)
_PENDING_SHOWN = 5  # one message each: the group allows 20 a minute
_RECENT_SHOWN = 10
_REMOVABLE = (*LIVE_STATUSES, PostStatus.EXPIRED)


def _post_id(update: Update) -> int | None:
    data = parse(update.callback_query.data if update.callback_query else None)
    value = data.int_arg() if data else None
    return value if value is not None and value > 0 else None


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


@board_only
async def approve(update: Update, context: BotContext) -> None:
    """Publish a pending post; the first decision wins."""
    query, user, post_id = update.callback_query, update.effective_user, _post_id(update)
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


@board_only
async def ask_reason(update: Update, context: BotContext) -> object:
    """Reject or Remove: ask the board member who pressed it for the reason."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    data = parse(query.data if query else None)
    post_id = _post_id(update)
    if query is None or user is None or chat is None or data is None or post_id is None:
        await stale_button(update, context)
        return None  # a reason already being asked for (if any) is still awaited
    async with context.store.read() as repos:
        post = await repos.posts.get(post_id)
    allowed = (PostStatus.PENDING,) if data.action == "reject" else _REMOVABLE
    if post is None or post.status not in allowed or context.user_data is None:
        await _already(update, context, Decision(post, decided_now=False))
        return None
    await query.answer()
    # A card shows the decision afterwards; /posts' list keeps its other Remove buttons.
    message = query.message if data.args[1:] != ("list",) else None
    pending: dict[str, Any] = {
        "post_id": post.id,
        "action": data.action,
        "message_id": message.message_id if message is not None else None,
        "card": card_html(message),
        "prompts": [],
    }
    context.user_data[_KEY] = pending
    text = board_t(context)(
        f"posts.board.{data.action}_prompt",
        who=Safe(user.mention_html()),
        title=post.title,
        max=REASON_MAX,
    )
    await _FLOW.send_prompt(context, chat.id, text)
    return _REASON


@board_only
async def take_reason(update: Update, context: BotContext) -> object:
    """The reason replied to the prompt: decide if the writer still belongs to the board."""
    message, user, pending = update.effective_message, update.effective_user, _pending(context)
    if message is None or user is None or pending is None:
        return END
    bt = board_t(context)
    try:
        reason = clean_reason(message.text or "")
    except ReasonError as exc:
        text = bt("posts.board.reason_invalid", length=exc.length, max=REASON_MAX)
        await _FLOW.reprompt(context, text, reply_to=message)
        return _REASON
    actor, decide = board_actor(user), reject_post if pending["action"] == "reject" else remove_post
    async with context.store.write() as repos:
        decision = await decide(
            repos, context.services, int(pending["post_id"]), reason, actor, context.now()
        )
    _FLOW.forget(context)
    if not decision.decided_now or decision.post is None:
        status = status_label(decision.post.status, bt) if decision.post else "?"
        await message.reply_text(bt("posts.board.already", status=status))
        return END
    if isinstance(pending.get("message_id"), int):
        await _mark(
            context,
            message.chat_id,
            pending["message_id"],
            pending.get("card"),
            decision.post,
            actor.name,
        )
    await message.reply_text(bt("posts.board.reason_done", title=decision.post.title))
    return END


async def reason_text_only(update: Update, context: BotContext) -> object:
    """A photo or sticker replied to the prompt instead of the reason: ask for text."""
    message, pending = update.effective_message, _pending(context)
    if message is not None and pending is not None and _FLOW.answers_prompt(update, context):
        text = board_t(context)("posts.board.reason_text_only", max=REASON_MAX)
        await _FLOW.reprompt(context, text, reply_to=message)
    return _REASON


async def cancel(update: Update, context: BotContext) -> int:
    """Leave without deciding; the post stays as it is."""
    _FLOW.forget(context)
    message = update.effective_message
    if message is not None:
        await message.reply_text(board_t(context)("posts.board.reason_cancelled"))
    return END


def _pending(context: BotContext) -> dict[str, Any] | None:
    data = context.user_data.get(_KEY) if context.user_data is not None else None
    return data if isinstance(data, dict) and "post_id" in data else None


@board_only
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
        [button(bt("posts.board.remove_number", number=p.id), pack("pmod", "remove", p.id, "list"))]
        for p in recent
    ]
    await chat.send_message("\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))


def conversation() -> ConversationHandler[BotContext]:
    """Reject or remove with a reason: per board member in the group; /cancel leaves it."""
    listening = _FLOW.listen("post_moderation_replies")
    return group_conversation(
        "post_moderation",
        listening,
        CallbackQueryHandler(listening.synced(ask_reason), pattern="^v1:pmod:(reject|remove)(:|$)"),
        _REASON,
        take=_FLOW.on_reply(_REASON, take_reason),
        not_text=reason_text_only,
        cancel=cancel,
    )


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Approve and /posts (reject and remove are the conversation)."""
    return [
        CallbackQueryHandler(approve, pattern=pattern("pmod", "approve")),
        CommandHandler("posts", show_posts),
    ]
