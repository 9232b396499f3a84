"""The database: PRAGMAs, migrations, transactions, persistence and the members repository."""

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.members import CONSENT_VERSION, EntityProfile, EntityStatus, MemberRole
from bot.domain.outbox import Button, Category, Rendered
from bot.storage.db import Database, migration_files
from bot.storage.persistence import SQLitePersistence
from bot.storage.repos import Store

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path):
    database = Database(tmp_path / "t.db")
    await database.open()
    yield database
    await database.close()


def profile(name: str = "Coop Tierra") -> EntityProfile:
    return EntityProfile(
        name=name,
        kind="cooperative",
        sectors=["agrifood"],
        municipality="leon",
        description="Huerta ecológica",
    )


async def test_pragmas_and_schema_version(db: Database) -> None:
    assert await db.schema_version() == len(migration_files())

    async def pragma(name: str) -> object:
        row = await db.fetchone(f"PRAGMA {name}")
        assert row is not None
        return row[0]

    assert await pragma("journal_mode") == "wal"
    assert await pragma("foreign_keys") == 1
    assert await pragma("busy_timeout") == 5000
    assert await pragma("synchronous") == 2  # FULL


async def test_migrating_twice_changes_nothing(db: Database) -> None:
    assert await db.migrate() == []


async def test_reports_made_before_the_table_are_found_in_the_boards_outbox(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for version, _, sql in migration_files():
        if version < 8:
            conn.executescript(sql)
    conn.executescript(
        """
        INSERT INTO entities (id, name, kind, status, applied_by, applied_at)
            VALUES (1, 'E', 'cooperative', 'approved', 101, '2026-01-01T00:00:00+00:00');
        INSERT INTO posts (id, kind, author_id, entity_id, sector, title, description,
            place_kind, expiry_days, status, created_at, updated_at)
            VALUES (1, 'offer', 101, 1, 'digital', 't', 'd', 'online', 30, 'active',
            '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00');
        INSERT INTO contact_threads (id, post_id, asker_id, author_id, created_at)
            VALUES (1, 1, 202, 101, '2026-01-01T00:00:00+00:00');
        INSERT INTO contact_messages (id, thread_id, sender_id, text, sent_at)
            VALUES (5, 1, 202, 'rude', '2026-01-01T00:00:00+00:00');
        INSERT INTO outbox (dedupe_key, chat_id, locale, message_key, category, not_before,
            created_at, updated_at)
            VALUES ('contact-report:5', -100, 'es', 'posts.contact.report_board', 'reply',
            '2026-01-02T00:00:00+00:00', '2026-01-02T00:00:00+00:00',
            '2026-01-02T00:00:00+00:00');
        PRAGMA user_version = 7;
        """
    )
    conn.close()
    db = Database(path)
    await db.open()
    try:
        row = await db.fetchone("SELECT message_id, reporter_id, reported_at FROM contact_reports")
    finally:
        await db.close()
    assert row is not None
    assert tuple(row) == (5, 101, "2026-01-02T00:00:00+00:00")  # the author received it


async def test_failed_transaction_rolls_back(db: Database) -> None:
    store = Store(db)
    with pytest.raises(RuntimeError):
        async with store.write() as repos:
            await repos.members.create_application(profile(), applied_by=1, now=NOW)
            raise RuntimeError("boom")
    async with store.read() as repos:
        assert await repos.members.count_entities(statuses=tuple(EntityStatus)) == 0


async def test_foreign_keys_are_enforced(db: Database) -> None:
    store = Store(db)
    with pytest.raises(Exception, match="FOREIGN KEY"):
        async with store.write() as repos:
            await repos.members.add_member(
                user_id=5,
                entity_id=999,
                role=MemberRole.OWNER,
                first_name="A",
                username=None,
                locale="es",
                consent_version=CONSENT_VERSION,
                now=NOW,
            )


async def test_first_decision_wins(db: Database) -> None:
    store = Store(db)
    async with store.write() as repos:
        entity = await repos.members.create_application(profile(), applied_by=1, now=NOW)
    async with store.write() as repos:
        first = await repos.members.decide(
            entity.id, status=EntityStatus.APPROVED, by=7, by_name="Ana", now=NOW
        )
        second = await repos.members.decide(
            entity.id, status=EntityStatus.REJECTED, by=8, by_name="Bea", now=NOW
        )
    assert (first, second) == (True, False)
    async with store.read() as repos:
        stored = await repos.members.entity(entity.id)
    assert stored is not None
    assert stored.status == EntityStatus.APPROVED
    assert stored.decided_by_name == "Ana"


async def test_invite_is_single_use_and_expires(db: Database) -> None:
    store = Store(db)
    async with store.write() as repos:
        entity = await repos.members.create_application(profile(), applied_by=1, now=NOW)
        await repos.members.create_invite(
            token="tok",
            entity_id=entity.id,
            created_by=1,
            now=NOW,
            expires_at=NOW + timedelta(days=7),
        )
        expired = await repos.members.use_invite("tok", user_id=2, now=NOW + timedelta(days=8))
        used = await repos.members.use_invite("tok", user_id=2, now=NOW)
        again = await repos.members.use_invite("tok", user_id=3, now=NOW)
    assert (expired, used, again) == (False, True, False)


async def test_search_entities_treats_wildcards_literally(db: Database) -> None:
    store = Store(db)
    async with store.write() as repos:
        await repos.members.create_application(profile("100% Rural"), applied_by=1, now=NOW)
        await repos.members.create_application(profile("Otra"), applied_by=2, now=NOW)
    async with store.read() as repos:
        assert [e.name for e in await repos.members.search_entities("%")] == ["100% Rural"]
        assert await repos.members.search_entities("_") == []


async def test_outbox_enqueue_is_idempotent(db: Database) -> None:
    store = Store(db)
    message = Rendered(
        key="menu.title", params={"x": 1}, keyboard=[[Button(key="menu.help", callback_data="d")]]
    )
    async with store.write() as repos:
        first = await repos.outbox.enqueue(
            dedupe_key="k1",
            chat_id=5,
            locale="es",
            message=message,
            category=Category.REPLY,
            now=NOW,
        )
        second = await repos.outbox.enqueue(
            dedupe_key="k1",
            chat_id=5,
            locale="es",
            message=message,
            category=Category.REPLY,
            now=NOW,
        )
    async with store.read() as repos:
        item = await repos.outbox.by_key("k1")
    assert (first, second) == (True, False)
    assert item is not None
    assert item.message == message


async def test_persistence_round_trip(tmp_path: Path) -> None:
    db = Database(tmp_path / "p.db")
    persistence = SQLitePersistence(db)
    await persistence.update_user_data(1, {"draft": {"name": "Coop"}, "locale": "en"})
    await persistence.update_chat_data(-5, {"k": [1, 2]})
    await persistence.update_bot_data({"v": 1})
    await persistence.update_conversation("onboarding", (1, 1), "ask_kind")
    await persistence.update_conversation("gone", (2, 2), "x")
    await persistence.update_conversation("gone", (2, 2), None)
    await db.close()

    db2 = Database(tmp_path / "p.db")
    reopened = SQLitePersistence(db2)
    assert await reopened.get_user_data() == {1: {"draft": {"name": "Coop"}, "locale": "en"}}
    assert await reopened.get_chat_data() == {-5: {"k": [1, 2]}}
    assert await reopened.get_bot_data() == {"v": 1}
    assert await reopened.get_conversations("onboarding") == {(1, 1): "ask_kind"}
    assert await reopened.get_conversations("gone") == {}
    await reopened.drop_user_data(1)
    assert await reopened.get_user_data() == {}
    await db2.close()
