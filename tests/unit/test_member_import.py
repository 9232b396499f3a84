"""The board's member list: read whole, every problem by line, stored all or nothing."""

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.member_import import (
    MAX_BYTES,
    Column,
    Problem,
    conflicts,
    parse_member_list,
)
from bot.domain.members import IMPORT_INVITE_DAYS, EntityStatus
from bot.domain.network import Network, load_network
from bot.i18n import Catalogs
from bot.services import claims, member_import
from bot.services.invites import Joiner
from bot.services.member_import import Importer
from bot.services.runtime import Runtime
from bot.storage.db import Database
from bot.storage.repos import Store
from tests.flows.board_world import profile
from tests.harness import FakeClock, make_settings
from tests.seed import seed_entity

NETWORK = load_network()
HEADER_ES = "Nombre;Tipo;Sectores;Municipio;Correo electrónico"
GOOD_ES = (
    f"{HEADER_ES}\n"
    "Huerta Común;Cooperativa;Agroalimentación, Turismo y hostelería;Ponferrada;hola@huerta.coop\n"
    "Tejedoras;association;crafts;leon;info@tejedoras.org\n"
)
GOOD_EN = (
    "name,kind,sectors,municipality,email,phone\n"
    'Bread Co,Cooperative,"Agrifood; Tourism and hospitality",Astorga,bread@co.es,987 41 22 33\n'
)
ANA = Importer(7, "Ana (@ana)")


def parse(text: str | bytes, network: Network = NETWORK) -> tuple:  # type: ignore[type-arg]
    data = text.encode() if isinstance(text, str) else text
    parsed = parse_member_list(data, network)
    return parsed.rows, parsed.problems


def test_a_spanish_excel_export_is_read() -> None:
    # Excel in Spain: Windows-1252, semicolons, labels with accents.
    rows, problems = parse(GOOD_ES.encode("cp1252"))
    assert problems == ()
    first, second = rows
    assert (first.line, first.name, first.kind) == (2, "Huerta Común", "cooperative")
    assert first.sectors == ("agrifood", "tourism") and first.municipality == "ponferrada"
    assert first.email == "hola@huerta.coop"
    assert (second.kind, second.sectors, second.municipality) == (
        "association",
        ("crafts",),
        "leon",
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_english_header_and_encodings(encoding: str) -> None:
    rows, problems = parse(GOOD_EN.replace("Bread Co", "Pan de Añá").encode(encoding))
    assert problems == ()
    (row,) = rows
    assert row.name == "Pan de Añá" and row.sectors == ("agrifood", "tourism")
    assert row.phone == "+34987412233" and row.municipality == "astorga"


def test_labels_are_matched_without_accents_or_case() -> None:
    rows, problems = parse(
        "nombre,tipo,sectores,municipio,email\n"
        "Uno,ASOCIACION,agroalimentacion,la baneza,a@b.es\n"
        "Dos,Self-employed professional,Digital,,c@d.es\n"
    )
    assert problems == ()
    assert rows[0].kind == "association" and rows[0].municipality == "la_baneza"
    assert rows[1].kind == "self_employed" and rows[1].municipality is None  # outside


def test_every_bad_row_is_named_by_line_and_nothing_is_kept() -> None:
    rows, problems = parse(
        f"{HEADER_ES}\n"
        "Huerta Común;Cooperativa;Agroalimentación;Ponferrada;hola@huerta.coop\n"
        ";Cooperativa;Agroalimentación;León;x@y.es\n"
        "Bien;Ovni;Magia;Ponfe;no-es-correo\n"
        "huerta comun;Cooperativa;Agroalimentación;León;z@y.es\n"
    )
    assert rows == ()
    found = [(p.line, p.column, p.code) for p in problems]
    assert found == [
        (3, Column.NAME, "empty"),
        (4, Column.KIND, "unknown_kind"),
        (4, Column.SECTORS, "unknown_sector"),
        (4, Column.MUNICIPALITY, "municipality_suggest"),
        (4, Column.EMAIL, "email"),
        (5, Column.NAME, "duplicate_in_file"),
    ]
    assert problems[-1].params["other"] == 2
    assert "Ponferrada" in str(problems[3].params["suggestions"])


def test_a_quoted_cell_over_two_lines_keeps_the_line_numbers() -> None:
    _rows, problems = parse(
        "name,kind,sectors,municipality,email,description\n"
        'Uno,cooperative,agrifood,leon,a@b.es,"Dos\nlíneas"\n'
        "Dos,cooperative,agrifood,leon,,\n"
    )
    assert [(p.line, p.column, p.code) for p in problems] == [(4, Column.EMAIL, "empty")]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "no_header"),
        (b"name,kind,sectors,municipality,email\n", "no_rows"),
        (b"PK\x03\x04\x00\x00binary", "not_text"),
        (b"x" * (MAX_BYTES + 1), "too_big"),
        (b"nombre;tipo\nUno;cooperativa\n", "missing_columns"),
    ],
)
def test_a_file_that_is_not_a_member_list(data: bytes, code: str) -> None:
    rows, problems = parse(data)
    assert rows == () and [p.code for p in problems] == [code]


def test_missing_columns_are_named() -> None:
    _rows, (problem,) = parse("nombre;tipo\nUno;cooperativa\n")
    assert problem.params["columns"] == "sectors,municipality,email"


def test_too_many_sectors() -> None:
    _rows, problems = parse(
        "name,kind,sectors,municipality,email\n"
        'Uno,cooperative,"agrifood,tourism,crafts,digital",leon,a@b.es\n'
    )
    assert [p.code for p in problems] == ["too_many_sectors"]


def test_names_already_in_the_network_conflict() -> None:
    rows, _ = parse(GOOD_ES)
    found = conflicts(rows, ["TEJEDORAS", "Otra"])
    assert found == [Problem(3, Column.NAME, "already_in_network", {"value": "Tejedoras"})]


# -- the use cases, on a real migrated store --------------------------------------------------
@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[Runtime]:
    settings = make_settings(tmp_path)
    db = Database(settings.database_path)
    await db.open()
    yield Runtime(
        settings=settings,
        network=NETWORK,
        catalogs=Catalogs.load(default_locale="es"),
        store=Store(db),
        clock=FakeClock(),
    )
    await db.close()


async def _entity_count(runtime: Runtime) -> int:
    async with runtime.store.read() as repos:
        return len(await repos.members.entity_names())


async def test_import_stores_approved_organisations_without_members(runtime: Runtime) -> None:
    now = runtime.clock()
    result = await member_import.import_members(runtime, GOOD_ES.encode(), ANA, now)
    assert result.problems == () and len(result.imported) == 2
    assert result.expires_at == now + timedelta(days=IMPORT_INVITE_DAYS)
    first = result.imported[0]
    async with runtime.store.read() as repos:
        entity = await repos.members.entity(first.entity_id)
        link = await repos.imports.link(first.token)
        audit = await repos.audit.recent(subject=f"entity:{first.entity_id}")
        assert await repos.members.members_of(first.entity_id) == []
    assert entity is not None and entity.status is EntityStatus.APPROVED
    assert entity.decided_by == ANA.user_id and entity.decided_by_name == ANA.name
    assert not entity.listed and entity.description == ""
    assert link is not None and link.usable(now) and link.imported_by == ANA.user_id
    assert [(a.action, a.actor_name) for a in audit] == [("import", ANA.name)]


async def test_a_bad_line_stores_nothing(runtime: Runtime) -> None:
    bad = GOOD_ES + "Tercera;Cooperativa;Nada;León;t@t.es\n"
    result = await member_import.import_members(runtime, bad.encode(), ANA, runtime.clock())
    assert [(p.line, p.code) for p in result.problems] == [(4, "unknown_sector")]
    assert result.imported == () and await _entity_count(runtime) == 0


async def test_a_name_already_a_member_stops_the_whole_file(runtime: Runtime) -> None:
    async with runtime.store.write() as repos:
        await seed_entity(
            repos, profile("Tejedoras"), user_id=5, first_name="Eva", now=runtime.clock()
        )
    result = await member_import.import_members(runtime, GOOD_ES.encode(), ANA, runtime.clock())
    assert [(p.line, p.code) for p in result.problems] == [(3, "already_in_network")]
    assert await _entity_count(runtime) == 1


async def test_reimporting_gives_new_links_and_no_duplicates(runtime: Runtime) -> None:
    now = runtime.clock()
    first = await member_import.import_members(runtime, GOOD_ES.encode(), ANA, now)
    fixed = GOOD_ES.replace("hola@huerta.coop", "nuevo@huerta.coop")
    again = await member_import.import_members(
        runtime, fixed.encode(), ANA, now + timedelta(days=1)
    )
    assert again.problems == () and again.renewed == 2
    assert [i.entity_id for i in again.imported] == [i.entity_id for i in first.imported]
    assert await _entity_count(runtime) == 2
    async with runtime.store.read() as repos:
        old = await repos.imports.link(first.imported[0].token)
        entity = await repos.members.entity(first.imported[0].entity_id)
    assert old is not None and not old.usable(now + timedelta(days=1))
    assert entity is not None and entity.email == "nuevo@huerta.coop"


async def test_claiming_makes_the_owner_and_tells_the_board(runtime: Runtime) -> None:
    now = runtime.clock()
    result = await member_import.import_members(runtime, GOOD_ES.encode(), ANA, now)
    item = result.imported[0]
    joiner = Joiner(42, "Lía", "Lía Pérez", "lia", "es")
    checked = await claims.check(runtime, item.token, 42, now)
    assert checked.entity is not None
    filled = checked.entity.model_copy(update={"description": "Verduras.", "listed": True})
    done = await claims.claim(runtime, item.token, joiner, filled, now)
    assert done.entity is not None and done.entity.description == "Verduras."
    async with runtime.store.read() as repos:
        members = await repos.members.members_of(item.entity_id)
        notices = await repos.outbox.by_key(f"claim:{item.token}")
    assert [(m.user_id, m.role.value) for m in members] == [(42, "owner")]
    assert done.entity.applied_by == 42 and done.entity.status is EntityStatus.APPROVED
    assert notices is not None
    # Used once; and the organisation, now claimed, cannot be imported again.
    other = await claims.check(runtime, item.token, 43, now)
    assert other.problem == "claim.used"
    again = await member_import.import_members(runtime, GOOD_ES.encode(), ANA, now)
    assert [(p.line, p.code) for p in again.problems] == [(2, "already_in_network")]


async def test_an_expired_link_cannot_be_claimed(runtime: Runtime) -> None:
    now = runtime.clock()
    result = await member_import.import_members(runtime, GOOD_ES.encode(), ANA, now)
    later = now + timedelta(days=IMPORT_INVITE_DAYS, seconds=1)
    checked = await claims.check(runtime, result.imported[0].token, 42, later)
    assert checked.problem == "claim.expired"
    assert (await claims.check(runtime, "nope", 42, now)).problem == "claim.unknown"
