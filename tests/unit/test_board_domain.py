"""Rules of the board's work: reasons, names, pages and the /member lookup."""

import pytest

from bot.domain.board import (
    REASON_MAX,
    ReasonError,
    actor_name,
    clean_reason,
    decision_dedupe_key,
    entity_subject,
    match_names,
    page_of,
    parse_entity_ref,
)


def test_a_reason_is_trimmed_and_limited() -> None:
    assert clean_reason("  no encaja \n") == "no encaja"
    assert clean_reason("x" * REASON_MAX) == "x" * REASON_MAX
    with pytest.raises(ReasonError) as too_long:
        clean_reason("x" * (REASON_MAX + 1))
    assert too_long.value.length == REASON_MAX + 1
    with pytest.raises(ReasonError):
        clean_reason("   ")


def test_actor_names_and_keys() -> None:
    assert actor_name("Ana  Pérez", "ana") == "Ana Pérez (@ana)"
    assert actor_name("Ana", None) == "Ana"
    assert actor_name(" ", None) == "?"
    assert decision_dedupe_key(42) == "entity-decision:42"
    assert entity_subject(42) == "entity:42"


@pytest.mark.parametrize(
    ("total", "requested", "number", "count", "offset"),
    [
        (0, 1, 1, 1, 0),
        (10, 1, 1, 1, 0),
        (11, 2, 2, 2, 10),
        (23, 3, 3, 3, 20),
        (23, 99, 3, 3, 20),  # an old button past the end
        (23, 0, 1, 3, 0),
        (23, -5, 1, 3, 0),
    ],
)
def test_pages(total: int, requested: int, number: int, count: int, offset: int) -> None:
    page = page_of(total, requested, size=10)
    assert (page.number, page.count, page.offset) == (number, count, offset)
    assert page.has_previous is (number > 1)
    assert page.has_next is (number < count)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), ("#12", 12), (" 7 ", 7), ("Huerta", None), ("12a", None), ("-3", None)],
)
def test_entity_references(text: str, expected: int | None) -> None:
    assert parse_entity_ref(text) == expected


def test_names_match_without_case_or_accents_exact_first() -> None:
    names = [(1, "Huerta Común"), (2, "La Huerta"), (3, "Café Ñandú"), (4, "huerta común")]
    assert match_names("huerta comun", names) == [1, 4]
    assert match_names("HUERTA", names) == [1, 2, 4]
    assert match_names("nandu", names) == [3]
    assert match_names("zapatería", names) == []
    assert match_names("   ", names) == []
    many = [(number, f"Huerta {number}") for number in range(30)]
    assert len(match_names("huerta", many)) == 10
