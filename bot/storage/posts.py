"""Repository of needs and offers, their listing and full-text search."""

from datetime import date, datetime, timedelta
from typing import Any

import aiosqlite

from bot.domain.posts import (
    CloseReason,
    FileKind,
    ListingFilter,
    Place,
    PlaceKind,
    Post,
    PostDraft,
    PostKind,
    PostStatus,
)
from bot.domain.search import index_terms
from bot.storage.codec import parse_ts, parse_ts_or_none, ts

__all__ = ["PostsRepo"]

_COLUMNS = (
    "id, kind, author_id, entity_id, sector, title, description, place_kind, place_key,"
    " comarca, needed_by, urgent, conditions, member_discount, file_id, file_kind,"
    " expiry_days, status, close_reason, status_reason, decided_by, decided_at, created_at,"
    " updated_at, published_at, expires_at"
)
_DRAFT_SET = (
    "kind = ?, sector = ?, title = ?, description = ?, place_kind = ?, place_key = ?,"
    " comarca = ?, needed_by = ?, urgent = ?, conditions = ?, member_discount = ?,"
    " file_id = ?, file_kind = ?, expiry_days = ?, search_terms = ?"
)
_MANAGED = "author_id = ? AND status IN ('pending', 'active', 'paused', 'expired')"
# The ids of the posts a full-text expression finds (read once per statement).
_MATCHING = "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?"
# Places that apply anywhere in the province show up under every place filter.
_EVERYWHERE = "p.place_kind IN ('province', 'online')"


class PostsRepo:
    """Posts: create, edit, move through their life, list and search."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def create(
        self, draft: PostDraft, *, author_id: int, entity_id: int, status: PostStatus, now: datetime
    ) -> Post:
        """Store a new post, pending or already published."""
        published = status == PostStatus.ACTIVE
        cursor = await self._conn.execute(
            "INSERT INTO posts (kind, sector, title, description, place_kind, place_key,"
            " comarca, needed_by, urgent, conditions, member_discount, file_id, file_kind,"
            " expiry_days, search_terms, author_id, entity_id, status, created_at, updated_at,"
            " published_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                *_draft_values(draft),
                author_id,
                entity_id,
                status.value,
                ts(now),
                ts(now),
                ts(now) if published else None,
                ts(now + timedelta(days=draft.expiry_days)) if published else None,
            ),
        )
        post = await self.get(int(cursor.lastrowid or 0))
        assert post is not None  # noqa: S101 - just inserted in this transaction
        return post

    async def get(self, post_id: int) -> Post | None:
        """The post with that id."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM posts WHERE id = ?",  # noqa: S608 - constant columns
            (post_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _post(row)

    async def update_draft(
        self, post_id: int, draft: PostDraft, *, now: datetime, status: PostStatus | None = None
    ) -> bool:
        """Replace what the author wrote (and optionally the status) of a live post."""
        cursor = await self._conn.execute(
            f"UPDATE posts SET {_DRAFT_SET}, status = COALESCE(?, status),"  # noqa: S608
            " updated_at = ? WHERE id = ? AND status IN ('pending', 'active', 'paused')",
            (*_draft_values(draft), status, ts(now), post_id),
        )
        return cursor.rowcount == 1

    async def publish(self, post: Post, *, by: int | None, now: datetime) -> bool:
        """Approve a pending post: it goes live now for its chosen number of days."""
        cursor = await self._conn.execute(
            "UPDATE posts SET status = 'active', published_at = ?, expires_at = ?,"
            " decided_by = ?, decided_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'",
            (
                ts(now),
                ts(now + timedelta(days=post.expiry_days)),
                by,
                ts(now),
                ts(now),
                post.id,
            ),
        )
        return cursor.rowcount == 1

    async def decide(
        self,
        post_id: int,
        *,
        status: PostStatus,
        reason: str,
        by: int,
        now: datetime,
        from_statuses: tuple[PostStatus, ...],
    ) -> bool:
        """Record a board decision (reject or remove) with its reason."""
        marks = ",".join("?" for _ in from_statuses)
        cursor = await self._conn.execute(
            "UPDATE posts SET status = ?, status_reason = ?, decided_by = ?,"  # noqa: S608
            f" decided_at = ?, updated_at = ? WHERE id = ? AND status IN ({marks})",
            (status.value, reason, by, ts(now), ts(now), post_id, *from_statuses),
        )
        return cursor.rowcount == 1

    async def set_status(
        self, post_id: int, *, to: PostStatus, from_status: PostStatus, now: datetime
    ) -> bool:
        """Pause or resume an unexpired post."""
        cursor = await self._conn.execute(
            "UPDATE posts SET status = ?, updated_at = ? WHERE id = ? AND status = ?"
            " AND (expires_at IS NULL OR expires_at > ?)",
            (to.value, ts(now), post_id, from_status.value, ts(now)),
        )
        return cursor.rowcount == 1

    async def close(self, post_id: int, reason: CloseReason, *, now: datetime) -> bool:
        """Close a post the author no longer needs listed."""
        cursor = await self._conn.execute(
            "UPDATE posts SET status = 'closed', close_reason = ?, updated_at = ? WHERE id = ?"
            " AND status IN ('pending', 'active', 'paused', 'expired')",
            (reason.value, ts(now), post_id),
        )
        return cursor.rowcount == 1

    async def extend(self, post_id: int, expires_at: datetime, *, now: datetime) -> bool:
        """Move the expiry of a published post; an expired one comes back to life."""
        cursor = await self._conn.execute(
            "UPDATE posts SET expires_at = ?, updated_at = ?,"
            " status = CASE status WHEN 'expired' THEN 'active' ELSE status END"
            " WHERE id = ? AND status IN ('active', 'paused', 'expired')",
            (ts(expires_at), ts(now), post_id),
        )
        return cursor.rowcount == 1

    async def count_live(self, author_id: int, now: datetime) -> int:
        """Posts of an author that count towards max_active_posts."""
        return await self._count(
            "SELECT COUNT(*) FROM posts WHERE author_id = ? AND (status = 'pending'"
            " OR (status IN ('active', 'paused') AND expires_at > ?))",
            (author_id, ts(now)),
        )

    async def count_created_since(self, author_id: int, since: datetime) -> int:
        """Posts an author created from since on (the daily quota), except rejected ones.

        The board rejecting a post must not cost the author a try: they fix it and post again.
        """
        return await self._count(
            "SELECT COUNT(*) FROM posts WHERE author_id = ? AND created_at >= ?"
            " AND status <> 'rejected'",
            (author_id, ts(since)),
        )

    async def count_listed(self, flt: ListingFilter, *, now: datetime) -> int:
        """How many listed posts match the filter."""
        source, condition, params = _listing_query(flt, now)
        return await self._count(
            f"SELECT COUNT(*) FROM {source} WHERE {condition}",  # noqa: S608 - constant parts
            params,
        )

    async def listing(
        self, flt: ListingFilter, *, now: datetime, limit: int, offset: int
    ) -> list[Post]:
        """Listed posts matching the filter: those of flt.rank_first first, then newest first."""
        ids, _total = await self._page_ids(flt, now, limit, offset, with_total=False)
        return await self._by_ids(ids)

    async def listed_page(
        self, flt: ListingFilter, *, now: datetime, limit: int, offset: int
    ) -> tuple[int, list[Post]]:
        """How many posts are listed and one page of them: count_listed() and listing().

        A search does both in one pass over its hits, since each hit costs a lookup in posts
        (5000 hits among 100 000 posts take 5 ms a pass). A listing without words keeps two
        statements: its count reads an index range alone and its page stops after its rows.
        """
        if flt.match is None:
            total = await self.count_listed(flt, now=now)
            return total, await self.listing(flt, now=now, limit=limit, offset=offset)
        ids, total = await self._page_ids(flt, now, limit, offset, with_total=True)
        if not ids and offset:  # past the last page, where no row carries the count
            total = await self.count_listed(flt, now=now)
        return total, await self._by_ids(ids)

    async def _page_ids(
        self, flt: ListingFilter, now: datetime, limit: int, offset: int, *, with_total: bool
    ) -> tuple[list[int], int]:
        """The ids of one page (from the index alone) and, if asked, how many are listed."""
        source, condition, params = _listing_query(flt, now)
        order = "p.published_at DESC, p.id DESC"
        if flt.rank_first is not None:
            order = f"p.id IN ({_MATCHING}) DESC, {order}"
            params.append(flt.rank_first)
        total = "COUNT(*) OVER ()" if with_total else "0"  # counted before LIMIT applies
        async with self._conn.execute(
            f"SELECT p.id, {total} FROM {source} WHERE {condition}"  # noqa: S608 - constant parts
            f" ORDER BY {order} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ) as cursor:
            rows = list(await cursor.fetchall())
        return [int(row[0]) for row in rows], int(rows[0][1]) if rows else 0

    async def _by_ids(self, ids: list[int]) -> list[Post]:
        """The posts with those ids, in that order; only a page's few rows are read in full."""
        if not ids:
            return []
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM posts"  # noqa: S608 - constant columns and placeholders
            f" WHERE id IN ({','.join('?' for _ in ids)})",
            ids,
        ) as cursor:
            found = {post.id: post for post in map(_post, await cursor.fetchall())}
        return [found[post_id] for post_id in ids if post_id in found]

    async def count_by_author(self, author_id: int) -> int:
        """How many posts an author still manages (not closed, removed or rejected)."""
        return await self._count(
            f"SELECT COUNT(*) FROM posts WHERE {_MANAGED}",  # noqa: S608 - constant
            (author_id,),
        )

    async def by_author(self, author_id: int, *, limit: int, offset: int) -> list[Post]:
        """An author's posts that are still theirs to manage, newest first."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM posts WHERE {_MANAGED}"  # noqa: S608 - constant
            " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
            (author_id, limit, offset),
        ) as cursor:
            return [_post(row) for row in await cursor.fetchall()]

    async def count_by_status(self, status: PostStatus) -> int:
        """How many posts are in one status."""
        return await self._count("SELECT COUNT(*) FROM posts WHERE status = ?", (status.value,))

    async def by_status(self, status: PostStatus, *, limit: int) -> list[Post]:
        """Posts in one status, the most recently changed first (for the board)."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM posts WHERE status = ?"  # noqa: S608 - constant
            " ORDER BY updated_at DESC, id DESC LIMIT ?",
            (status.value, limit),
        ) as cursor:
            return [_post(row) for row in await cursor.fetchall()]

    async def expiring(self, *, now: datetime, until: datetime) -> list[Post]:
        """Published posts that expire after now and no later than until."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM posts WHERE status IN ('active', 'paused')"  # noqa: S608
            " AND expires_at > ? AND expires_at <= ? ORDER BY expires_at, id",
            (ts(now), ts(until)),
        ) as cursor:
            return [_post(row) for row in await cursor.fetchall()]

    async def expire_due(self, now: datetime) -> int:
        """Record the expiry of every published post whose time has come."""
        cursor = await self._conn.execute(
            "UPDATE posts SET status = 'expired', updated_at = ?"
            " WHERE status IN ('active', 'paused') AND expires_at <= ?",
            (ts(now), ts(now)),
        )
        return cursor.rowcount

    async def compact_search_index(self, pages: int) -> None:
        """Merge the full-text index's segments into one, doing at most `pages` pages of work.

        Each write of a post adds a segment, and a search reads every segment for each of its
        terms: 3000 posts left 18 of them, and a search of many terms cost seven times more.
        A negative 'merge' is FTS5's 'optimize' in steps, so no single call holds writers up.
        """
        await self._conn.execute(
            "INSERT INTO posts_fts (posts_fts, rank) VALUES ('merge', ?)", (-pages,)
        )

    async def _count(self, sql: str, params: Any) -> int:
        async with self._conn.execute(sql, tuple(params)) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0


def _listing_query(flt: ListingFilter, now: datetime) -> tuple[str, str, list[Any]]:
    """FROM, WHERE and parameters of a listing: only active, unexpired posts ever show.

    Left to itself, SQLite walks every live post through posts_expiry, and for a search runs
    the full-text match once per row (150 ms at 3000 posts). So a search reads posts_fts first
    and looks each hit up by id (CROSS JOIN keeps that order whatever the planner estimates),
    and a listing without words reads one kind's range of posts_listed, which holds every
    column it filters on. INDEXED BY is what SQLite has it for: should the index ever go, this
    time-sensitive query fails loudly instead of quietly walking the posts again.
    """
    where: list[str] = []
    params: list[Any] = []
    if flt.match is None:
        source = "posts AS p INDEXED BY posts_listed"
    else:
        source = "posts_fts CROSS JOIN posts AS p ON p.id = posts_fts.rowid"  # words first
        where.append("posts_fts MATCH ?")
        params.append(flt.match)
    where += ["p.status = 'active'", "p.expires_at > ?"]
    params.append(ts(now))
    if flt.kind is None:
        where.append("p.kind IN (?, ?)")
        params.extend((PostKind.NEED.value, PostKind.OFFER.value))
    else:
        where.append("p.kind = ?")
        params.append(flt.kind.value)
    if flt.sector is not None:
        where.append("p.sector = ?")
        params.append(flt.sector)
    if flt.municipality is not None:
        where.append(
            f"(p.place_key = ? OR (p.place_kind = 'comarca' AND p.comarca = ?) OR {_EVERYWHERE})"
        )
        params.extend((flt.municipality, flt.comarca))
    elif flt.comarca is not None:
        where.append(f"(p.comarca = ? OR {_EVERYWHERE})")
        params.append(flt.comarca)
    return source, " AND ".join(where), params


def _draft_values(draft: PostDraft) -> tuple[Any, ...]:
    return (
        draft.kind.value,
        draft.sector,
        draft.title,
        draft.description,
        draft.place.kind.value,
        draft.place.key,
        draft.place.comarca,
        None if draft.needed_by is None else draft.needed_by.isoformat(),
        int(draft.urgent),
        draft.conditions,
        draft.member_discount,
        draft.file_id,
        None if draft.file_kind is None else draft.file_kind.value,
        draft.expiry_days,
        index_terms(draft.title, draft.description, draft.conditions, draft.member_discount),
    )


def _post(row: Any) -> Post:
    return Post(
        id=row[0],
        kind=PostKind(row[1]),
        author_id=row[2],
        entity_id=row[3],
        sector=row[4],
        title=row[5],
        description=row[6],
        place=Place(kind=PlaceKind(row[7]), key=row[8], comarca=row[9]),
        needed_by=None if row[10] is None else date.fromisoformat(row[10]),
        urgent=bool(row[11]),
        conditions=row[12],
        member_discount=row[13],
        file_id=row[14],
        file_kind=None if row[15] is None else FileKind(row[15]),
        expiry_days=row[16],
        status=PostStatus(row[17]),
        close_reason=None if row[18] is None else CloseReason(row[18]),
        status_reason=row[19],
        decided_by=row[20],
        decided_at=parse_ts_or_none(row[21]),
        created_at=parse_ts(row[22]),
        updated_at=parse_ts(row[23]),
        published_at=parse_ts_or_none(row[24]),
        expires_at=parse_ts_or_none(row[25]),
    )
