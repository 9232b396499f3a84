"""Closing one's post: withdrawn, or fulfilled and then, optionally, with which member entity.

"Fulfilled" closes the post at once, so it never stays listed because the member walked away
from the follow-up question; naming the partner afterwards is optional and happens once.
"""

from datetime import datetime

from bot.domain.members import Entity, EntityStatus
from bot.domain.posts import LIVE_STATUSES, CloseReason, Post, PostStatus, partner_matches
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = [
    "CLOSABLE",
    "close_fulfilled",
    "no_partner",
    "partners_named",
    "record_partner",
    "withdraw",
]

CLOSABLE = (*LIVE_STATUSES, PostStatus.EXPIRED)
_DIRECTORY_MAX = 5000  # every approved entity: a network has hundreds, not millions


async def withdraw(runtime: Runtime, post_id: int, now: datetime) -> bool:
    """Close as withdrawn; False when the post could no longer be closed."""
    async with runtime.store.write() as repos:
        return await repos.posts.close(post_id, CloseReason.WITHDRAWN, now=now)


async def close_fulfilled(runtime: Runtime, post: Post, now: datetime) -> list[Entity] | None:
    """Close as fulfilled (if not yet); the entities that wrote about it, as partner candidates.

    None when no partner may be named any more (one was recorded, or it closed otherwise).
    """
    async with runtime.store.write() as repos:
        post = await _closed_fulfilled(repos, post, now)
        if not await _partner_open(repos, post):
            return None
        return await _who_wrote(repos, post)


async def record_partner(
    runtime: Runtime, post: Post, partner_id: int, *, recorded_by: int, now: datetime
) -> Entity | None:
    """Record the member entity the post was fulfilled with; None when that is not possible."""
    async with runtime.store.write() as repos:
        partner = await repos.members.entity(partner_id)
        post = await _closed_fulfilled(repos, post, now)
        recorded = (
            partner is not None
            and _partner_ok(partner, post)
            and await _partner_open(repos, post)
            and await repos.contacts.record_collaboration(
                post_id=post.id,
                entity_id=post.entity_id,
                partner_entity_id=partner.id,
                recorded_by=recorded_by,
                now=now,
            )
        )
    return partner if recorded else None


async def no_partner(runtime: Runtime, post: Post, now: datetime) -> bool:
    """Close as fulfilled without naming anyone; False when the question was already over."""
    async with runtime.store.write() as repos:
        post = await _closed_fulfilled(repos, post, now)
        return await _partner_open(repos, post)


async def partners_named(runtime: Runtime, post_id: int, typed: str) -> list[Entity] | None:
    """The approved entities whose name is close to what the member typed.

    None when the post is gone or its partner may no longer be named.
    """
    async with runtime.store.read() as repos:
        post = await repos.posts.get(post_id)
        if post is None or not await _partner_open(repos, post):
            return None
        approved = await repos.members.list_entities(
            statuses=(EntityStatus.APPROVED,), limit=_DIRECTORY_MAX, offset=0
        )
    candidates = {e.id: e for e in approved if _partner_ok(e, post)}
    names = [(e.id, e.name) for e in candidates.values()]
    return [candidates[i] for i in partner_matches(typed, names)]


async def _closed_fulfilled(repos: Repos, post: Post, now: datetime) -> Post:
    # A button from before "fulfilled" closed the post at once still closes it first.
    if post.status in CLOSABLE:
        await repos.posts.close(post.id, CloseReason.FULFILLED, now=now)
        return await repos.posts.get(post.id) or post
    return post


async def _partner_open(repos: Repos, post: Post) -> bool:
    """Whether a partner may still be named: closed as fulfilled, none recorded yet."""
    return (
        post.status == PostStatus.CLOSED
        and post.close_reason == CloseReason.FULFILLED
        and not await repos.contacts.has_collaboration(post.id)
    )


async def _who_wrote(repos: Repos, post: Post) -> list[Entity]:
    """Member entities whose people wrote about the post, oldest thread first."""
    entities: dict[int, Entity] = {}
    for thread in await repos.contacts.threads_about(post.id):
        found = await repos.members.member_with_entity(thread.asker_id)
        if found is not None and _partner_ok(found[1], post):
            entities[found[1].id] = found[1]
    return list(entities.values())


def _partner_ok(entity: Entity, post: Post) -> bool:
    return entity.status == EntityStatus.APPROVED and entity.id != post.entity_id
