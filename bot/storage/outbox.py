"""Repository of the outbox: producers enqueue inside their own transaction."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import aiosqlite

from bot.domain.outbox import (
    Attachment,
    Button,
    Category,
    Media,
    OutboxItem,
    OutboxStatus,
    Rendered,
)
from bot.storage.codec import dumps, loads, parse_ts, parse_ts_or_none, ts, ts_or_none

__all__ = ["OUTBOX_COLUMNS", "OutboxRelayRepo", "OutboxRepo", "QueuedCopy", "outbox_item"]

_NAMES = (
    "id",
    "dedupe_key",
    "chat_id",
    "locale",
    "message_key",
    "params",
    "keyboard",
    "category",
    "batch",
    "not_before",
    "status",
    "attempts",
    "last_error",
    "sent_message_id",
    "created_at",
    "updated_at",
    "expires_at",
    "media",
    "attachment",
)
OUTBOX_COLUMNS = ", ".join(_NAMES)
# The relay reads the recipient's current language instead of the one stored at enqueue time.
_RELAY_COLUMNS = ", ".join(
    "COALESCE(m.locale, o.locale)" if name == "locale" else f"o.{name}" for name in _NAMES
)
_ERROR_MAX = 500
_INSERT = (
    "INSERT INTO outbox (dedupe_key, chat_id, locale, message_key, params, keyboard, category,"
    " batch, not_before, expires_at, status, last_error, created_at, updated_at, media,"
    " attachment)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING"
)

QueuedCopy = tuple[str, int, str, Rendered]  # dedupe key, chat id, locale, message


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
        expires_at: datetime | None = None,
        batch: str | None = None,
    ) -> bool:
        """Queue a message once per dedupe_key; False when that key was already queued.

        ``expires_at``: the moment the message stops being useful; if it is still unsent
        then, it is cancelled instead of arriving late.
        """
        copy = (dedupe_key, chat_id, locale, message)
        row = _row(copy, category, now, not_before=not_before, expires_at=expires_at, batch=batch)
        cursor = await self._conn.execute(_INSERT, row)
        return cursor.rowcount == 1

    async def enqueue_many(
        self, copies: Iterable[QueuedCopy], *, category: Category, batch: str, now: datetime
    ) -> None:
        """Queue many messages of one batch in one statement (a repeated key is skipped)."""
        await self._conn.executemany(
            _INSERT, [_row(copy, category, now, batch=batch) for copy in copies]
        )

    async def record_dropped(
        self,
        *,
        dedupe_key: str,
        chat_id: int,
        locale: str,
        message: Rendered,
        category: Category,
        now: datetime,
        reason: str,
    ) -> bool:
        """Remember, once per key, a message that was not worth sending any more."""
        copy = (dedupe_key, chat_id, locale, message)
        row = _row(copy, category, now, expires_at=now, status=OutboxStatus.CANCELLED, error=reason)
        cursor = await self._conn.execute(_INSERT, row)
        return cursor.rowcount == 1

    async def by_key(self, dedupe_key: str) -> OutboxItem | None:
        """The row with that dedupe key."""
        async with self._conn.execute(
            f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE dedupe_key = ?",  # noqa: S608
            (dedupe_key,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else outbox_item(row)

    async def sent_as(self, chat_id: int, message_id: int) -> OutboxItem | None:
        """The row delivered to chat_id as its message message_id, if the bot sent it so."""
        async with self._conn.execute(
            f"SELECT {OUTBOX_COLUMNS} FROM outbox"  # noqa: S608
            " WHERE chat_id = ? AND sent_message_id = ?",
            (chat_id, message_id),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else outbox_item(row)

    async def in_batch(self, batch: str) -> list[OutboxItem]:
        """Every row of a batch, in insertion order."""
        async with self._conn.execute(
            f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE batch = ? ORDER BY id",  # noqa: S608
            (batch,),
        ) as cursor:
            return [outbox_item(row) for row in await cursor.fetchall()]

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

    async def cancel_prefix(self, prefix: str, now: datetime, reason: str) -> int:
        """Cancel the queued rows whose dedupe key starts with prefix (their reason went away).

        A range on the key, not LIKE, so that the unique index on dedupe_key serves it.
        """
        cursor = await self._conn.execute(
            "UPDATE outbox SET status = 'cancelled', last_error = ?, updated_at = ?"
            " WHERE dedupe_key >= ? AND dedupe_key < ? AND status = 'queued'",
            (reason[:_ERROR_MAX], ts(now), prefix, prefix + "\U0010ffff"),
        )
        return cursor.rowcount

    async def cancel_batch(self, batch: str, now: datetime) -> int:
        """Cancel the rows of a batch that have not been picked up for sending yet."""
        cursor = await self._conn.execute(
            "UPDATE outbox SET status = 'cancelled', last_error = 'cancelled by the board',"
            " updated_at = ? WHERE batch = ? AND status = 'queued'",
            (ts(now), batch),
        )
        return cursor.rowcount


def _row(
    copy: QueuedCopy,
    category: Category,
    now: datetime,
    *,
    not_before: datetime | None = None,
    expires_at: datetime | None = None,
    batch: str | None = None,
    status: OutboxStatus = OutboxStatus.QUEUED,
    error: str | None = None,
) -> tuple[Any, ...]:
    """The values of one new outbox row, in _INSERT's order."""
    dedupe_key, chat_id, locale, message = copy
    return (
        dedupe_key,
        chat_id,
        locale,
        message.key,
        dumps(message.params),
        _keyboard_json(message),
        category.value,
        batch,
        ts(not_before or now),
        ts_or_none(expires_at),
        status.value,
        error,
        ts(now),
        ts(now),
        None if message.media is None else dumps(message.media.model_dump()),
        None if message.attachment is None else dumps(message.attachment.model_dump()),
    )


def _keyboard_json(message: Rendered) -> str | None:
    if message.keyboard is None:
        return None
    return dumps([[button.model_dump() for button in row] for row in message.keyboard])


def outbox_item(row: Any) -> OutboxItem:
    """Build an OutboxItem from a row selected with OUTBOX_COLUMNS."""
    keyboard = loads(row[6])
    media = loads(row[17])
    attachment = loads(row[18])
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
            media=None if media is None else Media.model_validate(media),
            attachment=None if attachment is None else Attachment.model_validate(attachment),
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
        expires_at=parse_ts_or_none(row[16]),
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

    async def sent_since(self, since: datetime) -> list[tuple[int, datetime]]:
        """(chat id, when) of rows that went out, or may have, since a moment; oldest first."""
        async with self._conn.execute(
            "SELECT chat_id, updated_at FROM outbox WHERE status IN ('sent', 'ambiguous')"
            " AND updated_at >= ? ORDER BY updated_at",
            (ts(since),),
        ) as cursor:
            return [(int(row[0]), parse_ts(row[1])) for row in await cursor.fetchall()]

    async def due(
        self, now: datetime, *, limit: int, include_scheduled: bool = True
    ) -> list[OutboxItem]:
        """Queued rows whose moment has come, replies first, each in its recipient's language.

        During quiet hours ``include_scheduled=False`` leaves reminders and notices waiting.
        """
        async with self._conn.execute(
            f"SELECT {_RELAY_COLUMNS} FROM outbox o"  # noqa: S608 - constant columns
            " LEFT JOIN members m ON m.user_id = o.chat_id"
            " WHERE o.status = 'queued' AND o.not_before <= ? AND (? OR o.category != ?)"
            " ORDER BY o.category != 'reply', o.not_before, o.id LIMIT ?",
            (ts(now), include_scheduled, Category.SCHEDULED.value, limit),
        ) as cursor:
            return [outbox_item(row) for row in await cursor.fetchall()]

    async def next_due(self, *, include_scheduled: bool = True) -> datetime | None:
        """When the earliest queued row becomes due."""
        async with self._conn.execute(
            "SELECT MIN(not_before) FROM outbox WHERE status = 'queued' AND (? OR category != ?)",
            (include_scheduled, Category.SCHEDULED.value),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else parse_ts_or_none(row[0])

    async def mark_sending(self, item_id: int, now: datetime) -> bool:
        """Claim a queued row just before sending it; False if someone else changed it."""
        cursor = await self._conn.execute(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ?"
            " WHERE id = ? AND status = 'queued'",
            (ts(now), item_id),
        )
        return cursor.rowcount == 1

    async def unclaim(self, item_id: int, now: datetime) -> None:
        """Give back a claimed row that was not sent after all (a flood pause began)."""
        await self._conn.execute(
            "UPDATE outbox SET status = 'queued', attempts = attempts - 1, updated_at = ?"
            " WHERE id = ? AND status = 'sending'",
            (ts(now), item_id),
        )

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
            (status.value, error[:_ERROR_MAX], ts(now), item_id),
        )

    async def requeue(self, item_id: int, not_before: datetime, error: str, now: datetime) -> None:
        """Put a row back to be tried again later."""
        await self._conn.execute(
            "UPDATE outbox SET status = 'queued', not_before = ?, last_error = ?,"
            " updated_at = ? WHERE id = ?",
            (ts(not_before), error[:_ERROR_MAX], ts(now), item_id),
        )

    async def defer(self, item_id: int, not_before: datetime, now: datetime) -> None:
        """Move a queued row later without counting an attempt (its chat is busy)."""
        await self._conn.execute(
            "UPDATE outbox SET not_before = ?, updated_at = ? WHERE id = ? AND status = 'queued'",
            (ts(not_before), ts(now), item_id),
        )
