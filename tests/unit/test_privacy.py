"""A person's copy and erasure, called directly: typed values, reports, pseudonyms, relays."""

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.domain.network import load_network
from bot.domain.posts import Place, PlaceKind, PostDraft, PostKind, PostStatus
from bot.i18n import Catalogs
from bot.services import contact, privacy
from bot.services.runtime import Runtime
from bot.storage.db import Database
from bot.storage.personal_data import PERSONAL_TABLES, Kind
from bot.storage.privacy import exported_value
from bot.storage.repos import Store
from tests.harness import FakeClock, make_settings
from tests.seed import seed_members

AUTHOR, ASKER = 101, 202


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


async def _thread_with_a_message(runtime: Runtime) -> int:
    """AUTHOR's live offer, and ASKER's message about it (queued); the message's id."""
    seeded = await seed_members(runtime.store, [AUTHOR, ASKER], now=runtime.clock())
    draft = PostDraft(
        kind=PostKind.OFFER,
        sector="digital",
        title="Webs",
        description="Hacemos webs.",
        place=Place(kind=PlaceKind.PROVINCE),
    )
    async with runtime.store.write() as repos:
        post = await repos.posts.create(
            draft,
            author_id=AUTHOR,
            entity_id=seeded[0].entity_id,
            status=PostStatus.ACTIVE,
            now=runtime.clock(),
        )
    await contact.relay(runtime, sender_id=ASKER, text="Hola", now=runtime.clock(), post_id=post.id)
    async with runtime.store.read() as repos:
        (item,) = await repos.relay.due(runtime.clock() + timedelta(days=1), limit=10)
    return int(item.dedupe_key.removeprefix("contact:"))


async def _copy(runtime: Runtime, user_id: int, live: dict[str, Any] | None = None) -> Any:
    payload = await privacy.my_data(runtime, user_id, language="es", live_state=live)
    return json.loads(payload)


@pytest.mark.parametrize(
    ("kind", "stored", "exported"),
    [
        (Kind.TEXT, "", None),
        (Kind.TEXT, None, None),
        (Kind.TEXT, "hola", "hola"),
        (Kind.INT, 0, 0),
        (Kind.BOOL, 0, False),
        (Kind.BOOL, 1, True),
        (Kind.JSON, '["a","b"]', ["a", "b"]),
        (Kind.JSON, "[]", []),
        (Kind.JSON, "", None),
        (Kind.TIME, "2026-11-27T10:00:00.123456+00:00", "2026-11-27T10:00:00+00:00"),
        (Kind.DATE, "2027-01-31", "2027-01-31"),
        (Kind.PERSON, AUTHOR, "you"),
        (Kind.PERSON, ASKER, "another member"),
        (Kind.ENTITY, 7, "your organisation"),
        (Kind.ENTITY, 8, "another organisation"),
    ],
)
def test_stored_values_are_typed_json(kind: Kind, stored: object, exported: object) -> None:
    assert exported_value(kind, stored, user_id=AUTHOR, entity_id=7) == exported


async def test_a_report_is_recorded_for_its_reporter_only(runtime: Runtime) -> None:
    message_id = await _thread_with_a_message(runtime)
    assert not await contact.report(runtime, message_id, user_id=ASKER, now=runtime.clock())
    assert await contact.report(runtime, message_id, user_id=AUTHOR, now=runtime.clock())
    later = runtime.clock() + timedelta(minutes=5)
    assert await contact.report(runtime, message_id, user_id=AUTHOR, now=later)  # once
    reports = (await _copy(runtime, AUTHOR))["contact_reports"]
    assert reports == [
        {"message_id": message_id, "reporter": "you", "reported_at": "2026-11-27T10:00:00+00:00"}
    ]
    assert (await _copy(runtime, ASKER))["contact_reports"] == []


async def test_the_live_conversation_state_replaces_the_stored_copy(runtime: Runtime) -> None:
    await seed_members(runtime.store, [AUTHOR], now=runtime.clock())
    async with runtime.store.write() as repos:
        await repos.conn.execute(
            "INSERT INTO ptb_user_data (user_id, data) VALUES (?, ?)", (AUTHOR, '{"old": 1}')
        )
    assert (await _copy(runtime, AUTHOR))["conversation_state"] == {"data": {"old": 1}}
    fresh = await _copy(runtime, AUTHOR, {"draft": {"title": "Webs"}})
    assert fresh["conversation_state"] == {"data": {"draft": {"title": "Webs"}}}
    assert (await _copy(runtime, AUTHOR, {}))["conversation_state"] is None


async def test_someone_who_never_joined_gets_an_empty_copy(runtime: Runtime) -> None:
    data = await _copy(runtime, 999, {"unstored:consent": "asked"})
    assert data["member"] is None and data["entities"] == [] and data["posts"] == []
    assert data["conversation_state"] == {"data": {"unstored:consent": "asked"}}
    assert await privacy.forget(runtime, 999, actor_name="X", now=runtime.clock()) is None


async def test_erasure_cancels_undelivered_relays_and_blanks_their_copies(
    runtime: Runtime,
) -> None:
    message_id = await _thread_with_a_message(runtime)
    erasure = await privacy.forget(runtime, ASKER, actor_name="Eva", now=runtime.clock())
    assert erasure is not None
    async with runtime.store.read() as repos:
        item = await repos.outbox.by_key(f"contact:{message_id}")
        message = await repos.contacts.message(message_id)
    assert item is not None and item.status == "cancelled" and item.message.params == {}
    assert item.message.keyboard is None
    assert message is not None and message.text == ""
    # The author's side stays, with the asker as a pseudonym nobody can write to.
    data = await _copy(runtime, AUTHOR)
    assert [m["sender"] for m in data["contact_messages"]] == ["another member"]
    assert data["contact_messages"][0]["text"] is None
    assert data["messages_from_the_bot"][0]["status"] == "cancelled"


async def test_each_erasure_leaves_its_own_pseudonym_never_a_telegram_id(
    runtime: Runtime,
) -> None:
    await _thread_with_a_message(runtime)
    for user_id in (ASKER, AUTHOR):
        assert await privacy.forget(runtime, user_id, actor_name="X", now=runtime.clock())
    async with runtime.store.read() as repos:
        async with repos.conn.execute("SELECT asker_id, author_id FROM contact_threads") as cur:
            row = await cur.fetchone()
        assert row is not None
        asker, author = row
        assert asker != author and asker < -(2**62) and author < -(2**62)
        # Nothing but the board's records still has either id.
        for table in PERSONAL_TABLES:
            if table.name in {"audit_log", "announcements"}:
                continue
            for column, kind in table.columns.items():
                if kind is not Kind.PERSON:
                    continue
                async with repos.conn.execute(
                    f"SELECT COUNT(*) FROM {table.name} WHERE {column} IN (?, ?)",  # noqa: S608
                    (ASKER, AUTHOR),
                ) as cur:
                    count = await cur.fetchone()
                assert count is not None and count[0] == 0, f"{table.name}.{column}"
