"""Compose a need or an offer step by step, preview it, then publish it (or save an edit)."""

import warnings
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.callbacks import pack, parse, pattern
from bot.context import BotContext
from bot.domain.posts import LIVE_STATUSES, InvalidInput, Place, PostKind
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member, private_only
from bot.handlers.posts.preview import cancel, publish, show_preview
from bot.handlers.posts.publishing import check_can_post
from bot.handlers.posts.render import button
from bot.handlers.posts.session import Session, Step, following, load, save
from bot.handlers.posts.steps import (
    TEXT_STEPS,
    ask,
    keep_button,
    keep_file,
    keep_text,
    lost,
    send,
    session_at,
    town,
)

__all__ = ["conversation"]

END = ConversationHandler.END
Answer = Callable[[Update, BotContext], Coroutine[Any, Any, object]]
_NEW = filters.UpdateType.MESSAGE
_TEXT = _NEW & filters.TEXT & ~filters.COMMAND
_FILE = _NEW & (filters.PHOTO | filters.Document.ALL)
_OTHER = _NEW & ~filters.COMMAND
_PLACE_QUERY_MAX = 200  # a typed place name longer than this is not a place name
_EDIT_STEPS = {
    "kind": Step.KIND,
    "sector": Step.SECTOR,
    "title": Step.TITLE,
    "description": Step.DESCRIPTION,
    "place": Step.PLACE,
    "attachment": Step.ATTACHMENT,
}


async def _home(context: BotContext, user_id: int) -> Place | None:
    """The member's own municipality, the default answer to 'where'."""
    async with context.store.read() as repos:
        found = await repos.members.member_with_entity(user_id)
    if found is None or found[1].municipality is None:
        return None
    return town(context, found[1].municipality)


async def _ask(update: Update, context: BotContext, session: Session) -> Step:
    home_label = None
    if session.step is Step.PLACE and update.effective_user is not None:
        home = await _home(context, update.effective_user.id)
        municipality = context.network.municipality(home.key or "") if home else None
        home_label = municipality.name if municipality else None
    return await ask(update, context, session, home_label)


@private_only
async def start(update: Update, context: BotContext) -> object:
    """Start a new post (or resume the draft in progress) after checking the limits."""
    found = await current_member(update, context)
    if found is None:
        return END
    if update.callback_query is not None:
        await update.callback_query.answer()
    try:
        async with context.store.read() as repos:
            await check_can_post(repos, context.services, found[0].user_id, context.now())
    except InvalidInput as problem:
        await send(update, context.t(problem.key, **problem.params))
        return END
    session = load(context)
    if session is not None and not session.editing:
        await send(update, context.t("posts.compose.resuming"))
        if session.step is Step.PREVIEW:
            return await show_preview(update, context, session)
        return await _ask(update, context, session)
    session = Session()
    await send(update, context.t("posts.compose.intro"))
    return await _ask(update, context, session)


@private_only
async def edit(update: Update, context: BotContext) -> object:
    """An Edit button of My posts: ask that one question again, then show the preview."""
    query, user = update.callback_query, update.effective_user
    data = parse(query.data if query else None)
    if query is None or user is None or data is None or len(data.args) != 2:
        await stale_button(update, context)
        return None
    async with context.store.read() as repos:
        post = await repos.posts.get(data.int_arg() or 0)
    field = data.args[1]
    if await current_member(update, context) is None:
        return None
    if post is None or post.author_id != user.id or post.status not in LIVE_STATUSES:
        await stale_button(update, context)
        return None
    if field == "extra":
        step = Step.WHEN if post.kind is PostKind.NEED else Step.CONDITIONS
    elif field in _EDIT_STEPS:
        step = _EDIT_STEPS[field]
    else:
        await stale_button(update, context)
        return None
    await query.answer()
    return await _ask(update, context, Session.of_post(post, step))


async def _advance(update: Update, context: BotContext, session: Session) -> object:
    session.step = following(session, session.step)
    if session.step is Step.PREVIEW:
        return await show_preview(update, context, session)
    return await _ask(update, context, session)


def text_answer(step: Step) -> Answer:
    """The handler of a typed answer to step."""

    async def answer(update: Update, context: BotContext) -> object:
        session, message = session_at(context, step), update.effective_message
        if session is None:
            return await lost(update, context)
        if message is None or message.text is None:
            return None
        if step in (Step.PLACE, Step.PLACE_TOWN):
            return await _typed_town(update, context, session, message.text)
        try:
            keep_text(context, session, message.text)
        except InvalidInput as problem:
            await send(update, context.t(problem.key, **problem.params))
            return await _ask(update, context, session)
        return await _advance(update, context, session)

    return answer


async def _typed_town(update: Update, context: BotContext, session: Session, text: str) -> object:
    t = context.t
    lookup = context.network.find_municipality(text[:_PLACE_QUERY_MAX])
    if lookup.exact is not None:
        session.place = town(context, lookup.exact.key)
        return await _advance(update, context, session)
    session.step = Step.PLACE_TOWN
    save(context, session)
    rows = [[button(place.name, pack("pc", "town", place.key))] for place in lookup.suggestions]
    rows.append([button(t("posts.compose.cancel"), pack("pc", "cancel"))])
    key = "posts.place.suggest" if lookup.suggestions else "posts.place.not_found"
    await send(update, t(key), InlineKeyboardMarkup(rows))
    return Step.PLACE_TOWN


def button_answer(step: Step) -> Answer:
    """The handler of a button pressed at step."""

    async def answer(update: Update, context: BotContext) -> object:
        query, user = update.callback_query, update.effective_user
        data = parse(query.data if query else None)
        session = session_at(context, step)
        if query is None or user is None or data is None:
            return None
        if data.action == "cancel":
            return await cancel(update, context)
        if session is None:
            return await lost(update, context)
        if step is Step.PLACE and data.action == "place" and data.args in (("town",), ("comarca",)):
            await query.answer()
            session.step = Step.PLACE_TOWN if data.args[0] == "town" else Step.PLACE_COMARCA
            return await _ask(update, context, session)
        home = await _home(context, user.id) if step is Step.PLACE else None
        if not keep_button(context, session, data, home):
            await stale_button(update, context)
            return None
        await query.answer()
        return await _advance(update, context, session)

    return answer


async def file_answer(update: Update, context: BotContext) -> object:
    """A photo or PDF at the attachment step."""
    session, message = session_at(context, Step.ATTACHMENT), update.effective_message
    if session is None:
        return await lost(update, context)
    if message is None:
        return None
    try:
        keep_file(session, message)
    except InvalidInput as problem:
        await send(update, context.t(problem.key, **problem.params))
        return await _ask(update, context, session)
    return await _advance(update, context, session)


def wrong_input(step: Step) -> Answer:
    """Something other than the expected answer (a photo for a title, text for a button)."""

    async def answer(update: Update, context: BotContext) -> object:
        session = session_at(context, step)
        if session is None:
            return await lost(update, context)
        key = "posts.compose.text_expected" if step in TEXT_STEPS else "posts.compose.use_buttons"
        if step is Step.ATTACHMENT:
            key = "posts.compose.file_expected"
        await send(update, context.t(key))
        if step is Step.PREVIEW:
            return await show_preview(update, context, session)
        return await _ask(update, context, session)

    return answer


def _state(step: Step) -> list[BaseHandler[Update, BotContext, object]]:
    handlers: list[BaseHandler[Update, BotContext, object]] = []
    if step in TEXT_STEPS:
        handlers.append(MessageHandler(_TEXT, text_answer(step)))
    if step is Step.ATTACHMENT:
        handlers.append(MessageHandler(_FILE, file_answer))
    if step is Step.PREVIEW:
        handlers.append(CallbackQueryHandler(publish, pattern=pattern("pc", "publish")))
        handlers.append(CallbackQueryHandler(cancel, pattern=pattern("pc", "cancel")))
    else:
        handlers.append(CallbackQueryHandler(button_answer(step), pattern=pattern("pc")))
    handlers.append(MessageHandler(_OTHER, wrong_input(step)))
    return handlers


def conversation() -> ConversationHandler[BotContext]:
    """The persistent compose conversation: /post, the menu's Publish, My posts' Edit."""
    with warnings.catch_warnings():
        # Buttons are tracked per chat on purpose (per_message=False): every press is
        # checked against the current state, and older ones get the stale-button answer.
        warnings.filterwarnings("ignore", message=".*per_message=False", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("post", start, filters=filters.ChatType.PRIVATE),
                CallbackQueryHandler(start, pattern=pattern("post", "new")),
                CallbackQueryHandler(edit, pattern=pattern("pc", "edit")),
            ],
            states={step: _state(step) for step in Step},
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(stale_button, pattern=pattern("pc")),
            ],
            allow_reentry=True,
            per_message=False,
            name="post_compose",
            persistent=True,
        )
