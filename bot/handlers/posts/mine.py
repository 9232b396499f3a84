"""My posts: list, view, choose what to edit, pause and resume, extend."""

from typing import TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    filters,
)

from bot.buttons.matching import PossibleMatches
from bot.buttons.posts import (
    ClosePost,
    EditPost,
    EditPostField,
    ExtendPost,
    MyPost,
    MyPosts,
    NewPost,
    OnPost,
    PausePost,
    ResumePost,
)
from bot.callbacks import patterns, unpack_any
from bot.context import BotContext
from bot.domain.board import page_of
from bot.domain.posts import (
    EXPIRY_CHOICES,
    PAGE_SIZE,
    InvalidInput,
    Post,
    PostKind,
    PostStatus,
    extended_expiry,
)
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.ui import button, send
from bot.i18n import Translator
from bot.views.entities import local_moment
from bot.views.posts import card_html, kind_label, status_label

__all__ = ["handlers", "own_post"]

Pressed = TypeVar("Pressed", bound=OnPost)


async def list_mine(update: Update, context: BotContext) -> None:
    """/myposts: one's needs and offers with their status, five to a page."""
    user, t = update.effective_user, context.t
    if user is None or await current_member(update, context) is None:
        return
    pressed = MyPosts.unpack(update.callback_query.data) if update.callback_query else None
    requested = (pressed.page if pressed else None) or 1
    async with context.store.read() as repos:
        total = await repos.posts.count_by_author(user.id)
        page = page_of(total, requested, PAGE_SIZE)
        posts = await repos.posts.by_author(user.id, limit=PAGE_SIZE, offset=page.offset)
    if update.callback_query is not None:
        await update.callback_query.answer()
    if not posts:
        keyboard = InlineKeyboardMarkup([[button(t("posts.mine.new"), NewPost().pack())]])
        await send(update, t("posts.mine.empty"), keyboard)
        return
    now = context.now()
    lines = [t("posts.mine.title", count=total, page=page.number, pages=page.count), ""]
    lines += [
        t(
            "posts.mine.line",
            number=page.offset + i,
            kind=kind_label(post.kind, t),
            title=post.title,
            status=status_label(post.current_status(now), t),
        )
        for i, post in enumerate(posts, start=1)
    ]
    rows = [
        [button(str(page.offset + i), MyPost(post_id=p.id).pack()) for i, p in enumerate(posts, 1)]
    ]
    paging = []
    if page.has_previous:
        paging.append(button("«", MyPosts(page=page.number - 1).pack()))
    if page.has_next:
        paging.append(button("»", MyPosts(page=page.number + 1).pack()))
    await send(update, "\n".join(lines), InlineKeyboardMarkup([r for r in (*rows, paging) if r]))


async def own_post(
    update: Update, context: BotContext, *kinds: type[Pressed]
) -> tuple[Post, Pressed] | None:
    """The post a button of kinds names, if the presser is a member and its author; else say
    stale."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return None
    data = unpack_any(query.data, *kinds)
    if data is None:
        await stale_button(update, context)
        return None
    if await current_member(update, context) is None:
        return None
    async with context.store.read() as repos:
        post = await repos.posts.get(data.post_id)
    if post is None or post.author_id != user.id:
        await stale_button(update, context)
        return None
    return post, data


def _actions(post: Post, status: PostStatus, t: Translator) -> list[list[InlineKeyboardButton]]:
    rows: list[list[InlineKeyboardButton]] = []
    if status in (PostStatus.PENDING, PostStatus.ACTIVE, PostStatus.PAUSED):
        rows.append([button(t("posts.mine.edit"), EditPost(post_id=post.id).pack())])
    if status is PostStatus.ACTIVE:
        # What fits but was not pushed: listed here, with the same buttons as a proposal.
        rows.append(
            [button(t("matching.possible.button"), PossibleMatches(post_id=post.id).pack())]
        )
        rows.append([button(t("posts.mine.pause"), PausePost(post_id=post.id).pack())])
    if status is PostStatus.PAUSED:
        rows.append([button(t("posts.mine.resume"), ResumePost(post_id=post.id).pack())])
    if status in (PostStatus.ACTIVE, PostStatus.PAUSED, PostStatus.EXPIRED):
        rows.append([button(t("posts.mine.extend"), ExtendPost(post_id=post.id).pack())])
    if status in (PostStatus.PENDING, PostStatus.ACTIVE, PostStatus.PAUSED, PostStatus.EXPIRED):
        rows.append([button(t("posts.mine.close"), ClosePost(post_id=post.id).pack())])
    return rows


async def view(update: Update, context: BotContext) -> None:
    """One's own post with what can be done with it now."""
    found = await own_post(update, context, MyPost)
    if found is None:
        return
    await _show(update, context, found[0])


async def _show(update: Update, context: BotContext, post: Post, notice: str = "") -> None:
    t = context.t
    status = post.current_status(context.now())
    card = card_html(post, t=t, network=context.network, tz=context.settings.tz, post=post)
    text = t("posts.mine.status", status=status_label(status, t)) + "\n\n" + card
    if post.status_reason and status in (PostStatus.REJECTED, PostStatus.REMOVED):
        text += "\n\n" + t("posts.mine.reason", reason=post.status_reason)
    if notice:
        text = notice + "\n\n" + text
    if update.callback_query is not None:
        await update.callback_query.answer()
    rows = _actions(post, status, t)
    await send(update, text, InlineKeyboardMarkup(rows) if rows else None)


async def choose_field(update: Update, context: BotContext) -> None:
    """Which part of the post to change."""
    found = await own_post(update, context, EditPost)
    if found is None:
        return
    post, t = found[0], context.t
    if post.current_status(context.now()) not in (
        PostStatus.PENDING,
        PostStatus.ACTIVE,
        PostStatus.PAUSED,
    ):
        await query_alert(update, t("posts.error.not_editable"))
        return
    extra = "posts.edit.when" if post.kind is PostKind.NEED else "posts.edit.conditions"
    fields = [
        ("kind", "posts.edit.kind"),
        ("sector", "posts.edit.sector"),
        ("title", "posts.edit.title"),
        ("description", "posts.edit.description"),
        ("place", "posts.edit.place"),
        ("extra", extra),
        ("attachment", "posts.edit.attachment"),
    ]
    buttons = [
        button(t(key), EditPostField(post_id=post.id, field=name).pack()) for name, key in fields
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send(update, t("posts.edit.choose"), InlineKeyboardMarkup(rows))


async def query_alert(update: Update, text: str) -> None:
    """Answer the pressed button with an alert."""
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)


async def pause_or_resume(update: Update, context: BotContext) -> None:
    """Pause an active post (unlisted, kept) or resume a paused one."""
    found = await own_post(update, context, PausePost, ResumePost)
    if found is None:
        return
    post, data = found
    pause = isinstance(data, PausePost)
    source, target = (
        (PostStatus.ACTIVE, PostStatus.PAUSED) if pause else (PostStatus.PAUSED, PostStatus.ACTIVE)
    )
    async with context.store.write() as repos:
        changed = await repos.posts.set_status(
            post.id, to=target, from_status=source, now=context.now()
        )
        post = await repos.posts.get(post.id) or post
    if not changed:
        await query_alert(update, context.t("posts.error.not_now"))
        return
    key = "posts.mine.paused" if pause else "posts.mine.resumed"
    await _show(update, context, post, context.t(key))


async def extend(update: Update, context: BotContext) -> None:
    """Extend button (also under the expiry warning): how many more days, or do it."""
    found = await own_post(update, context, ExtendPost)
    if found is None:
        return
    post, data, t = found[0], found[1], context.t
    if post.status not in (PostStatus.ACTIVE, PostStatus.PAUSED, PostStatus.EXPIRED):
        await query_alert(update, t("posts.error.not_now"))  # an old button of a closed post
        return
    if data.days is None:
        rows = [
            [
                button(t("posts.expiry.days", days=d), ExtendPost(post_id=post.id, days=d).pack())
                for d in EXPIRY_CHOICES
            ]
        ]
        if update.callback_query is not None:
            await update.callback_query.answer()
        await send(update, t("posts.mine.extend_ask", title=post.title), InlineKeyboardMarkup(rows))
        return
    now = context.now()
    try:
        days = data.days
        expires = extended_expiry(post.expires_at, now, days)
    except InvalidInput:
        await stale_button(update, context)
        return
    async with context.store.write() as repos:
        changed = await repos.posts.extend(post.id, expires, now=now)
        post = await repos.posts.get(post.id) or post
    if not changed:
        await query_alert(update, t("posts.error.not_now"))
        return
    moment = local_moment(expires, context.settings.tz, year=True)
    notice = t("posts.mine.extended", days=days, date=moment)
    await _show(update, context, post, notice)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/myposts and the buttons of one's own posts."""
    return [
        CommandHandler("myposts", list_mine, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(list_mine, pattern=MyPosts.pattern()),
        CallbackQueryHandler(view, pattern=MyPost.pattern()),
        CallbackQueryHandler(choose_field, pattern=EditPost.pattern()),
        CallbackQueryHandler(pause_or_resume, pattern=patterns(PausePost, ResumePost)),
        CallbackQueryHandler(extend, pattern=ExtendPost.pattern()),
    ]
