"""Repository of advice cases and their threads."""

from datetime import datetime
from typing import Any

import aiosqlite

from bot.domain.advice import (
    Attachment,
    Case,
    CaseEntry,
    CaseStatus,
    CaseType,
    ContactWay,
    Side,
)
from bot.domain.files import FileType
from bot.storage.codec import parse_ts, parse_ts_or_none, ts, ts_or_none

__all__ = ["CasesRepo"]

_CASE = (
    "id, member_id, entity_id, type, description, contact, status, holder_id, holder_name,"
    " created_at, updated_at, unanswered_since, closed_at"
)
_ENTRY = (
    "id, case_id, side, author_id, author_name, text, file_id, file_kind, file_as_photo,"
    " file_name, at"
)
_LIVE = ("open", "claimed", "waiting")


class CasesRepo:
    """Create, change and read cases and the entries of their threads."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def create(
        self,
        *,
        member_id: int,
        entity_id: int,
        type: CaseType,
        description: str,
        contact: ContactWay,
        now: datetime,
    ) -> Case:
        """A new open case; the member's words wait for the board from now."""
        cursor = await self._conn.execute(
            "INSERT INTO cases (member_id, entity_id, type, description, contact, created_at,"
            " updated_at, unanswered_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                member_id,
                entity_id,
                type.value,
                description,
                contact.value,
                ts(now),
                ts(now),
                ts(now),
            ),
        )
        case = await self.get(int(cursor.lastrowid or 0))
        assert case is not None  # noqa: S101 - just inserted
        return case

    async def get(self, case_id: int) -> Case | None:
        """One case."""
        async with self._conn.execute(
            f"SELECT {_CASE} FROM cases WHERE id = ?",  # noqa: S608
            (case_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _case(row)

    async def save(self, case: Case) -> None:
        """Store a case's new status, holder and times."""
        await self._conn.execute(
            "UPDATE cases SET status = ?, holder_id = ?, holder_name = ?, updated_at = ?,"
            " unanswered_since = ?, closed_at = ? WHERE id = ?",
            (
                case.status.value,
                case.holder_id,
                case.holder_name,
                ts(case.updated_at),
                ts_or_none(case.unanswered_since),
                ts_or_none(case.closed_at),
                case.id,
            ),
        )

    async def rate(self, case_id: int, rating: int, now: datetime) -> bool:
        """Record the member's rating of a closed case once; False if not closed or rated."""
        cursor = await self._conn.execute(
            "UPDATE cases SET rating = ?, rated_at = ?"
            " WHERE id = ? AND status = 'closed' AND rating IS NULL",
            (rating, ts(now), case_id),
        )
        return cursor.rowcount == 1

    async def of_member(self, member_id: int) -> list[Case]:
        """The cases one member asked for, newest first."""
        async with self._conn.execute(
            f"SELECT {_CASE} FROM cases WHERE member_id = ? ORDER BY id DESC",  # noqa: S608
            (member_id,),
        ) as cursor:
            return [_case(row) for row in await cursor.fetchall()]

    async def live(self, holder_id: int | None = None) -> list[Case]:
        """Cases not closed, oldest first (only those holder_id holds, if given)."""
        sql = f"SELECT {_CASE} FROM cases WHERE status IN (?, ?, ?)"  # noqa: S608
        params: tuple[Any, ...] = _LIVE
        if holder_id is not None:
            sql += " AND holder_id = ?"
            params = (*params, holder_id)
        async with self._conn.execute(sql + " ORDER BY id", params) as cursor:
            return [_case(row) for row in await cursor.fetchall()]

    async def unanswered_before(self, moment: datetime) -> list[Case]:
        """Live cases whose member has waited for the board since before moment."""
        async with self._conn.execute(
            f"SELECT {_CASE} FROM cases WHERE status IN (?, ?, ?)"  # noqa: S608
            " AND unanswered_since IS NOT NULL AND unanswered_since <= ? ORDER BY id",
            (*_LIVE, ts(moment)),
        ) as cursor:
            return [_case(row) for row in await cursor.fetchall()]

    async def add_entry(
        self,
        case_id: int,
        *,
        side: Side,
        author_id: int,
        author_name: str,
        text: str,
        attachment: Attachment | None,
        now: datetime,
    ) -> CaseEntry:
        """Append one message to a case's thread."""
        file = attachment
        cursor = await self._conn.execute(
            "INSERT INTO case_entries (case_id, side, author_id, author_name, text, file_id,"
            " file_kind, file_as_photo, file_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                case_id,
                side.value,
                author_id,
                author_name,
                text,
                file.file_id if file else None,
                file.kind.value if file else None,
                int(file.as_photo) if file else 0,
                file.name if file else None,
                ts(now),
            ),
        )
        return CaseEntry(
            id=int(cursor.lastrowid or 0),
            case_id=case_id,
            side=side,
            author_id=author_id,
            author_name=author_name,
            text=text,
            attachment=attachment,
            at=now,
        )

    async def entries(self, case_id: int) -> list[CaseEntry]:
        """A case's thread, in order."""
        async with self._conn.execute(
            f"SELECT {_ENTRY} FROM case_entries WHERE case_id = ? ORDER BY id",  # noqa: S608
            (case_id,),
        ) as cursor:
            return [_entry(row) for row in await cursor.fetchall()]


def _case(row: Any) -> Case:
    return Case(
        id=row[0],
        member_id=row[1],
        entity_id=row[2],
        type=CaseType(row[3]),
        description=row[4],
        contact=ContactWay(row[5]),
        status=CaseStatus(row[6]),
        holder_id=row[7],
        holder_name=row[8],
        created_at=parse_ts(row[9]),
        updated_at=parse_ts(row[10]),
        unanswered_since=parse_ts_or_none(row[11]),
        closed_at=parse_ts_or_none(row[12]),
    )


def _entry(row: Any) -> CaseEntry:
    attachment = None
    if row[6] is not None:
        attachment = Attachment(
            file_id=row[6], kind=FileType(row[7]), as_photo=bool(row[8]), name=row[9]
        )
    return CaseEntry(
        id=row[0],
        case_id=row[1],
        side=Side(row[2]),
        author_id=row[3],
        author_name=row[4],
        text=row[5],
        attachment=attachment,
        at=parse_ts(row[10]),
    )
