"""The person behind an imported organisation opens its link, checks the profile and is in.

No new approval: the board vouched for the organisation by importing it. The link is used
once; of two people racing for it, the second is told it was used.
"""

from dataclasses import dataclass
from datetime import datetime

from bot.domain.members import (
    CONSENT_VERSION,
    Entity,
    EntityImport,
    EntityProfile,
    EntityStatus,
    MemberRole,
)
from bot.domain.outbox import Category, Rendered
from bot.services.invites import Joiner
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["ClaimCheck", "check", "claim"]


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """The organisation a link leads to, or the problem (a catalog key)."""

    entity: Entity | None = None
    link: EntityImport | None = None
    problem: str | None = None


async def _check(repos: Repos, token: str, user_id: int, now: datetime) -> ClaimCheck:
    link = await repos.imports.link(token)
    if link is None:
        return ClaimCheck(problem="claim.unknown")
    found = await repos.members.member_with_entity(user_id)
    if found is not None and found[1].status is not EntityStatus.REJECTED:
        return ClaimCheck(problem="invite.already_member")
    if link.claimed_by is not None:
        return ClaimCheck(problem="claim.used")
    if not link.usable(now):
        return ClaimCheck(problem="claim.expired")
    entity = await repos.members.entity(link.entity_id)
    if (
        entity is None
        or entity.status is not EntityStatus.APPROVED
        or await repos.members.members_of(entity.id)
    ):
        return ClaimCheck(problem="claim.entity_inactive")
    return ClaimCheck(entity=entity, link=link)


async def check(runtime: Runtime, token: str, user_id: int, now: datetime) -> ClaimCheck:
    """Whether user_id may claim the organisation of token now."""
    async with runtime.store.read() as repos:
        return await _check(repos, token, user_id, now)


async def claim(
    runtime: Runtime, token: str, joiner: Joiner, profile: EntityProfile, now: datetime
) -> ClaimCheck:
    """Make the joiner the organisation's owner with the profile they checked; tell the board."""
    settings = runtime.settings
    async with runtime.store.write() as repos:
        found = await _check(repos, token, joiner.user_id, now)
        if found.entity is None:
            return found
        if not await repos.imports.claim(token, user_id=joiner.user_id, now=now):
            return ClaimCheck(problem="claim.used")
        entity_id = found.entity.id
        await repos.members.update_profile(entity_id, profile)
        await repos.imports.set_applicant(entity_id, joiner.user_id)
        await repos.members.add_member(
            user_id=joiner.user_id,
            entity_id=entity_id,
            role=MemberRole.OWNER,
            first_name=joiner.first_name,
            username=joiner.username,
            locale=joiner.locale,
            consent_version=CONSENT_VERSION,
            now=now,
        )
        if settings.board_chat_id is not None:
            who = (
                f"{joiner.full_name} (@{joiner.username})" if joiner.username else joiner.full_name
            )
            await repos.outbox.enqueue(
                dedupe_key=f"claim:{token}",
                chat_id=settings.board_chat_id,
                locale=settings.default_locale,
                message=Rendered(
                    key="claim.board_notice", params={"entity": profile.name, "name": who}
                ),
                category=Category.REPLY,
                now=now,
            )
        entity = await repos.members.entity(entity_id)
    return ClaimCheck(entity=entity, link=found.link)
