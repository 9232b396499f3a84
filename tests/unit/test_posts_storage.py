"""Posts repository against the migrated schema: listing filters, search, life, contacts."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.members import CONSENT_VERSION, EntityProfile, MemberRole
from bot.domain.posts import (
    CloseReason,
    ListingFilter,
    Place,
    PlaceKind,
    PostDraft,
    PostKind,
    PostStatus,
)
from bot.domain.search import match_expression
from bot.storage.db import Database
from bot.storage.repos import Store

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
LEON = Place(kind=PlaceKind.MUNICIPALITY, key="leon", comarca="tierras_leon")
PONFE = Place(kind=PlaceKind.MUNICIPALITY, key="ponferrada", comarca="bierzo")


@pytest.fixture
async def store(tmp_path: Path):
    db = Database(tmp_path / "t.db")
    await db.open()
    yield Store(db)
    await db.close()


def draft(title: str, **changes: object) -> PostDraft:
    values: dict[str, object] = {
        "kind": PostKind.OFFER,
        "sector": "education",
        "title": title,
        "description": "Descripción",
        "place": LEON,
    }
    values.update(changes)
    return PostDraft.model_validate(values)


async def entity_id(store: Store) -> int:
    profile = EntityProfile(
        name="Coop",
        kind="cooperative",
        sectors=["education"],
        municipality="leon",
        description="x",
    )
    async with store.write() as repos:
        return (await repos.members.create_application(profile, applied_by=1, now=NOW)).id


async def titles(store: Store, flt: ListingFilter, now: datetime = NOW) -> list[str]:
    async with store.read() as repos:
        posts = await repos.posts.listing(flt, now=now, limit=50, offset=0)
        assert await repos.posts.count_listed(flt, now=now) == len(posts)
        for offset in (0, 1, len(posts), len(posts) + 5):  # the page in one pass says the same
            total, page = await repos.posts.listed_page(flt, now=now, limit=2, offset=offset)
            assert total == len(posts)
            assert page == posts[offset : offset + 2]
    return [post.title for post in posts]


async def test_listing_filters_and_order(store: Store) -> None:
    eid = await entity_id(store)
    async with store.write() as repos:
        for minutes, d in enumerate(
            [
                draft("Leon offer"),
                draft("Ponfe need", kind=PostKind.NEED, place=PONFE),
                draft(
                    "Bierzo comarca",
                    place=Place(kind=PlaceKind.COMARCA, key="bierzo", comarca="bierzo"),
                ),
                draft("Province wide", place=Place(kind=PlaceKind.PROVINCE), sector="culture"),
                draft("Online thing", place=Place(kind=PlaceKind.ONLINE)),
            ]
        ):
            await repos.posts.create(
                d,
                author_id=1,
                entity_id=eid,
                status=PostStatus.ACTIVE,
                now=NOW + timedelta(minutes=minutes),
            )
    later = NOW + timedelta(hours=1)
    everything = await titles(store, ListingFilter(), later)
    assert everything == [
        "Online thing",
        "Province wide",
        "Bierzo comarca",
        "Ponfe need",
        "Leon offer",
    ]
    assert await titles(store, ListingFilter(kind=PostKind.NEED), later) == ["Ponfe need"]
    assert await titles(store, ListingFilter(sector="culture"), later) == ["Province wide"]
    assert await titles(store, ListingFilter(comarca="bierzo"), later) == [
        "Online thing",
        "Province wide",
        "Bierzo comarca",
        "Ponfe need",
    ]
    town = ListingFilter(municipality="ponferrada", comarca="bierzo")
    assert "Leon offer" not in await titles(store, town, later)
    assert "Bierzo comarca" in await titles(store, town, later)


async def test_only_active_unexpired_posts_are_listed(store: Store) -> None:
    eid = await entity_id(store)
    async with store.write() as repos:
        live = await repos.posts.create(
            draft("Live"), author_id=1, entity_id=eid, status=PostStatus.ACTIVE, now=NOW
        )
        pending = await repos.posts.create(
            draft("Pending"), author_id=1, entity_id=eid, status=PostStatus.PENDING, now=NOW
        )
        for title, action in (("Paused", "pause"), ("Closed", "close"), ("Removed", "remove")):
            other = await repos.posts.create(
                draft(title), author_id=1, entity_id=eid, status=PostStatus.ACTIVE, now=NOW
            )
            if action == "pause":
                assert await repos.posts.set_status(
                    other.id, to=PostStatus.PAUSED, from_status=PostStatus.ACTIVE, now=NOW
                )
            elif action == "close":
                assert await repos.posts.close(other.id, CloseReason.WITHDRAWN, now=NOW)
            else:
                assert await repos.posts.decide(
                    other.id,
                    status=PostStatus.REMOVED,
                    reason="x",
                    by=9,
                    now=NOW,
                    from_statuses=(PostStatus.ACTIVE,),
                )
    assert await titles(store, ListingFilter()) == ["Live"]
    assert await titles(store, ListingFilter(), NOW + timedelta(days=90)) == []
    async with store.write() as repos:
        assert pending.expires_at is None
        assert await repos.posts.publish(pending, by=9, now=NOW)
        assert not await repos.posts.publish(pending, by=9, now=NOW)  # first decision wins
        assert await repos.posts.expire_due(NOW + timedelta(days=90)) == 3  # live, pending, paused
        assert (await repos.posts.get(live.id)).status is PostStatus.EXPIRED  # type: ignore[union-attr]
        assert await repos.posts.extend(live.id, NOW + timedelta(days=200), now=NOW)
        assert (await repos.posts.get(live.id)).status is PostStatus.ACTIVE  # type: ignore[union-attr]


async def test_search_index_follows_edits(store: Store) -> None:
    eid = await entity_id(store)
    async with store.write() as repos:
        post = await repos.posts.create(
            draft("Cursos de cocina"), author_id=1, entity_id=eid, status=PostStatus.ACTIVE, now=NOW
        )
    assert await titles(store, ListingFilter(match=match_expression("curso"))) == [
        "Cursos de cocina"
    ]
    async with store.write() as repos:
        assert await repos.posts.update_draft(post.id, draft("Pan ecológico"), now=NOW)
    assert await titles(store, ListingFilter(match=match_expression("curso"))) == []
    assert await titles(store, ListingFilter(match=match_expression("ECOLOGICA"))) == [
        "Pan ecológico"
    ]


async def test_what_rank_first_finds_is_listed_first_then_the_newest(store: Store) -> None:
    eid = await entity_id(store)
    async with store.write() as repos:
        for minutes, title in enumerate(["Curso antiguo", "Taller", "Curso nuevo", "Formación"]):
            await repos.posts.create(
                draft(title),
                author_id=1,
                entity_id=eid,
                status=PostStatus.ACTIVE,
                now=NOW + timedelta(minutes=minutes),
            )
    widened = '"curs" OR "curso" OR "taller" OR "formacion"'
    flt = ListingFilter(match=widened, rank_first=match_expression("curso"))
    later = NOW + timedelta(hours=1)
    assert await titles(store, flt, later) == [
        "Curso nuevo",
        "Curso antiguo",
        "Formación",
        "Taller",
    ]
    async with store.read() as repos:
        second = await repos.posts.listing(flt, now=later, limit=2, offset=2)
    assert [post.title for post in second] == ["Formación", "Taller"]


async def search_segments(store: Store) -> int:
    async with (
        store.read() as repos,
        repos.conn.execute("SELECT COUNT(DISTINCT segid) FROM posts_fts_idx") as cursor,
    ):
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def test_the_search_index_is_merged_in_steps(store: Store) -> None:
    eid = await entity_id(store)
    for number in range(40):  # one post a transaction, as members post
        async with store.write() as repos:
            await repos.posts.create(
                draft(f"Curso {number}"),
                author_id=1,
                entity_id=eid,
                status=PostStatus.ACTIVE,
                now=NOW,
            )
    assert await search_segments(store) > 2  # each write added one, automerge keeps several
    async with store.write() as repos:
        await repos.posts.compact_search_index(pages=500)
    assert await search_segments(store) == 1
    async with store.write() as repos:
        await repos.posts.compact_search_index(pages=500)  # nothing left to do: no harm
    flt = ListingFilter(match=match_expression("cursos"))
    assert len(await titles(store, flt, NOW + timedelta(minutes=1))) == 40


async def test_limits_count_live_posts_and_the_last_day(store: Store) -> None:
    eid = await entity_id(store)
    async with store.write() as repos:
        first = await repos.posts.create(
            draft("a"), author_id=1, entity_id=eid, status=PostStatus.ACTIVE, now=NOW
        )
        await repos.posts.create(
            draft("b"),
            author_id=1,
            entity_id=eid,
            status=PostStatus.PENDING,
            now=NOW + timedelta(hours=2),
        )
        await repos.posts.close(first.id, CloseReason.FULFILLED, now=NOW)
        assert await repos.posts.count_live(1, NOW + timedelta(hours=3)) == 1
        since = NOW + timedelta(hours=1)
        assert await repos.posts.count_created_since(1, since) == 1


async def test_a_rejected_post_does_not_use_up_the_daily_quota(store: Store) -> None:
    eid = await entity_id(store)
    async with store.write() as repos:
        post = await repos.posts.create(
            draft("a"), author_id=1, entity_id=eid, status=PostStatus.PENDING, now=NOW
        )
        assert await repos.posts.count_created_since(1, NOW) == 1
        await repos.posts.decide(
            post.id,
            status=PostStatus.REJECTED,
            reason="Falta el precio",
            by=9,
            now=NOW,
            from_statuses=(PostStatus.PENDING,),
        )
        assert await repos.posts.count_created_since(1, NOW) == 0


async def test_threads_blocks_and_collaborations(store: Store) -> None:
    eid = await entity_id(store)
    async with store.write() as repos:
        post = await repos.posts.create(
            draft("x"), author_id=1, entity_id=eid, status=PostStatus.ACTIVE, now=NOW
        )
        thread = await repos.contacts.open_thread(post_id=post.id, asker_id=2, author_id=1, now=NOW)
        again = await repos.contacts.open_thread(post_id=post.id, asker_id=2, author_id=1, now=NOW)
        assert again.id == thread.id
        assert thread.other(2) == 1 and thread.other(1) == 2 and thread.other(3) is None
        await repos.contacts.add_message(thread.id, sender_id=2, text="hola", now=NOW)
        assert await repos.contacts.count_sent_since(2, NOW - timedelta(minutes=1)) == 1
        await repos.members.add_member(
            user_id=2,
            entity_id=eid,
            role=MemberRole.OWNER,
            first_name="Dos",
            username=None,
            locale="es",
            consent_version=CONSENT_VERSION,
            now=NOW,
        )
        for _ in range(2):
            await repos.contacts.block_entity(blocker_id=1, entity_id=eid, post_id=post.id, now=NOW)
        assert await repos.contacts.blocks_sender(blocker_id=1, sender_id=2)
        assert not await repos.contacts.blocks_sender(blocker_id=2, sender_id=1)
        assert [b.entity_id for b in await repos.contacts.blocks_by(1)] == [eid]
        assert await repos.contacts.unblock_entity(blocker_id=1, entity_id=eid)
        assert not await repos.contacts.unblock_entity(blocker_id=1, entity_id=eid)
        assert not await repos.contacts.blocks_sender(blocker_id=1, sender_id=2)
        assert not await repos.contacts.has_collaboration(post.id)
        assert await repos.contacts.record_collaboration(
            post_id=post.id, entity_id=eid, partner_entity_id=eid, recorded_by=1, now=NOW
        )
        assert await repos.contacts.has_collaboration(post.id)
        assert not await repos.contacts.record_collaboration(
            post_id=post.id, entity_id=eid, partner_entity_id=eid, recorded_by=1, now=NOW
        )
        assert len(await repos.contacts.collaborations_of(eid)) == 1
