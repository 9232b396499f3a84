"""Every message key used in the code exists in every language, with the same placeholders."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import (
    DEFAULT_LOCALES_DIR,
    Catalogs,
    Safe,
    mark_plurals,
    placeholders,
    resolve_locale,
)

BOT_DIR = Path(__file__).resolve().parents[2] / "bot"


def used_keys() -> set[str]:
    found = extract_from_dir(
        str(BOT_DIR),
        method_map=[("**.py", "python")],
        keywords={"t": None, "N_": None},
        comment_tags=(),
        strip_comment_tags=True,
    )
    return {message for _, _, message, _, _ in found if isinstance(message, str)}


@pytest.fixture(scope="module")
def catalogs() -> Catalogs:
    return Catalogs.load(DEFAULT_LOCALES_DIR, "es")


def test_spanish_and_english_are_available(catalogs: Catalogs) -> None:
    assert catalogs.locales[:1] == ["es"]
    assert "en" in catalogs.locales


def test_every_key_used_in_code_is_translated_in_every_language(catalogs: Catalogs) -> None:
    keys = used_keys()
    assert len(keys) > 20
    for locale in catalogs.locales:
        missing = sorted(keys - catalogs.keys(locale))
        assert not missing, f"{locale} lacks {missing}"


def test_languages_translate_the_same_keys(catalogs: Catalogs) -> None:
    reference = catalogs.keys("es")
    for locale in catalogs.locales:
        assert catalogs.keys(locale) == reference, locale


def test_placeholders_match_between_languages(catalogs: Catalogs) -> None:
    for key in catalogs.keys("es"):
        expected = placeholders(catalogs.entry("es", key) or "")
        for locale in catalogs.locales:
            got = placeholders(catalogs.entry(locale, key) or "")
            assert got == expected, f"{locale}:{key} has {got}, es has {expected}"


def test_translation_escapes_text_but_not_safe_html(catalogs: Catalogs) -> None:
    t = catalogs.translator("en")
    rendered = t("common.chat_id", chat_id="<b>&")
    assert "&lt;b&gt;&amp;" in rendered
    assert "<code>" in rendered
    assert "<i>x</i>" in t("common.chat_id", chat_id=Safe("<i>x</i>"))


def test_unknown_locale_and_key_fall_back(catalogs: Catalogs) -> None:
    assert catalogs.translator("fr").locale == "es"
    assert catalogs.translator("en")("no.such.key") == "no.such.key"


def test_a_new_language_needs_only_a_folder(tmp_path: Path) -> None:
    for locale, text in (("es", "Hola"), ("eu", "Kaixo")):
        folder = tmp_path / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "bot.po").write_text(
            f'msgid ""\nmsgstr ""\n\nmsgid "greet"\nmsgstr "{text}"\n', encoding="utf-8"
        )
    catalogs = Catalogs.load(tmp_path, "es")
    assert catalogs.locales == ["es", "eu"]
    assert catalogs.translator("eu")("greet") == "Kaixo"


POLISH = """msgid ""
msgstr ""
"Language: pl\\n"

msgid "files"
msgid_plural "count"
msgstr[0] "{count} plik"
msgstr[1] "{count} pliki"
msgstr[2] "{count} plików"

msgid "broken"
msgid_plural "count"
msgstr[0] "{count} raz"
"""
SPANISH = """msgid ""
msgstr ""
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "files"
msgid_plural "count"
msgstr[0] "{count} archivo"
msgstr[1] "{count} archivos"

msgid "broken"
msgid_plural "count"
msgstr[0] "{count} vez"
msgstr[1] "{count} veces"

msgid "greet"
msgstr "Hola"
"""


def write_catalog(root: Path, locale: str, text: str) -> None:
    folder = root / locale / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "bot.po").write_text(text, encoding="utf-8")


def test_a_new_language_brings_its_own_plural_rule(tmp_path: Path) -> None:
    write_catalog(tmp_path, "es", SPANISH)
    write_catalog(tmp_path, "pl", POLISH)  # no Plural-Forms: Babel knows Polish from Language
    catalogs = Catalogs.load(tmp_path, "es")
    t = catalogs.translator("pl")
    assert catalogs.num_plurals("pl") == 3
    assert [t("files", count=n) for n in (1, 3, 5, 22)] == [
        "1 plik",
        "3 pliki",
        "5 plików",
        "22 pliki",
    ]
    # A plural entry missing forms is a missing translation: the default language's entry,
    # with the default language's rule.
    assert t("broken", count=1) == "1 vez"
    assert t("greet") == "Hola"
    # A count that is not an integer takes the last form rather than failing.
    assert t("files", count="many") == "many plików"


def test_make_pot_keeps_plural_keys_plural(tmp_path: Path) -> None:
    write_catalog(tmp_path, "es", SPANISH)
    template = tmp_path / "bot.pot"
    template.write_text(  # what pybabel extract writes for t("files", count=n), t("greet")
        'msgid "files"\nmsgstr ""\n\nmsgid "greet"\nmsgstr ""\n', encoding="utf-8"
    )
    mark_plurals(template, Catalogs.load(tmp_path, "es"))
    with template.open("rb") as handle:
        pot = read_po(handle)
    assert pot["files"].id == ("files", "count")
    assert pot["greet"].id == "greet"


@pytest.mark.parametrize(
    ("stored", "telegram", "expected"),
    [
        ("en", "es", "en"),
        (None, "en-GB", "en"),
        (None, "es-ES", "es"),
        (None, "fr", "es"),
        (None, None, "es"),
        ("xx", "en", "en"),
    ],
)
def test_locale_resolution_order(stored: str | None, telegram: str | None, expected: str) -> None:
    assert resolve_locale(stored, telegram, ["es", "en"], "es") == expected
