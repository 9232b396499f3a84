"""What the board's /matches shows: counts, the last rescan, and the latest pairs per section."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.matches import MatchPair, PairStatus
from bot.services.runtime import Runtime
from bot.storage.matches import MatchCounts
from bot.storage.repos import Repos

__all__ = ["RECENT", "MatchReport", "PairLine", "Section", "board_report"]

RECENT = 5  # lines per section


@dataclass(frozen=True, slots=True)
class PairLine:
    """One pair as the board sees it: when, the need and the offer with their entities."""

    moment: datetime
    need: str
    need_entity: str
    offer: str
    offer_entity: str
    status: PairStatus


@dataclass(frozen=True, slots=True)
class Section:
    """The latest pairs of one kind: proposals, introductions or collaborations."""

    name: str  # "proposals", "introductions", "collaborations"
    lines: Sequence[PairLine]


@dataclass(frozen=True, slots=True)
class MatchReport:
    """Counts by status, the last rescan, and the sections."""

    counts: MatchCounts
    last_rescan: datetime | None
    sections: Sequence[Section]


async def board_report(runtime: Runtime) -> MatchReport:
    """Read everything /matches shows in one read transaction."""
    async with runtime.store.read() as repos:
        counts = await repos.matches.counts()
        last_rescan = await repos.matches.last_rescan()
        sections = [
            Section(
                "proposals",
                await _lines(repos, await repos.matches.recent_pairs(limit=RECENT), False),
            ),
            Section(
                "introductions",
                await _lines(repos, await repos.matches.recent_introductions(limit=RECENT), True),
            ),
            Section(
                "collaborations",
                await _lines(repos, await repos.matches.recent_collaborations(limit=RECENT), True),
            ),
        ]
    return MatchReport(counts, last_rescan, sections)


async def _lines(repos: Repos, pairs: list[MatchPair], introduced: bool) -> list[PairLine]:
    lines = []
    for pair in pairs:
        need = await repos.posts.get(pair.need_post_id)
        offer = await repos.posts.get(pair.offer_post_id)
        ids = [pair.need.entity_id, pair.offer.entity_id]
        entities = {e.id: e.name for e in await repos.members.entities_by_ids(ids)}
        moment = pair.introduced_at if introduced and pair.introduced_at else pair.proposed_at
        lines.append(
            PairLine(
                moment=moment,
                need=need.title if need else "?",
                need_entity=entities.get(pair.need.entity_id, "?"),
                offer=offer.title if offer else "?",
                offer_entity=entities.get(pair.offer.entity_id, "?"),
                status=pair.status,
            )
        )
    return lines
