"""Telegram's length limits, and text shortened with an ellipsis to fit them.

Telegram counts a message's length in UTF-16 units once its HTML is parsed, and refuses
entity-heavy texts well before that. Measuring the HTML as sent (tags and escapes included)
bounds both, so a text that fits here is never refused for its length: a description of a
thousand "<" is 4000 units once escaped ("&lt;" each), though it shows as 1000.
"""

import re

__all__ = [
    "CALLBACK_ANSWER_LIMIT",
    "CAPTION_LIMIT",
    "ELLIPSIS",
    "TEXT_LIMIT",
    "fit_html",
    "fit_plain",
    "utf16_length",
]

TEXT_LIMIT = 4096  # a message's text
CAPTION_LIMIT = 1024  # a photo's or a document's caption
CALLBACK_ANSWER_LIMIT = 200  # the notice a button press gets
ELLIPSIS = "…"

# One unit of Telegram HTML that must never be split: a tag, an escape, or one character.
_TOKEN = re.compile(
    r"<(?P<closing>/?)(?P<name>[A-Za-z][\w-]*)[^<>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]\w*);|.",
    re.DOTALL,
)


def utf16_length(text: str) -> int:
    """Length in UTF-16 units, as Telegram counts (an emoji is 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def fit_plain(text: str, limit: int) -> str:
    """text, or as much of it as fits in limit UTF-16 units with an ellipsis at the end."""
    if utf16_length(text) <= limit:
        return text
    budget = limit - utf16_length(ELLIPSIS)
    kept: list[str] = []
    for ch in text:
        budget -= utf16_length(ch)
        if budget < 0:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + ELLIPSIS


def fit_html(text: str, limit: int) -> str:
    """Telegram HTML, or as much of it as fits in limit UTF-16 units (measured as sent) with
    an ellipsis: never cut inside a tag or an escape, and every tag left open is closed."""
    if utf16_length(text) <= limit:
        return text
    budget = limit - utf16_length(ELLIPSIS)
    kept: list[str] = []
    opened: list[str] = []  # names of the tags open at the cut, innermost last
    used = closing = 0  # units kept, and units of the closing tags they would need
    for token in _TOKEN.finditer(text):
        size, name = utf16_length(token.group()), token.group("name")
        if name is not None and token.group("closing"):
            if opened and opened[-1] == name.lower():
                # Its units were reserved when it opened: it always fits.
                opened.pop()
                closing -= size
                used += size
                kept.append(token.group())
            continue  # a closing tag of nothing open: not Telegram HTML, dropped
        needed = utf16_length(f"</{name}>") if name is not None else 0
        if used + size + closing + needed > budget:
            break
        used += size
        closing += needed
        kept.append(token.group())
        if name is not None:
            opened.append(name.lower())
    tail = "".join(f"</{name}>" for name in reversed(opened))
    return "".join(kept).rstrip() + ELLIPSIS + tail
