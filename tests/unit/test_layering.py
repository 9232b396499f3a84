"""Imports go one way (../shared/DESIGN.md): a wrong-way import fails here with file and line.

handlers -> services -> domain, storage; jobs -> services; storage -> domain; views -> domain;
nothing imports handlers but app.py; domain imports no other layer; storage never imports a
command-line module; services, views and domain never import Telegram.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "bot"

# Telegram-free helpers every layer may use.
KERNEL = {"bot.clock", "bot.config", "bot.i18n", "bot.callbacks", "bot.commands"}  # + bot.buttons.*
# Telegram glue shared by handlers and jobs.
GLUE = {"bot.context", "bot.board_access", "bot.keyboards"}
# Entry points: they wire everything and may import anything.
ENTRY = {"bot", "bot.__main__", "bot.app", "bot.match_cli", "bot.logging_setup"}
CLI = {"bot.__main__", "bot.match_cli"}

# Layer -> the layers it may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "kernel": {"domain", "kernel"},
    "storage": {"domain", "kernel"},
    "views": {"domain", "kernel"},
    "documents": {"domain", "kernel"},
    "services": {"domain", "storage", "views", "documents", "kernel"},
    "glue": {"domain", "storage", "services", "kernel", "glue"},
    "jobs": {"services", "domain", "views", "kernel", "glue"},
    # DESIGN.md: "Handlers send them [documents]; services decide what goes in them."
    "handlers": {"services", "domain", "views", "documents", "kernel", "glue"},
    "entry": {"domain", "storage", "views", "services", "kernel", "glue", "jobs", "handlers"},
}
# Third-party packages a layer must not use.
FORBIDDEN_PACKAGES: dict[str, set[str]] = {
    "domain": {"telegram", "aiosqlite", "httpx"},
    "views": {"telegram", "aiosqlite"},
    "documents": {"telegram", "aiosqlite"},
    "services": {"telegram"},
    "kernel": {"telegram"},
}


def layer_of(module: str) -> str | None:
    """The layer a `bot` module belongs to; None for modules outside the package."""
    if module in ENTRY:
        return "entry"
    if module in KERNEL or module.startswith("bot.buttons"):
        return "kernel"
    if module in GLUE:
        return "glue"
    parts = module.split(".")
    if parts[0] != "bot" or len(parts) < 2:
        return None
    if parts[1] in {"domain", "storage", "views", "documents", "services", "jobs", "handlers"}:
        return parts[1]
    return None


@dataclass(frozen=True)
class Violation:
    """One import that goes the wrong way."""

    path: str
    line: int
    importer: str
    imported: str
    why: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.importer} imports {self.imported} ({self.why})"


def imported_modules(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """Every module an AST imports, with its line (``from bot import x`` gives ``bot.x``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            yield node.module, node.lineno
            if node.module == "bot":
                for alias in node.names:
                    yield f"bot.{alias.name}", node.lineno


def module_name(path: Path) -> str:
    """The dotted name of a file under the project root."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def check_source(importer: str, source: str, path: str) -> list[Violation]:
    """The wrong-way imports in one module's source."""
    layer = layer_of(importer)
    if layer is None:
        return []
    found: list[Violation] = []
    for imported, line in imported_modules(ast.parse(source, filename=path)):
        top = imported.split(".")[0]
        if top in FORBIDDEN_PACKAGES.get(layer, set()):
            found.append(Violation(path, line, importer, imported, f"{layer} never uses {top}"))
            continue
        target = layer_of(imported)
        if target is None or target == layer or imported == "bot":
            continue
        if layer == "storage" and imported in CLI:
            found.append(Violation(path, line, importer, imported, "storage imports a CLI module"))
        elif target == "handlers" and importer != "bot.app":
            found.append(Violation(path, line, importer, imported, "only app.py imports handlers"))
        elif target not in ALLOWED[layer]:
            found.append(Violation(path, line, importer, imported, f"{layer} -> {target}"))
    return found


def project_violations() -> list[Violation]:
    """Every wrong-way import in the bot package."""
    found: list[Violation] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        found += check_source(module_name(path), path.read_text(encoding="utf-8"), rel)
    return found


def test_every_import_goes_the_right_way() -> None:
    violations = project_violations()
    assert not violations, "wrong-way imports:\n" + "\n".join(map(str, violations))


@pytest.mark.parametrize(
    ("importer", "source", "line", "why"),
    [
        ("bot.jobs.relay", "import os\nfrom bot.handlers.posts import render\n", 2, "only app.py"),
        ("bot.services.posts.x", "from telegram import Update\n", 1, "services never uses"),
        ("bot.domain.x", "from bot.storage.repos import Repos\n", 1, "domain -> storage"),
        ("bot.storage.match_index", "from bot.match_cli import build_index\n", 1, "CLI module"),
        ("bot.storage.x", "from bot import match_cli\n", 1, "CLI module"),
        ("bot.handlers.posts.x", "\n\nfrom bot.jobs.relay import Relay\n", 3, "handlers -> jobs"),
        ("bot.views.x", "from bot.services.runtime import Runtime\n", 1, "views -> services"),
        ("bot.services.x", "def f():\n    from bot.handlers import menu\n", 2, "only app.py"),
    ],
)
def test_a_wrong_way_import_is_named_with_its_file_and_line(
    importer: str, source: str, line: int, why: str
) -> None:
    violations = check_source(importer, source, "bot/example.py")
    assert len(violations) == 1
    message = str(violations[0])
    assert message.startswith(f"bot/example.py:{line}: {importer} imports ")
    assert why in message


@pytest.mark.parametrize(
    ("importer", "source"),
    [
        ("bot.app", "from bot.handlers import menu\n"),
        ("bot.handlers.menu", "from bot.services.board import decide_application\n"),
        ("bot.services.board", "from bot.storage.repos import Repos\nimport pydantic\n"),
        ("bot.jobs.relay", "from telegram import Bot\nfrom bot.services import due\n"),
        ("bot.storage.posts", "from bot.domain.posts import Post\n"),
    ],
)
def test_right_way_imports_pass(importer: str, source: str) -> None:
    assert check_source(importer, source, "bot/example.py") == []
