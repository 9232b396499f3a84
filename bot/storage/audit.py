"""Repository of the audit log: who decided what, and when."""

from datetime import datetime
from typing import Any

import aiosqlite
from pydantic import BaseModel, ConfigDict

from bot.storage.codec import dumps, loads, parse_ts, ts

__all__ = ["AuditEntry", "AuditRepo"]


class AuditEntry(BaseModel):
    """One recorded board decision."""

    model_config = ConfigDict(frozen=True)

    id: int
    at: datetime
    actor_id: int
    actor_name: str
    action: str
    subject: str
    details: dict[str, Any]


class AuditRepo:
    """Append to and read the audit log."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def record(
        self,
        *,
        actor_id: int,
        actor_name: str,
        action: str,
        subject: str,
        now: datetime,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Append one decision."""
        await self._conn.execute(
            "INSERT INTO audit_log (at, actor_id, actor_name, action, subject, details)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (ts(now), actor_id, actor_name, action, subject, dumps(details or {})),
        )

    async def recent(self, *, limit: int = 50, subject: str | None = None) -> list[AuditEntry]:
        """Latest entries first, optionally for one subject (e.g. 'entity:7')."""
        sql = "SELECT id, at, actor_id, actor_name, action, subject, details FROM audit_log"
        params: tuple[Any, ...] = ()
        if subject is not None:
            sql += " WHERE subject = ?"
            params = (subject,)
        async with self._conn.execute(sql + " ORDER BY id DESC LIMIT ?", (*params, limit)) as cur:
            rows = await cur.fetchall()
        return [
            AuditEntry(
                id=row[0],
                at=parse_ts(row[1]),
                actor_id=row[2],
                actor_name=row[3],
                action=row[4],
                subject=row[5],
                details=loads(row[6]),
            )
            for row in rows
        ]
