"""Propose a post's best matches, inside the caller's transaction (publish or rescan)."""

import logging
from datetime import datetime

from bot.domain.matches import CANDIDATES, MAX_PROPOSALS, MatchPair, Side
from bot.domain.matching import Match
from bot.domain.outbox import Category
from bot.domain.posts import PostKind
from bot.services.matching.messages import proposal_message
from bot.services.matching.parties import Party, load_party
from bot.services.runtime import Runtime
from bot.storage.match_index import indexed_post
from bot.storage.matches import NewSide
from bot.storage.repos import Repos

__all__ = ["create_pair", "enqueue_proposal", "propose_matches"]

_LOGGER = logging.getLogger(__name__)


async def propose_matches(repos: Repos, services: Runtime, post_id: int, now: datetime) -> int:
    """Propose matches for a post; a failure is logged and undone, never the caller's.

    Publishing a post (or the rest of the daily rescan) must not fail because of matching.
    """
    try:
        async with repos.matches.savepoint():
            return await _propose(repos, services, post_id, now)
    except Exception:
        _LOGGER.exception("proposing matches for post %s failed", post_id)
        return 0


async def _propose(repos: Repos, services: Runtime, post_id: int, now: datetime) -> int:
    """Propose up to MAX_PROPOSALS strong matches to both authors; return how many are new.

    Only strong matches are pushed (the index decided once, from the post's best candidate,
    that it is worth an alert); the others are possible matches, listed under the post.

    A pair proposed before (in any state, "not relevant" included) still takes one of the
    post's places, so later runs only add pairs that rank among its best. A pair whose author
    on either side paused match alerts (or cannot be reached) is skipped without a trace, so it
    can still be proposed once they resume: a proposal only one side sees could never lead to
    the double opt-in.
    """
    source = await indexed_post(repos, post_id, now)
    mine = await load_party(repos, post_id, now=now, listed=True)
    if source is None or mine is None or not mine.takes_proposals:
        return 0
    matches = await services.matching.top(
        repos, services.network, services.clock, source, CANDIDATES
    )
    places = created = 0
    for match in matches:
        if places >= MAX_PROPOSALS:
            break
        if not match.strong:
            continue  # a possible match: listed under the post, never pushed
        other_id = int(match.id)
        if await repos.matches.exists(post_id, other_id):
            places += 1
            continue
        theirs = await load_party(repos, other_id, now=now, listed=True)
        if theirs is None or theirs.entity.id == mine.entity.id or not theirs.takes_proposals:
            continue
        other = await indexed_post(repos, other_id, now)
        pair = (
            await create_pair(repos, mine, theirs, match, now, services.matching.tuning.alert_score)
            if other is not None
            else None
        )
        if pair is None or other is None:
            continue
        for recipient, own_post, sender in ((mine, source, theirs), (theirs, other, mine)):
            # The why, in the words of the recipient's own post, never the other's language.
            words = services.matching.own_words(
                own_post, match.shared_keys, recipient.locale(services)
            )
            await enqueue_proposal(repos, services, pair, recipient, sender, words, now)
        places += 1
        created += 1
    return created


async def create_pair(
    repos: Repos, mine: Party, theirs: Party, match: Match, now: datetime, alert_score: float
) -> MatchPair | None:
    """Store the pair of `mine` and `theirs` with the match's scores; None if it existed."""
    need, offer = (mine, theirs) if mine.post.kind is PostKind.NEED else (theirs, mine)
    return await repos.matches.create_pair(
        need=_side(need), offer=_side(offer), match=match, now=now, alert_score=alert_score
    )


def _side(party: Party) -> NewSide:
    # Every proposal states that mutual interest shows the entity's name (proposal_message).
    return NewSide(
        user_id=party.member.user_id,
        entity_id=party.entity.id,
        post_id=party.post.id,
        name_notice=True,
    )


async def enqueue_proposal(
    repos: Repos,
    services: Runtime,
    pair: MatchPair,
    recipient: Party,
    other: Party,
    words: list[str],
    now: datetime,
) -> None:
    """The proposal to one author, as a scheduled message (quiet hours apply).

    A dedupe key per pair and side: whoever enqueues it (a strong match, or the other side
    taking up a possible one), each author is asked once.
    """
    side = Side.NEED if recipient.post.kind is PostKind.NEED else Side.OFFER
    await repos.outbox.enqueue(
        dedupe_key=f"match:{pair.pair_key}:{side.value}",
        chat_id=recipient.member.user_id,
        locale=recipient.locale(services),
        message=proposal_message(services, pair, side, recipient, other, words),
        category=Category.SCHEDULED,
        now=now,
    )
