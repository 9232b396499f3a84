"""The board's decisions on a post, inside one transaction: approve, reject, remove.

Each decision is conditional (the first one wins), goes to the audit log and is told to the
author through the outbox in the same transaction.
"""

from dataclasses import dataclass
from datetime import datetime

from bot.buttons.posts import MyPost
from bot.domain.board import Actor
from bot.domain.outbox import Button, Category, Rendered
from bot.domain.posts import LIVE_STATUSES, Post, PostStatus
from bot.services.posts.publishing import digest, on_post_published
from bot.services.runtime import Runtime
from bot.storage.codec import ts
from bot.storage.repos import Repos

__all__ = ["Decision", "approve_post", "reject_post", "remove_post"]


@dataclass(frozen=True, slots=True)
class Decision:
    """A board decision's outcome: the post as it is now, and whether this decision won."""

    post: Post | None  # None: no such post (a forged or very old button)
    decided_now: bool


async def approve_post(
    repos: Repos, services: Runtime, post_id: int, actor: Actor, now: datetime
) -> Decision:
    """Publish a pending post; the first decision wins."""
    post = await repos.posts.get(post_id)
    if post is None:
        return Decision(None, decided_now=False)
    if not await repos.posts.publish(post, by=actor.user_id, now=now):
        return Decision(post, decided_now=False)
    published = await repos.posts.get(post_id)
    assert published is not None  # noqa: S101 - updated in this transaction
    await _audit(repos, actor, "post.approve", published, now)
    await _tell_author(repos, services, published, now, "posts.notice.approved", reason=None)
    await on_post_published(repos, published, now, services)
    return Decision(published, decided_now=True)


async def reject_post(
    repos: Repos, services: Runtime, post_id: int, reason: str, actor: Actor, now: datetime
) -> Decision:
    """Reject a pending post with a reason the author is told."""
    return await _decide(
        repos,
        services,
        post_id,
        reason,
        actor,
        now,
        status=PostStatus.REJECTED,
        from_statuses=(PostStatus.PENDING,),
        action="post.reject",
        notice="posts.notice.rejected",
    )


async def remove_post(
    repos: Repos, services: Runtime, post_id: int, reason: str, actor: Actor, now: datetime
) -> Decision:
    """Take any live or expired post down with a reason the author is told."""
    return await _decide(
        repos,
        services,
        post_id,
        reason,
        actor,
        now,
        status=PostStatus.REMOVED,
        from_statuses=(*LIVE_STATUSES, PostStatus.EXPIRED),
        action="post.remove",
        notice="posts.notice.removed",
    )


async def _decide(
    repos: Repos,
    services: Runtime,
    post_id: int,
    reason: str,
    actor: Actor,
    now: datetime,
    *,
    status: PostStatus,
    from_statuses: tuple[PostStatus, ...],
    action: str,
    notice: str,
) -> Decision:
    post = await repos.posts.get(post_id)
    if post is None:
        return Decision(None, decided_now=False)
    won = await repos.posts.decide(
        post_id,
        status=status,
        reason=reason,
        by=actor.user_id,
        now=now,
        from_statuses=from_statuses,
    )
    if not won:
        return Decision(post, decided_now=False)
    decided = await repos.posts.get(post_id)
    assert decided is not None  # noqa: S101 - updated in this transaction
    await _audit(repos, actor, action, decided, now, reason=reason)
    await _tell_author(repos, services, decided, now, notice, reason=reason)
    return Decision(decided, decided_now=True)


async def _audit(
    repos: Repos, actor: Actor, action: str, post: Post, now: datetime, reason: str | None = None
) -> None:
    details: dict[str, object] = {"title": post.title, "author": post.author_id}
    if reason is not None:
        details["reason"] = reason
    await repos.audit.record(
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=action,
        subject=f"post:{post.id}",
        now=now,
        details=details,
    )


async def _tell_author(
    repos: Repos, services: Runtime, post: Post, now: datetime, key: str, *, reason: str | None
) -> None:
    author = await repos.members.member(post.author_id)
    if author is None:
        return  # the author left the network: nobody to tell
    params: dict[str, object] = {"title": post.title}
    if reason is not None:
        params["reason"] = reason
    keyboard = None
    if post.status == PostStatus.ACTIVE:
        keyboard = [[Button(key="posts.mine.open", callback_data=MyPost(post_id=post.id).pack())]]
    await repos.outbox.enqueue(
        dedupe_key=f"post-decision:{post.id}:{post.status.value}:{ts(now)}:{digest(post)}",
        chat_id=author.user_id,
        locale=author.locale or services.settings.default_locale,
        message=Rendered(key=key, params=params, keyboard=keyboard),
        category=Category.REPLY,
        now=now,
    )
