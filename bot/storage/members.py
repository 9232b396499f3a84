"""Repository of entities, members and invites."""

from datetime import datetime
from typing import Any

import aiosqlite

from bot.domain.members import (
    Entity,
    EntityProfile,
    EntityStatus,
    Invite,
    Member,
    MemberRole,
)
from bot.storage.codec import dumps, loads, parse_ts, parse_ts_or_none, ts

__all__ = ["MembersRepo"]

_ENTITY_COLUMNS = (
    "id, name, kind, sectors, municipality, description, offer_text, need_text, email, phone, "
    "website, listed, status, applied_by, applied_at, decided_by, decided_by_name, decided_at, "
    "reject_reason, place_outside"
)
_MEMBER_COLUMNS = (
    "user_id, entity_id, role, first_name, username, locale, consent_version, consent_at, "
    "joined_at, unreachable_at, match_alerts_paused"
)


class MembersRepo:
    """Entities, the users acting for them, and invites."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    # -- entities -------------------------------------------------------------------------
    async def create_application(
        self, profile: EntityProfile, *, applied_by: int, now: datetime
    ) -> Entity:
        """Store a new pending entity."""
        cursor = await self._conn.execute(
            "INSERT INTO entities (name, kind, sectors, municipality, description, offer_text,"
            " need_text, email, phone, website, listed, status, applied_by, applied_at,"
            " place_outside) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
            (
                profile.name,
                profile.kind,
                dumps(profile.sectors),
                profile.municipality,
                profile.description,
                profile.offer_text,
                profile.need_text,
                profile.email,
                profile.phone,
                profile.website,
                int(profile.listed),
                applied_by,
                ts(now),
                profile.place_outside,
            ),
        )
        entity = await self.entity(int(cursor.lastrowid or 0))
        assert entity is not None  # noqa: S101 - just inserted in this transaction
        return entity

    async def update_profile(self, entity_id: int, profile: EntityProfile) -> None:
        """Replace an entity's profile fields."""
        await self._conn.execute(
            "UPDATE entities SET name = ?, kind = ?, sectors = ?, municipality = ?,"
            " description = ?, offer_text = ?, need_text = ?, email = ?, phone = ?,"
            " website = ?, listed = ?, place_outside = ? WHERE id = ?",
            (
                profile.name,
                profile.kind,
                dumps(profile.sectors),
                profile.municipality,
                profile.description,
                profile.offer_text,
                profile.need_text,
                profile.email,
                profile.phone,
                profile.website,
                int(profile.listed),
                profile.place_outside,
                entity_id,
            ),
        )

    async def entity(self, entity_id: int) -> Entity | None:
        """The entity with that id."""
        async with self._conn.execute(
            f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE id = ?",  # noqa: S608 - constant
            (entity_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _entity(row)

    async def decide(
        self,
        entity_id: int,
        *,
        status: EntityStatus,
        by: int,
        by_name: str,
        now: datetime,
        reason: str | None = None,
    ) -> bool:
        """Record a board decision on a pending entity; False if it was already decided."""
        cursor = await self._conn.execute(
            "UPDATE entities SET status = ?, decided_by = ?, decided_by_name = ?,"
            " decided_at = ?, reject_reason = ? WHERE id = ? AND status = 'pending'",
            (status.value, by, by_name, ts(now), reason, entity_id),
        )
        return cursor.rowcount == 1

    async def set_entity_status(self, entity_id: int, status: EntityStatus) -> None:
        """Change an entity's status (suspend or reinstate)."""
        await self._conn.execute(
            "UPDATE entities SET status = ? WHERE id = ?", (status.value, entity_id)
        )

    async def entities_by_status(
        self, status: EntityStatus, *, limit: int = 50, offset: int = 0
    ) -> list[Entity]:
        """Entities in one status, oldest application first."""
        async with self._conn.execute(
            f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE status = ?"  # noqa: S608
            " ORDER BY applied_at, id LIMIT ? OFFSET ?",
            (status.value, limit, offset),
        ) as cursor:
            return [_entity(row) for row in await cursor.fetchall()]

    async def list_entities(
        self, *, statuses: tuple[EntityStatus, ...], limit: int, offset: int
    ) -> list[Entity]:
        """Entities in any of the statuses, by name."""
        marks = ",".join("?" for _ in statuses)
        async with self._conn.execute(
            f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE status IN ({marks})"  # noqa: S608
            " ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?",
            (*(s.value for s in statuses), limit, offset),
        ) as cursor:
            return [_entity(row) for row in await cursor.fetchall()]

    async def count_entities(self, *, statuses: tuple[EntityStatus, ...]) -> int:
        """How many entities are in any of the statuses."""
        marks = ",".join("?" for _ in statuses)
        async with self._conn.execute(
            f"SELECT COUNT(*) FROM entities WHERE status IN ({marks})",  # noqa: S608
            tuple(s.value for s in statuses),
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def search_entities(self, text: str, *, limit: int = 10) -> list[Entity]:
        """Entities whose name contains text (case-insensitive), any status."""
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        async with self._conn.execute(
            f"SELECT {_ENTITY_COLUMNS} FROM entities"  # noqa: S608 - constant columns
            " WHERE name LIKE ? ESCAPE '\\' ORDER BY status = 'approved' DESC, name LIMIT ?",
            (f"%{escaped}%", limit),
        ) as cursor:
            return [_entity(row) for row in await cursor.fetchall()]

    async def entity_names(self) -> list[tuple[int, str]]:
        """(id, name) of every entity, by name, for accent-insensitive lookups in Python."""
        async with self._conn.execute(
            "SELECT id, name FROM entities ORDER BY name COLLATE NOCASE, id"
        ) as cursor:
            return [(int(row[0]), str(row[1])) for row in await cursor.fetchall()]

    async def entities_by_ids(self, entity_ids: list[int]) -> list[Entity]:
        """The entities with those ids, in the order given (unknown ids are skipped)."""
        if not entity_ids:
            return []
        marks = ",".join("?" for _ in entity_ids)
        async with self._conn.execute(
            f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE id IN ({marks})",  # noqa: S608
            tuple(entity_ids),
        ) as cursor:
            found = {entity.id: entity for entity in map(_entity, await cursor.fetchall())}
        return [found[entity_id] for entity_id in entity_ids if entity_id in found]

    async def member_counts(self, entity_ids: list[int]) -> dict[int, int]:
        """How many Telegram users act for each of those entities (absent = none)."""
        if not entity_ids:
            return {}
        marks = ",".join("?" for _ in entity_ids)
        async with self._conn.execute(
            "SELECT entity_id, COUNT(*) FROM members"  # noqa: S608 - only placeholders added
            f" WHERE entity_id IN ({marks}) GROUP BY entity_id",
            tuple(entity_ids),
        ) as cursor:
            return {int(row[0]): int(row[1]) for row in await cursor.fetchall()}

    # -- members --------------------------------------------------------------------------
    async def add_member(
        self,
        *,
        user_id: int,
        entity_id: int,
        role: MemberRole,
        first_name: str,
        username: str | None,
        locale: str | None,
        consent_version: str,
        now: datetime,
    ) -> None:
        """Attach a Telegram user to an entity (replacing an earlier link)."""
        await self._conn.execute(
            "INSERT INTO members (user_id, entity_id, role, first_name, username, locale,"
            " consent_version, consent_at, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET entity_id = excluded.entity_id,"
            " role = excluded.role, first_name = excluded.first_name,"
            " username = excluded.username, locale = COALESCE(excluded.locale, locale),"
            " consent_version = excluded.consent_version, consent_at = excluded.consent_at,"
            " joined_at = excluded.joined_at, unreachable_at = NULL",
            (
                user_id,
                entity_id,
                role.value,
                first_name,
                username,
                locale,
                consent_version,
                ts(now),
                ts(now),
            ),
        )

    async def member(self, user_id: int) -> Member | None:
        """The member row of a Telegram user."""
        async with self._conn.execute(
            f"SELECT {_MEMBER_COLUMNS} FROM members WHERE user_id = ?",  # noqa: S608
            (user_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _member(row)

    async def member_with_entity(self, user_id: int) -> tuple[Member, Entity] | None:
        """A user's member row and their entity."""
        member = await self.member(user_id)
        if member is None:
            return None
        entity = await self.entity(member.entity_id)
        return None if entity is None else (member, entity)

    async def members_of(self, entity_id: int) -> list[Member]:
        """Users acting for an entity, owner first."""
        async with self._conn.execute(
            f"SELECT {_MEMBER_COLUMNS} FROM members WHERE entity_id = ?"  # noqa: S608
            " ORDER BY role = 'owner' DESC, joined_at",
            (entity_id,),
        ) as cursor:
            return [_member(row) for row in await cursor.fetchall()]

    async def set_locale(self, user_id: int, locale: str) -> None:
        """Remember a member's language."""
        await self._conn.execute(
            "UPDATE members SET locale = ? WHERE user_id = ?", (locale, user_id)
        )

    async def mark_unreachable(self, chat_id: int, now: datetime) -> None:
        """Note that Telegram refuses messages to this user (blocked the bot or deleted)."""
        await self._conn.execute(
            "UPDATE members SET unreachable_at = ? WHERE user_id = ?", (ts(now), chat_id)
        )

    async def mark_reachable(self, user_id: int, now: datetime) -> bool:
        """Clear the unreachable mark once the user talks to the bot again; whether it was set
        (then returned_at records when, for the next announcement's report)."""
        cursor = await self._conn.execute(
            "UPDATE members SET unreachable_at = NULL, returned_at = ?"
            " WHERE user_id = ? AND unreachable_at IS NOT NULL",
            (ts(now), user_id),
        )
        return cursor.rowcount > 0

    async def set_match_alerts_paused(self, user_id: int, paused: bool) -> None:
        """Pause or resume match alerts for a member."""
        await self._conn.execute(
            "UPDATE members SET match_alerts_paused = ? WHERE user_id = ?",
            (int(paused), user_id),
        )

    async def remove_member(self, user_id: int) -> None:
        """Detach a Telegram user from their entity."""
        await self._conn.execute("DELETE FROM members WHERE user_id = ?", (user_id,))

    # -- invites --------------------------------------------------------------------------
    async def create_invite(
        self, *, token: str, entity_id: int, created_by: int, now: datetime, expires_at: datetime
    ) -> Invite:
        """Store a new one-time invite."""
        await self._conn.execute(
            "INSERT INTO invites (token, entity_id, created_by, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (token, entity_id, created_by, ts(now), ts(expires_at)),
        )
        return Invite(
            token=token,
            entity_id=entity_id,
            created_by=created_by,
            created_at=now,
            expires_at=expires_at,
        )

    async def invite(self, token: str) -> Invite | None:
        """The invite with that token."""
        async with self._conn.execute(
            "SELECT token, entity_id, created_by, created_at, expires_at, used_by, used_at"
            " FROM invites WHERE token = ?",
            (token,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        return Invite(
            token=row[0],
            entity_id=row[1],
            created_by=row[2],
            created_at=parse_ts(row[3]),
            expires_at=parse_ts(row[4]),
            used_by=row[5],
            used_at=parse_ts_or_none(row[6]),
        )

    async def use_invite(self, token: str, *, user_id: int, now: datetime) -> bool:
        """Mark an invite used; False if it was used or expired meanwhile."""
        cursor = await self._conn.execute(
            "UPDATE invites SET used_by = ?, used_at = ? WHERE token = ? AND used_by IS NULL"
            " AND expires_at > ?",
            (user_id, ts(now), token, ts(now)),
        )
        return cursor.rowcount == 1


def _entity(row: Any) -> Entity:
    return Entity(
        id=row[0],
        name=row[1],
        kind=row[2],
        sectors=loads(row[3]),
        municipality=row[4],
        description=row[5],
        offer_text=row[6],
        need_text=row[7],
        email=row[8],
        phone=row[9],
        website=row[10],
        listed=bool(row[11]),
        status=EntityStatus(row[12]),
        applied_by=row[13],
        applied_at=parse_ts(row[14]),
        decided_by=row[15],
        decided_by_name=row[16],
        decided_at=parse_ts_or_none(row[17]),
        reject_reason=row[18],
        place_outside=row[19],
    )


def _member(row: Any) -> Member:
    return Member(
        user_id=row[0],
        entity_id=row[1],
        role=MemberRole(row[2]),
        first_name=row[3],
        username=row[4],
        locale=row[5],
        consent_version=row[6],
        consent_at=parse_ts(row[7]),
        joined_at=parse_ts(row[8]),
        unreachable_at=parse_ts_or_none(row[9]),
        match_alerts_paused=bool(row[10]),
    )
