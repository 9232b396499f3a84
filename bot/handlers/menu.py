"""The main menu: only features that exist, in the member's language."""

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.buttons.advice import MyRequests, NewAdvice
from bot.buttons.common import (
    ChooseLanguage,
    NewInvite,
    OpenMenu,
    ShowHelp,
    ShowProfile,
    ShowSettings,
)
from bot.buttons.fees import MyFees
from bot.buttons.posts import BrowseMenu, MyPosts, NewPost
from bot.buttons.summits import ListSummits
from bot.context import BotContext
from bot.handlers.guards import current_member
from bot.i18n import N_, Translator

__all__ = ["MENU_ITEMS", "MenuItem", "handlers", "main_menu", "show_menu"]


@dataclass(frozen=True, slots=True)
class MenuItem:
    """One menu button: a catalog key for its label and the callback it sends."""

    label_key: str
    callback_data: str


# Each feature adds its entry here when it ships; the menu shows exactly these.
MENU_ITEMS: tuple[MenuItem, ...] = (
    MenuItem(N_("menu.post"), NewPost().pack()),
    MenuItem(N_("menu.search"), BrowseMenu().pack()),
    MenuItem(N_("menu.myposts"), MyPosts().pack()),
    MenuItem(N_("menu.advice"), NewAdvice().pack()),
    MenuItem(N_("menu.requests"), MyRequests().pack()),
    MenuItem(N_("menu.summits"), ListSummits().pack()),
    MenuItem(N_("menu.profile"), ShowProfile().pack()),
    MenuItem(N_("menu.invite"), NewInvite().pack()),
    MenuItem(N_("menu.settings"), ShowSettings().pack()),
    MenuItem(N_("menu.myfees"), MyFees().pack()),
    MenuItem(N_("menu.language"), ChooseLanguage().pack()),
    MenuItem(N_("menu.help"), ShowHelp().pack()),
)


def main_menu(t: Translator) -> InlineKeyboardMarkup:
    """The menu keyboard, two buttons per row."""
    buttons = [
        InlineKeyboardButton(t(item.label_key), callback_data=item.callback_data)
        for item in MENU_ITEMS
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup(rows)


async def show_menu(update: Update, context: BotContext) -> None:
    """Send the main menu to an approved member."""
    if await current_member(update, context) is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(context.t("menu.title"), reply_markup=main_menu(context.t))


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/menu and the 'back to menu' button."""
    return [
        CommandHandler("menu", show_menu, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(show_menu, pattern=OpenMenu.pattern()),
    ]
