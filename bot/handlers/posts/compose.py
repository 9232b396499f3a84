"""Compose a need or an offer step by step, preview it, then publish it (or save an edit).

The draft and its step live in user_data (bot/services/posts/drafts.py) and its question is the
chat's prompt (bot/handlers/prompts.py hands this module the messages while it is armed).
"""

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.buttons.posts import (
    ComposeCancel,
    ComposePlace,
    ComposePublish,
    ComposeTown,
    EditPostField,
    NewPost,
)
from bot.callbacks import unpack_any
from bot.context import BotContext
from bot.domain.posts import LIVE_STATUSES, InvalidInput, Place, PostKind
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.posts.preview import cancel, publish, show_preview
from bot.handlers.posts.steps import (
    ANSWERS,
    TEXT_STEPS,
    ask,
    keep,
    keep_button,
    keep_file,
    keep_text,
    lost,
    town,
)
from bot.handlers.prompts import PromptOwner
from bot.handlers.ui import answered, button, send
from bot.services.posts import drafts
from bot.services.posts.drafts import Session, Step, following, load
from bot.services.posts.publishing import check_can_post
from bot.services.prompts import Prompt

__all__ = ["OWNER", "handlers"]

_PLACE_QUERY_MAX = 200  # a typed place name longer than this is not a place name
# Place buttons that lead to one more question rather than answering.
_ASKS_MORE = {"town": Step.PLACE_TOWN, "comarca": Step.PLACE_COMARCA}
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


async def _ask(update: Update, context: BotContext, session: Session) -> None:
    home_label = None
    if session.step is Step.PLACE and update.effective_user is not None:
        home = await _home(context, update.effective_user.id)
        municipality = context.network.municipality(home.key or "") if home else None
        home_label = municipality.name if municipality else None
    await ask(update, context, session, home_label)


async def ask_again(update: Update, context: BotContext) -> None:
    """The draft's open question again, once /help was read or a new language chosen."""
    session = load(context)
    if session is None:
        return
    if session.step is Step.PREVIEW:
        await show_preview(update, context, session)
        return
    await _ask(update, context, session)


async def start(update: Update, context: BotContext) -> None:
    """Start a new post (or resume the draft in progress) after checking the limits."""
    found = await current_member(update, context)
    if found is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    try:
        async with context.store.read() as repos:
            await check_can_post(repos, context.services, found[0].user_id, context.now())
    except InvalidInput as problem:
        await send(update, context.t(problem.key, **problem.params))
        return
    session = load(context)
    if session is not None and not session.editing:
        await send(update, context.t("posts.compose.resuming"))
        if session.step is Step.PREVIEW:
            await show_preview(update, context, session)
        else:
            await _ask(update, context, session)
        return
    session = Session()
    await send(update, context.t("posts.compose.intro"))
    await _ask(update, context, session)


async def edit(update: Update, context: BotContext) -> None:
    """An Edit button of My posts: ask that one question again, then show the preview."""
    query, user = update.callback_query, update.effective_user
    pressed = EditPostField.unpack(query.data if query else None)
    if query is None or user is None or pressed is None:
        await stale_button(update, context)
        return
    async with context.store.read() as repos:
        post = await repos.posts.get(pressed.post_id)
    field = pressed.field
    if await current_member(update, context) is None:
        return
    if post is None or post.author_id != user.id or post.status not in LIVE_STATUSES:
        await stale_button(update, context)
        return
    if field == "extra":
        step = Step.WHEN if post.kind is PostKind.NEED else Step.CONDITIONS
    elif field in _EDIT_STEPS:
        step = _EDIT_STEPS[field]
    else:
        await stale_button(update, context)
        return
    await query.answer()
    await _ask(update, context, Session.of_post(post, step))


async def _advance(update: Update, context: BotContext, session: Session) -> None:
    session.step = following(session, session.step)
    if session.step is Step.PREVIEW:
        await show_preview(update, context, session)
    else:
        await _ask(update, context, session)


async def on_message(update: Update, context: BotContext) -> None:
    """A message while the draft's question is pending: the answer, or say what is expected."""
    session, message = load(context), update.effective_message
    if session is None:
        await lost(update, context)
        return
    if message is None:
        return
    step = session.step
    if message.text is not None and step in TEXT_STEPS:
        await _text_answer(update, context, session, message.text)
    elif step is Step.ATTACHMENT and (message.photo or message.document is not None):
        await _file_answer(update, context, session)
    else:
        await _wrong_input(update, context, session)


async def _text_answer(update: Update, context: BotContext, session: Session, text: str) -> None:
    if session.step in (Step.PLACE, Step.PLACE_TOWN):
        await _typed_town(update, context, session, text)
        return
    try:
        keep_text(context, session, text)
    except InvalidInput as problem:
        await send(update, context.t(problem.key, **problem.params))
        await _ask(update, context, session)
        return
    await _advance(update, context, session)


async def _typed_town(update: Update, context: BotContext, session: Session, text: str) -> None:
    t = context.t
    lookup = context.network.find_municipality(text[:_PLACE_QUERY_MAX])
    if lookup.exact is not None:
        session.place = town(context, lookup.exact.key)
        await _advance(update, context, session)
        return
    session.step = Step.PLACE_TOWN
    keep(update, context, session)
    rows = [
        [button(place.name, ComposeTown(municipality=place.key).pack())]
        for place in lookup.suggestions
    ]
    rows.append([button(t("posts.compose.cancel"), ComposeCancel().pack())])
    key = "posts.place.suggest" if lookup.suggestions else "posts.place.not_found"
    await send(update, t(key), InlineKeyboardMarkup(rows))


async def _file_answer(update: Update, context: BotContext, session: Session) -> None:
    message = update.effective_message
    if message is None:
        return
    try:
        await keep_file(context, session, message)
    except InvalidInput as problem:
        await send(update, context.t(problem.key, **problem.params))
        await _ask(update, context, session)
        return
    await _advance(update, context, session)


async def _wrong_input(update: Update, context: BotContext, session: Session) -> None:
    """Something other than the expected answer (a photo for a title, text for a button)."""
    step = session.step
    key = "posts.compose.text_expected" if step in TEXT_STEPS else "posts.compose.use_buttons"
    if step is Step.ATTACHMENT:
        key = "posts.compose.file_expected"
    await send(update, context.t(key))
    if step is Step.PREVIEW:
        await show_preview(update, context, session)
    else:
        await _ask(update, context, session)


async def press(update: Update, context: BotContext) -> None:
    """A compose button: Edit, Cancel, Publish, or the answer to the current question."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    data = query.data
    if EditPostField.unpack(data) is not None:
        await edit(update, context)
        return
    if ComposeCancel.unpack(data) is not None:
        await cancel(update, context)
        return
    session = load(context)
    if session is None:
        await stale_button(update, context)  # a button of a draft already sent or cancelled
        return
    step = session.step
    if ComposePublish.unpack(data) is not None:
        if step is Step.PREVIEW:
            await publish(update, context)
        else:
            await stale_button(update, context)
        return
    answer = unpack_any(data, *ANSWERS)
    if step is Step.PLACE and isinstance(answer, ComposePlace) and answer.place in _ASKS_MORE:
        await query.answer()
        session.step = _ASKS_MORE[answer.place]
        await _ask(update, context, session)
        return
    home = await _home(context, user.id) if step is Step.PLACE else None
    if answer is None or not keep_button(context, session, answer, home):
        await stale_button(update, context)
        return
    await query.answer()
    await answered(update)
    await _advance(update, context, session)


async def set_aside(update: Update, context: BotContext, _prompt: Prompt) -> None:
    """Moved on: a new post's draft stays, an unsaved edit of a published post is dropped."""
    session = load(context)
    if session is None:
        return
    if session.post_id is None:
        # Said, or the member's next answer looks ignored.
        await send(update, context.t("posts.compose.set_aside"))
        return
    drafts.discard(context)
    async with context.store.read() as repos:
        post = await repos.posts.get(session.post_id)
    title = post.title if post is not None else session.title or ""
    await send(update, context.t("posts.edit.discarded", title=title))


OWNER = PromptOwner(
    answer=on_message,
    cancel=cancel,
    # Its own buttons, reading /help or switching language do not abandon a post being written.
    keeps_commands=frozenset({"help", "language"}),
    keeps_features=frozenset({ComposeCancel.FEATURE, "help", "lang"}),
    set_aside=set_aside,
    resume=ask_again,
)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/post, the menu's Publish and every compose button (typed answers come via the router)."""
    return [
        CommandHandler("post", start, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(start, pattern=NewPost.pattern()),
        CallbackQueryHandler(press, pattern=ComposeCancel.feature_pattern()),
    ]
