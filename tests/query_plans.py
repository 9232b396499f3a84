"""Reading EXPLAIN QUERY PLAN of the statements the bot really runs.

SQLite's trace callback hands over each statement as it runs, with its parameters written in
as literals, so a test records what a repository or a whole update executed and then asks
SQLite how it planned each one. Plans are read without ANALYZE statistics, as the bot runs.
"""

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.storage.db import Database

__all__ = ["BY_ID", "Plan", "explain", "recording"]

BY_ID = "USING INTEGER PRIMARY KEY"  # a plan line that looks one row up by its id

_QUERIES = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")
_INSERT_VALUES = re.compile(r"\s*INSERT\s+INTO\s+\S+\s*\([^)]*\)\s*VALUES\b", re.IGNORECASE)


@dataclass(frozen=True)
class Plan:
    """One statement and the lines of its query plan, in SQLite's order."""

    sql: str
    lines: tuple[str, ...]

    def full_scans(self) -> list[str]:
        """Lines that read a whole table or a whole index of it (virtual tables aside)."""
        if _INSERT_VALUES.match(self.sql):
            # Such a plan lists only the foreign-key checks for rows that would point at the
            # new one, which SQLite runs only while a violation is pending: never here, as
            # every key is checked at once.
            return []
        # A subquery's own rows (a window function's, a materialized view's) are no table.
        derived = {
            line.split()[1]
            for line in self.lines
            if line.startswith(("MATERIALIZE ", "CO-ROUTINE "))
        }
        return [
            line
            for line in self.lines
            if line.startswith("SCAN ")
            and "VIRTUAL TABLE" not in line
            and "CONSTANT" not in line
            and not line.startswith("SCAN (subquery-")
            and line.split()[1] not in derived
        ]

    def accesses(self, table: str, alias: str | None = None) -> list[str]:
        """The lines that read `table` (named so, or by its alias in the statement)."""
        names = {table, alias} - {None}
        return [line for line in self.lines if line.split(" ")[1:2] and line.split()[1] in names]

    def __str__(self) -> str:
        return self.sql + "\n" + "\n".join(f"  {line}" for line in self.lines)


@asynccontextmanager
async def recording(db: Database) -> AsyncIterator[list[str]]:
    """The queries run on db's connection meanwhile (not BEGIN/COMMIT, not FTS5's own)."""
    seen: list[str] = []

    def trace(statement: str) -> None:
        # FTS5 reads its own tables by statements of its own ('main'.'posts_fts_data' …).
        if statement.lstrip().upper().startswith(_QUERIES) and "'main'." not in statement:
            seen.append(statement)

    await db.conn.set_trace_callback(trace)
    try:
        yield seen
    finally:
        await db.conn.set_trace_callback(None)  # type: ignore[arg-type]  # sqlite3 takes None


async def explain(db: Database, sql: str) -> Plan:
    """How SQLite plans sql now."""
    async with db.conn.execute("EXPLAIN QUERY PLAN " + sql) as cursor:
        rows = await cursor.fetchall()
    return Plan(sql, tuple(str(row[3]) for row in rows))
