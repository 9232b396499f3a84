"""The member's cases: "My requests" with each case's status and history, answering the
board under its message (the button, or Telegram's own reply), and rating closed cases."""

from datetime import tzinfo

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.buttons.advice import AnswerCase, MyRequests, RateCase, ShowMyCase
from bot.context import BotContext
from bot.domain.advice import REPLY_MAX, Attachment, CaseEntry, Side, check_reply
from bot.domain.posts import InvalidInput
from bot.handlers import prompts
from bot.handlers.advice.board import refresh_card
from bot.handlers.advice.files import attachment_of, has_file
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.prompts import PromptOwner
from bot.handlers.ui import answered, button, send
from bot.i18n import Translator
from bot.services.advice import requests
from bot.services.advice.messages import status_label
from bot.services.prompts import Flow

__all__ = ["OWNER", "arm_for_reply", "handlers"]


async def my_requests(update: Update, context: BotContext) -> None:
    """/requests: the member's cases, newest first, each with its status."""
    user, t = update.effective_user, context.t
    if user is None or await current_member(update, context) is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    cases = await requests.my_cases(context.services, user.id)
    if not cases:
        await send(update, t("advice.mine.none"))
        return
    rows = [
        [
            button(
                t(
                    "advice.mine.item",
                    case=case.id,
                    type=t(f"advice.type.{case.type.value}"),
                    status=status_label(t, case),
                ),
                ShowMyCase(case_id=case.id).pack(),
            )
        ]
        for case in cases[:20]
    ]
    await send(update, t("advice.mine.title"), InlineKeyboardMarkup(rows))


def _history(t: Translator, entries: list[CaseEntry], tz: tzinfo) -> str:
    lines = []
    for entry in entries:
        who = (
            t("advice.thread.you")
            if entry.side is Side.MEMBER
            else t("advice.thread.board", name=entry.author_name)
        )
        file = t("advice.thread.file") if entry.attachment is not None else ""
        at = entry.at.astimezone(tz).strftime("%d/%m %H:%M")
        lines.append(t("advice.thread.line", at=at, who=who, text=entry.text, file=file))
    return "\n".join(lines)


async def show(update: Update, context: BotContext) -> None:
    """One of the member's cases with its status and history."""
    query, user, t = update.callback_query, update.effective_user, context.t
    pressed = ShowMyCase.unpack(query.data if query else None)
    if query is None or user is None or await current_member(update, context) is None:
        return
    found = await requests.my_case(context.services, user.id, pressed.case_id) if pressed else None
    if found is None:
        await stale_button(update, context)
        return
    await query.answer()
    case = found.case
    text = t(
        "advice.mine.case",
        case=case.id,
        type=t(f"advice.type.{case.type.value}"),
        status=status_label(t, case),
        text=case.description,
        history_html=_history(t, found.entries, context.settings.tz) or t("advice.thread.empty"),
    )
    keyboard = None
    if case.status.value != "closed":
        keyboard = InlineKeyboardMarkup(
            [[button(t("advice.member.answer"), AnswerCase(case_id=case.id).pack())]]
        )
    await send(update, text, keyboard)


async def _arm(update: Update, context: BotContext, case_id: int) -> bool:
    """Arm the answer for case_id, or say why it cannot be answered."""
    user = update.effective_user
    if user is None:
        return False
    try:
        await requests.answerable(context.services, user.id, case_id)
    except InvalidInput as problem:
        text = context.t(problem.key, **problem.params)
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        else:
            await send(update, text)
        return False
    prompts.arm(update, context, Flow.CASE_ANSWER, subject_id=case_id)
    return True


async def answer_button(update: Update, context: BotContext) -> None:
    """Answer under a board message: the next message (text or a file) goes to the case."""
    query = update.callback_query
    pressed = AnswerCase.unpack(query.data if query else None)
    if query is None or await current_member(update, context) is None:
        return
    if pressed is None:
        await stale_button(update, context)
        return
    if await _arm(update, context, pressed.case_id):
        await query.answer()
        await send(
            update, context.t("advice.member.ask_answer", case=pressed.case_id, limit=REPLY_MAX)
        )


async def arm_for_reply(update: Update, context: BotContext, replied_id: int) -> bool | None:
    """Telegram's own reply to a message of a case: its answer, as the button would arm it."""
    chat = update.effective_chat
    if chat is None:
        return None
    case_id = await requests.case_replied_to(context.services, chat.id, replied_id)
    if case_id is None:
        return None
    if await current_member(update, context) is None:
        return False
    return await _arm(update, context, case_id)


async def on_answer(update: Update, context: BotContext) -> None:
    """The member's answer: text, or a file with an optional caption."""
    message, user, t = update.effective_message, update.effective_user, context.t
    slot = prompts.current(update, context, Flow.CASE_ANSWER)
    if message is None or user is None or slot is None or slot.subject_id is None:
        return
    if await current_member(update, context) is None:
        prompts.clear(update, context, Flow.CASE_ANSWER)
        return
    try:
        attachment: Attachment | None = None
        if has_file(message):
            attachment = await attachment_of(message, context, already=0)
            text = check_reply(message.caption) if message.caption else ""
        elif message.text is not None:
            text = check_reply(message.text)
        else:
            raise InvalidInput("advice.error.text_or_file")
        await requests.answer(
            context.services,
            member_id=user.id,
            case_id=slot.subject_id,
            text=text,
            attachment=attachment,
            now=context.now(),
        )
    except InvalidInput as problem:
        if problem.key in ("advice.error.closed", "advice.error.unknown_case"):
            prompts.clear(update, context, Flow.CASE_ANSWER)
        await send(update, t(problem.key, **problem.params))
        return
    prompts.clear(update, context, Flow.CASE_ANSWER)
    await send(update, t("advice.member.answer_sent", case=slot.subject_id))
    await refresh_card(context, slot.subject_id)


async def cancel(update: Update, context: BotContext) -> None:
    """Leave without answering."""
    await send(update, context.t("advice.member.answer_cancelled"))


async def rate(update: Update, context: BotContext) -> None:
    """A rating of a closed case, from 1 to 5 (once)."""
    query, user = update.callback_query, update.effective_user
    pressed = RateCase.unpack(query.data if query else None)
    if query is None or user is None:
        return
    rated = pressed is not None and await requests.rate(
        context.services,
        member_id=user.id,
        case_id=pressed.case_id,
        stars=pressed.stars,
        now=context.now(),
    )
    if not rated:
        await stale_button(update, context)
        return
    await query.answer(context.t("advice.member.rated"), show_alert=True)
    await answered(update)


OWNER = PromptOwner(answer=on_answer, cancel=cancel)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/requests, a case's history, Answer and the rating's stars."""
    return [
        CommandHandler("requests", my_requests),
        CallbackQueryHandler(my_requests, pattern=MyRequests.pattern()),
        CallbackQueryHandler(show, pattern=ShowMyCase.pattern()),
        CallbackQueryHandler(answer_button, pattern=AnswerCase.pattern()),
        CallbackQueryHandler(rate, pattern=RateCase.pattern()),
    ]
