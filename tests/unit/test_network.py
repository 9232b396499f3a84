"""The network file: the bundled León data, its validation and place-name lookup."""

import random
import re
from datetime import date, time
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.domain.network import (
    ENTITY_KIND_KEYS,
    SECTOR_KEYS,
    Comarca,
    EntityKind,
    Label,
    Network,
    NetworkConfigError,
    Sector,
    load_network,
)
from bot.domain.text import fold

BUNDLED = (resources.files("bot") / "data" / "leon.toml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def network() -> Network:
    return load_network()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "network.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> NetworkConfigError:
    with pytest.raises(NetworkConfigError) as caught:
        load_network(write(tmp_path, text))
    message = str(caught.value)
    # The app prints this and exits 2: it must be one line that names the file.
    assert "\n" not in message
    assert message.startswith(f"network file {tmp_path / 'network.toml'}: ")
    return caught.value


# --- The bundled León file -------------------------------------------------------------


def test_bundled_file_loads(network: Network) -> None:
    assert network.settings.name == "COOPERACTIVAS"
    assert network.settings.moderate_posts is False
    assert network.settings.announce_channel is None  # "" in the file means no channel
    assert network.settings.quiet_hours.start == time(22, 0)
    assert network.settings.quiet_hours.end == time(8, 0)
    assert network.settings.privacy.contact_email == "privacidad@cooperactivas.org"
    assert network.reminders.summit_hours_before == (168, 24, 2)
    assert network.reminders.summit_maybe_hours_before == (24,)
    # The schedule: 30 days before, on the day, 15 and 45 after, final at 60 + 1.
    assert network.fees.remind_days_before == (30, 0)
    assert network.fees.remind_days_after == (15, 45)
    assert network.fees.grace_days == 60


def test_loading_the_same_path_explicitly_gives_an_equal_network(network: Network) -> None:
    path = Path(str(resources.files("bot") / "data" / "leon.toml"))
    assert load_network(path) == network


def test_all_211_municipalities_of_leon(network: Network) -> None:
    assert len(network.municipalities) == 211
    assert len({m.key for m in network.municipalities}) == 211
    assert len({m.ine for m in network.municipalities}) == 211
    assert all(m.ine is not None and m.ine.startswith("24") for m in network.municipalities)
    names = {m.name for m in network.municipalities}
    for name in (
        "León",
        "Ponferrada",
        "San Andrés del Rabanedo",
        "Villaquilambre",
        "Astorga",
        "La Bañeza",
        "Valverde de la Virgen",
        "Bembibre",
        "Villablino",
        "Sahagún",
        "Cacabelos",
        "Valencia de Don Juan",
        "Villafranca del Bierzo",
        "Riaño",
        "Boñar",
        "Valle de Ancares",  # Candín until 2023
        "Toral de los Vados",
    ):
        assert name in names
    # Common mistakes in home-made lists: villages or former names that are not municipalities.
    for wrong in ("Candín", "Villadecanes", "Fresnedo", "Rodiezmo", "Paradaseca"):
        assert wrong not in names


def test_keys_are_ascii_slugs(network: Network) -> None:
    slug = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
    keys = [m.key for m in network.municipalities] + [c.key for c in network.comarcas]
    assert all(slug.fullmatch(key) for key in keys)
    assert network.municipality("san_andres_del_rabanedo") is not None
    assert network.municipality("la_baneza") is not None


def test_sector_and_kind_keys_are_exactly_the_fixed_lists(network: Network) -> None:
    assert tuple(s.key for s in network.sectors) == SECTOR_KEYS
    assert tuple(k.key for k in network.entity_kinds) == ENTITY_KIND_KEYS
    assert SECTOR_KEYS == (
        "agrifood",
        "tourism",
        "crafts",
        "construction",
        "energy_environment",
        "care_social",
        "education",
        "culture",
        "digital",
        "communication",
        "transport",
        "professional",
        "finance",
        "spaces_equipment",
        "retail",
        "other",
    )


def test_every_municipality_has_a_known_comarca_and_every_comarca_is_used(
    network: Network,
) -> None:
    for place in network.municipalities:
        assert network.comarca(place.comarca) is not None
    for comarca in network.comarcas:
        assert network.municipalities_in(comarca.key), comarca.key
    assert sum(len(network.municipalities_in(c.key)) for c in network.comarcas) == 211
    # El Bierzo is the one legal comarca: its 38 municipalities are fixed by law.
    assert len(network.municipalities_in("bierzo")) == 38
    assert network.municipalities_in("nowhere") == ()


def test_every_label_speaks_spanish_and_english(network: Network) -> None:
    labelled: list[EntityKind | Sector | Comarca] = [
        *network.entity_kinds,
        *network.sectors,
        *network.comarcas,
    ]
    for item in labelled:
        assert item.label.es and item.label.en, item.key
        assert set(item.label.languages) == {"es", "en"}
    assert "EJEMPLO" in network.fees.payment_instructions.es.upper()


def test_sector_vocabulary_is_bilingual_and_sized(network: Network) -> None:
    for sector in network.sectors:
        assert set(sector.vocabulary) == {"es", "en"}
        for words in sector.vocabulary.values():
            assert 6 <= len(words) <= 12, sector.key
            assert len(set(words)) == len(words)
            assert all(word == word.lower() for word in words)


def test_lookups_by_key(network: Network) -> None:
    assert network.sector("agrifood") is not None
    assert network.kind("self_employed") is not None
    assert network.comarca("babia") is not None
    assert network.municipality("leon") is not None
    assert network.sector("nope") is None
    assert network.kind("nope") is None
    assert network.comarca("nope") is None
    assert network.municipality("nope") is None


def test_fees(network: Network) -> None:
    fees = network.fees
    assert fees.amount_for("self_employed") == Decimal(30)
    assert fees.amount_for("local_entity") == Decimal(0)
    assert fees.amount_for("other") == fees.default == Decimal(60)
    assert fees.due_date(2027).isoformat() == "2027-03-31"


def test_quiet_hours_cross_midnight(network: Network) -> None:
    quiet = network.settings.quiet_hours
    assert quiet.contains(time(23, 30))
    assert quiet.contains(time(0, 0))
    assert quiet.contains(time(7, 59))
    assert not quiet.contains(time(8, 0))
    assert not quiet.contains(time(12, 0))
    assert quiet.contains(time(22, 0))


# --- Finding a municipality from what people type ------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("leon", "León"),
        ("LEÓN", "León"),
        ("  León  ", "León"),
        ("Bañeza", "La Bañeza"),
        ("la bañeza", "La Bañeza"),
        ("Bañeza, La", "La Bañeza"),  # the INE register's order
        ("pola de gordon", "La Pola de Gordón"),
        ("valverde enrique", "Valverde-Enrique"),
        ("san_andres_del_rabanedo", "San Andrés del Rabanedo"),
        ("Candín", "Valle de Ancares"),  # former name
        ("Trobajo del Camino", "San Andrés del Rabanedo"),  # big village
    ],
)
def test_exact_match_ignores_case_accents_and_article(
    network: Network, typed: str, expected: str
) -> None:
    found = network.find_municipality(typed)
    assert found.exact is not None
    assert found.exact.name == expected
    assert found.suggestions == []


def test_typo_gets_suggestions_not_an_exact_match(network: Network) -> None:
    found = network.find_municipality("ponferada")
    assert found.exact is None
    assert found.suggestions[0].name == "Ponferrada"


def test_partial_name_suggests_several_and_respects_limit(network: Network) -> None:
    found = network.find_municipality("santa maria", limit=3)
    assert found.exact is None
    assert len(found.suggestions) == 3
    assert all(m.name.startswith("Santa Mar") for m in found.suggestions)
    assert len({m.key for m in found.suggestions}) == 3


def test_prefix_matches_come_first(network: Network) -> None:
    found = network.find_municipality("vega")
    assert found.suggestions[0].name.startswith("Vega")


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "🙂" * 1000, "x" * 10_000, "la", "\x00\n\t", "12345", "qwrtzpk", "\ud800"],
)
def test_nonsense_never_raises_and_suggests_nothing_wild(network: Network, typed: str) -> None:
    found = network.find_municipality(typed)
    assert found.exact is None
    assert found.suggestions == []


def test_random_unicode_never_raises(network: Network) -> None:
    rng = random.Random(2024)
    alphabet = [chr(c) for c in range(0x20, 0x370)] + ["🙂", "\u200b", "\ufeff", "\U0010ffff"]
    for _ in range(300):
        typed = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        found = network.find_municipality(typed, limit=rng.randint(-1, 8))
        assert len(found.suggestions) <= 8


def test_zero_limit_still_finds_exact(network: Network) -> None:
    assert network.find_municipality("Astorga", limit=0).exact is not None
    assert network.find_municipality("Astroga", limit=0).suggestions == []


# --- Bad files fail with one line naming file and field ------------------------------


def test_missing_sector_is_named(tmp_path: Path) -> None:
    text, count = re.subn(r'\[\[sectors\]\]\nkey = "finance"\n(?:.+\n)+\n', "", BUNDLED)
    assert count == 1
    error = load_error(tmp_path, text)
    assert error.field == "sectors"
    assert "missing finance" in str(error)


def test_unknown_comarca_is_named(tmp_path: Path) -> None:
    text = BUNDLED.replace('comarca = "babia"', 'comarca = "atlantis"', 1)
    error = load_error(tmp_path, text)
    assert error.field is not None
    assert re.fullmatch(r"municipalities\[\d+\]\.comarca", error.field)
    assert "'atlantis'" in str(error)


def test_bad_key_is_named_with_its_index(tmp_path: Path) -> None:
    text = BUNDLED.replace('key = "crafts"', 'key = "Crafts & Arts"', 1)
    error = load_error(tmp_path, text)
    assert error.field == "sectors[2].key"
    assert "'Crafts & Arts'" in str(error)


def test_duplicate_municipality_key_is_named(tmp_path: Path) -> None:
    text = BUNDLED.replace('key = "astorga"\nname = "Astorga"', 'key = "leon"\nname = "Astorga"')
    error = load_error(tmp_path, text)
    assert error.field is not None
    assert re.fullmatch(r"municipalities\[\d+\]\.key", error.field)


def test_label_without_spanish_is_named(tmp_path: Path) -> None:
    text = BUNDLED.replace('{ es = "Cooperativa", en = "Cooperative" }', '{ en = "Coop" }')
    error = load_error(tmp_path, text)
    assert error.field == "entity_kinds[0].label"


def test_fee_for_unknown_kind_is_named(tmp_path: Path) -> None:
    text = BUNDLED.replace("local_entity = 0\n", "local_entity = 0\nguild = 10\n", 1)
    error = load_error(tmp_path, text)
    assert error.field == "fees.by_kind.guild"


def test_misspelt_field_is_reported(tmp_path: Path) -> None:
    text = BUNDLED.replace("posts_per_day = 5", "post_per_day = 5")
    error = load_error(tmp_path, text)
    assert error.field in {"network.post_per_day", "network.posts_per_day"}
    assert "more problem" in str(error)  # both the unknown and the missing field count


def test_bad_quiet_hours_and_due_date_are_named(tmp_path: Path) -> None:
    error = load_error(tmp_path, BUNDLED.replace('start = "22:00"', 'start = "25:00"'))
    assert error.field == "network.quiet_hours.start"
    error = load_error(tmp_path, BUNDLED.replace('due = "03-31"', 'due = "31-03"'))
    assert error.field == "fees.due"


def test_bad_toml_is_reported(tmp_path: Path) -> None:
    error = load_error(tmp_path, "[network\nname = ")
    assert error.field is None
    assert "invalid TOML" in str(error)


def test_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "network.toml"
    path.write_bytes('[network]\nname = "León"\n'.encode("latin-1"))
    with pytest.raises(NetworkConfigError, match="not UTF-8"):
        load_network(path)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(NetworkConfigError, match=r"network file .*nope\.toml: cannot read"):
        load_network(tmp_path / "nope.toml")


def test_config_error_is_a_value_error() -> None:
    assert issubclass(NetworkConfigError, ValueError)


# --- Labels and folding --------------------------------------------------------------


def test_label_falls_back_to_spanish() -> None:
    label = Label({"es": "Cooperativa", "en": "Cooperative"})
    assert label.get("en") == "Cooperative"
    assert label.get("en-GB") == "Cooperative"
    assert label.get("EN_us") == "Cooperative"
    assert label.get("fr") == "Cooperativa"
    assert label.get("") == "Cooperativa"
    assert label.get(None) == "Cooperativa"
    assert label.es == "Cooperativa"
    assert label.en == "Cooperative"


def test_label_accepts_any_language_without_code_changes() -> None:
    label = Label({"es": "Cooperativa", "pt": "Cooperativa (pt)", "ast": "Cooperativa (ast)"})
    assert label.get("pt-BR") == "Cooperativa (pt)"
    assert label.get("ast") == "Cooperativa (ast)"
    assert label.en == "Cooperativa"  # no English: Spanish, not an error


def test_label_requires_spanish_and_valid_codes() -> None:
    with pytest.raises(ValidationError):
        Label({"en": "Cooperative"})
    with pytest.raises(ValidationError):
        Label({"es": "Cooperativa", "English": "Cooperative"})
    with pytest.raises(ValidationError):
        Label({"es": "   "})


def test_fold() -> None:
    assert fold("  León  ") == "leon"
    assert fold("La   BAÑEZA\n") == "la baneza"
    assert fold("Igüeña") == "iguena"
    assert fold("Órbigo") == "orbigo"
    assert fold("") == ""
    assert fold("🙂") == "🙂"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("grace_days = 60", "grace_days = -1", "fees.grace_days"),
        ('tax_id = "G24000002"', 'tax_id = "G24000003"', "fees.tax_id"),
        ("exempt_kinds = []", 'exempt_kinds = ["guild"]', "fees.exempt_kinds[0]"),
        ('notice_time = "10:00"', 'notice_time = "26:00"', "fees.notice_time"),
        ("remind_days_after = [15, 45]", "remind_days_after = [15, 90]", "fees.remind_days_after"),
        (
            'reference_format = "CUOTA {year} {entity}"',
            'reference_format = "CUOTA {anyo}"',
            "fees.reference_format",
        ),
        ("pro_rata = false", 'pro_rata = "sometimes"', "fees.pro_rata"),
    ],
)
def test_bad_fee_settings_stop_with_the_field_named(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    assert old in BUNDLED
    error = load_error(tmp_path, BUNDLED.replace(old, new))
    assert error.field == field, str(error)


def test_fee_schedule_in_cents_and_anniversary_mode(tmp_path: Path) -> None:
    fees = load_network().fees
    assert fees.cents_for("company") == 9000
    assert fees.cents_for("local_entity") == 0
    assert fees.tax_id == "G24000002"
    assert fees.reference(2027, 12) == "CUOTA 2027 12"
    path = tmp_path / "net.toml"
    path.write_text(BUNDLED.replace('due = "03-31"', 'due = "anniversary"'), encoding="utf-8")
    anniversary = load_network(path).fees
    assert anniversary.anniversary
    assert anniversary.due_date(2027, date(2024, 2, 29)) == date(2027, 2, 28)
    assert anniversary.due_date(2028, date(2024, 2, 29)) == date(2028, 2, 29)
