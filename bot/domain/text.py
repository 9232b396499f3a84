"""Small text helpers shared by the domain: accent- and case-insensitive comparison, and
text that can be stored."""

import re
import unicodedata
from typing import Any

__all__ = ["REPLACEMENT", "fold", "storable", "storable_json"]

# What a lone surrogate becomes: one UTF-16 unit like the surrogate, so the offsets of
# Telegram's entities (bold, links…) still point at the same characters.
REPLACEMENT = "\ufffd"
# A surrogate that is not half of a pair. JSON may carry one ("\ud800") and Python decodes
# it into a str that no encoding can write: SQLite and the saved conversations refuse it.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def fold(text: str) -> str:
    """Lower-case, strip accents (ñ becomes n) and collapse whitespace, for comparing."""
    # casefold first: some lower-case forms (e.g. "İ" -> "i̇") add combining marks that the
    # NFKD pass must then see and drop.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def storable(text: str) -> str:
    """text with every lone UTF-16 surrogate replaced by U+FFFD, so it can be encoded."""
    # Python joins a valid pair when it decodes JSON, so any surrogate left in a str is lone.
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def storable_json(value: Any) -> Any:
    """A JSON value (dicts, lists, strings, numbers) with storable() applied to every string,
    keys included; value itself when nothing needed it, so callers can tell by identity."""
    if isinstance(value, str):
        cleaned = storable(value)
        return value if cleaned == value else cleaned
    if isinstance(value, dict):
        items = [(storable_json(key), storable_json(item)) for key, item in value.items()]
        pairs = zip(items, value.items(), strict=True)
        if all(new_key is key and new is item for (new_key, new), (key, item) in pairs):
            return value
        return dict(items)
    if isinstance(value, list | tuple):
        elements = [storable_json(item) for item in value]
        if all(new is old for new, old in zip(elements, value, strict=True)):
            return value
        return elements
    return value
