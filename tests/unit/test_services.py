"""The use cases' rules, called directly: no Telegram, no fake Bot API, a real migrated store."""

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.announcements import batch_of
from bot.domain.board import Actor
from bot.domain.members import EntityProfile
from bot.domain.network import load_network
from bot.domain.outbox import OutboxStatus
from bot.domain.posts import InvalidInput, Place, PlaceKind, Post, PostDraft, PostKind, PostStatus
from bot.i18n import Catalogs
from bot.services import announcements, blocks, contact, invites, reachability
from bot.services.invites import Joiner
from bot.services.posts import closing
from bot.services.runtime import Runtime
from bot.storage.db import Database
from bot.storage.repos import Store
from tests.harness import FakeClock, make_settings
from tests.seed import seed_members

AUTHOR, ASKER, OTHER = 101, 202, 303
BOARD = Actor(7, "Ana (@ana)")


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


async def _members(runtime: Runtime, *user_ids: int) -> list[int]:
    """Approved, listed entities, one per user; returns their entity ids."""
    seeded = await seed_members(runtime.store, list(user_ids), now=runtime.clock())
    return [s.entity_id for s in seeded]


async def _unlist(runtime: Runtime, entity_id: int) -> None:
    async with runtime.store.write() as repos:
        entity = await repos.members.entity(entity_id)
        assert entity is not None
        profile = EntityProfile.model_validate(
            entity.model_dump(include=set(EntityProfile.model_fields)) | {"listed": False}
        )
        await repos.members.update_profile(entity_id, profile)


async def _live_post(runtime: Runtime, author: int, entity_id: int) -> Post:
    draft = PostDraft(
        kind=PostKind.OFFER,
        sector="digital",
        title="Diseño de páginas web",
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


async def _relayed(runtime: Runtime, chat_id: int) -> list[str]:
    """Message keys of the relayed messages queued for chat_id, oldest first."""
    async with runtime.store.read() as repos:
        items = await repos.relay.due(runtime.clock() + timedelta(days=1), limit=100)
    return [item.message.key for item in items if item.chat_id == chat_id]


# --- contact -------------------------------------------------------------------------------


async def test_a_listed_sender_is_named_and_an_unlisted_one_is_not(runtime: Runtime) -> None:
    author_entity, asker_entity, other_entity = await _members(runtime, AUTHOR, ASKER, OTHER)
    post = await _live_post(runtime, AUTHOR, author_entity)
    await _unlist(runtime, other_entity)
    now = runtime.clock()
    await contact.relay(runtime, sender_id=ASKER, text="Hola", now=now, post_id=post.id)
    await contact.relay(runtime, sender_id=OTHER, text="Buenas", now=now, post_id=post.id)
    assert await _relayed(runtime, AUTHOR) == [
        "posts.contact.relayed",
        "posts.contact.relayed_anonymous",
    ]
    assert asker_entity != other_entity


async def test_the_addressee_is_named_only_when_listed(runtime: Runtime) -> None:
    author_entity, _ = await _members(runtime, AUTHOR, ASKER)
    post = await _live_post(runtime, AUTHOR, author_entity)
    now = runtime.clock()
    named = await contact.to_author(runtime, post.id, ASKER, now)
    assert named.name is not None and named.post.id == post.id
    await _unlist(runtime, author_entity)
    assert (await contact.to_author(runtime, post.id, ASKER, now)).name is None


async def test_nobody_writes_to_their_own_post_or_to_someone_who_blocked_them(
    runtime: Runtime,
) -> None:
    author_entity, _ = await _members(runtime, AUTHOR, ASKER)
    post = await _live_post(runtime, AUTHOR, author_entity)
    now = runtime.clock()
    with pytest.raises(InvalidInput) as own:
        await contact.to_author(runtime, post.id, AUTHOR, now)
    assert own.value.key == "posts.error.gone"
    await contact.relay(runtime, sender_id=ASKER, text="Hola", now=now, post_id=post.id)
    async with runtime.store.read() as repos:
        thread = (await repos.contacts.threads_about(post.id))[0]
    assert await blocks.block_sender(runtime, thread.id, user_id=AUTHOR, now=now)
    with pytest.raises(InvalidInput) as before:
        await contact.to_author(runtime, post.id, ASKER, now)
    assert before.value.key == "posts.contact.blocked_you"
    with pytest.raises(InvalidInput) as on_send:
        await contact.relay(runtime, sender_id=ASKER, text="Otra", now=now, thread_id=thread.id)
    assert on_send.value.key == "posts.contact.blocked_you"
    assert await _relayed(runtime, AUTHOR) == ["posts.contact.relayed"]
    # Someone who is not in the thread cannot block through it.
    assert not await blocks.block_sender(runtime, thread.id, user_id=OTHER, now=now)


async def test_at_most_the_per_minute_limit_leaves_a_sender(runtime: Runtime) -> None:
    author_entity, _ = await _members(runtime, AUTHOR, ASKER)
    post = await _live_post(runtime, AUTHOR, author_entity)
    limit = runtime.network.settings.messages_per_minute
    now = runtime.clock()
    for number in range(limit):
        await contact.relay(runtime, sender_id=ASKER, text=f"{number}", now=now, post_id=post.id)
    with pytest.raises(InvalidInput) as flood:
        await contact.relay(runtime, sender_id=ASKER, text="más", now=now, post_id=post.id)
    assert flood.value.key == "posts.error.flood"
    assert flood.value.params == {"limit": limit}
    later = now + timedelta(minutes=1, seconds=1)
    await contact.relay(runtime, sender_id=ASKER, text="luego", now=later, post_id=post.id)
    assert len(await _relayed(runtime, AUTHOR)) == limit + 1


async def test_only_the_recipient_of_a_message_may_report_it(runtime: Runtime) -> None:
    author_entity, _, _ = await _members(runtime, AUTHOR, ASKER, OTHER)
    post = await _live_post(runtime, AUTHOR, author_entity)
    now = runtime.clock()
    await contact.relay(runtime, sender_id=ASKER, text="Hola", now=now, post_id=post.id)
    async with runtime.store.read() as repos:
        thread = (await repos.contacts.threads_about(post.id))[0]
        items = await repos.relay.due(now + timedelta(days=1), limit=10)
    message_id = int(items[0].dedupe_key.removeprefix("contact:"))
    assert thread.id
    assert not await contact.report(runtime, message_id, user_id=ASKER, now=now)
    assert not await contact.report(runtime, message_id, user_id=OTHER, now=now)
    assert await contact.report(runtime, message_id, user_id=AUTHOR, now=now)
    assert await contact.report(runtime, message_id, user_id=AUTHOR, now=now)  # idempotent
    board = runtime.settings.board_chat_id
    assert board is not None
    assert await _relayed(runtime, board) == ["posts.contact.report_board"]
    # Stored with its reporter, so the reporter's copy of their data (/mydata) has it.
    async with (
        runtime.store.read() as repos,
        repos.conn.execute("SELECT message_id, reporter_id FROM contact_reports") as cursor,
    ):
        assert [tuple(row) for row in await cursor.fetchall()] == [(message_id, AUTHOR)]


# --- invites -------------------------------------------------------------------------------


async def test_an_invite_is_used_once_and_the_inviter_is_told_once(runtime: Runtime) -> None:
    (entity_id,) = await _members(runtime, AUTHOR)
    now = runtime.clock()
    token = await invites.create(runtime, entity_id=entity_id, created_by=AUTHOR, now=now)
    first = await invites.join(runtime, token, Joiner(ASKER, "Eva", "Eva Gil", None, "es"), now)
    second = await invites.join(runtime, token, Joiner(OTHER, "Leo", "Leo", None, "en"), now)
    assert first.entity is not None and first.entity.id == entity_id
    assert second.entity is None and second.problem == "invite.used"
    assert await _relayed(runtime, AUTHOR) == ["invite.joined"]
    async with runtime.store.read() as repos:
        joined = await repos.members.member(ASKER)
    assert joined is not None and joined.entity_id == entity_id


async def test_an_invite_expires_and_members_cannot_use_one(runtime: Runtime) -> None:
    (entity_id,) = await _members(runtime, AUTHOR)
    now = runtime.clock()
    token = await invites.create(runtime, entity_id=entity_id, created_by=AUTHOR, now=now)
    assert (await invites.check(runtime, token, AUTHOR, now)).problem == "invite.already_member"
    assert (await invites.check(runtime, "nope", ASKER, now)).problem == "invite.unknown"
    late = now + timedelta(days=60)
    assert (await invites.check(runtime, token, ASKER, late)).problem == "invite.expired"


# --- closing a post ------------------------------------------------------------------------


async def test_a_fulfilled_post_records_one_partner_at_most(runtime: Runtime) -> None:
    author_entity, asker_entity = await _members(runtime, AUTHOR, ASKER)
    post = await _live_post(runtime, AUTHOR, author_entity)
    now = runtime.clock()
    await contact.relay(runtime, sender_id=ASKER, text="Hola", now=now, post_id=post.id)
    candidates = await closing.close_fulfilled(runtime, post, now)
    assert [e.id for e in candidates or []] == [asker_entity]
    # The author's own entity is never a partner.
    assert (
        await closing.record_partner(runtime, post, author_entity, recorded_by=AUTHOR, now=now)
        is None
    )
    partner = await closing.record_partner(runtime, post, asker_entity, recorded_by=AUTHOR, now=now)
    assert partner is not None and partner.id == asker_entity
    again = await closing.record_partner(runtime, post, asker_entity, recorded_by=AUTHOR, now=now)
    assert again is None
    assert await closing.close_fulfilled(runtime, post, now) is None
    assert await closing.partners_named(runtime, post.id, "Entidad") is None


async def test_a_withdrawn_post_takes_no_partner(runtime: Runtime) -> None:
    author_entity, asker_entity = await _members(runtime, AUTHOR, ASKER)
    post = await _live_post(runtime, AUTHOR, author_entity)
    now = runtime.clock()
    assert await closing.withdraw(runtime, post.id, now)
    assert not await closing.withdraw(runtime, post.id, now)
    async with runtime.store.read() as repos:
        closed = await repos.posts.get(post.id)
    assert closed is not None
    assert not await closing.no_partner(runtime, closed, now)
    assert (
        await closing.record_partner(runtime, closed, asker_entity, recorded_by=AUTHOR, now=now)
        is None
    )


# --- announcements -------------------------------------------------------------------------


async def _draft(runtime: Runtime) -> int:
    async with runtime.store.write() as repos:
        draft = await repos.announcements.create_draft(
            text_html="Asamblea el lunes",
            board_chat_id=-1,
            by=BOARD.user_id,
            by_name=BOARD.name,
            now=runtime.clock(),
        )
    return draft.id


async def test_an_announcement_starts_once_and_stop_cancels_what_is_queued(
    runtime: Runtime,
) -> None:
    await _members(runtime, AUTHOR, ASKER, OTHER)
    announcement_id = await _draft(runtime)
    now = runtime.clock()
    async with runtime.store.read() as repos:
        draft = await repos.announcements.get(announcement_id)
    assert draft is not None
    assert await announcements.send(
        runtime, draft, actor=BOARD, progress_message_id=None, now=now
    ) == (3, True)
    assert await announcements.send(
        runtime, draft, actor=BOARD, progress_message_id=None, now=now
    ) == (3, False)
    stopped = await announcements.stop(runtime, announcement_id, actor=BOARD, now=now)
    assert stopped is not None and stopped.cancelled == 3
    assert await announcements.stop(runtime, announcement_id, actor=BOARD, now=now) is None
    async with runtime.store.read() as repos:
        counts = await repos.outbox.count_by_status(batch_of(announcement_id))
    assert counts == {OutboxStatus.CANCELLED: 3}
    assert not await announcements.discard(runtime, announcement_id, now)


async def test_a_member_who_comes_back_is_an_announcement_recipient_again(
    runtime: Runtime,
) -> None:
    await _members(runtime, 501, 502)
    assert not await reachability.came_back(runtime, 501, runtime.clock())  # never away
    async with runtime.store.write() as repos:
        await repos.members.mark_unreachable(502, runtime.clock())
    async with runtime.store.read() as repos:
        assert [r.user_id for r in await repos.announcements.recipients()] == [501]

    assert await reachability.came_back(runtime, 502, runtime.clock())
    assert not await reachability.came_back(runtime, 502, runtime.clock())  # once
    async with runtime.store.read() as repos:
        assert [r.user_id for r in await repos.announcements.recipients()] == [501, 502]
