"""Repository of contact threads about posts, their messages, blocks and collaborations."""

from datetime import datetime
from typing import Any

import aiosqlite

from bot.domain.contacts import Collaboration, ContactMessage, ContactThread, EntityBlock
from bot.storage.codec import parse_ts, parse_ts_or_none, ts

__all__ = ["ContactsRepo"]


_THREAD = "id, post_id, asker_id, author_id, created_at, asker_shared_at, author_shared_at"


class ContactsRepo:
    """Threads, relayed messages, members' blocks of entities, reports, collaborations."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def open_thread(
        self, *, post_id: int, asker_id: int, author_id: int, now: datetime
    ) -> ContactThread:
        """The thread of this member about this post, created on first contact."""
        await self._conn.execute(
            "INSERT INTO contact_threads (post_id, asker_id, author_id, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (post_id, asker_id) DO NOTHING",
            (post_id, asker_id, author_id, ts(now)),
        )
        async with self._conn.execute(
            f"SELECT {_THREAD} FROM contact_threads"  # noqa: S608 - constant columns
            " WHERE post_id = ? AND asker_id = ?",
            (post_id, asker_id),
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None  # noqa: S101 - inserted or already there
        return _thread(row)

    async def thread(self, thread_id: int) -> ContactThread | None:
        """The thread with that id."""
        async with self._conn.execute(
            f"SELECT {_THREAD} FROM contact_threads WHERE id = ?",  # noqa: S608
            (thread_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _thread(row)

    async def threads_about(self, post_id: int) -> list[ContactThread]:
        """Every thread about a post, oldest first."""
        async with self._conn.execute(
            f"SELECT {_THREAD} FROM contact_threads WHERE post_id = ?"  # noqa: S608
            " ORDER BY created_at, id",
            (post_id,),
        ) as cursor:
            return [_thread(row) for row in await cursor.fetchall()]

    async def mark_shared(self, thread: ContactThread, user_id: int, now: datetime) -> None:
        """Note that user_id shared their contact details in this thread."""
        column = "asker_shared_at" if user_id == thread.asker_id else "author_shared_at"
        await self._conn.execute(
            f"UPDATE contact_threads SET {column} = COALESCE({column}, ?)"  # noqa: S608
            " WHERE id = ?",
            (ts(now), thread.id),
        )

    async def add_message(
        self, thread_id: int, *, sender_id: int, text: str, now: datetime
    ) -> ContactMessage:
        """Store a message about to be relayed."""
        cursor = await self._conn.execute(
            "INSERT INTO contact_messages (thread_id, sender_id, text, sent_at)"
            " VALUES (?, ?, ?, ?)",
            (thread_id, sender_id, text, ts(now)),
        )
        return ContactMessage(
            id=int(cursor.lastrowid or 0),
            thread_id=thread_id,
            sender_id=sender_id,
            text=text,
            sent_at=now,
        )

    async def message(self, message_id: int) -> ContactMessage | None:
        """A relayed message by id."""
        async with self._conn.execute(
            "SELECT id, thread_id, sender_id, text, sent_at FROM contact_messages WHERE id = ?",
            (message_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        return ContactMessage(
            id=row[0], thread_id=row[1], sender_id=row[2], text=row[3], sent_at=parse_ts(row[4])
        )

    async def count_sent_since(self, sender_id: int, since: datetime) -> int:
        """Messages a member had relayed from since on (flood control)."""
        async with self._conn.execute(
            "SELECT COUNT(*) FROM contact_messages WHERE sender_id = ? AND sent_at >= ?",
            (sender_id, ts(since)),
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def block_entity(
        self, *, blocker_id: int, entity_id: int, post_id: int | None, now: datetime
    ) -> None:
        """Stop relaying messages from anyone acting for entity_id to blocker_id."""
        await self._conn.execute(
            "INSERT INTO entity_blocks (blocker_id, entity_id, post_id, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (blocker_id, entity_id, post_id, ts(now)),
        )

    async def unblock_entity(self, *, blocker_id: int, entity_id: int) -> bool:
        """Lift blocker_id's block of entity_id; False when there was none."""
        cursor = await self._conn.execute(
            "DELETE FROM entity_blocks WHERE blocker_id = ? AND entity_id = ?",
            (blocker_id, entity_id),
        )
        return cursor.rowcount == 1

    async def blocks_sender(self, *, blocker_id: int, sender_id: int) -> bool:
        """Whether blocker_id blocked the entity sender_id acts for now."""
        async with self._conn.execute(
            "SELECT 1 FROM members m JOIN entity_blocks b ON b.entity_id = m.entity_id"
            " WHERE m.user_id = ? AND b.blocker_id = ?",
            (sender_id, blocker_id),
        ) as cursor:
            return await cursor.fetchone() is not None

    async def blocks_by(self, blocker_id: int) -> list[EntityBlock]:
        """The entities blocker_id blocked, oldest block first."""
        async with self._conn.execute(
            "SELECT blocker_id, entity_id, post_id, created_at FROM entity_blocks"
            " WHERE blocker_id = ? ORDER BY created_at, entity_id",
            (blocker_id,),
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            EntityBlock(
                blocker_id=row[0], entity_id=row[1], post_id=row[2], created_at=parse_ts(row[3])
            )
            for row in rows
        ]

    async def record_report(self, message_id: int, *, reporter_id: int, now: datetime) -> None:
        """Note that reporter_id sent a relayed message to the board (once per message)."""
        await self._conn.execute(
            "INSERT INTO contact_reports (message_id, reporter_id, reported_at) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (message_id, reporter_id, ts(now)),
        )

    async def record_collaboration(
        self,
        *,
        post_id: int | None,
        entity_id: int,
        partner_entity_id: int,
        recorded_by: int,
        now: datetime,
    ) -> bool:
        """Store that two entities worked together; False if this post already has one."""
        cursor = await self._conn.execute(
            "INSERT INTO collaborations (post_id, entity_id, partner_entity_id, recorded_by,"
            " recorded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (post_id) DO NOTHING",
            (post_id, entity_id, partner_entity_id, recorded_by, ts(now)),
        )
        return cursor.rowcount == 1

    async def has_collaboration(self, post_id: int) -> bool:
        """Whether a collaboration was already recorded for this post."""
        async with self._conn.execute(
            "SELECT 1 FROM collaborations WHERE post_id = ?", (post_id,)
        ) as cursor:
            return await cursor.fetchone() is not None

    async def collaborations_of(self, entity_id: int) -> list[Collaboration]:
        """Collaborations an entity took part in, newest first."""
        async with self._conn.execute(
            "SELECT id, post_id, entity_id, partner_entity_id, recorded_by, recorded_at"
            " FROM collaborations WHERE entity_id = ? OR partner_entity_id = ?"
            " ORDER BY recorded_at DESC, id DESC",
            (entity_id, entity_id),
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            Collaboration(
                id=row[0],
                post_id=row[1],
                entity_id=row[2],
                partner_entity_id=row[3],
                recorded_by=row[4],
                recorded_at=parse_ts(row[5]),
            )
            for row in rows
        ]


def _thread(row: Any) -> ContactThread:
    return ContactThread(
        id=row[0],
        post_id=row[1],
        asker_id=row[2],
        author_id=row[3],
        created_at=parse_ts(row[4]),
        asker_shared_at=parse_ts_or_none(row[5]),
        author_shared_at=parse_ts_or_none(row[6]),
    )
