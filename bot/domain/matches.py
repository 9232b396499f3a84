"""Proposed matches between a need and an offer: pairs, answers, introductions, follow-ups.

The rules are pure: storage keeps the rows and handlers turn these decisions into messages.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from bot.domain.matching import MAX_ALERTS, MatchablePost
from bot.domain.posts import PlaceKind, PostKind

__all__ = [
    "CANDIDATES",
    "MAX_PROPOSALS",
    "RESCAN_EVERY",
    "RESCAN_WINDOW",
    "Answer",
    "AnswerResult",
    "IndexedPost",
    "MatchPair",
    "MatchSide",
    "Outcome",
    "PairStatus",
    "Side",
    "apply_answer",
    "followup_due",
    "pair_key",
]

MAX_PROPOSALS = MAX_ALERTS  # best matches proposed (pushed) for one post
# Candidates asked of the index for one post: some turn out ineligible (same entity, paused
# member, gone post), so ask for more than are proposed.
CANDIDATES = 12
RESCAN_EVERY = timedelta(days=1)
# The daily rescan looks again at posts published this recently: it catches pairs skipped
# while a member had paused alerts, and old posts that now fit newer ones better.
RESCAN_WINDOW = timedelta(days=7)


class Side(StrEnum):
    """Which post of the pair a member wrote."""

    NEED = "need"
    OFFER = "offer"

    @property
    def other(self) -> "Side":
        """The opposite side."""
        return Side.OFFER if self is Side.NEED else Side.NEED


class PairStatus(StrEnum):
    """Where a proposed pair is."""

    PROPOSED = "proposed"  # waiting for answers
    DECLINED = "declined"  # one side said "not relevant": never proposed again
    INTRODUCED = "introduced"  # both said "interested": introduced, may write through the bot
    WITHDRAWN = "withdrawn"  # a post was removed or a member left before both answered


class Answer(StrEnum):
    """A member's answer to a proposal."""

    INTERESTED = "interested"
    NOT_RELEVANT = "not_relevant"


class Outcome(StrEnum):
    """A member's answer to "Did you work together?"."""

    YES = "yes"
    NO = "no"
    NOT_YET = "not_yet"


class AnswerResult(StrEnum):
    """What pressing an answer button did."""

    ALREADY = "already"  # this side had answered: nothing changes
    WAITING = "waiting"  # recorded; the other side has not said interested (or never will)
    DECLINED = "declined"  # recorded; the pair is closed for good
    NOT_WANTED = "not_wanted"  # interested, but the other side had said not relevant
    INTRODUCE = "introduce"  # both are interested: introduce them now


class MatchSide(BaseModel):
    """One side of a pair: the author of one post, and what they answered."""

    model_config = ConfigDict(frozen=True)

    pair_id: int
    side: Side
    user_id: int
    entity_id: int
    post_id: int
    answer: Answer | None = None
    answered_at: datetime | None = None
    followup_due_at: datetime | None = None
    followup_round: int = 0
    outcome_round: int = 0
    outcome: Outcome | None = None
    outcome_at: datetime | None = None
    # The proposal told this side its entity's name is shown if both are interested.
    name_notice: bool = False

    def may_name(self, listed: bool) -> bool:
        """Whether the other side may learn this side's entity name (after an introduction).

        A listed entity's name is in the directory anyway; an unlisted one's only when its
        proposal said so, since pressing "interested" on it was agreeing to that.
        """
        return listed or (self.name_notice and self.answer is Answer.INTERESTED)

    def can_answer_followup(self, round_: int) -> bool:
        """Whether a follow-up button of this round is the current, unanswered question."""
        return round_ >= 1 and round_ == self.followup_round and self.outcome_round < round_


class MatchPair(BaseModel):
    """A need and an offer proposed to each other, with both sides."""

    model_config = ConfigDict(frozen=True)

    id: int
    pair_key: str
    need_post_id: int
    offer_post_id: int
    score: float
    shared_terms: list[str]
    same_municipality: bool
    same_comarca: bool
    status: PairStatus
    proposed_at: datetime
    introduced_at: datetime | None = None
    ended_at: datetime | None = None
    need: MatchSide
    offer: MatchSide

    def side(self, side: Side) -> MatchSide:
        """One side of the pair."""
        return self.need if side is Side.NEED else self.offer

    def side_of(self, user_id: int) -> MatchSide | None:
        """The side this user answers for, or None when they are not part of the pair."""
        for candidate in (self.need, self.offer):
            if candidate.user_id == user_id:
                return candidate
        return None


class IndexedPost(BaseModel):
    """A post as the live index reads it: its own words only, never its entity's profile."""

    model_config = ConfigDict(frozen=True)

    id: int
    kind: PostKind
    entity_id: int
    sector: str
    title: str
    description: str
    place_kind: PlaceKind
    place_key: str | None
    published_at: datetime | None
    updated_at: str  # as stored: the live index catches up from the newest it saw
    eligible: bool  # active, unexpired, and its entity approved

    def matchable(self) -> MatchablePost:
        """The engine's view: only a municipality-wide post has a municipality."""
        municipality = self.place_key if self.place_kind is PlaceKind.MUNICIPALITY else None
        return MatchablePost(
            id=str(self.id),
            kind=self.kind.value,
            sector=self.sector,
            title=self.title,
            description=self.description,
            municipality=municipality,
            scope=self.place_kind.value,
            created_at=self.published_at,
        )


def pair_key(first_post_id: int, second_post_id: int) -> str:
    """The same key whichever post comes first."""
    low, high = sorted((first_post_id, second_post_id))
    return f"{low}-{high}"


def apply_answer(pair: MatchPair, side: Side, answer: Answer) -> AnswerResult:
    """What an answer from side does to the pair (the caller stores it)."""
    mine, theirs = pair.side(side), pair.side(side.other)
    if mine.answer is not None:
        return AnswerResult.ALREADY
    if pair.status is PairStatus.DECLINED and answer is Answer.INTERESTED:
        return AnswerResult.NOT_WANTED  # say so (without who), rather than leave them waiting
    if pair.status is not PairStatus.PROPOSED:
        return AnswerResult.WAITING  # the outcome is settled; say nothing more about it
    if answer is Answer.NOT_RELEVANT:
        return AnswerResult.DECLINED
    if theirs.answer is Answer.INTERESTED:
        return AnswerResult.INTRODUCE
    return AnswerResult.WAITING


def followup_due(outcome: Outcome, round_: int, now: datetime, days: int) -> datetime | None:
    """When to ask again: once more, `days` after a first "not yet"; otherwise never."""
    if outcome is Outcome.NOT_YET and round_ == 1:
        return now + timedelta(days=days)
    return None
