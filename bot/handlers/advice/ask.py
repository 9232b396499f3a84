"""Ask for advice: the type, a description, up to five files, how to talk, then a summary
with Edit and Send. The draft and its step live in user_data, so a restart resumes it."""

import html
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.buttons.advice import (
    AdviceDone,
    AdviceEdit,
    AdviceEditPart,
    AdviceSend,
    AskType,
    ChooseContact,
    NewAdvice,
)
from bot.callbacks import CallbackData
from bot.context import BotContext
from bot.domain.advice import ASKABLE, DESCRIPTION_MAX, FILES_MAX, ContactWay, check_description
from bot.domain.posts import InvalidInput
from bot.handlers import prompts
from bot.handlers.advice.files import attachment_of, has_file
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.prompts import PromptOwner
from bot.handlers.ui import answered, button, pairs, send
from bot.services.advice import requests
from bot.services.advice.requests import DRAFT, Draft, Step
from bot.services.prompts import Flow

__all__ = ["OWNER", "handlers"]

_PARTS = {"type": Step.TYPE, "text": Step.DESCRIPTION, "files": Step.FILES, "contact": Step.CONTACT}


def _keyboard(rows: Sequence[Sequence[tuple[str, CallbackData]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(label, data.pack()) for label, data in row] for row in rows]
    )


async def _ask(update: Update, context: BotContext, draft: Draft) -> None:
    """Ask the question of the draft's step (and keep the draft and the prompt)."""
    DRAFT.save(context, draft)
    prompts.arm(update, context, Flow.ADVICE)
    t = context.t
    keyboard: InlineKeyboardMarkup | None = None
    match draft.step:
        case Step.TYPE:
            text = t("advice.ask.type")
            keyboard = InlineKeyboardMarkup(
                pairs(
                    [
                        button(t(f"advice.type.{kind.value}"), AskType(type=kind).pack())
                        for kind in ASKABLE
                    ]
                )
            )
        case Step.DESCRIPTION:
            text = t("advice.ask.description", limit=DESCRIPTION_MAX)
        case Step.FILES:
            text = t("advice.ask.files", limit=FILES_MAX)
            keyboard = _keyboard([[(t("advice.ask.done"), AdviceDone())]])
        case Step.CONTACT:
            text = t("advice.ask.contact")
            keyboard = _keyboard(
                [[(t(f"advice.contact.{way.value}"), ChooseContact(way=way))] for way in ContactWay]
            )
        case Step.SUMMARY:
            text = _summary(context, draft)
            keyboard = _keyboard(
                [[(t("advice.ask.edit"), AdviceEdit()), (t("advice.ask.send"), AdviceSend())]]
            )
    sent = await send(update, text, keyboard)
    if draft.step is Step.FILES:
        # Done goes once a file is sent (a new Done comes with the answer); the choices of
        # the other steps stay, since typing there is answered with "use the buttons".
        prompts.asked_with_buttons(update, context, sent)


def _summary(context: BotContext, draft: Draft) -> str:
    t = context.t
    names = [html.escape(file.name or t("advice.ask.photo"), quote=False) for file in draft.files]
    return t(
        "advice.ask.summary",
        type=t(f"advice.type.{draft.type.value}") if draft.type else "",
        text=draft.description or "",
        files_html="\n".join(f"📎 {name}" for name in names) or t("advice.ask.no_files"),
        contact=t(f"advice.contact.{draft.contact.value}") if draft.contact else "",
    )


def _next(draft: Draft, step: Step) -> Draft:
    """The draft moved on from step: to the summary when editing one part from it."""
    following = {
        Step.TYPE: Step.DESCRIPTION,
        Step.DESCRIPTION: Step.FILES,
        Step.FILES: Step.CONTACT,
        Step.CONTACT: Step.SUMMARY,
    }
    return draft.model_copy(update={"step": Step.SUMMARY if draft.editing else following[step]})


async def start(update: Update, context: BotContext) -> None:
    """/advice or the menu's entry: a new request, from its type."""
    if await current_member(update, context) is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await _ask(update, context, Draft())


async def on_button(update: Update, context: BotContext) -> None:
    """The buttons of the steps: type, Done, contact, Edit, a part to edit, Send."""
    query = update.callback_query
    draft = DRAFT.load(context)
    if query is None:
        return
    if draft is None or await current_member(update, context) is None:
        await stale_button(update, context)
        return
    data = query.data
    if (kind := AskType.unpack(data)) is not None and draft.step is Step.TYPE:
        await query.answer()
        await answered(update)
        await _ask(update, context, _next(draft.model_copy(update={"type": kind.type}), Step.TYPE))
    elif AdviceDone.unpack(data) is not None and draft.step is Step.FILES:
        await query.answer()
        await answered(update)
        await _ask(update, context, _next(draft, Step.FILES))
    elif (way := ChooseContact.unpack(data)) is not None and draft.step is Step.CONTACT:
        await query.answer()
        await answered(update)
        chosen = draft.model_copy(update={"contact": way.way})
        await _ask(update, context, _next(chosen, Step.CONTACT))
    elif AdviceEdit.unpack(data) is not None and draft.step is Step.SUMMARY:
        await query.answer()
        t = context.t
        rows = [[(t(f"advice.edit.{part}"), AdviceEditPart(part=part))] for part in _PARTS]
        await send(update, t("advice.edit.which"), _keyboard(rows))
    elif (part := AdviceEditPart.unpack(data)) is not None and part.part in _PARTS:
        await query.answer()
        await answered(update)
        step = _PARTS[part.part]
        files = [] if step is Step.FILES else draft.files  # the files are sent again
        await _ask(
            update,
            context,
            draft.model_copy(update={"step": step, "editing": True, "files": files}),
        )
    elif AdviceSend.unpack(data) is not None and draft.step is Step.SUMMARY:
        await _submit(update, context, draft)
    else:
        await stale_button(update, context)


async def _submit(update: Update, context: BotContext, draft: Draft) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    try:
        case = await requests.submit(
            context.services, member_id=user.id, draft=draft, now=context.now()
        )
    except InvalidInput as problem:
        await query.answer(context.t(problem.key, **problem.params), show_alert=True)
        return
    await query.answer()
    await answered(update)
    DRAFT.discard(context)
    prompts.clear(update, context, Flow.ADVICE)
    await send(update, context.t("advice.ask.sent", case=case.id))


async def on_message(update: Update, context: BotContext) -> None:
    """The description, or a file; anything else at a step says what it waits for."""
    message, draft = update.effective_message, DRAFT.load(context)
    if message is None:
        return
    if draft is None:
        prompts.clear(update, context, Flow.ADVICE)
        return
    t = context.t
    if draft.step is Step.DESCRIPTION:
        if message.text is None:
            await send(update, t("advice.error.text_please", limit=DESCRIPTION_MAX))
            return
        try:
            text = check_description(message.text)
        except InvalidInput as problem:
            await send(update, t(problem.key, **problem.params))
            return
        await _ask(
            update, context, _next(draft.model_copy(update={"description": text}), Step.DESCRIPTION)
        )
    elif draft.step is Step.FILES:
        await _file(update, context, draft)
    elif has_file(message) and len(draft.files) >= FILES_MAX:
        await send(update, t("advice.error.too_many_files", limit=FILES_MAX))
    else:
        await send(update, t("advice.error.use_buttons"))


async def _file(update: Update, context: BotContext, draft: Draft) -> None:
    message, t = update.effective_message, context.t
    if message is None:
        return
    done = _keyboard([[(t("advice.ask.done"), AdviceDone())]])
    if not has_file(message):
        await send(update, t("advice.error.file_please", limit=FILES_MAX), done)
        return
    try:
        file = await attachment_of(message, context, already=len(draft.files))
    except InvalidInput as problem:
        await send(update, t(problem.key, **problem.params), done)
        return
    draft = draft.model_copy(update={"files": [*draft.files, file]})
    DRAFT.save(context, draft)
    if len(draft.files) >= FILES_MAX:
        await _ask(update, context, _next(draft, Step.FILES))
        return
    sent = await send(
        update, t("advice.ask.file_kept", count=len(draft.files), limit=FILES_MAX), done
    )
    prompts.asked_with_buttons(update, context, sent)


async def cancel(update: Update, context: BotContext) -> None:
    """Leave the request without sending it."""
    DRAFT.discard(context)
    await send(update, context.t("advice.ask.cancelled"))


async def resume(update: Update, context: BotContext) -> None:
    """Ask the open question again (after /help or a new language)."""
    draft = DRAFT.load(context)
    if draft is not None:
        await _ask(update, context, draft)


OWNER = PromptOwner(
    answer=on_message,
    cancel=cancel,
    keeps_features=frozenset({AskType.FEATURE}),
    keeps_commands=frozenset({"help"}),
    resume=resume,
)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/advice, the menu's entry and the steps' buttons (the typed answers come through the
    prompt)."""
    return [
        CommandHandler("advice", start),
        CallbackQueryHandler(start, pattern=NewAdvice.pattern()),
        CallbackQueryHandler(on_button, pattern=AskType.feature_pattern()),
    ]
