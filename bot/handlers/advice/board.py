"""The board's side of cases, in the board group: Claim, Unclaim, Close and Reopen on a
case's card, a Telegram reply to any of a case's messages answers its member, /cases and
/case N. Access (the group, current board members) is applied where app.py registers these."""

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.buttons.advice import ClaimCase, CloseCase, OnCase, ReopenCase, UnclaimCase
from bot.callbacks import patterns, unpack_any
from bot.context import BotContext
from bot.domain.advice import Attachment, Side, check_reply
from bot.domain.posts import InvalidInput
from bot.handlers.advice.files import attachment_of, has_file
from bot.handlers.board.ui import board_t
from bot.handlers.common import stale_button
from bot.handlers.ui import send
from bot.i18n import Translator
from bot.keyboards import inline_keyboard
from bot.services.advice import handling, requests
from bot.services.advice.handling import BoardCase
from bot.services.advice.messages import status_label

__all__ = ["handlers"]

_ACTIONS: dict[type[OnCase], str] = {
    ClaimCase: "claim",
    UnclaimCase: "unclaim",
    CloseCase: "close",
    ReopenCase: "reopen",
}

_LOGGER = logging.getLogger(__name__)


def _card(t: Translator, shown: BoardCase) -> tuple[str, InlineKeyboardMarkup]:
    card = shown.card
    keyboard = inline_keyboard(card.keyboard or [], lambda b: t(b.key, **b.params))
    return t(card.key, **card.params), keyboard


async def on_card_button(update: Update, context: BotContext) -> None:
    """Claim, Unclaim, Close or Reopen; the card shows the new status and its holder."""
    query, user = update.callback_query, update.effective_user
    pressed = unpack_any(query.data if query else None, *_ACTIONS)
    if query is None or user is None:
        return
    if pressed is None:
        await stale_button(update, context)
        return
    t = board_t(context)
    try:
        shown = await handling.change(
            context.services,
            _ACTIONS[type(pressed)],
            pressed.case_id,
            by_id=user.id,
            by_name=user.first_name,
            now=context.now(),
        )
    except InvalidInput as problem:
        await query.answer(t(problem.key, **problem.params), show_alert=True)
        return
    await query.answer()
    text, keyboard = _card(t, shown)
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=keyboard)


async def refresh_card(context: BotContext, case_id: int) -> None:
    """The case's card shows where it stands now (a reply moved it to waiting, or back)."""
    board = context.services.settings.board_chat_id
    message_id = await handling.card_message_id(context.services, case_id)
    if board is None or message_id is None:
        return
    text, keyboard = _card(board_t(context), await handling.show(context.services, case_id))
    try:
        await context.bot.edit_message_text(
            text, chat_id=board, message_id=message_id, reply_markup=keyboard
        )
    except TelegramError as problem:  # deleted, too old, or already showing it
        _LOGGER.info("case %s card not refreshed: %s", case_id, problem)


_NOTES_KEY = "advice_notes"  # chat_data: ids of this feature's own replies in the group
_NOTES_KEPT = 50


def _notes(context: BotContext) -> list[int]:
    notes = context.chat_data.get(_NOTES_KEY) if context.chat_data is not None else None
    return notes if isinstance(notes, list) else []


def _noted(context: BotContext, sent: Message | None) -> None:
    """Remember a message of ours that is about cases but no case's thread (a confirmation,
    a list), so that a reply to it is told where to reply instead."""
    if sent is not None and context.chat_data is not None:
        context.chat_data[_NOTES_KEY] = [*_notes(context), sent.message_id][-_NOTES_KEPT:]


class _ReplyToBot(filters.MessageFilter):
    """A reply to one of the bot's own messages."""

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        return replied is not None and replied.from_user is not None and replied.from_user.is_bot


async def on_reply(update: Update, context: BotContext) -> None:
    """A board member's reply to a case's message goes to its member (text or a file)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.reply_to_message is None:
        return
    t = board_t(context)
    replied = message.reply_to_message.message_id
    case_id = await requests.case_replied_to(context.services, message.chat.id, replied)
    if case_id is None:
        # Only a reply to this feature's own messages was meant for a case; a reply to any
        # other bot message is chatter among the board.
        if replied in _notes(context) or await requests.was_about_a_case(
            context.services, message.chat.id, replied
        ):
            await message.reply_text(t("advice.board.not_a_case"))
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
        case = await handling.answer(
            context.services,
            case_id=case_id,
            by_id=user.id,
            by_name=user.first_name,
            text=text,
            attachment=attachment,
            now=context.now(),
        )
    except InvalidInput as problem:
        await message.reply_text(t(problem.key, **problem.params))
        return
    sent = await message.reply_text(
        t("advice.board.relayed", case=case.id, status=status_label(t, case))
    )
    _noted(context, sent)
    await refresh_card(context, case.id)


async def list_cases(update: Update, context: BotContext) -> None:
    """/cases: open cases with their age, type and holder; /cases mine: the sender's."""
    user = update.effective_user
    if user is None:
        return
    t = board_t(context)
    args = context.args or []
    mine = bool(args) and args[0].lower() in ("mine", "mias", "mías")
    shown = await handling.live_cases(context.services, user.id if mine else None)
    if not shown:
        await send(update, t("advice.board.no_cases"))
        return
    now = context.now()
    lines = [
        t(
            "advice.board.case_line",
            case=item.case.id,
            days=(now - item.case.created_at).days,
            type=t(f"advice.type.{item.case.type.value}"),
            entity=item.entity,
            status=status_label(t, item.case),
        )
        for item in shown[:50]
    ]
    title = t("advice.board.cases_title", count=len(shown))
    _noted(context, await send(update, title + "\n\n" + "\n".join(lines)))


async def show_case(update: Update, context: BotContext) -> None:
    """/case N: one case with its whole thread."""
    t = board_t(context)
    args = context.args or []
    if len(args) != 1 or not args[0].lstrip("#").isdigit():
        await send(update, t("advice.board.case_usage"))
        return
    try:
        shown = await handling.show(context.services, int(args[0].lstrip("#")))
    except InvalidInput as problem:
        await send(update, t(problem.key, **problem.params))
        return
    lines = []
    for entry in shown.entries:
        who = shown.entity if entry.side is Side.MEMBER else entry.author_name
        file = t("advice.thread.file") if entry.attachment is not None else ""
        at = entry.at.astimezone(context.settings.tz).strftime("%d/%m %H:%M")
        lines.append(t("advice.thread.line", at=at, who=who, text=entry.text, file=file))
    text, keyboard = _card(t, shown)
    thread = "\n".join(lines) or t("advice.thread.empty")
    _noted(context, await send(update, text + "\n\n" + thread, keyboard))


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The card's buttons, replies to a case's messages, /cases and /case."""
    return [
        CallbackQueryHandler(on_card_button, pattern=patterns(*_ACTIONS)),
        CommandHandler("cases", list_cases),
        CommandHandler("case", show_case),
        MessageHandler(filters.ChatType.GROUPS & ~filters.COMMAND & _ReplyToBot(), on_reply),
    ]
