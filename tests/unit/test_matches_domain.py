"""The pure rules of matching: pair keys, answers, follow-up dates, the engine's view."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.matches import (
    Answer,
    AnswerResult,
    IndexedPost,
    MatchPair,
    MatchSide,
    Outcome,
    PairStatus,
    Side,
    apply_answer,
    followup_due,
    pair_key,
)
from bot.domain.matching import MatchablePost
from bot.domain.posts import PlaceKind, PostKind

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def pair(
    need: Answer | None = None,
    offer: Answer | None = None,
    status: PairStatus = PairStatus.PROPOSED,
) -> MatchPair:
    return MatchPair(
        id=1,
        pair_key="3-8",
        need_post_id=8,
        offer_post_id=3,
        score=0.5,
        shared_terms=["web"],
        same_municipality=False,
        same_comarca=True,
        status=status,
        proposed_at=NOW,
        need=MatchSide(pair_id=1, side=Side.NEED, user_id=10, entity_id=1, post_id=8, answer=need),
        offer=MatchSide(
            pair_id=1, side=Side.OFFER, user_id=20, entity_id=2, post_id=3, answer=offer
        ),
    )


def test_pair_key_ignores_order() -> None:
    assert pair_key(8, 3) == pair_key(3, 8) == "3-8"
    assert pair_key(3, 18) != pair_key(31, 8)


def test_sides() -> None:
    found = pair()
    assert Side.NEED.other is Side.OFFER and Side.OFFER.other is Side.NEED
    assert found.side_of(10) == found.need and found.side_of(20) == found.offer
    assert found.side_of(30) is None
    assert found.side(Side.OFFER).post_id == 3


@pytest.mark.parametrize(
    ("need", "offer", "status", "side", "answer", "expected"),
    [
        (None, None, PairStatus.PROPOSED, Side.NEED, Answer.INTERESTED, AnswerResult.WAITING),
        (None, None, PairStatus.PROPOSED, Side.NEED, Answer.NOT_RELEVANT, AnswerResult.DECLINED),
        (
            None,
            Answer.INTERESTED,
            PairStatus.PROPOSED,
            Side.NEED,
            Answer.INTERESTED,
            AnswerResult.INTRODUCE,
        ),
        (
            Answer.INTERESTED,
            None,
            PairStatus.PROPOSED,
            Side.OFFER,
            Answer.INTERESTED,
            AnswerResult.INTRODUCE,
        ),
        (
            Answer.INTERESTED,
            None,
            PairStatus.PROPOSED,
            Side.NEED,
            Answer.NOT_RELEVANT,
            AnswerResult.ALREADY,
        ),
        # Once the pair is settled, an answer is stored but changes nothing; interest in a
        # declined pair is told that the other side is not looking for it.
        (
            None,
            Answer.NOT_RELEVANT,
            PairStatus.DECLINED,
            Side.NEED,
            Answer.INTERESTED,
            AnswerResult.NOT_WANTED,
        ),
        (
            None,
            Answer.NOT_RELEVANT,
            PairStatus.DECLINED,
            Side.NEED,
            Answer.NOT_RELEVANT,
            AnswerResult.WAITING,
        ),
        (None, None, PairStatus.WITHDRAWN, Side.OFFER, Answer.INTERESTED, AnswerResult.WAITING),
    ],
)
def test_apply_answer(
    need: Answer | None,
    offer: Answer | None,
    status: PairStatus,
    side: Side,
    answer: Answer,
    expected: AnswerResult,
) -> None:
    assert apply_answer(pair(need, offer, status), side, answer) is expected


def test_followup_is_asked_once_more_only_after_a_first_not_yet() -> None:
    assert followup_due(Outcome.NOT_YET, 1, NOW, 14) == NOW + timedelta(days=14)
    assert followup_due(Outcome.NOT_YET, 2, NOW, 14) is None
    assert followup_due(Outcome.YES, 1, NOW, 14) is None
    assert followup_due(Outcome.NO, 1, NOW, 14) is None


def test_current_followup_question() -> None:
    side = MatchSide(pair_id=1, side=Side.NEED, user_id=1, entity_id=1, post_id=1)
    assert not side.can_answer_followup(1)  # not asked yet
    asked = side.model_copy(update={"followup_round": 1})
    assert asked.can_answer_followup(1) and not asked.can_answer_followup(2)
    answered = asked.model_copy(update={"outcome_round": 1})
    assert not answered.can_answer_followup(1)
    again = answered.model_copy(update={"followup_round": 2})
    assert again.can_answer_followup(2) and not again.can_answer_followup(1)
    assert not side.can_answer_followup(0)


def indexed(place_kind: PlaceKind, place_key: str | None) -> IndexedPost:
    return IndexedPost(
        id=7,
        kind=PostKind.NEED,
        entity_id=1,
        sector="digital",
        title="Página web",
        description="Con tienda",
        place_kind=place_kind,
        place_key=place_key,
        published_at=NOW,
        updated_at="x",
        eligible=True,
    )


def test_the_engines_view_of_a_post() -> None:
    post = indexed(PlaceKind.MUNICIPALITY, "leon").matchable()
    assert (post.id, post.kind, post.municipality, post.scope) == (
        "7",
        "need",
        "leon",
        "municipality",
    )
    assert post.created_at == NOW
    # Only the post's own words: nothing of its entity's profile comes along.
    assert (post.title, post.description) == ("Página web", "Con tienda")
    assert "profile_text" not in MatchablePost.model_fields
    comarca = indexed(PlaceKind.COMARCA, "bierzo").matchable()
    assert comarca.municipality is None and comarca.scope == "comarca"
    online = indexed(PlaceKind.ONLINE, None).matchable()
    assert online.municipality is None and online.scope == "online"


@pytest.mark.parametrize(
    ("listed", "notice", "answer", "named"),
    [
        (True, False, None, True),  # in the directory anyway
        (False, True, Answer.INTERESTED, True),  # told, then pressed "interested"
        (False, False, Answer.INTERESTED, False),  # pressed without being told
        (False, True, None, False),  # told, but never agreed
    ],
)
def test_an_unlisted_name_is_shown_only_with_consent(
    listed: bool, notice: bool, answer: Answer | None, named: bool
) -> None:
    side = MatchSide(
        pair_id=1,
        side=Side.NEED,
        user_id=10,
        entity_id=1,
        post_id=8,
        answer=answer,
        name_notice=notice,
    )
    assert side.may_name(listed) is named
