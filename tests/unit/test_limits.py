"""Texts shortened to Telegram's limits (issue 9 item 17): measured as sent, cut with an
ellipsis, never inside a tag or an escape, every tag closed."""

import html

import pytest
from telegram.constants import ParseMode
from telegram.ext import Defaults

from bot.context import CoopBot
from bot.domain.limits import (
    CALLBACK_ANSWER_LIMIT,
    CAPTION_LIMIT,
    ELLIPSIS,
    TEXT_LIMIT,
    fit_html,
    fit_plain,
    utf16_length,
)
from tests.fakes._html import parse_html

# Texts that grow when escaped, take two UTF-16 units a character, or carry tags to the cut.
LONG_HTML = [
    pytest.param(html.escape("<" * 2000), id="escaped-less-than"),
    pytest.param(html.escape("&" * 1500), id="escaped-ampersands"),
    pytest.param(html.escape("<&>\"'" * 500), id="escaped-mix"),
    pytest.param("😀" * 3000, id="emoji"),
    pytest.param("a😀" * 1500, id="emoji-at-odd-places"),
    pytest.param("<b>" + "x" * 5000 + "</b>", id="one-long-bold"),
    pytest.param("<b>t</b>\n" + "<i>" + html.escape("<" * 2000) + "</i>", id="italic-escapes"),
    pytest.param("<b>" + "<i>y</i>" * 1000 + "</b>", id="many-tags"),
    pytest.param('<a href="https://coop.es/x">' + "&amp;" * 1000 + "</a>", id="link"),
    pytest.param("<pre><code>" + "&lt;" * 1200 + "</code></pre>", id="nested"),
    pytest.param("<blockquote expandable>" + "z" * 4500 + "</blockquote>", id="attribute"),
    pytest.param("<tg-spoiler>" + "😀" * 2100 + "</tg-spoiler>", id="hyphenated-tag"),
    pytest.param("palabra " * 700, id="words"),
]


@pytest.mark.parametrize("limit", [TEXT_LIMIT, CAPTION_LIMIT, 100])
@pytest.mark.parametrize("text", LONG_HTML)
def test_long_html_is_cut_to_fit_and_stays_valid(text: str, limit: int) -> None:
    fitted = fit_html(text, limit)
    assert utf16_length(fitted) <= limit
    plain, _entities = parse_html(fitted, strict=True)  # no tag or escape was cut
    assert plain.rstrip().endswith(ELLIPSIS)
    # What is kept is the start of the text as it shows.
    original, _ = parse_html(text, strict=True)
    assert original.startswith(plain.rstrip().removesuffix(ELLIPSIS).rstrip())
    # Close to the limit: it is not cut much shorter than it needs to be.
    assert utf16_length(fitted) >= limit - 40


@pytest.mark.parametrize(
    "text",
    ["", "hola", "<b>hola</b> &amp; adiós", "x" * TEXT_LIMIT, "😀" * (TEXT_LIMIT // 2)],
)
def test_what_fits_is_left_alone(text: str) -> None:
    assert fit_html(text, TEXT_LIMIT) == text
    assert fit_plain(text, TEXT_LIMIT) == text


@pytest.mark.parametrize(
    "text",
    ["x" * 300, "😀" * 150, "a😀" * 100, "<b>no es HTML aquí</b>" * 20],
)
def test_plain_text_is_cut_by_utf16_units(text: str) -> None:
    fitted = fit_plain(text, CALLBACK_ANSWER_LIMIT)
    assert utf16_length(fitted) <= CALLBACK_ANSWER_LIMIT and fitted.endswith(ELLIPSIS)
    assert text.startswith(fitted.removesuffix(ELLIPSIS))


def coop_bot() -> CoopBot:
    return CoopBot("123:TEST", defaults=Defaults(parse_mode=ParseMode.HTML))


def test_the_bot_fits_texts_captions_and_button_answers_by_endpoint() -> None:
    bot = coop_bot()
    long_html = html.escape("<" * 5000)
    message = bot._fitted("sendMessage", {"chat_id": 1, "text": long_html, "parse_mode": None})
    assert utf16_length(message["text"]) <= TEXT_LIMIT
    edit = bot._fitted("editMessageText", {"text": long_html, "parse_mode": "HTML"})
    parse_html(edit["text"], strict=True)
    caption = bot._fitted("sendPhoto", {"caption": long_html, "parse_mode": "HTML"})
    assert utf16_length(caption["caption"]) <= CAPTION_LIMIT
    notice = bot._fitted("answerCallbackQuery", {"text": "y" * 500})
    assert utf16_length(notice["text"]) <= CALLBACK_ANSWER_LIMIT
    untouched = {"chat_id": 1, "text": "hola"}
    assert bot._fitted("sendMessage", untouched) == untouched


def test_the_bot_leaves_texts_with_hand_made_entities_alone() -> None:
    data = {"text": "x" * 5000, "entities": [{"type": "bold", "offset": 0, "length": 4}]}
    assert coop_bot()._fitted("sendMessage", data) == data
