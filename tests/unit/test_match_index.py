"""The live match index: built from the database, caught up with every kind of change."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.members import EntityProfile, EntityStatus
from bot.domain.network import Network, load_network
from bot.domain.posts import CloseReason, Place, PlaceKind, PostDraft, PostKind, PostStatus
from bot.storage.db import Database
from bot.storage.match_index import LiveMatchIndex, indexed_post
from bot.storage.repos import Store
from tests.harness import FakeClock

START = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
LEON = Place(kind=PlaceKind.MUNICIPALITY, key="leon", comarca="tierras_leon")


@pytest.fixture(scope="module")
def network() -> Network:
    return load_network()


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    db = Database(tmp_path / "t.db")
    await db.open()
    yield Store(db)
    await db.close()


async def entity(store: Store, clock: FakeClock, name: str, **profile: object) -> int:
    values: dict[str, object] = {
        "name": name,
        "kind": "cooperative",
        "sectors": ["education"],
        "municipality": "leon",
        "description": "x",
    }
    values.update(profile)
    async with store.write() as repos:
        created = await repos.members.create_application(
            EntityProfile.model_validate(values), applied_by=1, now=clock()
        )
        await repos.members.set_entity_status(created.id, EntityStatus.APPROVED)
    return created.id


def draft(kind: PostKind, title: str, description: str) -> PostDraft:
    return PostDraft(
        kind=kind, sector="education", title=title, description=description, place=LEON
    )


async def publish(store: Store, clock: FakeClock, entity_id: int, post: PostDraft) -> int:
    async with store.write() as repos:
        created = await repos.posts.create(
            post, author_id=entity_id, entity_id=entity_id, status=PostStatus.ACTIVE, now=clock()
        )
    return created.id


async def found(
    live: LiveMatchIndex, store: Store, network: Network, clock: FakeClock, post_id: int
) -> list[int]:
    async with store.read() as repos:
        post = await indexed_post(repos, post_id, clock())
        assert post is not None
        return [int(m.id) for m in await live.top(repos, network, clock, post, 5)]


async def test_build_then_catch_up_with_every_change(store: Store, network: Network) -> None:
    clock = FakeClock(START)
    cheese, pixel, studio = (
        await entity(store, clock, "Quesería"),
        await entity(store, clock, "Píxel"),
        await entity(store, clock, "Estudio"),
    )
    need = await publish(
        store, clock, cheese, draft(PostKind.NEED, "Página web", "Con tienda online")
    )
    web = await publish(store, clock, pixel, draft(PostKind.OFFER, "Diseño web", "Tiendas online"))
    live = LiveMatchIndex()
    assert await found(live, store, network, clock, need) == [web]
    assert live.build_seconds is not None and len(live) == 2

    clock.advance(minutes=1)  # a new offer is published
    other = await publish(
        store, clock, studio, draft(PostKind.OFFER, "Webs", "Páginas web y tiendas online")
    )
    assert set(await found(live, store, network, clock, need)) == {web, other}

    clock.advance(minutes=1)  # edited into something else
    async with store.write() as repos:
        await repos.posts.update_draft(
            other, draft(PostKind.OFFER, "Yoga", "Clases de yoga"), now=clock()
        )
    assert await found(live, store, network, clock, need) == [web]

    clock.advance(minutes=1)  # paused, then resumed
    async with store.write() as repos:
        await repos.posts.set_status(
            web, to=PostStatus.PAUSED, from_status=PostStatus.ACTIVE, now=clock()
        )
    assert await found(live, store, network, clock, need) == []
    clock.advance(minutes=1)
    async with store.write() as repos:
        await repos.posts.set_status(
            web, to=PostStatus.ACTIVE, from_status=PostStatus.PAUSED, now=clock()
        )
    assert await found(live, store, network, clock, need) == [web]

    clock.advance(minutes=1)  # its entity is suspended
    async with store.write() as repos:
        await repos.members.set_entity_status(pixel, EntityStatus.SUSPENDED)
    assert await found(live, store, network, clock, need) == []
    async with store.write() as repos:
        await repos.members.set_entity_status(pixel, EntityStatus.APPROVED)
    assert await found(live, store, network, clock, need) == [web]

    clock.advance(minutes=1)  # closed
    async with store.write() as repos:
        await repos.posts.close(web, CloseReason.WITHDRAWN, now=clock())
    assert await found(live, store, network, clock, need) == []
    assert len(live) == 2  # the need and the edited yoga offer


async def test_expiry_removal_and_profile_text(store: Store, network: Network) -> None:
    clock = FakeClock(START)
    cheese, pixel = await entity(store, clock, "Quesería"), await entity(store, clock, "Píxel")
    need = await publish(store, clock, cheese, draft(PostKind.NEED, "Envases", "Para queso"))
    await publish(store, clock, pixel, draft(PostKind.OFFER, "Servicios", "Varios"))
    live = LiveMatchIndex()
    assert await found(live, store, network, clock, need) == []
    # The author's "we offer" text never lends its words to a post: still nothing.
    async with store.write() as repos:
        current = await repos.members.entity(pixel)
        assert current is not None
        await repos.members.update_profile(
            pixel, current.model_copy(update={"offer_text": "Envases de vidrio para queso"})
        )
    assert await found(live, store, network, clock, need) == []
    offer = await publish(
        store, clock, pixel, draft(PostKind.OFFER, "Envases de vidrio", "Tarros para queso")
    )
    assert await found(live, store, network, clock, need) == [offer]

    clock.advance(days=91)  # all expired; the expiry scan records it
    async with store.write() as repos:
        assert await repos.posts.expire_due(clock()) == 3
    assert len(await found(live, store, network, clock, need)) == 0
    assert len(live) == 0

    clock.advance(minutes=1)  # extended back to life, then removed by the board
    async with store.write() as repos:
        await repos.posts.extend(offer, clock() + timedelta(days=30), now=clock())
        await repos.posts.extend(need, clock() + timedelta(days=30), now=clock())
    assert await found(live, store, network, clock, need) == [offer]
    async with store.write() as repos:
        await repos.posts.decide(
            offer,
            status=PostStatus.REMOVED,
            reason="spam",
            by=1,
            now=clock(),
            from_statuses=(PostStatus.ACTIVE,),
        )
    assert await found(live, store, network, clock, need) == []


async def test_a_change_committed_late_with_an_earlier_time_is_not_missed(
    store: Store, network: Network
) -> None:
    clock = FakeClock(START + timedelta(minutes=3))
    cheese, pixel = await entity(store, clock, "Quesería"), await entity(store, clock, "Píxel")
    need = await publish(
        store, clock, cheese, draft(PostKind.NEED, "Página web", "Con tienda online")
    )
    live = LiveMatchIndex()
    await found(live, store, network, clock, need)  # built: the newest change seen is at +3 min
    # A transaction that took its time at +1 min but committed after the build.
    web = await publish(
        store,
        FakeClock(START + timedelta(minutes=1)),
        pixel,
        draft(PostKind.OFFER, "Diseño web", "Tiendas online"),
    )
    assert await found(live, store, network, clock, need) == [web]


async def profile_versions(store: Store) -> dict[int, int]:
    async with (
        store.read() as repos,
        repos.conn.execute("SELECT id, profile_version FROM entities") as cursor,
    ):
        return {int(row[0]): int(row[1]) for row in await cursor.fetchall()}


async def test_only_what_matching_reads_numbers_a_profile_change(store: Store) -> None:
    """The index re-reads an entity's posts after its status or texts changed, not its name."""
    clock = FakeClock(START)
    cheese, pixel = await entity(store, clock, "Quesería"), await entity(store, clock, "Píxel")
    before = await profile_versions(store)
    assert before[pixel] > before[cheese] > 0  # approved one after the other
    async with store.write() as repos:
        current = await repos.members.entity(cheese)
        assert current is not None
        await repos.members.update_profile(cheese, current.model_copy(update={"name": "Q"}))
    assert await profile_versions(store) == before
    async with store.write() as repos:
        await repos.members.update_profile(
            cheese, current.model_copy(update={"need_text": "Envases de vidrio"})
        )
    assert (await profile_versions(store))[cheese] == before[pixel] + 1
