"""Validation of what applicants type about their entity (bot/domain/profile.py)."""

import pytest

from bot.domain.members import EntityProfile
from bot.domain.profile import (
    ATTRIBUTES,
    MAX_SECTORS,
    Field,
    InvalidField,
    ProfileDraft,
    answer_key,
    clean_block,
    clean_line,
    normalize_email,
    normalize_phone,
    normalize_website,
    toggle_sector,
)


def reason(call, *args) -> str:
    with pytest.raises(InvalidField) as caught:
        call(*args)
    return caught.value.reason


def test_line_collapses_whitespace_and_checks_length() -> None:
    assert clean_line("  Cooperativa   El  Roble \n", 120) == "Cooperativa El Roble"
    assert clean_line("x" * 120, 120) == "x" * 120
    assert reason(clean_line, "x" * 121, 120) == "too_long"
    assert reason(clean_line, "   ", 120) == "empty"


def test_length_is_counted_as_shown_escaped() -> None:
    # "&" is shown as "&amp;": five characters of the limit.
    with pytest.raises(InvalidField) as caught:
        clean_line("&" * 30, 120)
    assert caught.value.params == {"length": 150, "limit": 120}


def test_block_keeps_paragraphs_but_drops_runs_of_blank_lines() -> None:
    assert clean_block("Hacemos pan.  \n\n\n\nY queso.\n", 500) == "Hacemos pan.\n\nY queso."
    assert reason(clean_block, "a" * 501, 500) == "too_long"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("hola@coop.es", "hola@coop.es"),
        ("  Ana.Perez+red@Ejemplo.ORG ", "Ana.Perez+red@ejemplo.org"),
        ("info@sub.dominio-largo.com", "info@sub.dominio-largo.com"),
    ],
)
def test_valid_emails(typed: str, stored: str) -> None:
    assert normalize_email(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "hola",
        "hola@",
        "@coop.es",
        "hola@coop",
        "ho la@coop.es",
        "a..b@coop.es",
        "a@-coop.es",
        "a@coop.e",
        "a@b@coop.es",
        "x" * 65 + "@coop.es",
    ],
)
def test_invalid_emails(typed: str) -> None:
    assert reason(normalize_email, typed) == "email"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("987 123 456", "+34987123456"),
        ("612-345-678", "+34612345678"),
        ("+34 987 12 34 56", "+34987123456"),
        ("0034 612345678", "+34612345678"),
        ("+351 912 345 678", "+351912345678"),
        ("+44 (20) 7946 0958", "+442079460958"),
    ],
)
def test_valid_phones(typed: str, stored: str) -> None:
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "12345",
        "987 123 45",
        "512 345 678",
        "+34 512 345 678",
        "+34 9871234567",
        "+0 123456789",
        "+1234567890123456",
        "teléfono",
        "987a23456",
        "",
    ],
)
def test_invalid_phones(typed: str) -> None:
    assert reason(normalize_phone, typed) == "phone"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("coop.es", "https://coop.es"),
        ("www.Coop.ES/tienda?x=1", "https://www.coop.es/tienda?x=1"),
        ("http://coop.es", "http://coop.es"),
        ("HTTPS://Coop.es:8443/a#b", "https://coop.es:8443/a#b"),
        ("cooperativa-león.es", "https://cooperativa-león.es"),
    ],
)
def test_valid_websites(typed: str, stored: str) -> None:
    assert normalize_website(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "coop",
        "ftp://coop.es",
        "javascript:alert(1)",
        "https://",
        "coop .es",
        "http://user@coop.es",
        "https://coop.es:99999",
        "https://-coop.es",
        "a" * 201 + ".es",
        "",
    ],
)
def test_invalid_websites(typed: str) -> None:
    assert reason(normalize_website, typed) == "website"


def test_sectors_toggle_up_to_three() -> None:
    chosen: list[str] = []
    for key in ("agrifood", "tourism", "crafts"):
        chosen = toggle_sector(chosen, key)
    assert chosen == ["agrifood", "tourism", "crafts"]
    with pytest.raises(InvalidField) as caught:
        toggle_sector(chosen, "digital")
    assert caught.value.params == {"limit": MAX_SECTORS}
    assert toggle_sector(chosen, "tourism") == ["agrifood", "crafts"]


def _complete() -> ProfileDraft:
    return ProfileDraft(
        name="El Roble",
        kind="cooperative",
        sectors=["agrifood"],
        municipality=None,
        municipality_answered=True,
        description="Pan y queso.",
        listed=False,
    )


def test_draft_becomes_a_profile_only_when_complete() -> None:
    assert ProfileDraft().to_profile() is None
    assert _complete().model_copy(update={"listed": None}).to_profile() is None
    assert _complete().model_copy(update={"municipality_answered": False}).to_profile() is None
    profile = _complete().to_profile()
    assert profile is not None
    assert profile.municipality is None and profile.listed is False


def test_draft_round_trips_a_stored_profile_and_merges_one_field() -> None:
    stored = EntityProfile(
        name="Old",
        kind="company",
        sectors=["digital"],
        municipality="leon",
        description="d",
        offer_text="o",
        email="a@b.es",
    )
    draft = ProfileDraft.from_profile(stored)
    assert draft.to_profile() == stored
    draft = draft.model_copy(update={"name": "New", "offer_text": "changed"})
    merged = draft.merged_into(stored.model_copy(update={"email": "c@d.es"}), Field.NAME)
    # Only the edited question is taken from the draft; other answers stay as stored now.
    assert (merged.name, merged.offer_text, merged.email) == ("New", "o", "c@d.es")


def test_every_field_maps_to_profile_attributes() -> None:
    for field in Field:
        for attribute in ATTRIBUTES[field]:
            assert attribute in EntityProfile.model_fields


def test_answer_keys_ignore_case_accents_emoji_and_marks() -> None:
    assert (
        answer_key("✅ Agroalimentación") == answer_key(" agroalimentacion ") == "agroalimentacion"
    )
    assert answer_key("¡SÁLTAR!") == "saltar"
    assert answer_key("Empresa / pyme") == answer_key("empresa/PYME") == "empresa pyme"
    assert answer_key("↩️ Dejar como está") == "dejar como esta"
    assert answer_key("🗑") == answer_key("  ") == ""
