"""Read match pairs with both their sides (shared by the matches repository's queries)."""

from collections.abc import Sequence
from typing import Any

import aiosqlite

from bot.domain.matches import Answer, MatchPair, MatchSide, Outcome, PairStatus, Side
from bot.storage.codec import loads, parse_ts, parse_ts_or_none

__all__ = ["SIDE_COLUMNS", "load_pairs", "side_from_row"]

_PAIR = (
    "id, pair_key, need_post_id, offer_post_id, score, shared_terms, same_municipality,"
    " same_comarca, status, proposed_at, introduced_at, ended_at"
)
SIDE_COLUMNS = (
    "pair_id, side, user_id, entity_id, post_id, answer, answered_at, followup_due_at,"
    " followup_round, outcome_round, outcome, outcome_at, name_notice"
)


async def load_pairs(
    conn: aiosqlite.Connection, tail: str, params: Sequence[Any]
) -> list[MatchPair]:
    """Pairs selected by `tail` (a constant WHERE / ORDER BY / LIMIT), with both sides."""
    async with conn.execute(
        f"SELECT {_PAIR} FROM match_pairs {tail}",  # noqa: S608 - constant parts
        tuple(params),
    ) as cursor:
        rows = list(await cursor.fetchall())
    if not rows:
        return []
    ids = [int(row[0]) for row in rows]
    marks = ",".join("?" for _ in ids)
    async with conn.execute(
        f"SELECT {SIDE_COLUMNS} FROM match_sides WHERE pair_id IN ({marks})",  # noqa: S608
        tuple(ids),
    ) as cursor:
        sides = {(s.pair_id, s.side): s for s in map(side_from_row, await cursor.fetchall())}
    return [
        _pair(row, sides[(int(row[0]), Side.NEED)], sides[(int(row[0]), Side.OFFER)])
        for row in rows
    ]


def _pair(row: Any, need: MatchSide, offer: MatchSide) -> MatchPair:
    return MatchPair(
        id=row[0],
        pair_key=row[1],
        need_post_id=row[2],
        offer_post_id=row[3],
        score=row[4],
        shared_terms=loads(row[5]),
        same_municipality=bool(row[6]),
        same_comarca=bool(row[7]),
        status=PairStatus(row[8]),
        proposed_at=parse_ts(row[9]),
        introduced_at=parse_ts_or_none(row[10]),
        ended_at=parse_ts_or_none(row[11]),
        need=need,
        offer=offer,
    )


def side_from_row(row: Any) -> MatchSide:
    """A side read with SIDE_COLUMNS."""
    return MatchSide(
        pair_id=row[0],
        side=Side(row[1]),
        user_id=row[2],
        entity_id=row[3],
        post_id=row[4],
        answer=None if row[5] is None else Answer(row[5]),
        answered_at=parse_ts_or_none(row[6]),
        followup_due_at=parse_ts_or_none(row[7]),
        followup_round=row[8],
        outcome_round=row[9],
        outcome=None if row[10] is None else Outcome(row[10]),
        outcome_at=parse_ts_or_none(row[11]),
        name_notice=bool(row[12]),
    )
