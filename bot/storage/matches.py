"""Repository of proposed matches: pairs, their two sides, follow-ups and the daily rescan."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

import aiosqlite
from pydantic import BaseModel, ConfigDict

from bot.domain.matches import (
    Answer,
    MatchPair,
    MatchSide,
    Outcome,
    PairStatus,
    Side,
    pair_key,
)
from bot.domain.matching import Match
from bot.storage.codec import dumps, parse_ts_or_none, ts, ts_or_none
from bot.storage.match_rows import SIDE_COLUMNS, load_pairs, side_from_row

__all__ = ["BandAnswers", "MatchCounts", "MatchesRepo", "NewSide"]


class NewSide(BaseModel):
    """Who a new pair's side belongs to."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    entity_id: int
    post_id: int
    name_notice: bool = False  # the proposal says the entity's name is shown on mutual interest


@dataclass(frozen=True, slots=True)
class BandAnswers:
    """The answers to the pairs whose score fell in [low, high), for one tier."""

    low: float
    high: float
    tier: str  # "strong", "possible", or "?" for pairs from before tiers
    pairs: int
    interested: int
    not_relevant: int
    introduced: int
    worked_together: int
    did_not: int


class MatchCounts(BaseModel):
    """How many pairs are in each state, and how many led to working together."""

    model_config = ConfigDict(frozen=True)

    proposed: int  # every pair ever proposed
    waiting: int
    declined: int
    introduced: int
    withdrawn: int
    collaborations: int  # introduced pairs where a side answered "yes, we worked together"


class MatchesRepo:
    """Pairs of posts proposed to each other, and everything that follows."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        """Undo only what the block wrote if it fails (the caller's transaction goes on)."""
        await self._conn.execute("SAVEPOINT matches")
        try:
            yield
        except BaseException:
            await self._conn.execute("ROLLBACK TO matches")
            await self._conn.execute("RELEASE matches")
            raise
        await self._conn.execute("RELEASE matches")

    # -- pairs ------------------------------------------------------------------------------
    async def create_pair(
        self,
        *,
        need: NewSide,
        offer: NewSide,
        match: Match,
        now: datetime,
        alert_score: float | None = None,
    ) -> MatchPair | None:
        """Store a new proposal with the scores behind it; None when proposed before."""
        cursor = await self._conn.execute(
            "INSERT INTO match_pairs (pair_key, need_post_id, offer_post_id, score,"
            " relevance, tier, alert_score,"
            " shared_terms, same_municipality, same_comarca, proposed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (pair_key) DO NOTHING",
            (
                pair_key(need.post_id, offer.post_id),
                need.post_id,
                offer.post_id,
                match.score,
                match.relevance,
                "strong" if match.strong else "possible",
                alert_score,
                dumps(match.shared_terms),
                int(match.same_municipality),
                int(match.same_comarca),
                ts(now),
            ),
        )
        if cursor.rowcount != 1:
            return None
        pair_id = int(cursor.lastrowid or 0)
        for side, who in ((Side.NEED, need), (Side.OFFER, offer)):
            await self._conn.execute(
                "INSERT INTO match_sides (pair_id, side, user_id, entity_id, post_id,"
                " name_notice) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    pair_id,
                    side.value,
                    who.user_id,
                    who.entity_id,
                    who.post_id,
                    int(who.name_notice),
                ),
            )
        return await self.pair(pair_id)

    async def exists(self, first_post_id: int, second_post_id: int) -> bool:
        """Whether these two posts were ever proposed to each other."""
        async with self._conn.execute(
            "SELECT 1 FROM match_pairs WHERE pair_key = ?",
            (pair_key(first_post_id, second_post_id),),
        ) as cursor:
            return await cursor.fetchone() is not None

    async def pair(self, pair_id: int) -> MatchPair | None:
        """The pair with that id, with both sides."""
        found = await load_pairs(self._conn, "WHERE id = ?", (pair_id,))
        return found[0] if found else None

    async def record_answer(self, pair_id: int, side: Side, answer: Answer, now: datetime) -> bool:
        """Store a side's first answer; False if it had answered already."""
        cursor = await self._conn.execute(
            "UPDATE match_sides SET answer = ?, answered_at = ?"
            " WHERE pair_id = ? AND side = ? AND answer IS NULL",
            (answer.value, ts(now), pair_id, side.value),
        )
        return cursor.rowcount == 1

    async def end(self, pair_id: int, status: PairStatus, now: datetime) -> bool:
        """Close a pair that is still waiting: declined or withdrawn."""
        cursor = await self._conn.execute(
            "UPDATE match_pairs SET status = ?, ended_at = ? WHERE id = ? AND status = 'proposed'",
            (status.value, ts(now), pair_id),
        )
        return cursor.rowcount == 1

    async def introduce(self, pair_id: int, *, now: datetime, followup_at: datetime) -> bool:
        """Mark a waiting pair introduced and schedule both sides' follow-up question."""
        cursor = await self._conn.execute(
            "UPDATE match_pairs SET status = 'introduced', introduced_at = ?"
            " WHERE id = ? AND status = 'proposed'",
            (ts(now), pair_id),
        )
        if cursor.rowcount != 1:
            return False
        await self._conn.execute(
            "UPDATE match_sides SET followup_due_at = ? WHERE pair_id = ?",
            (ts(followup_at), pair_id),
        )
        return True

    # -- follow-ups -------------------------------------------------------------------------
    async def due_followups(self, now: datetime, *, limit: int = 500) -> list[MatchSide]:
        """Sides whose next follow-up question has fallen due, oldest first."""
        async with self._conn.execute(
            f"SELECT {SIDE_COLUMNS} FROM match_sides WHERE followup_due_at <= ?"  # noqa: S608
            " ORDER BY followup_due_at, pair_id, side LIMIT ?",
            (ts(now), limit),
        ) as cursor:
            return [side_from_row(row) for row in await cursor.fetchall()]

    async def mark_asked(self, side: MatchSide) -> bool:
        """Count the question as asked (once): nothing is due until the next answer."""
        cursor = await self._conn.execute(
            "UPDATE match_sides SET followup_round = followup_round + 1, followup_due_at = NULL"
            " WHERE pair_id = ? AND side = ? AND followup_round = ?",
            (side.pair_id, side.side.value, side.followup_round),
        )
        return cursor.rowcount == 1

    async def drop_followup(self, side: MatchSide) -> None:
        """Ask nothing more of this side (the member left, or the entity is gone)."""
        await self._conn.execute(
            "UPDATE match_sides SET followup_due_at = NULL WHERE pair_id = ? AND side = ?",
            (side.pair_id, side.side.value),
        )

    async def record_outcome(
        self,
        side: MatchSide,
        round_: int,
        outcome: Outcome,
        *,
        now: datetime,
        ask_again_at: datetime | None,
    ) -> bool:
        """Store the answer to follow-up `round_`; False unless it is the current question."""
        cursor = await self._conn.execute(
            "UPDATE match_sides SET outcome = ?, outcome_at = ?, outcome_round = ?,"
            " followup_due_at = ? WHERE pair_id = ? AND side = ? AND followup_round = ?"
            " AND outcome_round < ?",
            (
                outcome.value,
                ts(now),
                round_,
                ts_or_none(ask_again_at),
                side.pair_id,
                side.side.value,
                round_,
                round_,
            ),
        )
        return cursor.rowcount == 1

    # -- the daily rescan ---------------------------------------------------------------------
    async def last_rescan(self) -> datetime | None:
        """When the daily rescan last ran."""
        async with self._conn.execute("SELECT MAX(ran_at) FROM match_rescans") as cursor:
            row = await cursor.fetchone()
        return parse_ts_or_none(row[0]) if row else None

    async def record_rescan(self, now: datetime, *, posts: int, proposed: int) -> None:
        """Log one run of the daily rescan."""
        await self._conn.execute(
            "INSERT INTO match_rescans (ran_at, posts, proposed) VALUES (?, ?, ?)",
            (ts(now), posts, proposed),
        )

    async def recent_post_ids(self, *, since: datetime, now: datetime) -> list[int]:
        """Listed posts published from `since` on, oldest first."""
        async with self._conn.execute(
            "SELECT id FROM posts WHERE status = 'active' AND expires_at > ?"
            " AND published_at >= ? ORDER BY published_at, id",
            (ts(now), ts(since)),
        ) as cursor:
            return [int(row[0]) for row in await cursor.fetchall()]

    # -- the board's view ---------------------------------------------------------------------
    async def answers_by_band(self, width: float) -> list[BandAnswers]:
        """How the pairs in each score band (and tier) were answered, lowest band first.

        A pair counts once per answer its sides gave: two "interested" are two answers.
        Pairs stored before scores were kept have no tier and fall in their score's band.
        """
        async with self._conn.execute(
            "SELECT CAST(p.score / ? AS INTEGER) AS band, COALESCE(p.tier, '?'),"
            " COUNT(DISTINCT p.id),"
            " SUM(s.answer = 'interested'), SUM(s.answer = 'not_relevant'),"
            " COUNT(DISTINCT CASE WHEN p.status = 'introduced' THEN p.id END),"
            " SUM(s.outcome = 'yes'), SUM(s.outcome = 'no')"
            " FROM match_pairs AS p JOIN match_sides AS s ON s.pair_id = p.id"
            " GROUP BY band, COALESCE(p.tier, '?') ORDER BY band, 2",
            (width,),
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            BandAnswers(
                low=int(row[0]) * width,
                high=(int(row[0]) + 1) * width,
                tier=str(row[1]),
                pairs=int(row[2]),
                interested=int(row[3] or 0),
                not_relevant=int(row[4] or 0),
                introduced=int(row[5] or 0),
                worked_together=int(row[6] or 0),
                did_not=int(row[7] or 0),
            )
            for row in rows
        ]

    async def counts(self) -> MatchCounts:
        """Pairs by state, and collaborations that came out of introductions."""
        async with self._conn.execute(
            "SELECT status, COUNT(*) FROM match_pairs GROUP BY status"
        ) as cursor:
            by_status = {str(row[0]): int(row[1]) for row in await cursor.fetchall()}
        async with self._conn.execute(
            "SELECT COUNT(DISTINCT pair_id) FROM match_sides WHERE outcome = 'yes'"
        ) as cursor:
            row = await cursor.fetchone()
        return MatchCounts(
            proposed=sum(by_status.values()),
            waiting=by_status.get(PairStatus.PROPOSED.value, 0),
            declined=by_status.get(PairStatus.DECLINED.value, 0),
            introduced=by_status.get(PairStatus.INTRODUCED.value, 0),
            withdrawn=by_status.get(PairStatus.WITHDRAWN.value, 0),
            collaborations=int(row[0]) if row else 0,
        )

    async def recent_pairs(self, *, limit: int) -> list[MatchPair]:
        """The latest proposals, newest first."""
        return await load_pairs(self._conn, "ORDER BY proposed_at DESC, id DESC LIMIT ?", (limit,))

    async def recent_introductions(self, *, limit: int) -> list[MatchPair]:
        """The latest introductions, newest first."""
        return await load_pairs(
            self._conn,
            "WHERE status = 'introduced' ORDER BY introduced_at DESC, id DESC LIMIT ?",
            (limit,),
        )

    async def recent_collaborations(self, *, limit: int) -> list[MatchPair]:
        """Introduced pairs where a side said they worked together, latest answer first."""
        return await load_pairs(
            self._conn,
            "WHERE id IN (SELECT pair_id FROM match_sides WHERE outcome = 'yes')"
            " ORDER BY (SELECT MAX(s.outcome_at) FROM match_sides AS s"
            " WHERE s.pair_id = match_pairs.id AND s.outcome = 'yes') DESC, id DESC LIMIT ?",
            (limit,),
        )
