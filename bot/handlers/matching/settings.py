"""/settings: the member's language, whether they receive match proposals, and the
organisations they blocked, each with Unblock."""

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.buttons.common import ChooseLanguage, SetAlerts, ShowSettings, UnblockEntity
from bot.context import BotContext
from bot.domain.contacts import BlockedEntity
from bot.domain.members import Member
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.ui import edit_or_send
from bot.i18n import Safe, Translator
from bot.services import blocks
from bot.views.blocks import blocked_section_html, unblock_labels

__all__ = ["handlers", "settings_screen"]

_LOGGER = logging.getLogger(__name__)


def settings_screen(
    t: Translator, member: Member, blocked: list[BlockedEntity]
) -> tuple[str, InlineKeyboardMarkup]:
    """The settings text and its buttons, in t's language."""
    paused = member.match_alerts_paused
    text = t(
        "settings.screen",
        language=t("language.name"),
        alerts=t("settings.alerts_paused") if paused else t("settings.alerts_on"),
        blocks=Safe(blocked_section_html(t, blocked)),
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
    unblock = [
        [InlineKeyboardButton(label, callback_data=UnblockEntity(entity_id=entity_id).pack())]
        for entity_id, label in unblock_labels(t, blocked)
    ]
    return text, InlineKeyboardMarkup([[toggle], [language], *unblock])


async def _screen(context: BotContext, member: Member) -> tuple[str, InlineKeyboardMarkup]:
    """The settings screen as it is now."""
    blocked = await blocks.blocked_by(context.services, member.user_id)
    return settings_screen(context.t, member, blocked)


async def show_settings(update: Update, context: BotContext) -> None:
    """Show the settings screen to an approved member."""
    found = await current_member(update, context)
    if found is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    chat = update.effective_chat
    if chat is not None:
        text, markup = await _screen(context, found[0])
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
    await edit_or_send(update, *await _screen(context, member))


async def unblock(update: Update, context: BotContext) -> None:
    """Let a blocked organisation's messages reach the member again, and show the list as it
    is now; a block already lifted (an old screen) or never there (forged) changes nothing."""
    query, user = update.callback_query, update.effective_user
    pressed = UnblockEntity.unpack(query.data if query else None)
    if query is None or user is None or pressed is None:
        await stale_button(update, context)
        return
    found = await current_member(update, context)
    if found is None:
        return
    if not await blocks.unblock(context.services, pressed.entity_id, user_id=user.id):
        await query.answer(context.t("settings.unblock_stale"), show_alert=True)
        return
    await query.answer(context.t("settings.unblocked_done"))
    await edit_or_send(update, *await _screen(context, found[0]))


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/settings, its menu entry, the alerts toggle and Unblock."""
    return [
        CommandHandler("settings", show_settings, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(show_settings, pattern=ShowSettings.pattern()),
        CallbackQueryHandler(toggle_alerts, pattern=SetAlerts.pattern()),
        CallbackQueryHandler(unblock, pattern=UnblockEntity.pattern()),
    ]
