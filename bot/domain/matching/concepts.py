"""The network's bilingual concepts, read from bot/data/concepts.toml (data, not code)."""

# The file is where the board or a translator extends the vocabulary: Spanish and English
# phrases side by side, with the markers explained at its top. It is read once, when the
# vocabulary is first compiled (at start-up); a broken file stops the bot with one line naming the
# concept and the problem, like a bad network file.

import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

__all__ = [
    "CONCEPTS_PATH",
    "ConceptDataError",
    "ConceptSpec",
    "default_concepts",
    "load_concepts",
    "parse_concepts",
]

CONCEPTS_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "concepts.toml"


class ConceptDataError(ValueError):
    """The concepts file is unreadable or a concept in it is malformed."""


class ConceptSpec(NamedTuple):
    """One concept: its id, Spanish and English phrases, and broader concept ids."""

    id: str
    es: tuple[str, ...]
    en: tuple[str, ...]
    broader: tuple[str, ...] = ()
    generic: bool = False  # context only, like a broader concept (see the file's top)


def load_concepts(path: Path = CONCEPTS_PATH) -> tuple[ConceptSpec, ...]:
    """Read and check a concepts file: unique ids, phrases, and broader ids that exist."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConceptDataError(f"{path}: {exc}") from None
    return parse_concepts(data.get("concept", []), str(path))


def parse_concepts(rows: Sequence[Mapping[str, Any]], where: str) -> tuple[ConceptSpec, ...]:
    """Concept specs from the file's [[concept]] tables."""
    specs: list[ConceptSpec] = []
    for number, row in enumerate(rows, start=1):
        cid = row.get("id")
        if not isinstance(cid, str) or not cid:
            raise ConceptDataError(f"{where}: concept #{number} has no id")
        es, en, broader = (_strings(row, key, cid, where) for key in ("es", "en", "broader"))
        if not es and not en:
            raise ConceptDataError(f"{where}: concept {cid!r} lists no phrase")
        generic = row.get("generic", False)
        if not isinstance(generic, bool):
            raise ConceptDataError(f"{where}: concept {cid!r}: generic must be true or false")
        specs.append(ConceptSpec(cid, es, en, broader, generic))
    ids = [spec.id for spec in specs]
    if len(set(ids)) != len(ids):
        twice = sorted({cid for cid in ids if ids.count(cid) > 1})
        raise ConceptDataError(f"{where}: concept ids listed twice: {', '.join(twice)}")
    for spec in specs:
        unknown = [b for b in spec.broader if b not in ids]
        if unknown:
            raise ConceptDataError(
                f"{where}: concept {spec.id!r} has unknown broader {', '.join(unknown)}"
            )
    return tuple(specs)


def _strings(row: Mapping[str, Any], key: str, cid: str, where: str) -> tuple[str, ...]:
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConceptDataError(f"{where}: concept {cid!r}: {key} must be a list of strings")
    return tuple(item.strip() for item in value if item.strip())


@cache
def default_concepts() -> tuple[ConceptSpec, ...]:
    """The bundled concepts, read on first use (compiling the bot's vocabulary, at start-up)."""
    return load_concepts()
