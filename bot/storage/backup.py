"""Consistent copies of the database while the bot writes, and putting one back in place.

Both use SQLite's online backup API, never a file copy: a copy of the file alone can catch a
write half done and misses whatever is still only in the `-wal` file beside it.
"""

import contextlib
import fcntl
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.storage.db import migration_files

__all__ = ["Backup", "BackupError", "Restored", "backup_database", "restore_database"]

# Where SQLite's WAL index (`-shm`) keeps the lock every open connection holds shared
# ("DMS", https://sqlite.org/walformat.html#the_wal_index_file_format): a connection in another
# process holds it for as long as that process has the database open.
_SHM_DMS_OFFSET = 128
_SET_ASIDE_SUFFIX = ".before-restore"


class BackupError(Exception):
    """A backup or restore that cannot be done, described in one line for the operator."""


@dataclass(frozen=True, slots=True)
class Backup:
    """A finished copy: where it is, its size and the schema version it holds."""

    path: Path
    size: int
    schema_version: int


@dataclass(frozen=True, slots=True)
class Restored:
    """A restored database, and where the database it replaced was moved (if there was one)."""

    path: Path
    schema_version: int
    set_aside: Path | None


def backup_database(source: Path, target: Path) -> Backup:
    """Copy the database at `source` to `target` as one self-contained, checked file.

    The copy is one snapshot (the whole database in one backup step, inside one read
    transaction), so it holds every transaction committed before it and nothing of one after;
    the bot keeps writing meanwhile (WAL lets one writer and readers work at once). It is
    written beside `target` first and renamed when checked, so `target` is never half a file.
    """
    if not source.is_file():
        raise BackupError(f"no database at {source}")
    if target.is_dir():
        raise BackupError(f"{target} is a folder: give the backup's file name")
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError(f"{target} is the database itself: choose another file")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source, partial)
        version = _check(partial)
        _replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Backup(target, target.stat().st_size, version)


def restore_database(backup: Path, database: Path) -> Restored:
    """Put `backup` in place as the database at `database`; the bot must be stopped.

    The backup is checked before anything is touched. A database already there is moved aside
    whole, with its `-wal` file (a crash can leave changes only there), and its `-shm` index is
    dropped, so nothing of the old database can be replayed onto the restored one.
    """
    if not backup.is_file():
        raise BackupError(f"no backup at {backup}")
    version = _check(backup)
    if version == 0:
        raise BackupError(f"{backup} is not a backup of the bot's database (no schema version)")
    latest = len(migration_files())
    if version > latest:
        raise BackupError(
            f"{backup} is from a newer bot (schema {version}, this one knows {latest}): "
            "install that version first"
        )
    if database.exists() and database.resolve() == backup.resolve():
        raise BackupError(f"{backup} is the database itself: nothing to restore")
    if _in_use(database):
        raise BackupError(f"{database} is open in a running bot: stop it first")
    set_aside = _set_aside(database)
    try:
        backup_database(backup, database)
    except BackupError as exc:
        if set_aside is None:
            raise
        raise BackupError(f"{exc}; the previous database is kept as {set_aside}") from None
    return Restored(database, version, set_aside)


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(_uri(source, "rw"), uri=True, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # pages=-1: every page in one step, so one consistent snapshot
            # The copy carries the source's WAL flag; a rollback-journal file needs nothing
            # beside it, so it can be copied, moved or opened read-only as it is.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"cannot copy {source}: {exc}") from None
    finally:
        src.close()


def _check(path: Path) -> int:
    """Raise unless `path` is a sound SQLite database; return its schema version."""
    try:
        conn = sqlite3.connect(_uri(path, "ro"), uri=True)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a SQLite database: {exc}") from None
    if verdict != "ok":
        raise BackupError(f"{path} is damaged: {verdict}")
    if tables == 0:
        raise BackupError(f"{path} is not a backup of the bot's database (it is empty)")
    return version


def _replace(partial: Path, target: Path) -> None:
    """Rename into place durably: the data on disk first, then the name."""
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())
    partial.replace(target)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _in_use(database: Path) -> bool:
    """Whether another process has the database open (it holds the WAL index's DMS lock)."""
    shm = _sibling(database, "-shm")
    try:
        handle = shm.open("rb+")
    except FileNotFoundError:
        return False
    with handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_OFFSET)
        except OSError:
            return True
        fcntl.lockf(handle, fcntl.LOCK_UN, 1, _SHM_DMS_OFFSET)
    return False


def _set_aside(database: Path) -> Path | None:
    """Move the current database aside with the journal files that belong to it.

    A `-wal` (or a rollback `-journal`) left by a crash is part of that database: it goes
    along under the new name, so the set-aside copy stays whole and the restored database
    never replays it. The `-shm` index is rebuilt by SQLite from the -wal, so it is dropped.
    """
    if not database.exists():
        return None
    aside = database.with_name(database.name + _SET_ASIDE_SUFFIX)
    for suffix in ("-wal", "-journal", "-shm"):
        _sibling(aside, suffix).unlink(missing_ok=True)
    database.replace(aside)
    for suffix in ("-wal", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            _sibling(database, suffix).replace(_sibling(aside, suffix))
    _sibling(database, "-shm").unlink(missing_ok=True)
    return aside


def _sibling(database: Path, suffix: str) -> Path:
    """The file SQLite keeps beside a database: `bot.db-wal`, `bot.db-shm`, `bot.db-journal`."""
    return database.with_name(database.name + suffix)


def _uri(path: Path, mode: str) -> str:
    """A SQLite URI that opens `path` in `mode` (ro, rw) and never creates it."""
    return f"{path.resolve().as_uri()}?mode={mode}"
