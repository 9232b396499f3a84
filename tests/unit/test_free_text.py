"""Every free-text rule cleans what it is given and refuses what shows nothing (issue 9 item 13)."""

from collections.abc import Callable

import pytest

from bot.domain.announcements import InvalidText, clean_announcement
from bot.domain.board import ReasonError, clean_reason, match_names, parse_entity_ref
from bot.domain.network import load_network
from bot.domain.posts import (
    InvalidInput,
    check_description,
    check_short_text,
    check_title,
    partner_matches,
)
from bot.domain.profile import (
    InvalidField,
    clean_block,
    clean_line,
    normalize_email,
    normalize_phone,
    normalize_website,
)
from bot.domain.search import match_expression, words
from tests.unit.test_text import INVISIBLE

PROFILE_RULES: list[Callable[[str], str]] = [
    lambda text: clean_line(text, 120),
    lambda text: clean_block(text, 500),
]
POST_RULES: list[Callable[[str], str]] = [
    check_title,
    check_description,
    lambda text: check_short_text(text, 300),
]


@pytest.mark.parametrize("typed", INVISIBLE)
@pytest.mark.parametrize("rule", PROFILE_RULES, ids=["name", "description"])
def test_profile_answers_that_show_nothing_are_refused(
    rule: Callable[[str], str], typed: str
) -> None:
    with pytest.raises(InvalidField) as caught:
        rule(f" {typed} \n{typed}")
    assert caught.value.reason == "invisible"


@pytest.mark.parametrize("typed", INVISIBLE)
@pytest.mark.parametrize("rule", POST_RULES, ids=["title", "description", "short-text"])
def test_post_texts_that_show_nothing_are_refused(rule: Callable[[str], str], typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        rule(f" {typed} \n{typed}")
    assert caught.value.key == "posts.error.invisible"


@pytest.mark.parametrize("typed", INVISIBLE)
def test_reasons_and_announcements_that_show_nothing_are_refused(typed: str) -> None:
    with pytest.raises(ReasonError) as reason:
        clean_reason(typed)
    assert reason.value.invisible
    with pytest.raises(InvalidText) as announcement:
        clean_announcement(typed, typed)
    assert announcement.value.invisible


@pytest.mark.parametrize("typed", INVISIBLE)
def test_lookups_of_nothing_find_nothing(typed: str) -> None:
    names = [(1, "Green Bakers"), (2, "Huerta Común")]
    assert match_names(typed, names) == []
    assert partner_matches(typed, names) == []
    assert parse_entity_ref(typed) is None
    assert match_expression(typed) is None
    assert load_network().find_municipality(typed).exact is None


def test_blank_and_too_long_keep_their_own_answers() -> None:
    with pytest.raises(InvalidField) as blank:
        clean_line("   ", 120)
    assert blank.value.reason == "empty"
    with pytest.raises(ReasonError) as long_reason:
        clean_reason("x" * 501 + "\u200b")
    assert not long_reason.value.invisible


def test_text_around_invisible_characters_is_kept_clean() -> None:
    assert clean_line("\u202eHuerta\u200b Común\x00", 120) == "Huerta Común"
    assert clean_block("Uno\u200e\r\n\r\n\r\n\ufeffDos", 500) == "Uno\n\nDos"
    assert check_title("Pan\u200b de leña\x00") == "Pan de leña"
    assert check_short_text("Hola\x00\n\u200bqué tal", 300) == "Hola\nqué tal"
    assert clean_reason("\u200bFuera de la provincia\u200e") == "Fuera de la provincia"
    assert clean_announcement("Asamblea\u200b", "<b>Asamblea</b>\u200b") == "<b>Asamblea</b>"
    assert normalize_email("\u200bhola@coop.es\u200e") == "hola@coop.es"
    assert normalize_phone("\ufeff987 123 456") == "+34987123456"
    assert normalize_website("coop.es\u200b") == "https://coop.es"


def test_lookups_read_through_invisible_characters() -> None:
    names = [(1, "Green Bakers"), (2, "Huerta Común")]
    assert match_names("Green\u200b Bakers", names) == [1]
    assert partner_matches("Huer\u200bta Común", names) == [2]
    assert parse_entity_ref("#12\u200e") == 12
    assert words("cur\u200bso de pan\u00ad") == ["curso", "de", "pan"]
    found = load_network().find_municipality("Le\u200bón")
    assert found.exact is not None and found.exact.key == "leon"
