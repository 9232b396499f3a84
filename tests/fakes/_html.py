"""Telegram's ``parse_mode="HTML"`` dialect: validation, plain text and entities.

Telegram (tdlib's ``parse_html``) accepts only a handful of tags, needs them balanced and
properly nested, and rejects a ``<`` that does not start a supported tag. The Bot API docs also
require every ``<``, ``>`` and ``&`` that is not part of a tag or entity to be escaped; the real
server tolerates a bare ``&`` or ``>``, ``strict=True`` does not, so that text interpolated
without ``html.escape`` fails in tests even when it happens to contain only ``&``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

# Tag -> MessageEntity type. ``span`` needs class="tg-spoiler".
ENTITY_FOR_TAG: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPECIAL = re.compile(r"[<>&]")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_ATTRIBUTE = re.compile(
    r"""\s+([A-Za-z_][A-Za-z0-9_-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
)
_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9A-Fa-f]{1,7})|([A-Za-z][A-Za-z0-9]*));")


class HTMLParseError(ValueError):
    """The text is not valid Telegram HTML; ``str(error)`` is the detail Telegram reports."""


@dataclass
class _Open:
    name: str
    attrs: dict[str, str]
    start: int  # UTF-16 offset in the plain text
    byte_offset: int
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of MessageEntity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def parse_html(source: str, *, strict: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Return ``(plain_text, entities)`` for ``source`` or raise :class:`HTMLParseError`."""
    pieces: list[str] = []
    length = 0  # UTF-16 length of "".join(pieces)
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    i = 0
    n = len(source)

    def emit(piece: str) -> None:
        nonlocal length
        pieces.append(piece)
        length += utf16_len(piece)

    def fail(detail: str, index: int) -> HTMLParseError:
        return HTMLParseError(f"{detail} at byte offset {_byte_offset(source, index)}")

    while i < n:
        match = _SPECIAL.search(source, i)
        if match is None:
            emit(source[i:])
            break
        j = match.start()
        if j > i:
            emit(source[i:j])
        char = source[j]
        if char == ">":
            if strict:
                raise fail('Unescaped ">" (use &gt;)', j)
            emit(">")
            i = j + 1
        elif char == "&":
            entity = _ENTITY.match(source, j)
            decoded: str | None = None
            if entity is not None:
                decimal, hexadecimal, named = entity.groups()
                if named is not None:
                    decoded = _NAMED_ENTITIES.get(named)
                else:
                    codepoint = int(decimal) if decimal is not None else int(hexadecimal, 16)
                    if 0 < codepoint <= 0x10FFFF and not 0xD800 <= codepoint <= 0xDFFF:
                        decoded = chr(codepoint)
            if decoded is not None and entity is not None:
                emit(decoded)
                i = entity.end()
            elif strict:
                shown = entity.group(0) if entity is not None else "&"
                raise fail(f'Unsupported or unescaped HTML entity "{shown}" (use &amp;)', j)
            else:
                emit("&")
                i = j + 1
        elif source.startswith("</", j):
            name_match = _NAME.match(source, j + 2)
            if name_match is None:
                raise fail("Empty end tag name", j)
            name = name_match.group(0).lower()
            k = name_match.end()
            while k < n and source[k].isspace():
                k += 1
            if k >= n or source[k] != ">":
                raise fail(f'Can\'t find end of end tag "{name}"', j)
            if not stack:
                raise fail(f'Unexpected end tag "{name}"', j)
            top = stack.pop()
            if top.name != name:
                raise fail(f'Unmatched end tag, expected "</{top.name}>", found "</{name}>"', j)
            _close(top, length, stack, entities)
            i = k + 1
        else:
            name_match = _NAME.match(source, j + 1)
            if name_match is None:
                raise fail('Unsupported start tag ""', j)
            name = name_match.group(0).lower()
            if name not in ENTITY_FOR_TAG:
                raise fail(f'Unsupported start tag "{name}"', j)
            k = name_match.end()
            attrs: dict[str, str] = {}
            while True:
                attribute = _ATTRIBUTE.match(source, k)
                if attribute is None:
                    break
                value = attribute.group(2) or ""
                if value[:1] in {'"', "'"}:
                    value = value[1:-1]
                attrs[attribute.group(1).lower()] = html.unescape(value)
                k = attribute.end()
            while k < n and source[k].isspace():
                k += 1
            if k >= n or source[k] != ">":
                raise fail(f'Can\'t find end of start tag "{name}"', j)
            if name == "span" and attrs.get("class") != "tg-spoiler":
                raise fail('Tag "span" must have class "tg-spoiler"', j)
            if name == "tg-emoji" and not attrs.get("emoji-id"):
                raise fail('Tag "tg-emoji" must have attribute "emoji-id"', j)
            stack.append(_Open(name, attrs, length, _byte_offset(source, j)))
            i = k + 1

    if stack:
        raise HTMLParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return "".join(pieces), entities


def _close(tag: _Open, end: int, stack: list[_Open], entities: list[dict[str, Any]]) -> None:
    if tag.name == "code" and stack and stack[-1].name == "pre":
        # <pre><code class="language-x">: one pre entity carrying the language.
        css = tag.attrs.get("class", "")
        if css.startswith("language-"):
            stack[-1].language = css.removeprefix("language-")
        return
    size = end - tag.start
    if size <= 0:
        return
    kind = ENTITY_FOR_TAG[tag.name]
    entity: dict[str, Any] = {"type": kind, "offset": tag.start, "length": size}
    if tag.name == "a":
        href = tag.attrs.get("href")
        if not href:
            return
        entity["url"] = href
    elif tag.name == "pre" and tag.language:
        entity["language"] = tag.language
    elif tag.name == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.attrs["emoji-id"]
    entities.append(entity)
