"""What the bot holds about one person, to hand it over or erase it (GDPR arts. 15, 17, 20).

Both walk the map of bot/storage/personal_data.py: every table with a person's data, how its
rows relate to them, how each column is typed, and what erasure does to it.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import aiosqlite

from bot.storage.codec import parse_ts, ts
from bot.storage.personal_data import (
    ANOTHER_MEMBER,
    ANOTHER_ORGANISATION,
    PERSONAL_TABLES,
    YOU,
    YOUR_ORGANISATION,
    Blank,
    Delete,
    Kind,
    PersonalTable,
    Pseudonymise,
    Withheld,
)

__all__ = ["Erasure", "PrivacyRepo", "exported_value"]

# Erasure puts pseudonyms where the person's id was: negative and below -2**62, so never a
# Telegram user id (positive) nor a group's chat id (negative, but far smaller in size).
_PSEUDONYM_FLOOR = 2**62


@dataclass(frozen=True)
class Erasure:
    """What an erasure did."""

    entity_id: int | None
    entity_name: str | None
    entity_left_without_members: bool
    posts_closed: int


@dataclass(frozen=True, slots=True)
class _Viewer:
    """Whose copy it is: PERSON and ENTITY columns are told apart from everyone else's."""

    user_id: int
    entity_id: int | None


def exported_value(kind: Kind, value: Any, *, user_id: int, entity_id: int | None) -> Any:
    """A stored value as the copy writes it (typed JSON; NULL and '' are null)."""
    if value is None or value == "":
        return None
    match kind:
        case Kind.TEXT:
            return str(value)
        case Kind.INT:
            return int(value)
        case Kind.BOOL:
            return bool(value)
        case Kind.JSON:
            return json.loads(value)
        case Kind.TIME:
            return parse_ts(value).astimezone(UTC).isoformat(timespec="seconds")
        case Kind.DATE:
            return date.fromisoformat(value).isoformat()
        case Kind.PERSON:
            return YOU if value == user_id else ANOTHER_MEMBER
        case Kind.ENTITY:
            return YOUR_ORGANISATION if value == entity_id else ANOTHER_ORGANISATION


def exported_name(column: str, kind: Kind) -> str:
    """A PERSON or ENTITY column is named without "_id": it holds no id in the copy."""
    if kind in (Kind.PERSON, Kind.ENTITY):
        return column.removesuffix("_id")
    return column


class PrivacyRepo:
    """Export and erase one person's data."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about user_id, one key per table of the map, as typed JSON."""
        viewer = _Viewer(user_id, await self._entity_of(user_id))
        return {table.key: await self._section(table, viewer) for table in PERSONAL_TABLES}

    async def _section(self, table: PersonalTable, viewer: _Viewer) -> Any:
        shown = {
            name: kind for name, kind in table.columns.items() if not isinstance(kind, Withheld)
        }
        # Identifiers come from the map (constants checked against the schema by a test).
        sql = (
            f"SELECT {', '.join(shown)} FROM {table.name}"  # noqa: S608
            f" WHERE {table.rows.sql()} ORDER BY {table.order_by}"
        )
        async with self._conn.execute(sql, {"me": viewer.user_id}) as cursor:
            rows = await cursor.fetchall()
        typed = [
            {
                exported_name(name, kind): exported_value(
                    kind, row[name], user_id=viewer.user_id, entity_id=viewer.entity_id
                )
                for name, kind in shown.items()
            }
            for row in rows
        ]
        if table.single:
            return typed[0] if typed else None
        return typed

    async def _entity_of(self, user_id: int) -> int | None:
        async with self._conn.execute(
            "SELECT entity_id FROM members WHERE user_id = ?", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else int(row[0])

    async def erase(self, user_id: int, *, now: datetime) -> Erasure | None:
        """Forget a member: close their posts, then walk the map (delete, blank, pseudonymise).

        When they were the last person acting for their entity, the entity's contact details
        (which may name a person) are blanked too and it leaves the directory; its name and
        description stay in the board's records (they describe an organisation, not a person).
        """
        async with self._conn.execute(
            "SELECT m.entity_id, e.name FROM members m JOIN entities e ON e.id = m.entity_id"
            " WHERE m.user_id = ?",
            (user_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        entity_id, entity_name = int(row[0]), str(row[1])
        closed = await self._conn.execute(
            "UPDATE posts SET status = 'closed', close_reason = 'withdrawn', updated_at = ?"
            " WHERE author_id = ? AND status IN ('pending', 'active', 'paused')",
            (ts(now), user_id),
        )
        # Messages to them, and their relayed messages not delivered yet (see personal_data).
        await self._conn.execute(
            "UPDATE outbox SET status = 'cancelled', updated_at = ?"
            " WHERE status = 'queued' AND (chat_id = ? OR dedupe_key IN"
            " (SELECT 'contact:' || id FROM contact_messages WHERE sender_id = ?)"
            " OR dedupe_key IN (SELECT 'case-entry:' || id FROM case_entries WHERE author_id = ?)"
            " OR dedupe_key IN (SELECT 'case:' || id || ':card' FROM cases WHERE member_id = ?))",
            (ts(now), user_id, user_id, user_id, user_id),
        )
        await self._conn.execute(
            "UPDATE invites SET expires_at = ? WHERE created_by = ? AND used_by IS NULL",
            (ts(now), user_id),
        )
        await self._walk_erasure(user_id, pseudonym=-_PSEUDONYM_FLOOR - secrets.randbelow(2**62))
        async with self._conn.execute(
            "SELECT COUNT(*) FROM members WHERE entity_id = ?", (entity_id,)
        ) as cursor:
            remaining = await cursor.fetchone()
        alone = remaining is None or int(remaining[0]) == 0
        if alone:
            await self._conn.execute(
                "UPDATE entities SET email = NULL, phone = NULL, website = NULL, listed = 0,"
                " status = CASE WHEN status IN ('pending', 'approved') THEN 'suspended'"
                " ELSE status END WHERE id = ?",
                (entity_id,),
            )
        return Erasure(
            entity_id=entity_id,
            entity_name=entity_name,
            entity_left_without_members=alone,
            posts_closed=closed.rowcount,
        )

    async def _walk_erasure(self, user_id: int, *, pseudonym: int) -> None:
        """Apply the map's erasure: every Blank, then every Delete, then every Pseudonymise."""
        # Identifiers come from the map (constants checked against the schema by a test).
        for table in PERSONAL_TABLES:
            for step in table.erase:
                if isinstance(step, Blank):
                    sets = ", ".join(f"{column} = :blank_{column}" for column in step.values)
                    params = {f"blank_{column}": value for column, value in step.values.items()}
                    await self._conn.execute(
                        f"UPDATE {table.name} SET {sets} WHERE {step.rows.sql()}",  # noqa: S608
                        {"me": user_id, **params},
                    )
        for table in PERSONAL_TABLES:
            for step in table.erase:
                if isinstance(step, Delete):
                    await self._conn.execute(
                        f"DELETE FROM {table.name} WHERE {step.rows.sql()}",  # noqa: S608
                        {"me": user_id},
                    )
        for table in PERSONAL_TABLES:
            if not any(isinstance(step, Pseudonymise) for step in table.erase):
                continue
            for column, kind in table.columns.items():
                if kind is Kind.PERSON:
                    await self._conn.execute(
                        f"UPDATE {table.name} SET {column} = :pseudonym"  # noqa: S608
                        f" WHERE {column} = :me",
                        {"me": user_id, "pseudonym": pseudonym},
                    )
