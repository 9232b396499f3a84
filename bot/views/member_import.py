"""The board's side of an import in words and files: problems by line, the links to send."""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.domain.member_import import MAX_BYTES, Column, Problem
from bot.domain.network import Network
from bot.i18n import N_, Safe, Translator

__all__ = ["CLAIM_PREFIX", "LinkLine", "claim_link", "links_csv", "problem_line", "problems_html"]

# An imported organisation's deep link carries "/start claim_<token>" (bot/services/claims.py).
CLAIM_PREFIX = "claim_"

# What fits in one Telegram message with room to spare; the rest is counted.
SHOWN_PROBLEMS = 15
_MESSAGE_MAX = 3500

_COLUMNS: dict[Column, str] = {
    Column.NAME: N_("member_import.column.name"),
    Column.KIND: N_("member_import.column.kind"),
    Column.SECTORS: N_("member_import.column.sectors"),
    Column.MUNICIPALITY: N_("member_import.column.municipality"),
    Column.EMAIL: N_("member_import.column.email"),
    Column.DESCRIPTION: N_("member_import.column.description"),
    Column.PHONE: N_("member_import.column.phone"),
    Column.WEBSITE: N_("member_import.column.website"),
}
# Problem.code -> message (spelled out so the catalog check sees every key).
_PROBLEMS: dict[str, str] = {
    "empty": N_("member_import.problem.empty"),
    "too_long": N_("member_import.problem.too_long"),
    "email": N_("member_import.problem.email"),
    "phone": N_("member_import.problem.phone"),
    "website": N_("member_import.problem.website"),
    "unknown_kind": N_("member_import.problem.unknown_kind"),
    "unknown_sector": N_("member_import.problem.unknown_sector"),
    "too_many_sectors": N_("member_import.problem.too_many_sectors"),
    "unknown_municipality": N_("member_import.problem.unknown_municipality"),
    "municipality_suggest": N_("member_import.problem.municipality_suggest"),
    "duplicate_in_file": N_("member_import.problem.duplicate_in_file"),
    "already_in_network": N_("member_import.problem.already_in_network"),
    "duplicate_column": N_("member_import.problem.duplicate_column"),
    "missing_columns": N_("member_import.problem.missing_columns"),
    "not_text": N_("member_import.problem.not_text"),
    "no_header": N_("member_import.problem.no_header"),
    "no_rows": N_("member_import.problem.no_rows"),
    "too_big": N_("member_import.problem.too_big"),
    "too_many_rows": N_("member_import.problem.too_many_rows"),
}


@dataclass(frozen=True, slots=True)
class LinkLine:
    """One organisation to send its link to."""

    name: str
    email: str
    link: str


def claim_link(bot_username: str, token: str) -> str:
    """The t.me deep link that opens the bot with an imported organisation's link."""
    return f"https://t.me/{bot_username}?start={CLAIM_PREFIX}{token}"


def column_label(t: Translator, column: Column) -> str:
    """A column's name in the board's language."""
    return t(_COLUMNS[column])


def _params(t: Translator, network: Network, problem: Problem) -> dict[str, object]:
    params: dict[str, object] = dict(problem.params)
    locale = t.locale
    if problem.code == "unknown_kind":
        params["choices"] = ", ".join(kind.label.get(locale) for kind in network.entity_kinds)
    elif problem.code == "unknown_sector":
        params["choices"] = ", ".join(sector.label.get(locale) for sector in network.sectors)
    elif problem.code == "missing_columns":
        names = str(problem.params.get("columns", "")).split(",")
        params["columns"] = ", ".join(column_label(t, Column(name)) for name in names if name)
    elif problem.code == "too_big":
        params.setdefault("limit_kb", MAX_BYTES // 1024)
    return params


def problem_line(t: Translator, network: Network, problem: Problem) -> str:
    """One problem as the board reads it: where, then what (plain text, not HTML)."""
    text = t(_PROBLEMS.get(problem.code, problem.code), **_params(t, network, problem))
    if problem.line == 0:
        return t("member_import.in_file", problem=Safe(text))
    if problem.column is None:
        return t("member_import.at_line", line=problem.line, problem=Safe(text))
    return t(
        "member_import.at_line_column",
        line=problem.line,
        column=column_label(t, problem.column),
        problem=Safe(text),
    )


def problems_html(t: Translator, network: Network, problems: Sequence[Problem]) -> str:
    """The problems for a Telegram message: the first ones, then how many more."""
    lines: list[str] = []
    for problem in problems[:SHOWN_PROBLEMS]:
        line = "• " + problem_line(t, network, problem)
        if sum(map(len, lines)) + len(line) > _MESSAGE_MAX:
            break
        lines.append(line)
    rest = len(problems) - len(lines)
    if rest:
        lines.append(t("member_import.more", count=rest))
    return "\n".join(lines)


def links_csv(t: Translator, lines: Iterable[LinkLine], expires: str) -> bytes:
    """The links for the board to send: name, email, link, until when (UTF-8, a header row).

    With a BOM and the board's list separator (the catalog's), so a spreadsheet opens it in
    columns with the accents right.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=t("member_import.csv_delimiter")[:1] or ",")
    header = (Column.NAME, Column.EMAIL)
    writer.writerow(
        [
            *(column_label(t, column) for column in header),
            t("member_import.column.link"),
            t("member_import.column.expires"),
        ]
    )
    for line in lines:
        writer.writerow([line.name, line.email, line.link, expires])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
