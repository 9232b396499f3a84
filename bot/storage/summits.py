"""Repository of summits and of members' answers (RSVPs)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from bot.domain.announcements import Audience
from bot.domain.summit_form import SummitFields
from bot.domain.summits import Counts, Material, MaterialKind, RsvpState, Summit, SummitStatus
from bot.storage.codec import dumps, loads, parse_ts, parse_ts_or_none, ts, ts_or_none

__all__ = ["Attendee", "SummitsRepo"]

_COLUMNS = (
    "id, status, title_es, title_en, description_es, description_en, starts_at, ends_at,"
    " place, map_url, online_url, capacity, rsvp_deadline, sequence, created_by, created_at,"
    " updated_at, published_at, organiser_entity_id, reject_reason,"
    " (SELECT e.name FROM entities e WHERE e.id = summits.organiser_entity_id), audience"
)
_FIELDS = (
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "starts_at",
    "ends_at",
    "place",
    "map_url",
    "online_url",
    "capacity",
    "rsvp_deadline",
)


@dataclass(frozen=True, slots=True)
class Attendee:
    """One member's answer, with what the bot knows to show them by."""

    user_id: int
    state: RsvpState
    answered_at: datetime
    attended: bool
    locale: str | None
    first_name: str
    entity_name: str | None


def _summit(row: Any) -> Summit:
    return Summit(
        id=row[0],
        status=SummitStatus(row[1]),
        title_es=row[2],
        title_en=row[3],
        description_es=row[4],
        description_en=row[5],
        starts_at=parse_ts(row[6]),
        ends_at=parse_ts(row[7]),
        place=row[8],
        map_url=row[9],
        online_url=row[10],
        capacity=row[11],
        rsvp_deadline=parse_ts_or_none(row[12]),
        sequence=row[13],
        created_by=row[14],
        created_at=parse_ts(row[15]),
        updated_at=parse_ts(row[16]),
        published_at=parse_ts_or_none(row[17]),
        organiser_entity_id=row[18],
        reject_reason=row[19],
        organiser=row[20],
        audience=Audience() if row[21] is None else Audience.model_validate(loads(row[21])),
    )


def _values(fields: SummitFields) -> list[Any]:
    values: list[Any] = []
    for name in _FIELDS:
        value = getattr(fields, name)
        values.append(ts_or_none(value) if isinstance(value, datetime) else value)
    return values


class SummitsRepo:
    """Summits, their answers, the waitlist and attendance."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def create_draft(
        self,
        fields: SummitFields,
        *,
        by: int,
        now: datetime,
        organiser_entity_id: int | None = None,
    ) -> Summit:
        """Store a board's draft, or a member's proposal (with its organising entity)."""
        columns = ", ".join(_FIELDS)
        marks = ", ".join("?" for _ in _FIELDS)
        status = SummitStatus.DRAFT if organiser_entity_id is None else SummitStatus.PROPOSED
        cursor = await self._conn.execute(
            f"INSERT INTO summits ({columns}, status, organiser_entity_id, created_by,"  # noqa: S608
            f" created_at, updated_at) VALUES ({marks}, ?, ?, ?, ?, ?)",
            (*_values(fields), status.value, organiser_entity_id, by, ts(now), ts(now)),
        )
        summit = await self.get(int(cursor.lastrowid or 0))
        assert summit is not None  # noqa: S101 - just inserted
        return summit

    async def get(self, summit_id: int) -> Summit | None:
        """One summit."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM summits WHERE id = ?",  # noqa: S608
            (summit_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _summit(row)

    async def publish(self, summit_id: int, now: datetime, *, by: int | None = None) -> bool:
        """A draft or a proposal becomes published; False when it was neither any more."""
        cursor = await self._conn.execute(
            "UPDATE summits SET status = 'published', published_at = ?, updated_at = ?,"
            " decided_by = ? WHERE id = ? AND status IN ('draft', 'proposed')",
            (ts(now), ts(now), by, summit_id),
        )
        return cursor.rowcount == 1

    async def reject(self, summit_id: int, reason: str, *, by: int, now: datetime) -> bool:
        """A proposal is turned down with a reason; False when it was not waiting."""
        cursor = await self._conn.execute(
            "UPDATE summits SET status = 'rejected', reject_reason = ?, decided_by = ?,"
            " updated_at = ? WHERE id = ? AND status = 'proposed'",
            (reason, by, ts(now), summit_id),
        )
        return cursor.rowcount == 1

    async def organised_by(self, entity_id: int, now: datetime) -> list[Summit]:
        """An entity's own events that have not ended (waiting, published or rejected)."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM summits"  # noqa: S608
            " WHERE organiser_entity_id = ? AND ends_at > ? ORDER BY starts_at, id",
            (entity_id, ts(now)),
        ) as cursor:
            return [_summit(row) for row in await cursor.fetchall()]

    async def set_audience(self, summit_id: int, audience: Audience) -> bool:
        """Choose who a draft is announced to; False when it is not a draft any more."""
        cursor = await self._conn.execute(
            "UPDATE summits SET audience = ? WHERE id = ? AND status = 'draft'",
            (dumps(audience.model_dump(mode="json")), summit_id),
        )
        return cursor.rowcount == 1

    async def discard(self, summit_id: int) -> bool:
        """Delete a draft; False when it was not a draft."""
        cursor = await self._conn.execute(
            "DELETE FROM summits WHERE id = ? AND status = 'draft'", (summit_id,)
        )
        return cursor.rowcount == 1

    async def update(
        self, summit_id: int, fields: SummitFields, *, bump: bool, now: datetime
    ) -> None:
        """Store every field of a summit; bump raises the SEQUENCE (attendees are told)."""
        assignments = ", ".join(f"{name} = ?" for name in _FIELDS)
        await self._conn.execute(
            f"UPDATE summits SET {assignments}, sequence = sequence + ?, updated_at = ?"  # noqa: S608
            " WHERE id = ?",
            (*_values(fields), int(bump), ts(now), summit_id),
        )

    async def cancel(self, summit_id: int, now: datetime) -> bool:
        """A published summit is cancelled (SEQUENCE raised); False if it was not published."""
        cursor = await self._conn.execute(
            "UPDATE summits SET status = 'cancelled', sequence = sequence + 1, updated_at = ?"
            " WHERE id = ? AND status = 'published'",
            (ts(now), summit_id),
        )
        return cursor.rowcount == 1

    async def upcoming(self, now: datetime, *, limit: int = 20) -> list[Summit]:
        """Published summits that end after now (recent ones too, with an earlier now)."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM summits"  # noqa: S608
            " WHERE status = 'published' AND ends_at > ? ORDER BY starts_at, id LIMIT ?",
            (ts(now), limit),
        ) as cursor:
            return [_summit(row) for row in await cursor.fetchall()]

    async def starting_between(self, start: datetime, end: datetime) -> list[Summit]:
        """Published summits that start in [start, end)."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM summits"  # noqa: S608
            " WHERE status = 'published' AND starts_at >= ? AND starts_at < ?"
            " ORDER BY starts_at, id",
            (ts(start), ts(end)),
        ) as cursor:
            return [_summit(row) for row in await cursor.fetchall()]

    # -- answers -------------------------------------------------------------------------------

    async def state_of(self, summit_id: int, user_id: int) -> RsvpState | None:
        """A member's answer to a summit, if any."""
        async with self._conn.execute(
            "SELECT state FROM summit_rsvps WHERE summit_id = ? AND user_id = ?",
            (summit_id, user_id),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else RsvpState(row[0])

    async def states_of(self, user_id: int) -> dict[int, RsvpState]:
        """Every answer of a member, by summit."""
        async with self._conn.execute(
            "SELECT summit_id, state FROM summit_rsvps WHERE user_id = ?", (user_id,)
        ) as cursor:
            return {int(row[0]): RsvpState(row[1]) for row in await cursor.fetchall()}

    async def set_state(
        self, summit_id: int, user_id: int, state: RsvpState, now: datetime
    ) -> None:
        """Record a member's state; answering the same again keeps its time (and place)."""
        await self._conn.execute(
            "INSERT INTO summit_rsvps (summit_id, user_id, state, answered_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (summit_id, user_id) DO UPDATE SET state = excluded.state,"
            " answered_at = excluded.answered_at WHERE state != excluded.state",
            (summit_id, user_id, state.value, ts(now)),
        )

    async def count(self, summit_id: int, state: RsvpState) -> int:
        """How many are in a state."""
        async with self._conn.execute(
            "SELECT COUNT(*) FROM summit_rsvps WHERE summit_id = ? AND state = ?",
            (summit_id, state.value),
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def first_waiting(self, summit_id: int) -> int | None:
        """Who has waited longest."""
        async with self._conn.execute(
            "SELECT user_id FROM summit_rsvps WHERE summit_id = ? AND state = 'waitlisted'"
            " ORDER BY answered_at, user_id LIMIT 1",
            (summit_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else int(row[0])

    async def counts(self, summit_id: int) -> Counts:
        """How many answered what, and how many came."""
        async with self._conn.execute(
            "SELECT state, COUNT(*), SUM(attended) FROM summit_rsvps WHERE summit_id = ?"
            " GROUP BY state",
            (summit_id,),
        ) as cursor:
            rows = await cursor.fetchall()
        by_state = {RsvpState(row[0]): int(row[1]) for row in rows}
        came = sum(int(row[2] or 0) for row in rows)
        return Counts(
            going=by_state.get(RsvpState.GOING, 0),
            maybe=by_state.get(RsvpState.MAYBE, 0),
            not_going=by_state.get(RsvpState.NOT_GOING, 0),
            waitlisted=by_state.get(RsvpState.WAITLISTED, 0),
            came=came,
        )

    async def attendees(
        self, summit_id: int, states: tuple[RsvpState, ...] = tuple(RsvpState)
    ) -> list[Attendee]:
        """Who answered, in one of states, in the order they answered."""
        marks = ", ".join("?" for _ in states)
        async with self._conn.execute(
            "SELECT r.user_id, r.state, r.answered_at, r.attended, m.locale,"  # noqa: S608 - marks
            " COALESCE(m.first_name, ''), e.name"
            " FROM summit_rsvps r LEFT JOIN members m ON m.user_id = r.user_id"
            " LEFT JOIN entities e ON e.id = m.entity_id"
            f" WHERE r.summit_id = ? AND r.state IN ({marks})"
            " ORDER BY r.answered_at, r.user_id",
            (summit_id, *(state.value for state in states)),
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            Attendee(
                user_id=row[0],
                state=RsvpState(row[1]),
                answered_at=parse_ts(row[2]),
                attended=bool(row[3]),
                locale=row[4],
                first_name=row[5],
                entity_name=row[6],
            )
            for row in rows
        ]

    async def going_summits(self, user_id: int, now: datetime) -> list[Summit]:
        """The published summits, not ended, that a member is going to."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM summits"  # noqa: S608
            " WHERE status = 'published' AND ends_at > ? AND id IN"
            " (SELECT summit_id FROM summit_rsvps WHERE user_id = ? AND state = 'going')"
            " ORDER BY starts_at, id",
            (ts(now), user_id),
        ) as cursor:
            return [_summit(row) for row in await cursor.fetchall()]

    async def set_attended(self, summit_id: int, user_id: int, attended: bool) -> bool:
        """Tick (or untick) a member who answered as having come."""
        cursor = await self._conn.execute(
            "UPDATE summit_rsvps SET attended = ? WHERE summit_id = ? AND user_id = ?",
            (int(attended), summit_id, user_id),
        )
        return cursor.rowcount == 1

    async def ended_between(self, start: datetime, end: datetime) -> list[Summit]:
        """Published summits that ended in [start, end), most recent first."""
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM summits"  # noqa: S608
            " WHERE status = 'published' AND ends_at >= ? AND ends_at < ?"
            " ORDER BY ends_at DESC, id",
            (ts(start), ts(end)),
        ) as cursor:
            return [_summit(row) for row in await cursor.fetchall()]

    async def came(self, summit_id: int) -> list[Attendee]:
        """Who came: those ticked at the check-in or, when nobody was ticked, those going."""
        people = await self.attendees(summit_id, (RsvpState.GOING, RsvpState.MAYBE))
        ticked = [person for person in people if person.attended]
        return ticked or [person for person in people if person.state is RsvpState.GOING]

    # -- materials -----------------------------------------------------------------------------

    async def add_material(
        self,
        summit_id: int,
        kind: MaterialKind,
        *,
        by: int,
        now: datetime,
        file_id: str | None = None,
        file_name: str | None = None,
        text: str | None = None,
    ) -> Material:
        """Store one file or text shared after a summit."""
        cursor = await self._conn.execute(
            "INSERT INTO summit_materials (summit_id, kind, file_id, file_name, text, added_by,"
            " added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (summit_id, kind.value, file_id, file_name, text, by, ts(now)),
        )
        return Material(int(cursor.lastrowid or 0), summit_id, kind, file_id, file_name, text)

    async def materials(self, summit_id: int) -> list[Material]:
        """What was shared after a summit, in the order it was shared."""
        async with self._conn.execute(
            "SELECT id, summit_id, kind, file_id, file_name, text FROM summit_materials"
            " WHERE summit_id = ? ORDER BY id",
            (summit_id,),
        ) as cursor:
            rows = await cursor.fetchall()
        return [Material(r[0], r[1], MaterialKind(r[2]), r[3], r[4], r[5]) for r in rows]

    async def material(self, material_id: int) -> Material | None:
        """One shared file or text."""
        async with self._conn.execute(
            "SELECT id, summit_id, kind, file_id, file_name, text FROM summit_materials"
            " WHERE id = ?",
            (material_id,),
        ) as cursor:
            r = await cursor.fetchone()
        return None if r is None else Material(r[0], r[1], MaterialKind(r[2]), r[3], r[4], r[5])

    # -- feedback ------------------------------------------------------------------------------

    async def record_score(self, summit_id: int, user_id: int, score: int, now: datetime) -> bool:
        """Store a score once; False when the person had already given one."""
        cursor = await self._conn.execute(
            "INSERT INTO summit_feedback (summit_id, user_id, score, answered_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (summit_id, user_id) DO NOTHING",
            (summit_id, user_id, score, ts(now)),
        )
        return cursor.rowcount == 1

    async def set_comment(self, summit_id: int, user_id: int, comment: str) -> bool:
        """Add the optional comment to a score, once; False without a score or with a comment."""
        cursor = await self._conn.execute(
            "UPDATE summit_feedback SET comment = ? WHERE summit_id = ? AND user_id = ?"
            " AND comment IS NULL",
            (comment, summit_id, user_id),
        )
        return cursor.rowcount == 1

    async def feedback(self, summit_id: int) -> tuple[float | None, int, list[str]]:
        """The average score, how many gave one, and the comments."""
        async with self._conn.execute(
            "SELECT score, comment FROM summit_feedback WHERE summit_id = ? ORDER BY answered_at",
            (summit_id,),
        ) as cursor:
            rows = await cursor.fetchall()
        scores = [int(row[0]) for row in rows]
        average = sum(scores) / len(scores) if scores else None
        return average, len(scores), [str(row[1]) for row in rows if row[1]]
