"""Repository of imported organisations: the rows of the board's list and their one-time links."""

from datetime import datetime
from typing import Any

import aiosqlite

from bot.domain.member_import import ImportRow
from bot.domain.members import EntityImport
from bot.storage.codec import dumps, parse_ts, parse_ts_or_none, ts

__all__ = ["MemberImportsRepo"]

_COLUMNS = "token, entity_id, imported_by, imported_at, expires_at, claimed_by, claimed_at"


class MemberImportsRepo:
    """Organisations brought in from the board's member list, and their links."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def create_entity(self, row: ImportRow, *, by: int, by_name: str, now: datetime) -> int:
        """Store the row's organisation as approved by the import, unlisted until its owner
        says otherwise, with no member yet; return its id. applied_by 0: nobody applied."""
        cursor = await self._conn.execute(
            "INSERT INTO entities (name, kind, sectors, municipality, description, email,"
            " phone, website, listed, status, applied_by, applied_at, decided_by,"
            " decided_by_name, decided_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'approved', 0, ?, ?, ?, ?)",
            (
                row.name,
                row.kind,
                dumps(list(row.sectors)),
                row.municipality,
                row.description,
                row.email,
                row.phone,
                row.website,
                ts(now),
                by,
                by_name,
                ts(now),
            ),
        )
        return int(cursor.lastrowid or 0)

    async def refresh_entity(self, entity_id: int, row: ImportRow) -> None:
        """An unclaimed imported organisation takes the row's data (the board corrected it)."""
        await self._conn.execute(
            "UPDATE entities SET name = ?, kind = ?, sectors = ?, municipality = ?,"
            " description = ?, email = ?, phone = ?, website = ? WHERE id = ?",
            (
                row.name,
                row.kind,
                dumps(list(row.sectors)),
                row.municipality,
                row.description,
                row.email,
                row.phone,
                row.website,
                entity_id,
            ),
        )

    async def create_link(
        self, *, token: str, entity_id: int, by: int, now: datetime, expires_at: datetime
    ) -> None:
        """Store a new one-time link for an imported organisation."""
        await self._conn.execute(
            f"INSERT INTO entity_imports ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, NULL, NULL)",  # noqa: S608
            (token, entity_id, by, ts(now), ts(expires_at)),
        )

    async def revoke_links(self, entity_id: int, now: datetime) -> None:
        """Earlier unclaimed links of the organisation stop working (a new one was made)."""
        await self._conn.execute(
            "UPDATE entity_imports SET expires_at = ?"
            " WHERE entity_id = ? AND claimed_by IS NULL AND expires_at > ?",
            (ts(now), entity_id, ts(now)),
        )

    async def unclaimed(self) -> dict[int, str]:
        """Imported organisations nobody has claimed and nobody acts for: id -> name."""
        async with self._conn.execute(
            "SELECT e.id, e.name FROM entities e"
            " WHERE e.status = 'approved'"
            " AND EXISTS (SELECT 1 FROM entity_imports i WHERE i.entity_id = e.id)"
            " AND NOT EXISTS (SELECT 1 FROM entity_imports i"
            "  WHERE i.entity_id = e.id AND i.claimed_by IS NOT NULL)"
            " AND NOT EXISTS (SELECT 1 FROM members m WHERE m.entity_id = e.id)"
        ) as cursor:
            return {int(row[0]): str(row[1]) for row in await cursor.fetchall()}

    async def names_in_network(self) -> dict[int, str]:
        """Every organisation in the network (all but rejected applications): id -> name."""
        async with self._conn.execute(
            "SELECT id, name FROM entities WHERE status != 'rejected'"
        ) as cursor:
            return {int(row[0]): str(row[1]) for row in await cursor.fetchall()}

    async def link(self, token: str) -> EntityImport | None:
        """The link with that token."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM entity_imports WHERE token = ?",  # noqa: S608 - constant
            (token,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _link(row)

    async def claim(self, token: str, *, user_id: int, now: datetime) -> bool:
        """Mark the link used by user_id; False if it was used or expired meanwhile."""
        cursor = await self._conn.execute(
            "UPDATE entity_imports SET claimed_by = ?, claimed_at = ?"
            " WHERE token = ? AND claimed_by IS NULL AND expires_at > ?",
            (user_id, ts(now), token, ts(now)),
        )
        return cursor.rowcount == 1

    async def set_applicant(self, entity_id: int, user_id: int) -> None:
        """The person who claimed the organisation stands as the one who brought it in."""
        await self._conn.execute(
            "UPDATE entities SET applied_by = ? WHERE id = ?", (user_id, entity_id)
        )


def _link(row: Any) -> EntityImport:
    return EntityImport(
        token=row[0],
        entity_id=row[1],
        imported_by=row[2],
        imported_at=parse_ts(row[3]),
        expires_at=parse_ts(row[4]),
        claimed_by=row[5],
        claimed_at=parse_ts_or_none(row[6]),
    )
