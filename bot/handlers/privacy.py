"""A person's rights from the bot: a copy of their data (/mydata) and erasure (/forgetme)."""

import json
from io import BytesIO

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.buttons.common import EraseData, KeepData
from bot.context import BotContext
from bot.domain.outbox import Category, Rendered
from bot.handlers.common import stale_button
from bot.handlers.ui import edit_or_send

__all__ = ["handlers"]


async def send_my_data(update: Update, context: BotContext) -> None:
    """Send everything stored about the user as a JSON file."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return
    async with context.store.read() as repos:
        data = await repos.privacy.export(user.id)
    data["telegram_user_id"] = user.id
    data["language"] = context.locale
    if context.user_data:
        # Conversation state in progress (e.g. an unfinished application).
        data["unfinished_conversations"] = context.user_data
    payload = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
    await chat.send_document(
        InputFile(BytesIO(payload), filename=f"cooperactivas-data-{user.id}.json"),
        caption=context.t("privacy.export_caption"),
    )


async def ask_to_forget(update: Update, context: BotContext) -> None:
    """Explain what erasure does and ask for confirmation."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return
    async with context.store.read() as repos:
        member = await repos.members.member(user.id)
    if member is None:
        # Nothing stored beyond the chat's own state: drop that at once.
        context.application.drop_user_data(user.id)
        await chat.send_message(context.t("privacy.nothing_stored"))
        return
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t("privacy.erase_yes"), callback_data=EraseData().pack()
                )
            ],
            [InlineKeyboardButton(context.t("privacy.erase_no"), callback_data=KeepData().pack())],
        ]
    )
    await chat.send_message(context.t("privacy.erase_confirm"), reply_markup=buttons)


async def forget(update: Update, context: BotContext) -> None:
    """Erase the member's data after they confirmed."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    now = context.now()
    async with context.store.write() as repos:
        erasure = await repos.privacy.erase(user.id, now=now)
        if erasure is None:
            await stale_button(update, context)
            return
        await repos.audit.record(
            actor_id=user.id,
            actor_name=user.full_name,
            action="member.erase",
            subject=f"entity:{erasure.entity_id}",
            now=now,
            details={
                "posts_closed": erasure.posts_closed,
                "last": erasure.entity_left_without_members,
            },
        )
        board = context.settings.board_chat_id
        if board is not None:
            key = (
                "privacy.board_notice_last"
                if erasure.entity_left_without_members
                else ("privacy.board_notice")
            )
            await repos.outbox.enqueue(
                dedupe_key=f"erasure:{user.id}:{now.isoformat()}",
                chat_id=board,
                locale=context.settings.default_locale,
                message=Rendered(key=key, params={"entity": erasure.entity_name or ""}),
                category=Category.REPLY,
                now=now,
            )
    context.application.drop_user_data(user.id)
    await query.answer()
    await edit_or_send(update, context.t("privacy.erased"))


async def keep(update: Update, context: BotContext) -> None:
    """The member changed their mind."""
    query = update.callback_query
    if query is not None:
        await query.answer()
        await edit_or_send(update, context.t("privacy.erase_cancelled"))


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/mydata, /forgetme and the confirmation buttons."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("mydata", send_my_data, filters=private),
        CommandHandler("forgetme", ask_to_forget, filters=private),
        CallbackQueryHandler(forget, pattern=EraseData.pattern()),
        CallbackQueryHandler(keep, pattern=KeepData.pattern()),
    ]
