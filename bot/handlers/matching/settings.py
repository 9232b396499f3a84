"""/settings: the member's language and whether they receive match proposals."""

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.buttons.common import ChooseLanguage, SetAlerts, ShowSettings
from bot.context import BotContext
from bot.domain.members import Member
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.ui import edit_or_send
from bot.i18n import Translator

__all__ = ["handlers", "settings_screen"]

_LOGGER = logging.getLogger(__name__)


def settings_screen(t: Translator, member: Member) -> tuple[str, InlineKeyboardMarkup]:
    """The settings text and its buttons, in t's language."""
    paused = member.match_alerts_paused
    text = t(
        "settings.screen",
        language=t("language.name"),
        alerts=t("settings.alerts_paused") if paused else t("settings.alerts_on"),
    )
    toggle = (
        InlineKeyboardButton(
            t("settings.resume_alerts"), callback_data=SetAlerts(choice="resume").pack()
        )
        if paused
        else InlineKeyboardButton(
            t("settings.pause_alerts"), callback_data=SetAlerts(choice="pause").pack()
        )
    )
    language = InlineKeyboardButton(
        t("settings.change_language"), callback_data=ChooseLanguage().pack()
    )
    return text, InlineKeyboardMarkup([[toggle], [language]])


async def show_settings(update: Update, context: BotContext) -> None:
    """Show the settings screen to an approved member."""
    found = await current_member(update, context)
    if found is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    chat = update.effective_chat
    if chat is not None:
        text, markup = settings_screen(context.t, found[0])
        await chat.send_message(text, reply_markup=markup)


async def toggle_alerts(update: Update, context: BotContext) -> None:
    """Pause or resume match proposals, then show the screen as it is now."""
    query, user = update.callback_query, update.effective_user
    pressed = SetAlerts.unpack(query.data if query else None)
    if query is None or user is None or pressed is None:
        await stale_button(update, context)
        return
    if await current_member(update, context) is None:
        return
    async with context.store.write() as repos:
        await repos.members.set_match_alerts_paused(user.id, pressed.choice == "pause")
        member = await repos.members.member(user.id)
    if member is None:
        await stale_button(update, context)
        return
    done = "settings.paused_done" if member.match_alerts_paused else "settings.resumed_done"
    await query.answer(context.t(done))
    text, markup = settings_screen(context.t, member)
    await edit_or_send(update, text, markup)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/settings, its menu entry and the alerts toggle."""
    return [
        CommandHandler("settings", show_settings, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(show_settings, pattern=ShowSettings.pattern()),
        CallbackQueryHandler(toggle_alerts, pattern=SetAlerts.pattern()),
    ]
