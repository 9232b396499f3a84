"""Invites: a member's one-time link that attaches a colleague to the same entity."""

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import Update, User
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.callbacks import pattern
from bot.context import BotContext
from bot.domain.members import (
    CONSENT_VERSION,
    INVITE_DAYS,
    Entity,
    EntityStatus,
    Invite,
    MemberRole,
)
from bot.domain.outbox import Category, Rendered
from bot.handlers.guards import current_member, private_only, reply
from bot.handlers.menu import main_menu
from bot.storage.repos import Repos

__all__ = [
    "JOIN_PREFIX",
    "InviteCheck",
    "check_invite",
    "handlers",
    "invite_link",
    "join",
    "join_token",
    "new_invite",
]

_LOGGER = logging.getLogger(__name__)
# Deep links carry "join_<token>" in /start; tokens are URL-safe base64, as links require.
JOIN_PREFIX = "join_"


@dataclass(frozen=True, slots=True)
class InviteCheck:
    """Whether an invite can be used by someone: the entity it leads to, or the problem."""

    entity: Entity | None = None
    invite: Invite | None = None
    problem: str | None = None  # a catalog key explaining why not


def join_token(args: list[str] | None) -> str | None:
    """The invite token of a "/start join_<token>" deep link, if that is what this is."""
    if not args or not args[0].startswith(JOIN_PREFIX):
        return None
    return args[0].removeprefix(JOIN_PREFIX) or None


def invite_link(bot_username: str, token: str) -> str:
    """The t.me deep link that opens the bot with the invite."""
    return f"https://t.me/{bot_username}?start={JOIN_PREFIX}{token}"


async def check_invite(repos: Repos, token: str, user_id: int, now: datetime) -> InviteCheck:
    """Whether user_id may join through token now."""
    invite = await repos.members.invite(token)
    if invite is None:
        return InviteCheck(problem="invite.unknown")
    found = await repos.members.member_with_entity(user_id)
    # A rejected applicant is not a member: they may join through a colleague's invite.
    if found is not None and found[1].status is not EntityStatus.REJECTED:
        return InviteCheck(problem="invite.already_member")
    if invite.used_by is not None:
        return InviteCheck(problem="invite.used")
    if not invite.usable(now):
        return InviteCheck(problem="invite.expired")
    entity = await repos.members.entity(invite.entity_id)
    if entity is None or entity.status is not EntityStatus.APPROVED:
        return InviteCheck(problem="invite.entity_inactive")
    return InviteCheck(entity=entity, invite=invite)


async def join(update: Update, context: BotContext, user: User, token: str) -> None:
    """Attach the user to the invite's entity (no approval needed) and show the menu."""
    now = context.now()
    async with context.store.write() as repos:
        check = await check_invite(repos, token, user.id, now)
        invite = check.invite
        if check.entity is not None and invite is not None:
            if await repos.members.use_invite(token, user_id=user.id, now=now):
                await repos.members.add_member(
                    user_id=user.id,
                    entity_id=check.entity.id,
                    role=MemberRole.COLLEAGUE,
                    first_name=user.first_name,
                    username=user.username,
                    locale=context.locale,
                    consent_version=CONSENT_VERSION,
                    now=now,
                )
                # The colleague who invited learns it worked (their own language at send time).
                await repos.outbox.enqueue(
                    dedupe_key=f"invite-used:{token}",
                    chat_id=invite.created_by,
                    locale=context.settings.default_locale,
                    message=Rendered(key="invite.joined", params={"name": user.full_name}),
                    category=Category.REPLY,
                    now=now,
                )
            else:
                check = InviteCheck(problem="invite.used")
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
    now = context.now()
    token = secrets.token_urlsafe(16)
    async with context.store.write() as repos:
        await repos.members.create_invite(
            token=token,
            entity_id=entity.id,
            created_by=member.user_id,
            now=now,
            expires_at=now + timedelta(days=INVITE_DAYS),
        )
    link = invite_link(context.bot.username, token)
    await reply(
        update, context.t("invite.created", entity=entity.name, link=link, days=INVITE_DAYS)
    )


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/invite and the menu's invite button."""
    return [
        CommandHandler("invite", private_only(new_invite)),
        CallbackQueryHandler(private_only(new_invite), pattern=pattern("invite", "new")),
    ]
