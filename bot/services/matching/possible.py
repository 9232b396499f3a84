"""Possible matches: listed under a member's own post, never pushed, taken up by a button.

A post's ranked list holds every post of the other kind that shares something specific with
it. The strong ones are pushed as proposals; the rest, and any the bot could not push, are
listed here until they become a pair. Interested on one creates the pair, records the answer
and asks the other author with the same proposal message: the same double opt-in.
"""

from dataclasses import dataclass
from datetime import datetime

from bot.domain.matches import CANDIDATES, Answer, AnswerResult
from bot.domain.matching import Match
from bot.domain.members import Member
from bot.i18n import Translator
from bot.services.matching.introductions import record_answer
from bot.services.matching.messages import why_line
from bot.services.matching.parties import Party, load_party
from bot.services.matching.proposals import create_pair, enqueue_proposal
from bot.services.runtime import Runtime
from bot.storage.match_index import indexed_post
from bot.storage.repos import Repos

__all__ = ["SHOWN", "PossibleMatch", "answer_possible", "possible_matches"]

SHOWN = 5  # possible matches listed under a post


@dataclass(frozen=True, slots=True)
class PossibleMatch:
    """Another member's post that may fit, with why, in the viewer's language."""

    post_id: int
    title: str
    why_html: str


async def possible_matches(
    repos: Repos, services: Runtime, post_id: int, t: Translator, now: datetime
) -> list[PossibleMatch]:
    """The possible matches of a listed post, best first (none for an unlisted post)."""
    listed = await _listed(repos, services, post_id, now)
    if listed is None:
        return []
    mine, found = listed
    source = await indexed_post(repos, post_id, now)
    assert source is not None  # noqa: S101 - _listed found the post listed
    shown: list[PossibleMatch] = []
    for match, theirs in found:
        words = services.matching.own_words(source, match.shared_keys, t.locale)
        why = why_line(
            t,
            services,
            mine,
            words,
            same_municipality=match.same_municipality,
            same_comarca=match.same_comarca,
        )
        shown.append(PossibleMatch(theirs.post.id, theirs.post.title, why))
        if len(shown) >= SHOWN:
            break
    return shown


async def answer_possible(
    repos: Repos,
    services: Runtime,
    post_id: int,
    other_id: int,
    member: Member,
    answer: Answer,
    now: datetime,
) -> AnswerResult | None:
    """Take up (or turn down) a possible match; None when it is not one (stale or forged)."""
    mine = await load_party(repos, post_id, now=now, listed=True)
    if mine is None or mine.member.user_id != member.user_id:
        return None
    if await repos.matches.exists(post_id, other_id):
        return AnswerResult.ALREADY
    listed = await _listed(repos, services, post_id, now)
    chosen = [(m, p) for m, p in (listed[1] if listed else []) if p.post.id == other_id]
    if not chosen:
        return None
    match, theirs = chosen[0]
    pair = await create_pair(repos, mine, theirs, match, now, services.matching.tuning.alert_score)
    if pair is None:
        return AnswerResult.ALREADY
    result = await record_answer(repos, services, pair.id, member, answer, now)
    if answer is Answer.INTERESTED and result is AnswerResult.WAITING:
        other = await indexed_post(repos, other_id, now)
        words = (
            services.matching.own_words(other, match.shared_keys, theirs.locale(services))
            if other is not None
            else []
        )
        await enqueue_proposal(repos, services, pair, theirs, mine, words, now)
    return result


async def _listed(
    repos: Repos, services: Runtime, post_id: int, now: datetime
) -> tuple[Party, list[tuple[Match, Party]]] | None:
    """The post's party and its candidates that are not yet a pair, with their parties."""
    source = await indexed_post(repos, post_id, now)
    mine = await load_party(repos, post_id, now=now, listed=True)
    if source is None or mine is None:
        return None
    matches = await services.matching.top(
        repos, services.network, services.clock, source, CANDIDATES
    )
    found: list[tuple[Match, Party]] = []
    for match in matches:
        other_id = int(match.id)
        if await repos.matches.exists(post_id, other_id):
            continue  # proposed already (in the chat), answered, or turned down
        theirs = await load_party(repos, other_id, now=now, listed=True)
        if theirs is None or theirs.entity.id == mine.entity.id:
            continue
        found.append((match, theirs))
    return mine, found
