"""Members' own events: the member writes the form in private; the board approves or rejects
it (with a reason, a reply to the bot's prompt) from the card in the group."""

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.buttons.summits import ApproveEvent, ProposeEvent, RejectEvent
from bot.context import BotContext
from bot.domain.board import Actor
from bot.handlers import prompts
from bot.handlers.board.reasons import ReasonFlow
from bot.handlers.board.ui import board_t
from bot.handlers.guards import current_member
from bot.handlers.prompts import PromptOwner
from bot.handlers.summits.board import problems_text
from bot.handlers.ui import send
from bot.i18n import Safe
from bot.services.prompts import Flow, Prompt
from bot.services.summits import proposals
from bot.views.summits import card_html

__all__ = ["MEMBER_OWNER", "REJECT_OWNER", "board_handlers", "member_handlers"]


async def ask(update: Update, context: BotContext) -> None:
    """Propose an event: ask for the form, as the board's."""
    if await current_member(update, context) is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    prompts.arm(update, context, Flow.PROPOSE_EVENT)
    await send(update, context.t("summits.propose.ask"))


async def take_form(update: Update, context: BotContext) -> None:
    """The form, typed in private: stored for the board, or its problems listed."""
    message = update.effective_message
    found = await current_member(update, context)
    if message is None or found is None:
        prompts.clear(update, context, Flow.PROPOSE_EVENT)
        return
    t = context.t
    if message.text is None:
        await send(update, t("summits.form.text_only_private"))
        return
    member, entity = found
    proposed = await proposals.propose(
        context.services, message.text, member=member, entity=entity, now=context.now()
    )
    if proposed.summit is None:
        await send(update, problems_text(t, proposed.problems, private=True))
        return
    prompts.clear(update, context, Flow.PROPOSE_EVENT)
    card = card_html(proposed.summit, t, context.settings.tz)
    await send(update, t("summits.propose.sent", card_html=Safe(card)))


async def cancel(update: Update, context: BotContext) -> None:
    """Leave without proposing anything."""
    prompts.clear(update, context, Flow.PROPOSE_EVENT)
    await send(update, context.t("summits.form.cancelled"))


MEMBER_OWNER = PromptOwner(answer=take_form, cancel=cancel, keeps_commands=frozenset({"help"}))


def _actor(update: Update) -> Actor:
    user = update.effective_user
    assert user is not None  # noqa: S101 - board_only checked who is asking
    return Actor.named(user.id, user.full_name, user.username)


async def on_approve(update: Update, context: BotContext) -> None:
    """Publish the member's event and announce it."""
    query = update.callback_query
    pressed = ApproveEvent.unpack(query.data if query else None)
    if query is None or pressed is None:
        return
    t = board_t(context)
    decided = await proposals.approve(
        context.services, pressed.summit_id, actor=_actor(update), now=context.now()
    )
    if not decided.done or decided.summit is None:
        await query.answer(t("summits.proposal.already"), show_alert=True)
        return
    await query.answer()
    card = card_html(decided.summit, t, context.settings.tz)
    text = t(
        "summits.proposal.approved_board",
        card_html=Safe(card),
        by=_actor(update).name,
        count=decided.announced,
    )
    await query.edit_message_text(text)


async def on_reject(update: Update, context: BotContext) -> None:
    """Ask the board member who pressed Reject for the reason."""
    query = update.callback_query
    pressed = RejectEvent.unpack(query.data if query else None)
    if query is None or pressed is None:
        return
    async with context.store.read() as repos:
        summit = await repos.summits.get(pressed.summit_id)
    t = board_t(context)
    if summit is None or summit.status.value != "proposed":
        await query.answer(t("summits.proposal.already"), show_alert=True)
        return
    await query.answer()
    await _FLOW.ask(
        update,
        context,
        "summits.proposal.reject_prompt",
        subject_id=summit.id,
        card=query.message,
        title=summit.title(t.locale),
    )


async def _decide(message: Message, context: BotContext, prompt: Prompt, reason: str) -> None:
    t, user = board_t(context), message.from_user
    if user is None or prompt.subject_id is None:
        return
    actor = Actor.named(user.id, user.full_name, user.username)
    decided = await proposals.reject(
        context.services, prompt.subject_id, reason, actor=actor, now=context.now()
    )
    if not decided.done or decided.summit is None:
        await message.reply_text(t("summits.proposal.already"))
        return
    title = decided.summit.title(t.locale)
    if prompt.card_message_id is not None:
        await context.bot.edit_message_text(
            t("summits.proposal.rejected_board", title=title, by=actor.name, reason=reason),
            chat_id=message.chat_id,
            message_id=prompt.card_message_id,
        )
    await message.reply_text(t("summits.proposal.reason_done", title=title))


_FLOW = ReasonFlow(
    flow=Flow.REJECT_EVENT,
    too_long="posts.board.reason_invalid",
    text_only="posts.board.reason_text_only",
    cancelled="summits.proposal.reason_cancelled",
    decide=_decide,
)
REJECT_OWNER = _FLOW.owner()


def member_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Propose an event (the form comes through the prompt router)."""
    return [CallbackQueryHandler(ask, pattern=ProposeEvent.pattern())]


def board_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Approve or Reject under a member's proposal."""
    return [
        CallbackQueryHandler(on_approve, pattern=ApproveEvent.pattern()),
        CallbackQueryHandler(on_reject, pattern=RejectEvent.pattern()),
    ]
