"""Backups taken while the database is written, and restores that never mix in a stale WAL."""

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.__main__ import main as bot_main
from bot.storage import backup as backup_module
from bot.storage.backup import BackupError, backup_database, restore_database
from bot.storage.db import Database, migration_files

LATEST = len(migration_files())
# Values of n that appear an odd number of times: a transaction copied without its other half.
HALF_TRANSACTIONS = "SELECT count(*) FROM (SELECT n FROM pairs GROUP BY n HAVING count(*) % 2)"


def pairs_db(path: Path, rows: int) -> None:
    """A WAL database whose writers always add rows two at a time, in one transaction."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE pairs (n INTEGER NOT NULL)")
        conn.executemany("INSERT INTO pairs VALUES (?)", [(i // 2,) for i in range(rows)])
    conn.close()


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[tuple[Path, threading.Event]]:
    """A thread committing pairs of rows as fast as it can until the test ends."""
    path = tmp_path / "live.db"
    pairs_db(path, 2000)
    stop = threading.Event()
    started = threading.Event()

    def write() -> None:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10)
        n = 10_000
        while not stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO pairs VALUES (?)", [(n,), (n,)])
            conn.execute("COMMIT")
            n += 1
            started.set()
        conn.close()

    thread = threading.Thread(target=write)
    thread.start()
    started.wait(10)
    yield path, stop
    stop.set()
    thread.join(10)


def count(path: Path, sql: str = "SELECT count(*) FROM pairs") -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def test_a_backup_taken_while_writing_holds_whole_transactions_only(
    tmp_path: Path, writer: tuple[Path, threading.Event]
) -> None:
    live, _ = writer
    copies = [tmp_path / f"copy{i}.db" for i in range(5)]
    for copy in copies:
        backup_database(live, copy)
    for copy in copies:
        assert count(copy) > 2000  # what the writer committed before is in
        assert count(copy, HALF_TRANSACTIONS) == 0
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # One self-contained file: no -wal beside it is needed to read it.
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        conn.close()
    assert not list(tmp_path.glob("*.partial"))


def test_a_backup_of_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="no database"):
        backup_database(tmp_path / "missing.db", tmp_path / "copy.db")
    assert list(tmp_path.iterdir()) == []


def test_a_backup_never_overwrites_its_own_source(tmp_path: Path) -> None:
    pairs_db(tmp_path / "live.db", 4)
    with pytest.raises(BackupError, match="itself"):
        backup_database(tmp_path / "live.db", tmp_path / "live.db")
    assert count(tmp_path / "live.db") == 4


def test_a_backup_into_a_folder_says_it_wants_a_file(tmp_path: Path) -> None:
    pairs_db(tmp_path / "live.db", 4)
    (tmp_path / "backups").mkdir()
    with pytest.raises(BackupError, match="folder"):
        backup_database(tmp_path / "live.db", tmp_path / "backups")


async def bot_db(path: Path, marker: str) -> None:
    """A migrated bot database with one marker row to tell copies apart."""
    db = Database(path)
    await db.open()
    async with db.transaction() as conn:
        await conn.execute("CREATE TABLE marker (what TEXT)")
        await conn.execute("INSERT INTO marker VALUES (?)", (marker,))
    await db.close()


def marker(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT what FROM marker").fetchone()[0])
    finally:
        conn.close()


async def test_restore_into_a_fresh_folder(tmp_path: Path) -> None:
    await bot_db(tmp_path / "live.db", "backed up")
    backup_database(tmp_path / "live.db", tmp_path / "backup.db")
    target = tmp_path / "fresh" / "data" / "bot.db"
    restored = restore_database(tmp_path / "backup.db", target)
    assert restored.schema_version == LATEST
    assert restored.set_aside is None
    assert marker(target) == "backed up"


async def test_restore_over_a_crashed_database_leaves_its_stale_wal_out(tmp_path: Path) -> None:
    await bot_db(tmp_path / "live.db", "backed up")
    backup_database(tmp_path / "live.db", tmp_path / "backup.db")
    # The database as a crash leaves it: the last change is only in its -wal file.
    crashed = tmp_path / "server"
    crashed.mkdir()
    conn = sqlite3.connect(tmp_path / "live.db", isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE marker SET what = 'after the backup'")
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(tmp_path / f"live.db{suffix}", crashed / f"bot.db{suffix}")
    conn.close()
    assert marker(tmp_path / "live.db") == "after the backup"

    restored = restore_database(tmp_path / "backup.db", crashed / "bot.db")

    assert marker(crashed / "bot.db") == "backed up"
    # The replaced database is kept, whole, with its own -wal beside it.
    assert restored.set_aside == crashed / "bot.db.before-restore"
    assert marker(crashed / "bot.db.before-restore") == "after the backup"


async def test_a_restore_that_fails_half_way_says_where_the_old_database_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await bot_db(tmp_path / "live.db", "backed up")
    backup_database(tmp_path / "live.db", tmp_path / "backup.db")
    await bot_db(tmp_path / "bot.db", "current")

    def disk_full(source: Path, target: Path) -> None:
        raise BackupError(f"cannot copy {source}: database or disk is full")

    monkeypatch.setattr(backup_module, "_copy", disk_full)
    with pytest.raises(BackupError, match=r"disk is full; the previous database is kept as .*"):
        restore_database(tmp_path / "backup.db", tmp_path / "bot.db")
    assert marker(tmp_path / "bot.db.before-restore") == "current"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b"MZ\x90\x00 not a database at all" * 100), "not a SQLite"),
        (lambda p: pairs_db(p, 4), "not a backup of the bot"),
        (lambda p: p.write_bytes(b""), "not a backup of the bot"),
    ],
    ids=["garbage", "other-sqlite", "empty"],
)
async def test_restore_refuses_what_is_not_a_bot_backup_and_touches_nothing(
    tmp_path: Path, make: object, reason: str
) -> None:
    await bot_db(tmp_path / "bot.db", "live")
    candidate = tmp_path / "candidate.db"
    make(candidate)  # type: ignore[operator]
    with pytest.raises(BackupError, match=reason):
        restore_database(candidate, tmp_path / "bot.db")
    assert marker(tmp_path / "bot.db") == "live"
    assert not (tmp_path / "bot.db.before-restore").exists()


async def test_restore_refuses_a_backup_from_a_newer_bot(tmp_path: Path) -> None:
    await bot_db(tmp_path / "newer.db", "from the future")
    conn = sqlite3.connect(tmp_path / "newer.db")
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(BackupError, match="newer"):
        restore_database(tmp_path / "newer.db", tmp_path / "bot.db")
    assert not (tmp_path / "bot.db").exists()


def test_restore_of_a_missing_backup_says_so(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="no backup"):
        restore_database(tmp_path / "missing.db", tmp_path / "bot.db")


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'data' / 'bot.db'}")
    return tmp_path


def test_cli_backup_of_a_database_that_is_not_there_fails_with_one_line(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bot_main(["backup", str(cli_env / "copy.db")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: no database at")
    assert not (cli_env / "copy.db").exists()
    assert not (cli_env / "data" / "bot.db").exists()


async def test_cli_backup_then_restore(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    await bot_db(cli_env / "data" / "bot.db", "kept")
    assert bot_main(["backup", str(cli_env / "copy.db")]) == 0
    assert f"schema version {LATEST}" in capsys.readouterr().out
    (cli_env / "data" / "bot.db").unlink()
    assert bot_main(["restore", str(cli_env / "copy.db")]) == 0
    out = capsys.readouterr().out
    assert "restored" in out
    assert marker(cli_env / "data" / "bot.db") == "kept"
