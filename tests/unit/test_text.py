"""Text helpers of the domain: storable text (issue 9 item 12)."""

import json
from typing import Any

import pytest

from bot.domain.text import REPLACEMENT, clean_text, has_visible, storable, storable_json


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("\ud800", REPLACEMENT),
        ("abc\udfff", f"abc{REPLACEMENT}"),
        ("\udfff\ud800x", f"{REPLACEMENT}{REPLACEMENT}x"),  # the halves in the wrong order
        ("😀 ok", "😀 ok"),  # a real pair is one character in Python, and stays
        ("Señal ñ", "Señal ñ"),
        ("", ""),
    ],
)
def test_storable_replaces_only_lone_surrogates(raw: str, kept: str) -> None:
    assert storable(raw) == kept
    kept.encode("utf-8")  # what SQLite and the saved conversations need
    # One UTF-16 unit for one: Telegram's entity offsets still fit the text.
    assert len(kept.encode("utf-16-le", "surrogatepass")) == len(
        raw.encode("utf-16-le", "surrogatepass")
    )


def test_storable_json_reaches_every_string_and_keeps_the_rest() -> None:
    update: dict[str, Any] = {
        "update_id": 7,
        "message": {
            "text": "abc\udfff",
            "entities": [{"type": "bold", "offset": 0, "length": 4}],
            "from": {"first_name": "\ud800", "is_bot": False},
            "reply_to_message": {"caption": "x\ud800"},
        },
        "callback_query": {"data": "v1:x:\udfff"},
        "\ud800": None,
    }
    cleaned = storable_json(update)
    json.dumps(cleaned, ensure_ascii=False).encode("utf-8")
    assert cleaned["message"]["text"] == f"abc{REPLACEMENT}"
    assert cleaned["message"]["from"]["first_name"] == REPLACEMENT
    assert cleaned["message"]["reply_to_message"]["caption"] == f"x{REPLACEMENT}"
    assert cleaned["callback_query"]["data"] == f"v1:x:{REPLACEMENT}"
    assert cleaned[REPLACEMENT] is None
    assert cleaned["message"]["entities"] == update["message"]["entities"]


def test_storable_json_returns_the_same_object_when_nothing_needs_it() -> None:
    update = {"update_id": 1, "message": {"text": "hola 😀", "entities": [], "n": 2.5}}
    assert storable_json(update) is update


# Issue 9 item 13: what passes for text yet shows nothing.
INVISIBLE = [
    pytest.param("\u200b", id="zero-width-space"),
    pytest.param("\ufeff", id="byte-order-mark"),
    pytest.param("\u200b\ufeff\u2060\u00ad", id="zero-width-mix"),
    pytest.param("\u200e", id="left-to-right-mark"),
    pytest.param("\u200f", id="right-to-left-mark"),
    pytest.param("\u202a\u202b\u202c\u202d\u202e", id="embeddings-overrides"),
    pytest.param("\u2066\u2067\u2068\u2069", id="isolates"),
    pytest.param("\x00", id="nul"),
    pytest.param("\x00\x00\x00", id="nuls"),
    pytest.param("\x01\x07\x1b\x1f\x7f", id="controls"),
    pytest.param("\x85\x9f", id="c1-controls"),
    pytest.param("\u200b \u200e\t\x00", id="mixed-with-blanks"),
    pytest.param("\u3164\u115f", id="hangul-fillers"),
    pytest.param("\u2800", id="braille-blank"),
    pytest.param("\u0301\u0301", id="lone-accents"),
    pytest.param(REPLACEMENT, id="replacement"),
]


@pytest.mark.parametrize("typed", INVISIBLE)
def test_invisible_text_has_nothing_visible(typed: str) -> None:
    assert not has_visible(clean_text(typed))
    assert not has_visible(clean_text(typed, multiline=True))


@pytest.mark.parametrize(
    ("typed", "line", "block"),
    [
        ("\u202eEl Roble\u200b", "El Roble", "El Roble"),
        ("\ufeffCoop\x00 Verde\u200e", "Coop Verde", "Coop Verde"),
        ("Leo\u0301n", "León", "León"),  # NFC: one letter, as typed on most keyboards
        ("Uno\r\nDos\rTres\u2028Cuatro", "Uno Dos Tres Cuatro", "Uno\nDos\nTres\nCuatro"),
        ("a\tb", "a b", "a b"),
        ("abc\ufffd", "abc", "abc"),  # what a lone surrogate became where updates enter
        ("👩\u200d💻 dev", "👩\u200d💻 dev", "👩\u200d💻 dev"),  # a joiner inside an emoji stays
        ("\u200dx\u200d", "x", "x"),  # joining nothing
        ("🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", None, None),
    ],
)
def test_clean_text_drops_what_does_not_show(
    typed: str, line: str | None, block: str | None
) -> None:
    assert clean_text(typed) == (typed if line is None else line)
    assert clean_text(typed, multiline=True) == (typed if block is None else block)
