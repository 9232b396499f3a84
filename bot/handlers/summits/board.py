"""The board writes a summit: /summit and its form, preview, Publish; Edit and Cancel later.

The form is one message of "Field: value" lines (bot/domain/summit_form.py), given after the
command or as a reply to the bot's prompt (only a reply counts in the group). Every problem
is listed at once and nothing is kept until the form reads; the preview shows the times back
in words, for the board to check before publishing.
"""

import re

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.buttons.summits import (
    CancelSummit,
    CheckIn,
    ConfirmCancel,
    DiscardSummit,
    EditSummit,
    ExportAttendees,
    PublishSummit,
    ShareMaterials,
    SummitPoster,
)
from bot.callbacks import patterns
from bot.context import BotContext
from bot.domain.board import Actor
from bot.domain.summit_form import FormProblem
from bot.domain.summits import Summit, SummitStatus
from bot.handlers import prompts
from bot.handlers.board.ui import board_t
from bot.handlers.guards import board_only
from bot.handlers.prompts import PromptOwner
from bot.handlers.summits.audience import draft_markup, preview_text
from bot.handlers.ui import button, send
from bot.i18n import N_, Safe, Translator
from bot.services.prompts import Flow
from bot.services.summits import board as summits
from bot.views.summits import card_html

__all__ = ["OWNER", "handlers", "problems_text", "tools_markup"]

_COMMAND = re.compile(r"^/summit(?:@\w+)?\s*", re.IGNORECASE)
_EDIT = "edit"


def _actor(update: Update) -> Actor:
    user = update.effective_user
    assert user is not None  # noqa: S101 - board_only checked who is asking
    return Actor.named(user.id, user.full_name, user.username)


def problems_text(t: Translator, problems: list[FormProblem], *, private: bool = False) -> str:
    """Every problem of a form, under a line that says how to try again."""
    lines = [t(N_("summits.form.problems_private") if private else N_("summits.form.problems"))]
    lines += [f"• {t(p.key, **p.params)}" for p in problems]
    return "\n".join(lines)


def tools_markup(t: Translator, summit: Summit) -> InlineKeyboardMarkup:
    """The board's buttons under a published summit."""
    sid = summit.id
    rows = [
        [
            button(t("summits.board.edit"), EditSummit(summit_id=sid).pack()),
            button(t("summits.board.cancel"), CancelSummit(summit_id=sid).pack()),
        ],
        [
            button(t("summits.board.checkin"), CheckIn(summit_id=sid).pack()),
            button(t("summits.board.export"), ExportAttendees(summit_id=sid).pack()),
        ],
        [
            button(t("summits.board.poster"), SummitPoster(summit_id=sid).pack()),
            button(t("summits.board.share"), ShareMaterials(summit_id=sid).pack()),
        ],
    ]
    return InlineKeyboardMarkup(rows)


async def start(update: Update, context: BotContext) -> None:
    """/summit: the form after the command, or ask for it."""
    message = update.effective_message
    if message is None:
        return
    prompts.clear(update, context, Flow.SUMMIT_FORM)
    text = _COMMAND.sub("", message.text or "", count=1)
    if text.strip():
        await _take_form(update, context, message, text)
        return
    prompt = prompts.arm(update, context, Flow.SUMMIT_FORM)
    if prompt is not None:
        await prompts.reask_in_group(context, prompt, board_t(context)("summits.ask_form"), message)


async def _take_form(update: Update, context: BotContext, message: Message, text: str) -> None:
    t = board_t(context)
    drafted = await summits.draft(context.services, text, actor=_actor(update), now=context.now())
    if drafted.summit is None:
        prompt = prompts.current(update, context, Flow.SUMMIT_FORM) or prompts.arm(
            update, context, Flow.SUMMIT_FORM
        )
        if prompt is not None:
            await prompts.reask_in_group(
                context, prompt, problems_text(t, drafted.problems), message
            )
        return
    prompts.clear(update, context, Flow.SUMMIT_FORM)
    summit = drafted.summit
    count = await summits.audience_size(context.services, summit)
    await message.reply_text(
        preview_text(context, summit, count), reply_markup=draft_markup(t, summit.id)
    )


async def _take_edit(update: Update, context: BotContext, message: Message, text: str) -> None:
    prompt = prompts.current(update, context, Flow.SUMMIT_FORM)
    if prompt is None or prompt.subject_id is None:
        return
    t = board_t(context)
    changed = await summits.change(
        context.services, prompt.subject_id, text, actor=_actor(update), now=context.now()
    )
    if changed.summit is None:
        if any(p.key == "summits.edit.gone" for p in changed.problems):
            prompts.clear(update, context, Flow.SUMMIT_FORM)
            await message.reply_text(t("summits.edit.gone"))
            return
        await prompts.reask_in_group(context, prompt, problems_text(t, changed.problems), message)
        return
    prompts.clear(update, context, Flow.SUMMIT_FORM)
    summit = changed.summit
    card = card_html(summit, t, context.settings.tz)
    text = t("summits.board.changed", card_html=Safe(card), told=changed.told)
    markup = tools_markup(t, summit) if summit.status is SummitStatus.PUBLISHED else None
    await message.reply_text(text, reply_markup=markup or draft_markup(t, summit.id))


@board_only
async def _answer(update: Update, context: BotContext) -> bool:
    message = update.effective_message
    prompt = prompts.current(update, context, Flow.SUMMIT_FORM)
    if message is None or prompt is None:
        return False
    if message.text is None:
        t = board_t(context)
        await prompts.reask_in_group(context, prompt, t("summits.form.text_only"), message)
        return True
    if prompt.action == _EDIT:
        await _take_edit(update, context, message, message.text)
    else:
        await _take_form(update, context, message, message.text)
    return True


async def answer(update: Update, context: BotContext) -> None:
    """A reply to the prompt: the form (its writer must still be on the board)."""
    if await _answer(update, context) is None:
        prompts.clear(update, context, Flow.SUMMIT_FORM)


async def cancel(update: Update, context: BotContext) -> None:
    """Leave without storing anything."""
    prompts.clear(update, context, Flow.SUMMIT_FORM)
    message = update.effective_message
    if message is not None:
        await message.reply_text(board_t(context)("summits.form.cancelled"))


OWNER = PromptOwner(answer=answer, cancel=cancel, keeps_commands=frozenset({"help"}))


async def on_draft_button(update: Update, context: BotContext) -> None:
    """Publish or Discard under a preview."""
    query = update.callback_query
    if query is None:
        return
    t = board_t(context)
    publish = PublishSummit.unpack(query.data)
    discard = DiscardSummit.unpack(query.data)
    if discard is not None:
        await query.answer()
        done = await summits.discard(context.services, discard.summit_id)
        key = N_("summits.board.discarded") if done else N_("summits.board.not_draft")
        await query.edit_message_text(t(key))
        return
    if publish is None:
        await query.answer()
        return
    summit, announced = await summits.publish(
        context.services, publish.summit_id, actor=_actor(update), now=context.now()
    )
    if summit is None or (announced == 0 and summit.status is not SummitStatus.PUBLISHED):
        await query.answer(t("summits.board.not_draft"), show_alert=True)
        return
    await query.answer()
    if announced == 0:
        return  # published by an earlier press: the message already says so
    card = card_html(summit, t, context.settings.tz)
    text = t("summits.board.published", card_html=Safe(card), count=announced)
    await query.edit_message_text(text, reply_markup=tools_markup(t, summit))


async def on_edit(update: Update, context: BotContext) -> None:
    """Ask the board member for the fields to change."""
    query = update.callback_query
    pressed = EditSummit.unpack(query.data if query else None)
    user = update.effective_user
    if query is None or pressed is None or user is None:
        return
    await query.answer()
    prompt = prompts.arm(
        update, context, Flow.SUMMIT_FORM, subject_id=pressed.summit_id, action=_EDIT
    )
    if prompt is not None:
        text = board_t(context)("summits.ask_edit", who=Safe(user.mention_html()))
        await prompts.ask_in_group(context, prompt, text)


async def on_cancel(update: Update, context: BotContext) -> None:
    """Cancel asks once more; Yes cancels and tells the attendees."""
    query = update.callback_query
    if query is None:
        return
    t = board_t(context)
    ask = CancelSummit.unpack(query.data)
    if ask is not None:
        await query.answer()
        markup = InlineKeyboardMarkup(
            [[button(t("summits.board.cancel_yes"), ConfirmCancel(summit_id=ask.summit_id).pack())]]
        )
        await send(update, t("summits.board.cancel_sure"), markup)
        return
    confirm = ConfirmCancel.unpack(query.data)
    if confirm is None:
        await query.answer()
        return
    cancelled = await summits.cancel(
        context.services, confirm.summit_id, actor=_actor(update), now=context.now()
    )
    await query.answer()
    summit = cancelled.summit
    if summit is None or not cancelled.done:
        await query.edit_message_text(t("summits.board.not_published"))
        return
    text = t("summits.board.cancelled", title=summit.title(t.locale), told=cancelled.told)
    await query.edit_message_text(text)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/summit, and the buttons of drafts and published summits (the form comes through the
    prompt router)."""
    return [
        CommandHandler("summit", start),
        CallbackQueryHandler(on_draft_button, pattern=patterns(PublishSummit, DiscardSummit)),
        CallbackQueryHandler(on_edit, pattern=EditSummit.pattern()),
        CallbackQueryHandler(on_cancel, pattern=patterns(CancelSummit, ConfirmCancel)),
    ]
