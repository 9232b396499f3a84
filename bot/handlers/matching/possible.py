"""Possible matches under one's own post, and their Interested / Not relevant buttons."""

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.buttons.matching import PossibleInterested, PossibleMatches, PossibleNotRelevant
from bot.buttons.posts import MyPost
from bot.callbacks import patterns, unpack_any
from bot.context import BotContext
from bot.domain.matches import Answer, AnswerResult
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.posts.mine import own_post
from bot.handlers.ui import button, send
from bot.i18n import N_
from bot.services.matching.possible import answer_possible, possible_matches

__all__ = ["handlers"]

_ANSWERS = {PossibleInterested: Answer.INTERESTED, PossibleNotRelevant: Answer.NOT_RELEVANT}
_REPLIES = {
    AnswerResult.WAITING: N_("matching.answer.interested"),
    AnswerResult.DECLINED: N_("matching.answer.not_relevant"),
    AnswerResult.INTRODUCE: N_("matching.answer.introduced"),
    AnswerResult.NOT_WANTED: N_("matching.answer.not_wanted"),
}


async def show(update: Update, context: BotContext) -> None:
    """List the post's possible matches, each with why and its two buttons."""
    found = await own_post(update, context, PossibleMatches)
    if found is None:
        return
    post, t = found[0], context.t
    async with context.store.read() as repos:
        shown = await possible_matches(repos, context.services, post.id, t, context.now())
    if update.callback_query is not None:
        await update.callback_query.answer()
    back = [button(t("matching.possible.back"), MyPost(post_id=post.id).pack())]
    if not shown:
        await send(
            update, t("matching.possible.none", title=post.title), InlineKeyboardMarkup([back])
        )
        return
    lines = [t("matching.possible.title", title=post.title), ""]
    rows = []
    for number, match in enumerate(shown, start=1):
        lines.append(t("matching.possible.line", number=number, title=match.title))
        if match.why_html:
            lines.append(match.why_html)
        rows.append(
            [
                button(
                    t("matching.possible.interested", number=number),
                    PossibleInterested(post_id=post.id, other_id=match.post_id).pack(),
                ),
                button(
                    t("matching.possible.not_relevant", number=number),
                    PossibleNotRelevant(post_id=post.id, other_id=match.post_id).pack(),
                ),
            ]
        )
    await send(update, "\n".join(lines), InlineKeyboardMarkup([*rows, back]))


async def answer(update: Update, context: BotContext) -> None:
    """Interested starts the double opt-in; Not relevant drops it for good."""
    query = update.callback_query
    pressed = unpack_any(query.data if query else None, *_ANSWERS)
    if query is None or pressed is None:
        await stale_button(update, context)
        return
    found = await current_member(update, context)
    if found is None:
        return
    async with context.store.write() as repos:
        result = await answer_possible(
            repos,
            context.services,
            pressed.post_id,
            pressed.other_id,
            found[0],
            _ANSWERS[type(pressed)],
            context.now(),
        )
    if result is None:
        await stale_button(update, context)
        return
    if result is AnswerResult.ALREADY:
        await query.answer(context.t("matching.answer.already"), show_alert=True)
        return
    await query.answer()
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(context.t(_REPLIES[result]))


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The possible-matches list and its buttons."""
    return [
        CallbackQueryHandler(show, pattern=patterns(PossibleMatches)),
        CallbackQueryHandler(answer, pattern=patterns(*_ANSWERS)),
    ]
