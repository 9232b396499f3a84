"""Matches repository against the migrated schema: pairs once, answers once, follow-ups."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.matches import Answer, Outcome, PairStatus, Side
from bot.domain.matching import Match
from bot.domain.members import EntityProfile
from bot.domain.posts import Place, PlaceKind, PostDraft, PostKind, PostStatus
from bot.storage.db import Database
from bot.storage.matches import NewSide
from bot.storage.repos import Store

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
MATCH = Match(id="x", score=0.6, shared_terms=["web"], same_municipality=True, same_comarca=True)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    db = Database(tmp_path / "t.db")
    await db.open()
    yield Store(db)
    await db.close()


async def two_posts(store: Store) -> tuple[NewSide, NewSide]:
    """A need of entity 1 (user 10) and an offer of entity 2 (user 20)."""
    sides = []
    async with store.write() as repos:
        for number, kind in ((1, PostKind.NEED), (2, PostKind.OFFER)):
            entity = await repos.members.create_application(
                EntityProfile(
                    name=f"E{number}",
                    kind="cooperative",
                    sectors=["education"],
                    municipality="leon",
                    description="x",
                ),
                applied_by=number * 10,
                now=NOW,
            )
            draft = PostDraft(
                kind=kind,
                sector="education",
                title="t",
                description="d",
                place=Place(kind=PlaceKind.ONLINE),
            )
            post = await repos.posts.create(
                draft,
                author_id=number * 10,
                entity_id=entity.id,
                status=PostStatus.ACTIVE,
                now=NOW,
            )
            sides.append(NewSide(user_id=number * 10, entity_id=entity.id, post_id=post.id))
    return sides[0], sides[1]


async def test_a_pair_is_created_once_whatever_the_order(store: Store) -> None:
    need, offer = await two_posts(store)
    async with store.write() as repos:
        pair = await repos.matches.create_pair(need=need, offer=offer, match=MATCH, now=NOW)
        assert pair is not None
        assert await repos.matches.create_pair(need=need, offer=offer, match=MATCH, now=NOW) is None
        assert await repos.matches.exists(offer.post_id, need.post_id)
    assert pair.status is PairStatus.PROPOSED and pair.shared_terms == ["web"]
    assert pair.need.user_id == 10 and pair.offer.post_id == offer.post_id
    assert pair.same_municipality and pair.score == pytest.approx(0.6)
    assert not pair.need.name_notice and not pair.offer.name_notice


async def test_a_sides_name_notice_is_kept(store: Store) -> None:
    need, offer = await two_posts(store)
    told = need.model_copy(update={"name_notice": True})
    async with store.write() as repos:
        pair = await repos.matches.create_pair(need=told, offer=offer, match=MATCH, now=NOW)
    assert pair is not None and pair.need.name_notice and not pair.offer.name_notice


async def test_answers_are_stored_once_and_pairs_end_once(store: Store) -> None:
    need, offer = await two_posts(store)
    async with store.write() as repos:
        pair = await repos.matches.create_pair(need=need, offer=offer, match=MATCH, now=NOW)
        assert pair is not None
        assert await repos.matches.record_answer(pair.id, Side.NEED, Answer.INTERESTED, NOW)
        assert not await repos.matches.record_answer(pair.id, Side.NEED, Answer.NOT_RELEVANT, NOW)
        assert await repos.matches.end(pair.id, PairStatus.DECLINED, NOW)
        assert not await repos.matches.end(pair.id, PairStatus.WITHDRAWN, NOW)
        assert not await repos.matches.introduce(pair.id, now=NOW, followup_at=NOW)
        found = await repos.matches.pair(pair.id)
    assert found is not None and found.status is PairStatus.DECLINED
    assert found.need.answer is Answer.INTERESTED and found.ended_at == NOW


async def test_followups_are_due_once_and_answered_once(store: Store) -> None:
    need, offer = await two_posts(store)
    due_at = NOW + timedelta(days=14)
    async with store.write() as repos:
        pair = await repos.matches.create_pair(need=need, offer=offer, match=MATCH, now=NOW)
        assert pair is not None
        assert await repos.matches.introduce(pair.id, now=NOW, followup_at=due_at)
        assert await repos.matches.due_followups(due_at - timedelta(seconds=1)) == []
        due = await repos.matches.due_followups(due_at)
        assert [side.side for side in due] == [Side.NEED, Side.OFFER]
        first = due[0]
        assert await repos.matches.mark_asked(first)
        assert not await repos.matches.mark_asked(first)  # a second scan changes nothing
        later = due_at + timedelta(days=14)
        asked = (await repos.matches.pair(pair.id)).need  # type: ignore[union-attr]
        assert asked.followup_round == 1 and asked.followup_due_at is None
        assert await repos.matches.record_outcome(
            asked, 1, Outcome.NOT_YET, now=due_at, ask_again_at=later
        )
        assert not await repos.matches.record_outcome(
            asked, 1, Outcome.YES, now=due_at, ask_again_at=None
        )
        # Oldest due first: the offer side was never asked, the need side asks again.
        assert [s.side for s in await repos.matches.due_followups(later)] == [Side.OFFER, Side.NEED]
        await repos.matches.drop_followup(due[1])
        assert [s.side for s in await repos.matches.due_followups(later)] == [Side.NEED]


async def test_counts_recent_lists_and_the_rescan_log(store: Store) -> None:
    need, offer = await two_posts(store)
    async with store.write() as repos:
        assert await repos.matches.last_rescan() is None
        await repos.matches.record_rescan(NOW, posts=2, proposed=1)
        await repos.matches.record_rescan(NOW + timedelta(days=1), posts=0, proposed=0)
        assert await repos.matches.last_rescan() == NOW + timedelta(days=1)
        pair = await repos.matches.create_pair(need=need, offer=offer, match=MATCH, now=NOW)
        assert pair is not None
        assert (await repos.matches.counts()).waiting == 1
        await repos.matches.introduce(pair.id, now=NOW, followup_at=NOW)
        side = (await repos.matches.due_followups(NOW))[0]
        await repos.matches.mark_asked(side)
        asked = (await repos.matches.pair(pair.id)).need  # type: ignore[union-attr]
        await repos.matches.record_outcome(asked, 1, Outcome.YES, now=NOW, ask_again_at=None)
        counts = await repos.matches.counts()
        assert (counts.proposed, counts.waiting, counts.introduced) == (1, 0, 1)
        assert counts.collaborations == 1 and counts.declined == 0
        assert [p.id for p in await repos.matches.recent_pairs(limit=5)] == [pair.id]
        assert [p.id for p in await repos.matches.recent_introductions(limit=5)] == [pair.id]
        assert [p.id for p in await repos.matches.recent_collaborations(limit=5)] == [pair.id]
        assert await repos.matches.recent_post_ids(since=NOW, now=NOW) == [
            need.post_id,
            offer.post_id,
        ]
        assert await repos.matches.recent_post_ids(since=NOW + timedelta(seconds=1), now=NOW) == []


async def test_a_failed_savepoint_undoes_only_its_own_writes(store: Store) -> None:
    need, offer = await two_posts(store)
    async with store.write() as repos:
        await repos.matches.record_rescan(NOW, posts=0, proposed=0)
        with pytest.raises(RuntimeError):
            async with repos.matches.savepoint():
                await repos.matches.create_pair(need=need, offer=offer, match=MATCH, now=NOW)
                raise RuntimeError("boom")
        assert not await repos.matches.exists(need.post_id, offer.post_id)
        async with repos.matches.savepoint():
            await repos.matches.create_pair(need=need, offer=offer, match=MATCH, now=NOW)
    async with store.read() as repos:
        assert await repos.matches.exists(need.post_id, offer.post_id)
        assert await repos.matches.last_rescan() == NOW
