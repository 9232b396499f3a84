"""Invites: a member's one-time link that attaches a colleague to the same entity."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.members import (
    CONSENT_VERSION,
    INVITE_DAYS,
    Entity,
    EntityStatus,
    Invite,
    MemberRole,
)
from bot.domain.outbox import Category, Rendered
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["InviteCheck", "Joiner", "check", "create", "join"]


@dataclass(frozen=True, slots=True)
class InviteCheck:
    """Whether an invite can be used by someone: the entity it leads to, or the problem."""

    entity: Entity | None = None
    invite: Invite | None = None
    problem: str | None = None  # a catalog key explaining why not


@dataclass(frozen=True, slots=True)
class Joiner:
    """The person following an invite link, as Telegram names them."""

    user_id: int
    first_name: str
    full_name: str
    username: str | None
    locale: str | None


async def _check(repos: Repos, token: str, user_id: int, now: datetime) -> InviteCheck:
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


async def check(runtime: Runtime, token: str, user_id: int, now: datetime) -> InviteCheck:
    """Whether user_id may join through token now."""
    async with runtime.store.read() as repos:
        return await _check(repos, token, user_id, now)


async def join(runtime: Runtime, token: str, joiner: Joiner, now: datetime) -> InviteCheck:
    """Attach the joiner to the invite's entity (no approval needed); the inviter is told.

    The invite is used once: of two people racing for it, the second is told it was used.
    """
    async with runtime.store.write() as repos:
        found = await _check(repos, token, joiner.user_id, now)
        invite = found.invite
        if found.entity is None or invite is None:
            return found
        if not await repos.members.use_invite(token, user_id=joiner.user_id, now=now):
            return InviteCheck(problem="invite.used")
        await repos.members.add_member(
            user_id=joiner.user_id,
            entity_id=found.entity.id,
            role=MemberRole.COLLEAGUE,
            first_name=joiner.first_name,
            username=joiner.username,
            locale=joiner.locale,
            consent_version=CONSENT_VERSION,
            now=now,
        )
        # The colleague who invited learns it worked (their own language at send time).
        await repos.outbox.enqueue(
            dedupe_key=f"invite-used:{token}",
            chat_id=invite.created_by,
            locale=runtime.settings.default_locale,
            message=Rendered(key="invite.joined", params={"name": joiner.full_name}),
            category=Category.REPLY,
            now=now,
        )
    return found


async def create(runtime: Runtime, *, entity_id: int, created_by: int, now: datetime) -> str:
    """A new one-time invite token for the entity, usable for INVITE_DAYS."""
    token = secrets.token_urlsafe(16)
    async with runtime.store.write() as repos:
        await repos.members.create_invite(
            token=token,
            entity_id=entity_id,
            created_by=created_by,
            now=now,
            expires_at=now + timedelta(days=INVITE_DAYS),
        )
    return token
