"""Small text helpers shared by the domain: accent- and case-insensitive comparison, text
that can be stored, and free text cleaned of what does not show."""

import re
import unicodedata
from typing import Any

__all__ = [
    "REPLACEMENT",
    "clean_text",
    "fold",
    "has_visible",
    "shorten",
    "storable",
    "storable_json",
]

# What a lone surrogate becomes: one UTF-16 unit like the surrogate, so the offsets of
# Telegram's entities (bold, links…) still point at the same characters.
REPLACEMENT = "\ufffd"
# A surrogate that is not half of a pair. JSON may carry one ("\ud800") and Python decodes
# it into a str that no encoding can write: SQLite and the saved conversations refuse it.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def shorten(text: str, limit: int) -> str:
    """text, or its first limit - 1 characters and "…" (plain text: a label, a list line)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fold(text: str) -> str:
    """Lower-case, strip accents (ñ becomes n) and collapse whitespace, for comparing."""
    # casefold first: some lower-case forms (e.g. "İ" -> "i̇") add combining marks that the
    # NFKD pass must then see and drop.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


# Joiners shape what is around them (👩‍💻, Persian words): kept between two visible
# characters, dropped anywhere else.
_JOINERS = frozenset({"\u200c", "\u200d"})
# Tag characters spell a subdivision flag after a black flag (🏴 + tags = Scotland's flag).
_BLACK_FLAG = "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)
# Characters that are letters or symbols by category yet draw nothing (Hangul fillers, the
# blank Braille pattern, Khmer inherent vowels): names made of them look empty. Read as spaces.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5")
# What never shows by itself: format and control characters, surrogates, combining marks
# with nothing to combine with.
_UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Mn", "Me", "Zl", "Zp"})


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Free text as people mean it: NFC; line breaks as "\\n" (a space unless multiline), a tab
    or a blank letter as a space, and no other control (Cc) or format (Cf) character: no NUL,
    zero-width space, byte-order mark or direction mark, and no U+FFFD (what a lone surrogate
    became)."""
    lines = unicodedata.normalize("NFC", text).splitlines()  # every kind of line break
    joined = ("\n" if multiline else " ").join(lines)
    kept: list[str] = []
    for index, ch in enumerate(joined):
        if ch == "\n":
            kept.append(ch)
            continue
        if ch == "\t" or ch in _BLANK:
            kept.append(" ")
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs") or ch == REPLACEMENT:
            continue
        if category == "Cf" and not _shapes(joined, index, kept):
            continue
        kept.append(ch)
    return "".join(kept)


def _shapes(text: str, index: int, kept: list[str]) -> bool:
    """Whether the format character at index joins or tags visible characters."""
    ch = text[index]
    if ch in _JOINERS:
        before = kept[-1] if kept else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        return _visible(before) and _visible(after)
    if ord(ch) in _TAGS:
        return bool(kept) and (kept[-1] == _BLACK_FLAG or ord(kept[-1]) in _TAGS)
    return False


def _visible(ch: str) -> bool:
    return (
        bool(ch)
        and not ch.isspace()
        and ch not in _BLANK
        and unicodedata.category(ch) not in _UNSEEN_CATEGORIES
    )


def has_visible(text: str) -> bool:
    """Whether text shows anything: a character that is not blank, a mark or a format one."""
    return any(_visible(ch) for ch in text)


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
