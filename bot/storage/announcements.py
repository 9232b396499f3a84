"""Repository of board announcements and of who can receive them."""

from datetime import datetime
from typing import Any

import aiosqlite

from bot.domain.announcements import (
    Announcement,
    AnnouncementStatus,
    Audience,
    Progress,
    Recipient,
)
from bot.storage.codec import dumps, loads, parse_ts, parse_ts_or_none, ts

__all__ = ["AnnouncementsRepo"]

_COLUMNS = (
    "id, text_html, audience, status, board_chat_id, progress_message_id, created_by,"
    " created_by_name, created_at, confirmed_by, confirmed_at, reported_at, total, sent,"
    " failed, ambiguous, cancelled"
)


class AnnouncementsRepo:
    """Drafts, their sending and their final counts."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def create_draft(
        self, *, text_html: str, board_chat_id: int, by: int, by_name: str, now: datetime
    ) -> Announcement:
        """Store a new draft addressed to every member."""
        cursor = await self._conn.execute(
            "INSERT INTO announcements (text_html, board_chat_id, created_by, created_by_name,"
            " created_at) VALUES (?, ?, ?, ?, ?)",
            (text_html, board_chat_id, by, by_name, ts(now)),
        )
        created = await self.get(int(cursor.lastrowid or 0))
        assert created is not None  # noqa: S101 - inserted just now, same transaction
        return created

    async def get(self, announcement_id: int) -> Announcement | None:
        """The announcement with that id."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM announcements WHERE id = ?",  # noqa: S608 - constant
            (announcement_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _announcement(row)

    async def set_progress_message(self, announcement_id: int, message_id: int) -> None:
        """Remember the board message that shows the draft and, later, the progress."""
        await self._conn.execute(
            "UPDATE announcements SET progress_message_id = ? WHERE id = ?",
            (message_id, announcement_id),
        )

    async def set_audience(self, announcement_id: int, audience: Audience) -> bool:
        """Choose the recipients of a draft; False if it is no longer a draft."""
        cursor = await self._conn.execute(
            "UPDATE announcements SET audience = ? WHERE id = ? AND status = 'draft'",
            (dumps(audience.model_dump(mode="json")), announcement_id),
        )
        return cursor.rowcount == 1

    async def discard(self, announcement_id: int, now: datetime) -> bool:
        """Drop a draft; False if it was confirmed or discarded already."""
        cursor = await self._conn.execute(
            "UPDATE announcements SET status = 'cancelled', reported_at = ?"
            " WHERE id = ? AND status = 'draft'",
            (ts(now), announcement_id),
        )
        return cursor.rowcount == 1

    async def start(self, announcement_id: int, *, by: int, now: datetime, total: int) -> bool:
        """Confirm a draft that will go to total members; False if it is no longer a draft."""
        cursor = await self._conn.execute(
            "UPDATE announcements SET status = 'running', confirmed_by = ?, confirmed_at = ?,"
            " total = ? WHERE id = ? AND status = 'draft'",
            (by, ts(now), total, announcement_id),
        )
        return cursor.rowcount == 1

    async def stop(self, announcement_id: int) -> bool:
        """Stop a running announcement; False if it was not running."""
        cursor = await self._conn.execute(
            "UPDATE announcements SET status = 'cancelled' WHERE id = ? AND status = 'running'",
            (announcement_id,),
        )
        return cursor.rowcount == 1

    async def unreported(self) -> list[Announcement]:
        """Confirmed announcements whose delivery report has not been queued yet."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM announcements WHERE reported_at IS NULL"  # noqa: S608
            " AND status IN ('running', 'cancelled') ORDER BY id",
        ) as cursor:
            return [_announcement(row) for row in await cursor.fetchall()]

    async def finish(self, announcement_id: int, progress: Progress, now: datetime) -> bool:
        """Record the final counts once; a running announcement becomes done."""
        cursor = await self._conn.execute(
            "UPDATE announcements SET reported_at = ?, sent = ?, failed = ?, ambiguous = ?,"
            " cancelled = ?, status = CASE status WHEN 'running' THEN 'done' ELSE status END"
            " WHERE id = ? AND reported_at IS NULL",
            (
                ts(now),
                progress.sent,
                progress.failed,
                progress.ambiguous,
                progress.cancelled,
                announcement_id,
            ),
        )
        return cursor.rowcount == 1

    async def recipients(self) -> list[Recipient]:
        """Members of approved entities who have not blocked the bot."""
        async with self._conn.execute(
            "SELECT m.user_id, m.locale, e.id, e.name, e.kind, e.sectors, e.municipality"
            " FROM members m JOIN entities e ON e.id = m.entity_id"
            " WHERE e.status = 'approved' AND m.unreachable_at IS NULL ORDER BY m.user_id"
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            Recipient(
                user_id=row[0],
                locale=row[1],
                entity_id=row[2],
                entity_name=row[3],
                kind=row[4],
                sectors=loads(row[5]),
                municipality=row[6],
            )
            for row in rows
        ]

    async def entities_with(self, batch: str, status: str) -> list[str]:
        """Names of the entities whose copies of a batch ended in status, by name."""
        async with self._conn.execute(
            "SELECT DISTINCT COALESCE(e.name, '#' || o.chat_id) FROM outbox o"
            " LEFT JOIN members m ON m.user_id = o.chat_id"
            " LEFT JOIN entities e ON e.id = m.entity_id"
            " WHERE o.batch = ? AND o.status = ? ORDER BY 1",
            (batch, status),
        ) as cursor:
            return [str(row[0]) for row in await cursor.fetchall()]

    async def returned_entities(self, announcement_id: int, batch: str) -> list[str]:
        """Entities reached by this batch through a member who had blocked the bot and came
        back since the previous announcement's report, by name."""
        async with self._conn.execute(
            "SELECT DISTINCT e.name FROM outbox o"
            " JOIN members m ON m.user_id = o.chat_id"
            " JOIN entities e ON e.id = m.entity_id"
            " WHERE o.batch = ? AND o.status = 'sent' AND m.returned_at IS NOT NULL"
            " AND m.returned_at >= COALESCE((SELECT MAX(reported_at) FROM announcements"
            "  WHERE id < ? AND reported_at IS NOT NULL), '')"
            " ORDER BY 1",
            (batch, announcement_id),
        ) as cursor:
            return [str(row[0]) for row in await cursor.fetchall()]


def _announcement(row: Any) -> Announcement:
    return Announcement(
        id=row[0],
        text_html=row[1],
        audience=Audience.model_validate(loads(row[2])),
        status=AnnouncementStatus(row[3]),
        board_chat_id=row[4],
        progress_message_id=row[5],
        created_by=row[6],
        created_by_name=row[7],
        created_at=parse_ts(row[8]),
        confirmed_by=row[9],
        confirmed_at=parse_ts_or_none(row[10]),
        reported_at=parse_ts_or_none(row[11]),
        total=row[12],
        sent=row[13],
        failed=row[14],
        ambiguous=row[15],
        cancelled=row[16],
    )
