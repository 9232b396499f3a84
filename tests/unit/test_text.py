"""Text helpers of the domain: storable text (issue 9 item 12)."""

import json
from typing import Any

import pytest

from bot.domain.text import REPLACEMENT, storable, storable_json


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
