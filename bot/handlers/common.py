"""Cross-cutting handlers: language, help, chat id, unknown input, stale buttons, errors."""

import html
import logging
import traceback
from datetime import timedelta

from telegram import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.buttons.common import ChooseLanguage, SetLanguage, ShowHelp
from bot.buttons.posts import ComposeCancel
from bot.commands import BOARD_COMMANDS, MEMBER_COMMANDS, Command
from bot.context import BotContext, CoopApplication
from bot.domain.members import EntityStatus
from bot.handlers.ui import button, edit_or_send
from bot.i18n import Translator, resolve_locale
from bot.services import held_text, reachability
from bot.services.onboarding import session as onboarding_session
from bot.services.posts import drafts

__all__ = [
    "error_handler",
    "fallback_handlers",
    "help_text",
    "locale_step",
    "publish_commands",
    "stale_button",
    "start_handlers",
]

_LOGGER = logging.getLogger(__name__)
ERROR_ALERT_EVERY = timedelta(minutes=10)


async def load_locale(update: Update, context: BotContext) -> None:
    """Work out the user's language once per update: stored > Telegram > default (and note
    that a member who had blocked the bot is back)."""
    user = update.effective_user
    catalogs = context.services.catalogs
    stored: str | None = None
    if user is not None:
        async with context.store.read() as repos:
            member = await repos.members.member(user.id)
        if member is not None:
            stored = member.locale
            if member.unreachable_at is not None and _from_their_chat(update, user.id):
                await reachability.came_back(context.services, user.id, context.now())
        elif context.user_data is not None:
            stored = context.user_data.get("locale")
    context.locale = resolve_locale(
        stored,
        user.language_code if user else None,
        catalogs.locales,
        context.settings.default_locale,
    )


def _from_their_chat(update: Update, user_id: int) -> bool:
    """Anything from a person in their own chat, but blocking the bot: they can be written to."""
    chat, change = update.effective_chat, update.my_chat_member
    blocking = change is not None and change.new_chat_member.status == ChatMemberStatus.BANNED
    return chat is not None and chat.id == user_id and not blocking


def locale_step() -> TypeHandler[Update, BotContext, None]:
    """The handler that sets context.locale before any other runs (group -10)."""
    return TypeHandler(Update, load_locale)


def help_text(t: Translator, commands: tuple[Command, ...]) -> str:
    """A list of commands with their descriptions."""
    lines = [f"/{command.name} — {t(command.description_key)}" for command in commands]
    return "\n".join(lines)


async def show_help(update: Update, context: BotContext) -> None:
    """List the commands in the user's language."""
    chat = update.effective_chat
    if update.callback_query is not None:
        await update.callback_query.answer()
    if chat is None:
        return
    if context.services.board.is_board_chat(chat.id):
        text = context.t("board.help_title") + "\n" + help_text(context.t, BOARD_COMMANDS)
    else:
        text = context.t("help.title") + "\n" + help_text(context.t, MEMBER_COMMANDS)
    await chat.send_message(text)


async def choose_language(update: Update, context: BotContext) -> None:
    """Offer the available languages."""
    catalogs = context.services.catalogs
    buttons = [
        [
            InlineKeyboardButton(
                catalogs.translator(locale)("language.name"),
                callback_data=SetLanguage(locale=locale).pack(),
            )
        ]
        for locale in catalogs.locales
    ]
    if update.callback_query is not None:
        await update.callback_query.answer()
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(
            context.t("language.choose"), reply_markup=InlineKeyboardMarkup(buttons)
        )


async def set_language(update: Update, context: BotContext) -> None:
    """Store the chosen language (members in the database, others in their chat state)."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    pressed = SetLanguage.unpack(query.data)
    locale = pressed.locale if pressed else None
    if locale not in context.services.catalogs.locales:
        await stale_button(update, context)
        return
    async with context.store.write() as repos:
        if await repos.members.member(user.id) is not None:
            await repos.members.set_locale(user.id, locale)
    if context.user_data is not None:
        context.user_data["locale"] = locale
    context.locale = locale
    await query.answer()
    await edit_or_send(update, context.t("language.changed"))


async def show_chat_id(update: Update, context: BotContext) -> None:
    """Tell the id of this chat, so the operator can set BOARD_CHAT_ID."""
    chat = update.effective_chat
    if chat is None:
        return
    _LOGGER.info("chat id requested in %s chat %s", chat.type, chat.id)
    await chat.send_message(context.t("common.chat_id", chat_id=str(chat.id)))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Say that the command is unknown and point to /help."""
    chat = update.effective_chat
    message = update.effective_message
    head = (message.text or "").split(maxsplit=1)[0] if message and message.text else ""
    addressee = head.partition("@")[2].lower()
    if addressee and addressee != (context.bot.username or "").lower():
        return  # a command for another bot in a shared group
    if chat is not None:
        await chat.send_message(context.t("common.unknown_command"))


async def _is_member(update: Update, context: BotContext) -> bool:
    """Whether an approved member is asking (the menu is theirs; others are shown /start)."""
    user = update.effective_user
    if user is None:
        return False
    async with context.store.read() as repos:
        found = await repos.members.member_with_entity(user.id)
    return found is not None and found[1].status is EntityStatus.APPROVED


async def unexpected_input(update: Update, context: BotContext) -> None:
    """A private message outside any flow: point to the menu (or to /start, for guests).

    A member's Telegram reply to a message the bot cannot place (not a relayed one) was meant
    for someone: its text is kept, and the next Contact or Reply offers to send it.
    """
    chat, message = update.effective_chat, update.effective_message
    if chat is None:
        return
    member = await _is_member(update, context)
    if member and message is not None and message.reply_to_message and message.text:
        held_text.hold(context, message.text)
        await chat.send_message(context.t("common.reply_unplaced"))
        return
    key = "common.unexpected_input" if member else "common.unexpected_input_guest"
    await chat.send_message(context.t(key))


async def nothing_to_cancel(update: Update, context: BotContext) -> None:
    """/cancel outside any flow; a post left unfinished is kept, with a button to drop it."""
    chat = update.effective_chat
    if chat is None:
        return
    if chat.type == ChatType.PRIVATE and drafts.load(context) is not None:
        keyboard = InlineKeyboardMarkup(
            [[button(context.t("posts.compose.discard_draft"), ComposeCancel().pack())]]
        )
        await chat.send_message(context.t("posts.compose.draft_kept"), reply_markup=keyboard)
        return
    await chat.send_message(context.t("common.nothing_to_cancel"))


async def stale_button(update: Update, context: BotContext) -> None:
    """A button that no handler accepts any more: expired, forged or from an old flow. The
    answer says what to do in that place: board commands in the board group, the open
    question during an application or a profile edit, the menu for members, /start for
    everyone else."""
    query, chat = update.callback_query, update.effective_chat
    if query is None:
        return
    if chat is not None and context.services.board.is_board_chat(chat.id):
        t = context.translator(context.settings.default_locale)
        text = t("board.button_expired")
    elif onboarding_session.load(context) is not None:
        text = context.t("onboarding.button_expired")  # nothing is lost: go on where you are
    else:
        text = context.t("common.button_expired")
    await query.answer(text, show_alert=True)


async def error_handler(update: object, context: BotContext) -> None:
    """Log the traceback, apologise to the user, and alert the board at most every 10 min."""
    _LOGGER.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            # Error handlers get a fresh context, without the language worked out earlier.
            await load_locale(update, context)
        except Exception:  # the failure may be the database itself: apologise in the default
            _LOGGER.warning("could not work out the language for an apology", exc_info=True)
        try:
            if update.callback_query is not None:
                await update.callback_query.answer()
            await update.effective_chat.send_message(context.t("common.error"))
        except TelegramError:
            _LOGGER.warning("could not apologise for an error", exc_info=True)
    await _alert_board(context)


async def _alert_board(context: BotContext) -> None:
    services = context.services
    board_chat = services.settings.board_chat_id
    if board_chat is None or context.error is None:
        return
    now = services.clock()
    if services.last_error_alert and now - services.last_error_alert[-1] < ERROR_ALERT_EVERY:
        return
    services.last_error_alert[:] = [now]
    summary = "".join(traceback.format_exception_only(context.error)).strip()[-500:]
    t = context.translator(services.settings.default_locale)
    try:
        await context.bot.send_message(board_chat, t("board.error_alert", error=summary))
    except TelegramError:
        _LOGGER.warning("could not alert the board about an error", exc_info=True)


async def publish_commands(application: Application) -> None:  # type: ignore[type-arg]
    """setMyCommands for private chats in each language, and for the board group."""
    assert isinstance(application, CoopApplication)  # noqa: S101
    services = application.services
    catalogs = services.catalogs
    for locale in catalogs.locales:
        t = catalogs.translator(locale)
        private = [BotCommand(c.name, _short(t(c.description_key))) for c in MEMBER_COMMANDS]
        board = [BotCommand(c.name, _short(t(c.description_key))) for c in BOARD_COMMANDS]
        # The default locale also serves users whose language we do not have.
        codes = [locale, None] if locale == catalogs.default_locale else [locale]
        for code in codes:
            await application.bot.set_my_commands(
                private, scope=BotCommandScopeAllPrivateChats(), language_code=code
            )
            if services.settings.board_chat_id is not None:
                await application.bot.set_my_commands(
                    board,
                    scope=BotCommandScopeChat(services.settings.board_chat_id),
                    language_code=code,
                )


def _short(text: str) -> str:
    # Telegram caps command descriptions at 256 characters and shows them as plain text.
    return html.unescape(text)[:256]


def start_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Language, help and chat-id commands and their buttons."""
    return [
        CommandHandler("help", show_help),
        CallbackQueryHandler(show_help, pattern=ShowHelp.pattern()),
        CommandHandler("chatid", show_chat_id, filters=~filters.ChatType.PRIVATE),
    ]


def language_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/language and its buttons (private chats: a group has no language of its own)."""
    return [
        CommandHandler("language", choose_language),
        CallbackQueryHandler(choose_language, pattern=ChooseLanguage.pattern()),
        CallbackQueryHandler(set_language, pattern=SetLanguage.pattern()),
    ]


def fallback_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """What runs when nothing else matched: unknown commands, stray input, stale buttons."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("cancel", nothing_to_cancel, filters=private),
        MessageHandler(filters.COMMAND & private, unknown_command),
        # In groups only commands addressed to us deserve an answer; chatter is ignored.
        MessageHandler(filters.COMMAND & filters.Regex(r"^/\w+@"), unknown_command),
        MessageHandler(private & ~filters.COMMAND & ~filters.StatusUpdate.ALL, unexpected_input),
        CallbackQueryHandler(stale_button),
    ]
