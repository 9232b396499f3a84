"""What the bot holds about one person, to hand it over or erase it (GDPR arts. 15, 17, 20)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from bot.storage.codec import ts

__all__ = ["Erasure", "PrivacyRepo"]

# Columns of each table that belong in a person's copy of their data.
_EXPORTS: tuple[tuple[str, str, str], ...] = (
    ("member", "SELECT * FROM members WHERE user_id = ?", "one"),
    (
        "entity",
        "SELECT e.* FROM entities e JOIN members m ON m.entity_id = e.id WHERE m.user_id = ?",
        "one",
    ),
    ("posts", "SELECT * FROM posts WHERE author_id = ? ORDER BY id", "all"),
    (
        "messages_sent",
        "SELECT thread_id, text, sent_at FROM contact_messages WHERE sender_id = ? ORDER BY id",
        "all",
    ),
    (
        "invites_created",
        "SELECT created_at, expires_at, used_at FROM invites WHERE created_by = ? ORDER BY 1",
        "all",
    ),
)


@dataclass(frozen=True)
class Erasure:
    """What an erasure did."""

    entity_id: int | None
    entity_name: str | None
    entity_left_without_members: bool
    posts_closed: int


class PrivacyRepo:
    """Export and erase one person's data."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about user_id, as plain JSON-ready values."""
        result: dict[str, Any] = {}
        for name, sql, shape in _EXPORTS:
            async with self._conn.execute(sql, (user_id,)) as cursor:
                rows = [dict(row) for row in await cursor.fetchall()]
            result[name] = (rows[0] if rows else None) if shape == "one" else rows
        return result

    async def erase(self, user_id: int, *, now: datetime) -> Erasure | None:
        """Forget a member: close their posts, blank their messages, drop their blocks, detach
        them.

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
        await self._conn.execute(
            "UPDATE contact_messages SET text = '' WHERE sender_id = ?", (user_id,)
        )
        await self._conn.execute(
            "UPDATE outbox SET status = 'cancelled', updated_at = ?"
            " WHERE chat_id = ? AND status = 'queued'",
            (ts(now), user_id),
        )
        await self._conn.execute(
            "UPDATE invites SET expires_at = ? WHERE created_by = ? AND used_by IS NULL",
            (ts(now), user_id),
        )
        # Their blocks were their own choice; blocks of their entity by others stay.
        await self._conn.execute("DELETE FROM entity_blocks WHERE blocker_id = ?", (user_id,))
        await self._conn.execute("DELETE FROM members WHERE user_id = ?", (user_id,))
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
