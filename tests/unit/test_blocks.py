"""Blocks, called directly: a block stops a whole organisation, is listed, and can be undone."""

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.domain.contacts import BlockedEntity
from bot.domain.members import CONSENT_VERSION, NAME_MAX, EntityProfile
from bot.domain.network import load_network
from bot.domain.posts import InvalidInput, Place, PlaceKind, Post, PostDraft, PostKind, PostStatus
from bot.i18n import Catalogs
from bot.services import blocks, contact
from bot.services.runtime import Runtime
from bot.storage import db as db_module
from bot.storage.codec import ts
from bot.storage.db import Database
from bot.storage.repos import Store
from bot.views.blocks import BLOCKS_SHOWN, blocked_section_html, unblock_labels
from tests.harness import FakeClock, make_settings
from tests.seed import join_entity, seed_members

AUTHOR, ASKER, COLLEAGUE, LATER, OTHER = 101, 202, 203, 204, 303


@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[Runtime]:
    settings = make_settings(tmp_path)
    db = Database(settings.database_path)
    await db.open()
    yield Runtime(
        settings=settings,
        network=load_network(),
        catalogs=Catalogs.load(default_locale="es"),
        store=Store(db),
        clock=FakeClock(),
    )
    await db.close()


@pytest.fixture
async def world(runtime: Runtime) -> tuple[int, int, int]:
    """AUTHOR, ASKER and OTHER each act for an approved, listed entity; ASKER has COLLEAGUE."""
    seeded = await seed_members(runtime.store, [AUTHOR, ASKER, OTHER], now=runtime.clock())
    await _join(runtime, COLLEAGUE, seeded[1].entity_id)
    return seeded[0].entity_id, seeded[1].entity_id, seeded[2].entity_id


async def _join(runtime: Runtime, user_id: int, entity_id: int) -> None:
    async with runtime.store.write() as repos:
        await join_entity(
            repos,
            entity_id,
            user_id=user_id,
            first_name="Colega",
            username=None,
            locale="es",
            now=runtime.clock(),
        )


async def _post(runtime: Runtime, author: int, entity_id: int, title: str = "Webs") -> Post:
    draft = PostDraft(
        kind=PostKind.OFFER,
        sector="digital",
        title=title,
        description="Hacemos webs para cooperativas.",
        place=Place(kind=PlaceKind.PROVINCE),
    )
    async with runtime.store.write() as repos:
        return await repos.posts.create(
            draft,
            author_id=author,
            entity_id=entity_id,
            status=PostStatus.ACTIVE,
            now=runtime.clock(),
        )


async def _thread_from(runtime: Runtime, sender: int, post: Post) -> int:
    """sender writes about post; the thread's id."""
    await contact.relay(
        runtime, sender_id=sender, text="Hola", now=runtime.clock(), post_id=post.id
    )
    async with runtime.store.read() as repos:
        threads = await repos.contacts.threads_about(post.id)
    return next(thread.id for thread in threads if thread.asker_id == sender)


async def _can_write(runtime: Runtime, sender: int, post: Post) -> bool:
    try:
        await contact.to_author(runtime, post.id, sender, runtime.clock())
    except InvalidInput as refused:
        assert refused.key == "posts.contact.blocked_you"
        return False
    return True


async def test_a_block_stops_everyone_acting_for_the_sender_s_organisation(
    runtime: Runtime, world: tuple[int, int, int]
) -> None:
    author_entity, _, _ = world
    post = await _post(runtime, AUTHOR, author_entity)
    thread_id = await _thread_from(runtime, ASKER, post)
    assert await blocks.block_sender(runtime, thread_id, user_id=AUTHOR, now=runtime.clock())
    assert not await _can_write(runtime, ASKER, post)
    assert not await _can_write(runtime, COLLEAGUE, post)  # the same organisation
    assert await _can_write(runtime, OTHER, post)  # another organisation
    with pytest.raises(InvalidInput) as on_send:
        await contact.relay(
            runtime, sender_id=COLLEAGUE, text="Soy otra", now=runtime.clock(), post_id=post.id
        )
    assert on_send.value.key == "posts.contact.blocked_you"


async def test_a_colleague_who_joins_later_is_blocked_too(
    runtime: Runtime, world: tuple[int, int, int]
) -> None:
    author_entity, asker_entity, _ = world
    post = await _post(runtime, AUTHOR, author_entity)
    thread_id = await _thread_from(runtime, ASKER, post)
    await blocks.block_sender(runtime, thread_id, user_id=AUTHOR, now=runtime.clock())
    await _join(runtime, LATER, asker_entity)
    assert not await _can_write(runtime, LATER, post)


async def test_a_block_is_one_person_s_and_one_way(
    runtime: Runtime, world: tuple[int, int, int]
) -> None:
    author_entity, asker_entity, _ = world
    post = await _post(runtime, AUTHOR, author_entity)
    thread_id = await _thread_from(runtime, ASKER, post)
    await blocks.block_sender(runtime, thread_id, user_id=AUTHOR, now=runtime.clock())
    # The blocker may still write to the organisation they blocked.
    await contact.relay(
        runtime, sender_id=AUTHOR, text="Aclaro", now=runtime.clock(), thread_id=thread_id
    )
    # A colleague of the blocker blocked nobody: the blocked organisation may write to them.
    await _join(runtime, LATER, author_entity)
    theirs = await _post(runtime, LATER, author_entity, title="Otra oferta")
    assert await _can_write(runtime, ASKER, theirs)
    assert [b.entity_id for b in await blocks.blocked_by(runtime, AUTHOR)] == [asker_entity]
    assert await blocks.blocked_by(runtime, LATER) == []


async def test_the_blocked_side_cannot_send_its_details_either(
    runtime: Runtime, world: tuple[int, int, int]
) -> None:
    author_entity, _, _ = world
    post = await _post(runtime, AUTHOR, author_entity)
    thread_id = await _thread_from(runtime, ASKER, post)
    await blocks.block_sender(runtime, thread_id, user_id=AUTHOR, now=runtime.clock())
    async with runtime.store.read() as repos:
        found = await repos.members.member_with_entity(ASKER)
    assert found is not None
    entity = found[1].model_copy(update={"email": "hola@asker.example"})
    with pytest.raises(InvalidInput) as refused:
        await contact.share_details(
            runtime, thread_id, user_id=ASKER, entity=entity, now=runtime.clock()
        )
    assert refused.value.key == "posts.contact.blocked_you"


async def test_unblock_restores_contact(runtime: Runtime, world: tuple[int, int, int]) -> None:
    author_entity, asker_entity, _ = world
    post = await _post(runtime, AUTHOR, author_entity)
    thread_id = await _thread_from(runtime, ASKER, post)
    await blocks.block_sender(runtime, thread_id, user_id=AUTHOR, now=runtime.clock())
    assert await blocks.unblock(runtime, asker_entity, user_id=AUTHOR)
    assert await _can_write(runtime, COLLEAGUE, post)
    await contact.relay(
        runtime, sender_id=ASKER, text="Otra vez", now=runtime.clock(), thread_id=thread_id
    )
    assert await blocks.blocked_by(runtime, AUTHOR) == []
    # Unblocking again, or what was never blocked, changes nothing.
    assert not await blocks.unblock(runtime, asker_entity, user_id=AUTHOR)
    assert not await blocks.unblock(runtime, 999_999, user_id=AUTHOR)


async def test_only_a_party_blocks_through_a_thread_and_blocking_twice_is_one_block(
    runtime: Runtime, world: tuple[int, int, int]
) -> None:
    author_entity, _, _ = world
    post = await _post(runtime, AUTHOR, author_entity)
    thread_id = await _thread_from(runtime, ASKER, post)
    assert not await blocks.block_sender(runtime, thread_id, user_id=OTHER, now=runtime.clock())
    assert not await blocks.block_sender(runtime, 999_999, user_id=AUTHOR, now=runtime.clock())
    assert await blocks.blocked_by(runtime, OTHER) == []
    for _ in range(2):
        assert await blocks.block_sender(runtime, thread_id, user_id=AUTHOR, now=runtime.clock())
    assert len(await blocks.blocked_by(runtime, AUTHOR)) == 1


async def test_the_list_names_only_organisations_in_the_directory(
    runtime: Runtime, world: tuple[int, int, int]
) -> None:
    author_entity, asker_entity, other_entity = world
    post = await _post(runtime, AUTHOR, author_entity, title="Cursos de cocina")
    await blocks.block_sender(
        runtime, await _thread_from(runtime, ASKER, post), user_id=AUTHOR, now=runtime.clock()
    )
    clock = runtime.clock
    assert isinstance(clock, FakeClock)
    clock.advance(seconds=60)
    await _unlist(runtime, other_entity)
    await blocks.block_sender(
        runtime, await _thread_from(runtime, OTHER, post), user_id=AUTHOR, now=runtime.clock()
    )
    listed, unlisted = await blocks.blocked_by(runtime, AUTHOR)
    assert (listed.entity_id, listed.name, listed.post_title) == (
        asker_entity,
        "Entidad 1",
        "Cursos de cocina",
    )
    # The member was shown "a member organisation": the list does not tell them more.
    assert (unlisted.entity_id, unlisted.name, unlisted.post_title) == (
        other_entity,
        None,
        "Cursos de cocina",
    )


async def _unlist(runtime: Runtime, entity_id: int) -> None:
    async with runtime.store.write() as repos:
        entity = await repos.members.entity(entity_id)
        assert entity is not None
        profile = EntityProfile.model_validate(
            entity.model_dump(include=set(EntityProfile.model_fields)) | {"listed": False}
        )
        await repos.members.update_profile(entity_id, profile)


async def test_erasing_one_s_data_drops_one_s_blocks_but_not_blocks_of_one_s_entity(
    runtime: Runtime, world: tuple[int, int, int]
) -> None:
    author_entity, asker_entity, _ = world
    post = await _post(runtime, AUTHOR, author_entity)
    theirs = await _post(runtime, ASKER, asker_entity, title="Suya")
    await blocks.block_sender(
        runtime, await _thread_from(runtime, ASKER, post), user_id=AUTHOR, now=runtime.clock()
    )
    await blocks.block_sender(
        runtime, await _thread_from(runtime, AUTHOR, theirs), user_id=ASKER, now=runtime.clock()
    )
    async with runtime.store.write() as repos:
        await repos.privacy.erase(ASKER, now=runtime.clock())
    assert await blocks.blocked_by(runtime, ASKER) == []
    assert not await _can_write(runtime, COLLEAGUE, post)  # AUTHOR's block of the entity holds


async def test_blocks_of_people_become_blocks_of_their_entities(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """0008_entity_blocks: each person blocked before becomes their entity, once per blocker."""
    path = tmp_path / "old.db"
    before = [m for m in db_module.migration_files() if m[1] < "0008"]
    monkeypatch.setattr(db_module, "migration_files", lambda: before)
    old = Database(path)
    await old.open()
    store, now = Store(old), FakeClock()()
    # Members written as that schema had them (today's code writes columns added since).
    author_entity = await _entity_of_schema_7(old, AUTHOR, now)
    asker_entity = await _entity_of_schema_7(old, ASKER, now)
    await _entity_of_schema_7(old, OTHER, now)
    await _member_of_schema_7(old, COLLEAGUE, asker_entity, now)
    async with store.write() as repos:
        post = await repos.posts.create(
            PostDraft(
                kind=PostKind.OFFER,
                sector="digital",
                title="Webs",
                description="Hacemos webs.",
                place=Place(kind=PlaceKind.PROVINCE),
            ),
            author_id=AUTHOR,
            entity_id=author_entity,
            status=PostStatus.ACTIVE,
            now=now,
        )
        await repos.contacts.open_thread(post_id=post.id, asker_id=ASKER, author_id=AUTHOR, now=now)
    rows = [
        (AUTHOR, ASKER, "2026-01-01T10:00:00+00:00"),
        (AUTHOR, COLLEAGUE, "2026-01-02T10:00:00+00:00"),  # same entity: one block
        (OTHER, 999, "2026-01-03T10:00:00+00:00"),  # a person the bot knows nothing of
    ]
    await old.conn.executemany(
        "INSERT INTO contact_blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)", rows
    )
    await old.close()
    monkeypatch.undo()

    migrated = Database(path)
    await migrated.open()
    try:
        async with Store(migrated).read() as repos:
            (kept,) = await repos.contacts.blocks_by(AUTHOR)
            assert (kept.entity_id, kept.post_id) == (asker_entity, post.id)
            assert kept.created_at.day == 1  # since the first block
            assert await repos.contacts.blocks_by(OTHER) == []
            assert await repos.contacts.blocks_sender(blocker_id=AUTHOR, sender_id=COLLEAGUE)
        gone = await migrated.fetchone(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'contact_blocks'"
        )
        assert gone is not None and gone[0] == 0
    finally:
        await migrated.close()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_list_stays_within_telegram_s_limits(lang: str) -> None:
    t = Catalogs.load(default_locale="es").translator(lang)
    many = [BlockedEntity(entity_id=n, name="N" * NAME_MAX, post_title=None) for n in range(1, 40)]
    many.append(BlockedEntity(entity_id=99, name=None, post_title=None))
    section = blocked_section_html(t, many)
    assert len(section) < 4096 - 1000  # room for the rest of the settings screen
    assert section.splitlines()[-1] == t("settings.blocked_more")
    labels = unblock_labels(t, many)
    assert len(labels) == BLOCKS_SHOWN and all(len(label) <= 50 for _, label in labels)
    unnamed = blocked_section_html(t, [BlockedEntity(entity_id=7, name=None, post_title=None)])
    assert unnamed.endswith("1. " + t("settings.blocked_unlisted"))
    assert blocked_section_html(t, []) == t("settings.blocked_none")


async def _entity_of_schema_7(db: Database, user_id: int, now: datetime) -> int:
    cursor = await db.conn.execute(
        "INSERT INTO entities (name, kind, sectors, municipality, description, status,"
        " applied_by, applied_at) VALUES (?, 'cooperative', '[\"digital\"]', 'leon', 'Test.',"
        " 'approved', ?, ?)",
        (f"Entidad {user_id}", user_id, ts(now)),
    )
    entity_id = int(cursor.lastrowid or 0)
    await _member_of_schema_7(db, user_id, entity_id, now)
    return entity_id


async def _member_of_schema_7(db: Database, user_id: int, entity_id: int, now: datetime) -> None:
    await db.conn.execute(
        "INSERT INTO members (user_id, entity_id, role, first_name, locale, consent_version,"
        " consent_at, joined_at) VALUES (?, ?, 'owner', 'P', 'es', ?, ?, ?)",
        (user_id, entity_id, CONSENT_VERSION, ts(now), ts(now)),
    )
    await db.conn.commit()
