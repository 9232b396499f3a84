"""The map of personal data covers the migrated schema: every table, every column, decided.

A migration that adds a table or a column fails here until bot/storage/personal_data.py says
how /mydata exports it (or why it is withheld) and what /forgetme does with it.
"""

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage.db import Database
from bot.storage.personal_data import (
    NO_PERSONAL_DATA,
    PERSONAL_TABLES,
    AnyOf,
    Blank,
    Delete,
    InJsonList,
    Keep,
    Kind,
    Of,
    Pseudonymise,
    Relation,
    Through,
)

_IDENTIFIER = re.compile(r"^[a-z_]+$")


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "t.db")
    await database.open()
    yield database
    await database.close()


async def _tables(db: Database) -> set[str]:
    async with (
        db.reading() as conn,
        conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ) as cursor,
    ):
        return {str(row[0]) for row in await cursor.fetchall()}


async def _columns(db: Database, table: str) -> set[str]:
    async with db.reading() as conn, conn.execute(f"PRAGMA table_info({table})") as cursor:
        return {str(row[1]) for row in await cursor.fetchall()}


def _relation_columns(relation: Relation) -> set[str]:
    """The columns a relation reads of its own table."""
    match relation:
        case Of(columns=columns):
            return set(columns)
        case Through(column=column):
            return {column}
        case InJsonList(column=column):
            return {column}
        case AnyOf(relations=relations):
            return set().union(*(_relation_columns(part) for part in relations))


async def test_every_table_is_covered_or_said_to_hold_no_personal_data(db: Database) -> None:
    covered = [table.name for table in PERSONAL_TABLES]
    assert len(covered) == len(set(covered)), "a table is in the map twice"
    assert not set(covered) & set(NO_PERSONAL_DATA), "a table is both covered and not"
    schema = await _tables(db)
    undecided = sorted(schema - set(covered) - set(NO_PERSONAL_DATA))
    assert not undecided, (
        f"tables neither in PERSONAL_TABLES nor in NO_PERSONAL_DATA: {undecided} "
        "(bot/storage/personal_data.py): say how /mydata exports them and /forgetme erases them"
    )
    gone = sorted((set(covered) | set(NO_PERSONAL_DATA)) - schema)
    assert not gone, f"the map names tables the schema does not have: {gone}"
    assert all(reason.strip() for reason in NO_PERSONAL_DATA.values())


@pytest.mark.parametrize("table", PERSONAL_TABLES, ids=lambda table: table.name)
async def test_every_column_is_exported_or_withheld_with_a_reason(db: Database, table) -> None:
    schema = await _columns(db, table.name)
    undecided = sorted(schema - set(table.columns))
    assert not undecided, (
        f"{table.name}: columns neither exported nor withheld: {undecided} "
        "(bot/storage/personal_data.py)"
    )
    gone = sorted(set(table.columns) - schema)
    assert not gone, f"{table.name}: the map names columns it does not have: {gone}"
    for name, column in table.columns.items():
        assert _IDENTIFIER.match(name), name
        assert isinstance(column, Kind) or column.reason.strip(), f"{table.name}.{name}"
    assert _relation_columns(table.rows) <= schema


@pytest.mark.parametrize("table", PERSONAL_TABLES, ids=lambda table: table.name)
def test_every_table_says_what_erasure_does(table) -> None:
    assert table.erase, f"{table.name}: no erasure decision"
    keeps = [step for step in table.erase if isinstance(step, Keep)]
    assert not keeps or (len(table.erase) == 1 and keeps[0].reason.strip()), table.name
    for step in table.erase:
        if isinstance(step, Delete):
            # Deletes run one after another: one may not find its rows through another table.
            assert isinstance(step.rows, Of | InJsonList), table.name
        if isinstance(step, Blank):
            assert set(step.values) <= set(table.columns), table.name
    people = [name for name, kind in table.columns.items() if kind is Kind.PERSON]
    # A table whose rows stay and that names a person must replace them, or say why not.
    erased = any(isinstance(step, Pseudonymise | Keep) for step in table.erase) or all(
        isinstance(step, Delete) for step in table.erase
    )
    assert not people or erased, table.name
