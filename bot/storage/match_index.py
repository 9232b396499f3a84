"""The process's one MatchIndex: built from the database at start-up, then kept in step.

Nothing outside this module tells the index about changes. Every status change or edit of a
post moves its ``updated_at`` (publish, edit, pause, resume, close, expire, remove, extend), so
before each use the index reads the posts changed since it last looked, plus the posts of any
entity whose status changed (a trigger numbers each such change, so those entities are
found by index, never by reading them all), and re-indexes or drops them. A post is matched on
its own title and description only: its entity's "we offer"/"we need" texts never lend it
words. It is only a candidate finder: whoever proposes still checks each candidate against the
database.
"""

import logging
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from bot.clock import Clock
from bot.domain.matches import IndexedPost
from bot.domain.matching import DEFAULT_TUNING, Match, MatchIndex, Tuning
from bot.domain.matching.for_network import build_index, network_vocabulary
from bot.domain.matching.vocabulary import Vocabulary
from bot.domain.network import Network
from bot.domain.posts import PlaceKind, PostKind
from bot.storage.codec import parse_ts, parse_ts_or_none, ts
from bot.storage.repos import Repos

__all__ = ["LiveMatchIndex", "indexed_post"]

_LOGGER = logging.getLogger(__name__)
# Changes are read from a little before the newest one seen: a transaction that took its
# timestamp earlier but committed later must not be missed. Rows seen unchanged are skipped.
_OVERLAP = timedelta(minutes=5)
_SELECT = (
    "SELECT p.id, p.kind, p.entity_id, p.sector, p.title, p.description, p.place_kind,"
    " p.place_key, p.published_at, p.updated_at,"
    " p.status = 'active' AND p.expires_at > ? AND e.status = 'approved'"
    " FROM posts AS p JOIN entities AS e ON e.id = p.entity_id"
)


class LiveMatchIndex:
    """A MatchIndex of the listed posts, caught up with the database before each use."""

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self._vocabulary = vocabulary  # None: compiled from the network at the first use
        self._index: MatchIndex | None = None
        self._newest: datetime | None = None  # the latest post updated_at seen
        self._versions: dict[int, int] = {}  # post id -> hash of the row last applied
        self._profile_version = 0  # the newest entity profile_version seen
        self.build_seconds: float | None = None  # what the start-up build cost

    @property
    def tuning(self) -> Tuning:
        """The constants the index scores and decides with."""
        return self._index.tuning if self._index is not None else DEFAULT_TUNING

    def __len__(self) -> int:
        """Posts indexed."""
        return len(self._index) if self._index is not None else 0

    async def top(
        self, repos: Repos, network: Network, clock: Clock, post: IndexedPost, k: int
    ) -> list[Match]:
        """The best fitting listed posts of the other kind, after catching up."""
        index = await self.ensure(repos, network, clock)
        return index.top(post.matchable(), k)

    def vocabulary(self, network: Network) -> Vocabulary:
        """The vocabulary the index matches with (search widens words through it too)."""
        if self._vocabulary is None:
            self._vocabulary = network_vocabulary(network)
        return self._vocabulary

    def own_words(self, post: IndexedPost, keys: Sequence[str], lang: str) -> list[str]:
        """A match's shared terms as `post` words them (see MatchIndex.own_words)."""
        if self._index is None:
            return []  # nothing was matched yet, so there is nothing to word
        return self._index.own_words(post.matchable(), keys, lang)

    async def ensure(self, repos: Repos, network: Network, clock: Clock) -> MatchIndex:
        """The index: built on first use, and caught up with every change since."""
        if self._index is None:
            return await self._build(repos.conn, network, clock)
        await self._catch_up(repos.conn, self._index, clock())
        return self._index

    async def _build(
        self, conn: aiosqlite.Connection, network: Network, clock: Clock
    ) -> MatchIndex:
        started = time.perf_counter()
        now = clock()
        index = build_index(network, clock, vocabulary=self.vocabulary(network))
        rows = await _rows(conn, "WHERE p.status = 'active' AND p.expires_at > ?", now, (ts(now),))
        index.add_many(row.matchable() for row in rows if row.eligible)
        self._versions = {row.id: hash(row) for row in rows}
        self._profile_version = await _newest_profile_version(conn)
        self._newest = await _newest(conn)
        self._index = index
        self.build_seconds = time.perf_counter() - started
        _LOGGER.info(
            "match index built: %d posts in %.0f ms", len(index), self.build_seconds * 1000
        )
        return index

    async def _catch_up(self, conn: aiosqlite.Connection, index: MatchIndex, now: datetime) -> None:
        since = ts(self._newest - _OVERLAP) if self._newest is not None else ""
        rows = await _rows(conn, "WHERE p.updated_at >= ?", now, (since,))
        changed, self._profile_version = await _profiles_changed(conn, self._profile_version)
        if changed:
            marks = ",".join("?" for _ in changed)
            rows += await _rows(conn, f"WHERE p.entity_id IN ({marks})", now, changed)
        for row in rows:
            newest = parse_ts(row.updated_at)
            if self._newest is None or newest > self._newest:
                self._newest = newest
            # Two changes can share a timestamp, so what counts is the row as the index sees it.
            version = hash(row)
            if self._versions.get(row.id) == version:
                continue
            if row.eligible:
                index.update(row.matchable())
            else:
                index.remove(str(row.id))
            self._versions[row.id] = version


async def indexed_post(repos: Repos, post_id: int, now: datetime) -> IndexedPost | None:
    """One post as the index sees it (to ask the index about it)."""
    rows = await _rows(repos.conn, "WHERE p.id = ?", now, (post_id,))
    return rows[0] if rows else None


async def _rows(
    conn: aiosqlite.Connection, where: str, now: datetime, params: Sequence[Any]
) -> list[IndexedPost]:
    async with conn.execute(
        f"{_SELECT} {where}",
        (ts(now), *params),
    ) as cursor:
        return [_indexed(row) for row in await cursor.fetchall()]


async def _profiles_changed(conn: aiosqlite.Connection, since: int) -> tuple[list[int], int]:
    """Entities whose status or profile texts changed after version `since`; the newest."""
    async with conn.execute(
        "SELECT id, profile_version FROM entities WHERE profile_version > ?", (since,)
    ) as cursor:
        rows = await cursor.fetchall()
    return [int(row[0]) for row in rows], max((int(row[1]) for row in rows), default=since)


async def _newest_profile_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("SELECT MAX(profile_version) FROM entities") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


async def _newest(conn: aiosqlite.Connection) -> datetime | None:
    async with conn.execute("SELECT MAX(updated_at) FROM posts") as cursor:
        row = await cursor.fetchone()
    return parse_ts_or_none(row[0]) if row else None


def _indexed(row: Any) -> IndexedPost:
    return IndexedPost(
        id=row[0],
        kind=PostKind(row[1]),
        entity_id=row[2],
        sector=row[3],
        title=row[4],
        description=row[5],
        place_kind=PlaceKind(row[6]),
        place_key=row[7],
        published_at=parse_ts_or_none(row[8]),
        updated_at=row[9],
        eligible=bool(row[10]),
    )
