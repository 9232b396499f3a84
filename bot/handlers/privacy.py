"""A person's rights from the bot: a copy of their data (/mydata) and erasure (/forgetme)."""

from io import BytesIO

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.buttons.common import EraseData, KeepData
from bot.context import BotContext
from bot.handlers.common import stale_button
from bot.handlers.ui import edit_or_send
from bot.services import privacy

__all__ = ["handlers"]


async def send_my_data(update: Update, context: BotContext) -> None:
    """Send everything stored about the user as a JSON file."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return
    payload = await privacy.my_data(
        context.services,
        user.id,
        language=context.locale or context.settings.default_locale,
        live_state=context.user_data,
    )
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
    erasure = await privacy.forget(
        context.services, user.id, actor_name=user.full_name, now=context.now()
    )
    if erasure is None:
        await stale_button(update, context)
        return
    # The process's copies too: otherwise PTB would write them back.
    context.application.drop_user_data(user.id)
    if update.effective_chat is not None:
        context.application.drop_chat_data(update.effective_chat.id)
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
