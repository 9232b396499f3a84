"""Invites: a member's one-time link that attaches a colleague to the same entity."""

import logging

from telegram import Update, User
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.buttons.common import NewInvite
from bot.context import BotContext
from bot.domain.members import INVITE_DAYS
from bot.handlers.guards import current_member
from bot.handlers.menu import main_menu
from bot.handlers.ui import reply
from bot.services import invites
from bot.services.invites import Joiner
from bot.views.member_import import CLAIM_PREFIX

__all__ = [
    "JOIN_PREFIX",
    "claim_token",
    "handlers",
    "invite_link",
    "join",
    "join_token",
    "new_invite",
]

_LOGGER = logging.getLogger(__name__)
# Deep links carry "join_<token>" in /start; tokens are URL-safe base64, as links require.
JOIN_PREFIX = "join_"


def join_token(args: list[str] | None) -> str | None:
    """The invite token of a "/start join_<token>" deep link, if that is what this is."""
    if not args or not args[0].startswith(JOIN_PREFIX):
        return None
    return args[0].removeprefix(JOIN_PREFIX) or None


def invite_link(bot_username: str, token: str) -> str:
    """The t.me deep link that opens the bot with the invite."""
    return f"https://t.me/{bot_username}?start={JOIN_PREFIX}{token}"


def claim_token(args: list[str] | None) -> str | None:
    """The token of a "/start claim_<token>" deep link, if that is what this is."""
    if not args or not args[0].startswith(CLAIM_PREFIX):
        return None
    return args[0].removeprefix(CLAIM_PREFIX) or None


async def join(update: Update, context: BotContext, user: User, token: str) -> None:
    """Attach the user to the invite's entity (no approval needed) and show the menu."""
    joiner = Joiner(user.id, user.first_name, user.full_name, user.username, context.locale)
    check = await invites.join(context.services, token, joiner, context.now())
    if check.entity is None:
        await reply(update, context.t(check.problem or "invite.unknown"))
        return
    _LOGGER.info("user %s joined entity %s through an invite", user.id, check.entity.id)
    await reply(update, context.t("invite.welcome", entity=check.entity.name))
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(context.t("menu.title"), reply_markup=main_menu(context.t))


async def new_invite(update: Update, context: BotContext) -> None:
    """Give an approved member a one-time link for a colleague."""
    found = await current_member(update, context)
    if found is None:
        return
    member, entity = found
    token = await invites.create(
        context.services, entity_id=entity.id, created_by=member.user_id, now=context.now()
    )
    link = invite_link(context.bot.username, token)
    await reply(
        update, context.t("invite.created", entity=entity.name, link=link, days=INVITE_DAYS)
    )


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/invite and the menu's invite button."""
    return [
        CommandHandler("invite", new_invite),
        CallbackQueryHandler(new_invite, pattern=NewInvite.pattern()),
    ]
