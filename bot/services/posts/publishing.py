"""What happens to a post inside one transaction: submit, edit, publish.

Every message these produce (the board's review card and feed, the public channel) is
enqueued in the caller's transaction, so a crash never keeps one without the other.
``on_post_published`` is the one place that reacts to a post going live.
"""

import hashlib
import logging
from datetime import datetime, timedelta

from bot.buttons.posts import ApprovePost, RejectPost, RemovePost
from bot.domain.members import Entity, Member
from bot.domain.outbox import Button, Category, Media, Rendered
from bot.domain.posts import (
    FileKind,
    Limits,
    Post,
    PostDraft,
    PostKind,
    PostStatus,
    check_limits,
)
from bot.services.matching.proposals import propose_matches
from bot.services.runtime import Runtime
from bot.storage.repos import Repos
from bot.views.posts import author_label, card_html

__all__ = [
    "check_can_post",
    "digest",
    "on_post_published",
    "review_buttons",
    "save_edit",
    "submit_post",
]

_LOGGER = logging.getLogger(__name__)


def _limits(services: Runtime) -> Limits:
    settings = services.network.settings
    return Limits(max_active_posts=settings.max_active_posts, posts_per_day=settings.posts_per_day)


async def check_can_post(repos: Repos, services: Runtime, author_id: int, now: datetime) -> None:
    """Raise InvalidInput when the author is at the active cap or the daily quota."""
    check_limits(
        _limits(services),
        active=await repos.posts.count_live(author_id, now),
        created_last_day=await repos.posts.count_created_since(author_id, now - timedelta(days=1)),
    )


async def submit_post(
    repos: Repos,
    services: Runtime,
    draft: PostDraft,
    *,
    author: Member,
    entity: Entity,
    now: datetime,
) -> Post:
    """Store a new post: straight to the board for review, or published with a feed message."""
    await check_can_post(repos, services, author.user_id, now)
    moderated = services.network.settings.moderate_posts
    status = PostStatus.PENDING if moderated else PostStatus.ACTIVE
    post = await repos.posts.create(
        draft, author_id=author.user_id, entity_id=entity.id, status=status, now=now
    )
    if moderated:
        await _send_for_review(repos, services, post, entity, now)
    else:
        await _to_board(
            repos,
            services,
            post,
            entity,
            now,
            key="posts.board.feed",
            dedupe=f"post-feed:{post.id}",
            buttons=_remove_buttons(post.id),
        )
        await on_post_published(repos, post, now, services)
    return post


async def save_edit(
    repos: Repos, services: Runtime, post: Post, draft: PostDraft, *, now: datetime
) -> Post | None:
    """Store the author's changes; with moderation on, the post is reviewed again."""
    moderated = services.network.settings.moderate_posts and post.status != PostStatus.PENDING
    status = PostStatus.PENDING if moderated else None
    if not await repos.posts.update_draft(post.id, draft, now=now, status=status):
        return None
    saved = await repos.posts.get(post.id)
    entity = await repos.members.entity(post.entity_id)
    if saved is not None and entity is not None and saved.status == PostStatus.PENDING:
        await _send_for_review(repos, services, saved, entity, now)
    return saved


async def on_post_published(repos: Repos, post: Post, now: datetime, services: Runtime) -> None:
    """React to a post going live: propose its best matches, announce an offer on the channel."""
    await propose_matches(repos, services, post.id, now)
    channel = _channel_id(services)
    if channel is None or post.kind is not PostKind.OFFER:
        return
    entity = await repos.members.entity(post.entity_id)
    if entity is None or not entity.listed:
        return  # the author chose not to be listed: nothing public
    t = services.catalogs.translator(services.settings.default_locale)
    card = card_html(
        post,
        t=t,
        network=services.network,
        tz=services.settings.tz,
        author=author_label(entity, t),
        attachment_below=post.file_id is not None,
    )
    await repos.outbox.enqueue(
        dedupe_key=f"post-announce:{post.id}",
        chat_id=channel,
        locale=services.settings.default_locale,
        message=Rendered(key="posts.channel.announce", params={"card_html": card}),
        category=Category.REPLY,
        now=now,
    )
    await _attachment_after(repos, services, post, channel, f"post-announce:{post.id}", now)


async def _send_for_review(
    repos: Repos, services: Runtime, post: Post, entity: Entity, now: datetime
) -> None:
    await _to_board(
        repos,
        services,
        post,
        entity,
        now,
        key="posts.board.review",
        dedupe=f"post-review:{post.id}:{digest(post)}",
        buttons=review_buttons(post.id),
    )


def review_buttons(post_id: int) -> list[list[Button]]:
    """Approve / Reject with reason under a post waiting for the board (labels are keys)."""
    return [
        [
            Button(key="posts.board.approve", callback_data=ApprovePost(post_id=post_id).pack()),
            Button(key="posts.board.reject", callback_data=RejectPost(post_id=post_id).pack()),
        ]
    ]


def digest(post: Post) -> str:
    """A short fingerprint of what the author wrote: a changed post is a new message."""
    fields = set(PostDraft.model_fields)
    return hashlib.sha256(post.model_dump_json(include=fields).encode()).hexdigest()[:12]


def _remove_buttons(post_id: int) -> list[list[Button]]:
    return [[Button(key="posts.board.remove", callback_data=RemovePost(post_id=post_id).pack())]]


async def _to_board(
    repos: Repos,
    services: Runtime,
    post: Post,
    entity: Entity,
    now: datetime,
    *,
    key: str,
    dedupe: str,
    buttons: list[list[Button]],
) -> None:
    board = services.settings.board_chat_id
    if board is None:
        _LOGGER.warning("no BOARD_CHAT_ID: post %s is not shown to any board", post.id)
        return
    locale = services.settings.default_locale
    t = services.catalogs.translator(locale)
    card = card_html(
        post,
        t=t,
        network=services.network,
        tz=services.settings.tz,
        author=entity.name,
        attachment_below=post.file_id is not None,
    )
    await repos.outbox.enqueue(
        dedupe_key=dedupe,
        chat_id=board,
        locale=locale,
        message=Rendered(key=key, params={"card_html": card, "number": post.id}, keyboard=buttons),
        category=Category.REPLY,
        now=now,
    )
    await _attachment_after(repos, services, post, board, dedupe, now)


async def _attachment_after(
    repos: Repos, services: Runtime, post: Post, chat_id: int, card_dedupe: str, now: datetime
) -> None:
    """The post's photo or PDF, right after its card, so whoever reads the card sees it too.

    A row of its own (not the card as a caption): a card can be longer than Telegram allows
    for captions. The relay sends one chat's rows in order, so the file follows its card,
    and as a reply to it, so it stays tied to its card however the chat moves on.
    """
    if post.file_id is None or post.file_kind is None:
        return
    await repos.outbox.enqueue(
        dedupe_key=f"{card_dedupe}:file",
        chat_id=chat_id,
        locale=services.settings.default_locale,
        message=Rendered(
            key="posts.card.attachment_caption",
            params={"title": post.title},
            media=Media(
                file_id=post.file_id,
                as_photo=post.file_kind is FileKind.PHOTO,
                reply_to_key=card_dedupe,
            ),
        ),
        category=Category.REPLY,
        now=now,
    )


def _channel_id(services: Runtime) -> int | None:
    channel = services.network.settings.announce_channel
    if channel is None:
        return None
    try:
        return int(channel)
    except ValueError:
        # The outbox addresses chats by numeric id; an @name cannot be stored there.
        _LOGGER.warning("announce_channel %s is not a numeric chat id: not announcing", channel)
        return None
