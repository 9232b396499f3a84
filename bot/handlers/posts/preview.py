"""The last step of composing: the preview, then Publish (or Save an edit), or Cancel."""

from telegram import InlineKeyboardMarkup, Update

from bot.buttons.posts import ComposeCancel, ComposePublish, MyPost
from bot.context import BotContext
from bot.domain.posts import InvalidInput, PostStatus
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.posts.cards import send_card
from bot.handlers.posts.steps import forget, keep, lost, session_at
from bot.handlers.ui import button, send
from bot.services.posts.drafts import Session, Step, load
from bot.services.posts.publishing import save_edit, submit_post
from bot.views.posts import author_label, card_html

__all__ = ["cancel", "publish", "show_preview"]


async def show_preview(update: Update, context: BotContext, session: Session) -> None:
    """Show the post as others will see it, with Publish (or Save) and Cancel."""
    t, chat, user = context.t, update.effective_chat, update.effective_user
    session.step = Step.PREVIEW
    keep(update, context, session)
    draft = session.to_draft()
    if draft is None or chat is None or user is None:
        await lost(update, context)
        return
    async with context.store.read() as repos:
        found = await repos.members.member_with_entity(user.id)
    author = author_label(found[1] if found else None, t)
    card = card_html(
        draft,
        t=t,
        network=context.network,
        tz=context.settings.tz,
        author=author,
        attachment_below=True,
    )
    action = "posts.compose.save" if session.editing else "posts.compose.publish"
    keyboard = InlineKeyboardMarkup(
        [
            [button(t(action), ComposePublish().pack())],
            [button(t("posts.compose.cancel"), ComposeCancel().pack())],
        ]
    )
    await send_card(chat, draft, t("posts.preview.title") + "\n\n" + card, keyboard, t)


async def publish(update: Update, context: BotContext) -> None:
    """Publish the new post, or save the edit; on a limit keep the draft and say why."""
    query = update.callback_query
    session = session_at(context, Step.PREVIEW)
    if query is None:
        return
    found = await current_member(update, context)
    if found is None:
        return
    draft = session.to_draft() if session is not None else None
    if session is None or draft is None:
        await lost(update, context)
        return
    await query.answer()
    member, entity = found
    now, t = context.now(), context.t
    if session.post_id is not None:
        async with context.store.write() as repos:
            post = await repos.posts.get(session.post_id)
            saved = None
            if post is not None and post.author_id == member.user_id:
                saved = await save_edit(repos, context.services, post, draft, now=now)
        forget(update, context)
        if saved is None:
            await send(update, t("posts.error.gone"))
        elif saved.status is PostStatus.PENDING:
            await send(update, t("posts.compose.saved_review"))
        else:
            await send(update, t("posts.compose.saved"))
        return
    try:
        async with context.store.write() as repos:
            post = await submit_post(
                repos, context.services, draft, author=member, entity=entity, now=now
            )
    except InvalidInput as problem:
        await send(update, t(problem.key, **problem.params) + "\n\n" + t("posts.compose.kept"))
        return
    forget(update, context)
    keyboard = InlineKeyboardMarkup(
        [[button(t("posts.mine.open"), MyPost(post_id=post.id).pack())]]
    )
    if post.status is PostStatus.PENDING:
        await send(update, t("posts.compose.sent_review"), keyboard)
    else:
        await send(update, t("posts.compose.published"), keyboard)


async def cancel(update: Update, context: BotContext) -> None:
    """Leave the flow; nothing is published or changed (a Cancel button of no draft is stale)."""
    if update.callback_query is not None:
        if load(context) is None:
            await stale_button(update, context)
            return
        await update.callback_query.answer()
    forget(update, context)
    await send(update, context.t("posts.compose.cancelled"))
