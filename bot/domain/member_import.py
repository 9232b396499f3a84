"""The board's existing member list, read from a CSV and checked whole before anything is stored.

Pure: bytes in, rows or every problem by line out. Spreadsheets write CSV in more than one
way, and all of these are read: UTF-8 with or without a BOM, UTF-16 ("Unicode text"), and
Excel's Windows-1252 exports; comma, semicolon or tab between cells; the header in Spanish or
English, in any order and case, accents optional. Kinds and sectors may be written as keys or
as their label in either language; municipalities as people write them (onboarding's lookup).
"""

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from bot.domain.members import DESCRIPTION_MAX, NAME_MAX
from bot.domain.network import Network
from bot.domain.profile import (
    MAX_SECTORS,
    InvalidField,
    answer_key,
    clean_block,
    clean_line,
    normalize_email,
    normalize_phone,
    normalize_website,
)
from bot.domain.text import shorten

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "REQUIRED",
    "Column",
    "ImportRow",
    "Parsed",
    "Problem",
    "conflicts",
    "name_key",
    "parse_member_list",
]

# A network's member list is a few hundred rows; anything far larger is not one.
MAX_BYTES = 512 * 1024
MAX_ROWS = 1000
# A cell shown back in a problem is cut to this, so one wild cell cannot flood the answer.
_SHOWN_MAX = 40
_SUGGESTIONS = 3


class Column(StrEnum):
    """A column of the member list; the values name it in problems (catalog keys)."""

    NAME = "name"
    KIND = "kind"
    SECTORS = "sectors"
    MUNICIPALITY = "municipality"
    EMAIL = "email"
    DESCRIPTION = "description"
    PHONE = "phone"
    WEBSITE = "website"


REQUIRED: tuple[Column, ...] = (
    Column.NAME,
    Column.KIND,
    Column.SECTORS,
    Column.MUNICIPALITY,
    Column.EMAIL,
)
# Header names accepted for each column, compared as answer_key() folds them.
_HEADERS: dict[Column, tuple[str, ...]] = {
    Column.NAME: ("name", "nombre", "entidad", "organisation", "organization", "entity"),
    Column.KIND: ("kind", "type", "tipo", "clase", "tipo de entidad", "forma juridica"),
    Column.SECTORS: ("sectors", "sector", "sectores"),
    Column.MUNICIPALITY: ("municipality", "municipio", "town", "localidad", "place", "lugar"),
    Column.EMAIL: (
        "email",
        "e mail",
        "mail",
        "contact email",
        "correo",
        "correo electronico",
        "email de contacto",
    ),
    Column.DESCRIPTION: ("description", "descripcion"),
    Column.PHONE: ("phone", "telephone", "telefono", "tel"),
    Column.WEBSITE: ("website", "web", "url", "pagina web", "sitio web"),
}
_BY_HEADER: dict[str, Column] = {
    answer_key(name): column for column, names in _HEADERS.items() for name in names
}
# Several sectors share one cell, separated by any of these.
_SECTOR_SEPARATORS = re.compile(r"[;,|\n]")
_DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong, where: line 0 is the file as a whole; column None is the whole line.

    code names the problem (its catalog key is member_import.problem.<code>); params fill it.
    """

    line: int
    column: Column | None
    code: str
    params: dict[str, str | int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One organisation of the list, checked: keys for kind, sectors and municipality."""

    line: int
    name: str
    kind: str
    sectors: tuple[str, ...]
    municipality: str | None  # None: outside the province (the cell was empty)
    email: str
    description: str = ""
    phone: str | None = None
    website: str | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    """The list's rows when every one is right, else every problem found (rows then empty)."""

    rows: tuple[ImportRow, ...] = ()
    problems: tuple[Problem, ...] = ()


def name_key(name: str) -> str:
    """What two organisation names are compared by: no case, accents or punctuation."""
    return answer_key(name)


def parse_member_list(data: bytes, network: Network) -> Parsed:
    """Read and check the whole list; a problem anywhere means no rows at all."""
    if len(data) > MAX_BYTES:
        return _fail(Problem(0, None, "too_big", {"limit_kb": MAX_BYTES // 1024}))
    text = _decode(data)
    if text is None:
        return _fail(Problem(0, None, "not_text"))
    records = list(_records(text))
    if not records:
        return _fail(Problem(0, None, "no_header"))
    columns, problems = _columns(records[0][1])
    if problems:
        return Parsed(problems=tuple(problems))
    body = [(line, cells) for line, cells in records[1:] if any(cell.strip() for cell in cells)]
    if not body:
        return _fail(Problem(0, None, "no_rows"))
    if len(body) > MAX_ROWS:
        return _fail(Problem(0, None, "too_many_rows", {"limit": MAX_ROWS}))
    rows: list[ImportRow] = []
    for line, cells in body:
        row = _row(line, cells, columns, network, problems)
        if row is not None:
            rows.append(row)
    problems.extend(_duplicates(rows))
    if problems:
        return Parsed(problems=tuple(sorted(problems, key=_order)))
    return Parsed(rows=tuple(rows))


def conflicts(rows: Iterable[ImportRow], taken: Iterable[str]) -> list[Problem]:
    """Rows whose organisation is already in the network (taken: names, compared folded)."""
    existing = {name_key(name) for name in taken}
    return [
        Problem(row.line, Column.NAME, "already_in_network", {"value": row.name})
        for row in rows
        if name_key(row.name) in existing
    ]


def _fail(problem: Problem) -> Parsed:
    return Parsed(problems=(problem,))


def _order(problem: Problem) -> tuple[int, int]:
    columns = list(Column)
    return problem.line, -1 if problem.column is None else columns.index(problem.column)


def _decode(data: bytes) -> str | None:
    """The file's text, or None when it is not text in an encoding spreadsheets write."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data:
        return None  # a binary file (a spreadsheet's own format, an image...)
    else:
        # Excel in Spain saves "CSV" as Windows-1252 unless told otherwise.
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    return None


def _clean(cell: str) -> str:
    """NFC, without control or format characters (zero-width marks, BOMs) but newlines."""
    text = unicodedata.normalize("NFC", cell)
    return "".join(
        ch for ch in text if ch == "\n" or unicodedata.category(ch) not in {"Cc", "Cf", "Cs"}
    ).strip()


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted cell may span lines)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            yield start, [_clean(cell) for cell in cells]
            start = reader.line_num + 1
    except csv.Error:
        return  # an unclosed quote swallows the rest: what was read is checked


def _columns(header: list[str]) -> tuple[dict[Column, int], list[Problem]]:
    """Which cell holds each column; unknown headers are ignored, required ones must be."""
    columns: dict[Column, int] = {}
    problems: list[Problem] = []
    for index, title in enumerate(header):
        column = _BY_HEADER.get(answer_key(title))
        if column is None:
            continue
        if column in columns:
            problems.append(Problem(1, column, "duplicate_column", {"value": _shown(title)}))
            continue
        columns[column] = index
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        problems.append(Problem(1, None, "missing_columns", {"columns": ",".join(missing)}))
    return columns, problems


def _shown(value: str) -> str:
    return shorten(" ".join(value.split()), _SHOWN_MAX)


def _row(
    line: int,
    cells: list[str],
    columns: dict[Column, int],
    network: Network,
    problems: list[Problem],
) -> ImportRow | None:
    """One checked row, or None after adding its problems."""
    found: list[Problem] = []

    def cell(column: Column) -> str:
        index = columns.get(column)
        return cells[index] if index is not None and index < len(cells) else ""

    def check(column: Column, value: str, rule: Callable[[str], str]) -> str | None:
        try:
            return rule(value)
        except InvalidField as problem:
            params: dict[str, str | int] = {"value": _shown(value), **problem.params}
            found.append(Problem(line, column, problem.reason, params))
            return None

    name = check(Column.NAME, cell(Column.NAME), lambda text: clean_line(text, NAME_MAX))
    kind = _kind(line, cell(Column.KIND), network, found)
    sectors = _sectors(line, cell(Column.SECTORS), network, found)
    municipality = _municipality(line, cell(Column.MUNICIPALITY), network, found)
    email = check(Column.EMAIL, cell(Column.EMAIL), _required(normalize_email))
    description = cell(Column.DESCRIPTION)
    description_value = (
        check(Column.DESCRIPTION, description, lambda text: clean_block(text, DESCRIPTION_MAX))
        if description
        else ""
    )
    phone = cell(Column.PHONE)
    phone_value = check(Column.PHONE, phone, normalize_phone) if phone else None
    website = cell(Column.WEBSITE)
    website_value = check(Column.WEBSITE, website, normalize_website) if website else None
    if found:
        problems.extend(found)
        return None
    assert name is not None and kind is not None and email is not None  # noqa: S101 - checked
    return ImportRow(
        line=line,
        name=name,
        kind=kind,
        sectors=tuple(sectors),
        municipality=municipality,
        email=email,
        description=description_value or "",
        phone=phone_value,
        website=website_value,
    )


def _required(rule: Callable[[str], str]) -> Callable[[str], str]:
    def checked(text: str) -> str:
        if not text:
            raise InvalidField("empty")
        return rule(text)

    return checked


def _choices(items: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """Folded key and every label, in every language -> key."""
    found: dict[str, str] = {}
    for key, labels in items:
        for written in (key, *labels):
            found.setdefault(answer_key(written), key)
    return found


def _kind(line: int, text: str, network: Network, found: list[Problem]) -> str | None:
    if not text:
        found.append(Problem(line, Column.KIND, "empty"))
        return None
    kinds = _choices((kind.key, kind.label.root.values()) for kind in network.entity_kinds)
    key = kinds.get(answer_key(text))
    if key is None:
        found.append(Problem(line, Column.KIND, "unknown_kind", {"value": _shown(text)}))
    return key


def _sectors(line: int, text: str, network: Network, found: list[Problem]) -> list[str]:
    parts = [part.strip() for part in _SECTOR_SEPARATORS.split(text) if part.strip()]
    if not parts:
        found.append(Problem(line, Column.SECTORS, "empty"))
        return []
    sectors = _choices((sector.key, sector.label.root.values()) for sector in network.sectors)
    keys: list[str] = []
    for part in parts:
        key = sectors.get(answer_key(part))
        if key is None:
            found.append(Problem(line, Column.SECTORS, "unknown_sector", {"value": _shown(part)}))
        elif key not in keys:
            keys.append(key)
    if len(keys) > MAX_SECTORS:
        found.append(Problem(line, Column.SECTORS, "too_many_sectors", {"limit": MAX_SECTORS}))
    return keys


def _municipality(line: int, text: str, network: Network, found: list[Problem]) -> str | None:
    if not text:
        return None  # outside the province, as onboarding's «Outside the province»
    lookup = network.find_municipality(text, limit=_SUGGESTIONS)
    if lookup.exact is not None:
        return lookup.exact.key
    params: dict[str, str | int] = {"value": _shown(text)}
    code = "unknown_municipality"
    if lookup.suggestions:
        code = "municipality_suggest"
        params["suggestions"] = ", ".join(place.name for place in lookup.suggestions)
    found.append(Problem(line, Column.MUNICIPALITY, code, params))
    return None


def _duplicates(rows: list[ImportRow]) -> Iterator[Problem]:
    """A name written twice in the file: the later line is the problem."""
    first: dict[str, int] = {}
    for row in rows:
        key = name_key(row.name)
        if key in first:
            yield Problem(
                row.line, Column.NAME, "duplicate_in_file", {"value": row.name, "other": first[key]}
            )
        else:
            first[key] = row.line
