"""Bring the network's existing members in: the board's CSV becomes organisations and links.

The whole file is checked first (bot/domain/member_import.py) and then stored in one
transaction, so a bad row means nothing of the file is stored. An organisation imported before
and not yet claimed is not stored twice: its line gets a new link (the old one stops working)
and the board's corrections to it; any other name already in the network is a problem.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.member_import import (
    ImportRow,
    Problem,
    conflicts,
    name_key,
    parse_member_list,
)
from bot.domain.members import IMPORT_INVITE_DAYS
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["ImportResult", "Imported", "Importer", "import_members"]


@dataclass(frozen=True, slots=True)
class Importer:
    """Who imports: a board member (their Telegram id) or the command line (id 0)."""

    user_id: int
    name: str


@dataclass(frozen=True, slots=True)
class Imported:
    """One organisation of the file and its one-time link's token."""

    entity_id: int
    name: str
    email: str
    token: str
    again: bool  # imported before and not yet claimed: this is a new link


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The organisations stored, or the problems by line (then nothing was stored)."""

    imported: tuple[Imported, ...] = ()
    problems: tuple[Problem, ...] = ()
    expires_at: datetime | None = None

    @property
    def renewed(self) -> int:
        """How many lines were of organisations imported before (a new link each)."""
        return sum(1 for item in self.imported if item.again)


async def import_members(
    runtime: Runtime, data: bytes, importer: Importer, now: datetime
) -> ImportResult:
    """Check the whole file, then store all of it or nothing."""
    parsed = parse_member_list(data, runtime.network)
    if parsed.problems:
        return ImportResult(problems=parsed.problems)
    expires_at = now + timedelta(days=IMPORT_INVITE_DAYS)
    async with runtime.store.write() as repos:
        # Read inside the write transaction: two imports at once cannot both add a name.
        earlier = await repos.imports.unclaimed()
        unclaimed = {name_key(name): entity_id for entity_id, name in earlier.items()}
        taken = [
            name
            for entity_id, name in (await repos.imports.names_in_network()).items()
            if entity_id not in earlier
        ]
        problems = conflicts(parsed.rows, taken)
        if problems:
            return ImportResult(problems=tuple(problems))
        imported = [
            await _store(repos, row, unclaimed.get(name_key(row.name)), importer, now, expires_at)
            for row in parsed.rows
        ]
    return ImportResult(imported=tuple(imported), expires_at=expires_at)


async def _store(
    repos: Repos,
    row: ImportRow,
    earlier: int | None,
    importer: Importer,
    now: datetime,
    expires_at: datetime,
) -> Imported:
    if earlier is None:
        entity_id = await repos.imports.create_entity(
            row, by=importer.user_id, by_name=importer.name, now=now
        )
    else:
        entity_id = earlier
        await repos.imports.refresh_entity(entity_id, row)
        await repos.imports.revoke_links(entity_id, now)
    token = secrets.token_urlsafe(16)
    await repos.imports.create_link(
        token=token, entity_id=entity_id, by=importer.user_id, now=now, expires_at=expires_at
    )
    await repos.audit.record(
        actor_id=importer.user_id,
        actor_name=importer.name,
        action="import_link" if earlier is not None else "import",
        subject=f"entity:{entity_id}",
        now=now,
        details={"line": row.line, "expires_at": expires_at.isoformat()},
    )
    return Imported(entity_id, row.name, row.email, token, again=earlier is not None)
