"""Repository of the outbox: producers enqueue inside their own transaction."""

from datetime import datetime
from typing import Any

import aiosqlite

from bot.domain.outbox import Button, Category, OutboxItem, OutboxStatus, Rendered
from bot.storage.codec import dumps, loads, parse_ts, ts

__all__ = ["OUTBOX_COLUMNS", "OutboxRelayRepo", "OutboxRepo", "outbox_item"]

OUTBOX_COLUMNS = (
    "id, dedupe_key, chat_id, locale, message_key, params, keyboard, category, batch,"
    " not_before, status, attempts, last_error, sent_message_id, created_at, updated_at"
)


class OutboxRepo:
    """Enqueue and inspect outbox rows."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def enqueue(
        self,
        *,
        dedupe_key: str,
        chat_id: int,
        locale: str,
        message: Rendered,
        category: Category,
        now: datetime,
        not_before: datetime | None = None,
        batch: str | None = None,
    ) -> bool:
        """Queue a message once per dedupe_key; False when that key was already queued."""
        keyboard = (
            None
            if message.keyboard is None
            else dumps([[button.model_dump() for button in row] for row in message.keyboard])
        )
        cursor = await self._conn.execute(
            "INSERT INTO outbox (dedupe_key, chat_id, locale, message_key, params, keyboard,"
            " category, batch, not_before, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
            (
                dedupe_key,
                chat_id,
                locale,
                message.key,
                dumps(message.params),
                keyboard,
                category.value,
                batch,
                ts(not_before or now),
                ts(now),
                ts(now),
            ),
        )
        return cursor.rowcount == 1

    async def by_key(self, dedupe_key: str) -> OutboxItem | None:
        """The row with that dedupe key."""
        async with self._conn.execute(
            f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE dedupe_key = ?",  # noqa: S608
            (dedupe_key,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else outbox_item(row)

    async def count_by_status(self, batch: str | None = None) -> dict[OutboxStatus, int]:
        """Rows per status, for one batch or for all."""
        sql = "SELECT status, COUNT(*) FROM outbox"
        params: tuple[Any, ...] = ()
        if batch is not None:
            sql += " WHERE batch = ?"
            params = (batch,)
        async with self._conn.execute(sql + " GROUP BY status", params) as cursor:
            rows = await cursor.fetchall()
        return {OutboxStatus(row[0]): int(row[1]) for row in rows}


def outbox_item(row: Any) -> OutboxItem:
    """Build an OutboxItem from a row selected with OUTBOX_COLUMNS."""
    keyboard = loads(row[6])
    return OutboxItem(
        id=row[0],
        dedupe_key=row[1],
        chat_id=row[2],
        locale=row[3],
        message=Rendered(
            key=row[4],
            params=loads(row[5]),
            keyboard=None
            if keyboard is None
            else [[Button.model_validate(button) for button in line] for line in keyboard],
        ),
        category=Category(row[7]),
        batch=row[8],
        not_before=parse_ts(row[9]),
        status=OutboxStatus(row[10]),
        attempts=row[11],
        last_error=row[12],
        sent_message_id=row[13],
        created_at=parse_ts(row[14]),
        updated_at=parse_ts(row[15]),
    )


class OutboxRelayRepo(OutboxRepo):
    """The relay's view of the outbox: claim due rows and record what happened."""

    async def recover_in_flight(self, now: datetime) -> int:
        """Rows left 'sending' by a crash may have arrived: mark them ambiguous, never resend."""
        cursor = await self._conn.execute(
            "UPDATE outbox SET status = 'ambiguous', last_error = 'interrupted while sending',"
            " updated_at = ? WHERE status = 'sending'",
            (ts(now),),
        )
        return cursor.rowcount

    async def due(self, now: datetime, *, limit: int) -> list[OutboxItem]:
        """Queued rows whose moment has come, oldest first."""
        async with self._conn.execute(
            f"SELECT {OUTBOX_COLUMNS} FROM outbox"  # noqa: S608 - constant columns
            " WHERE status = 'queued' AND not_before <= ? ORDER BY not_before, id LIMIT ?",
            (ts(now), limit),
        ) as cursor:
            return [outbox_item(row) for row in await cursor.fetchall()]

    async def mark_sending(self, item_id: int, now: datetime) -> bool:
        """Claim a queued row just before sending it; False if someone else changed it."""
        cursor = await self._conn.execute(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ?"
            " WHERE id = ? AND status = 'queued'",
            (ts(now), item_id),
        )
        return cursor.rowcount == 1

    async def mark_sent(self, item_id: int, message_id: int, now: datetime) -> None:
        """The Bot API confirmed delivery."""
        await self._conn.execute(
            "UPDATE outbox SET status = 'sent', sent_message_id = ?, last_error = NULL,"
            " updated_at = ? WHERE id = ?",
            (message_id, ts(now), item_id),
        )

    async def mark(self, item_id: int, status: OutboxStatus, error: str, now: datetime) -> None:
        """Record a final outcome other than sent (failed, ambiguous, cancelled)."""
        await self._conn.execute(
            "UPDATE outbox SET status = ?, last_error = ?, updated_at = ? WHERE id = ?",
            (status.value, error[:500], ts(now), item_id),
        )

    async def requeue(self, item_id: int, not_before: datetime, error: str, now: datetime) -> None:
        """Put a row back to be tried again later."""
        await self._conn.execute(
            "UPDATE outbox SET status = 'queued', not_before = ?, last_error = ?,"
            " updated_at = ? WHERE id = ?",
            (ts(not_before), error[:500], ts(now), item_id),
        )
