"""Every message key used in the code exists in every language, with the same placeholders,
and every count is a plural entry with the forms its language has."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import (
    DEFAULT_LOCALES_DIR,
    Catalogs,
    Entry,
    Plural,
    Safe,
    mark_plurals,
    placeholders,
    resolve_locale,
)

BOT_DIR = Path(__file__).resolve().parents[2] / "bot"
# Placeholders that are text, identifiers or positions, never a count, and that a word may
# follow ("{name} ha usado", "nº {id} descartado"). Anything else followed by a word is taken
# for a count that the word has to agree with: "{people} personas" is "1 personas" waiting to
# happen. Add a name here only if it can never hold a number.
# Placeholders that are never counts: names, ids, and (fees) a formatted amount or a year.
NOT_COUNTS = {"email", "name", "id", "number", "audience", "entity", "amount", "year", "issuer"}
_WORD_AFTER = re.compile(r"\{(\w+)\}[ \xa0]+(\w+)")


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


def catalog_files() -> list[Path]:
    return sorted(DEFAULT_LOCALES_DIR.glob("*/LC_MESSAGES/bot.po"))


@pytest.mark.parametrize("po_path", catalog_files(), ids=lambda path: path.parent.parent.name)
def test_plural_entries_have_the_forms_their_language_has(po_path: Path) -> None:
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=None, abort_invalid=True)  # too many forms raise
    # Without either header Babel would count this language's forms as English does.
    header = po_path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert "Plural-Forms:" in header or "Language:" in header
    plural = [message for message in catalog if message.id and message.pluralizable]
    assert len(plural) > 20
    for message in plural:
        forms = message.string
        assert isinstance(forms, tuple | list), message.id
        assert len(forms) == catalog.num_plurals, message.id
        assert all(forms), f"{message.id} lacks a form: {forms}"


def test_a_plural_entry_is_plural_in_every_language_on_the_same_count(
    catalogs: Catalogs,
) -> None:
    for key in catalogs.keys("es"):
        reference = catalogs.entry("es", key)
        for locale in catalogs.locales:
            entry = catalogs.entry(locale, key)
            if isinstance(reference, Plural):
                assert isinstance(entry, Plural), f"{locale}:{key} is not plural"
                assert entry.count == reference.count, f"{locale}:{key} counts {entry.count}"
                assert entry.count in placeholders(entry), f"{locale}:{key} shows no count"
            else:
                assert not isinstance(entry, Plural), f"{locale}:{key} is plural, es is not"


def counts_without_plural(entry: Entry) -> Iterator[str]:
    """Placeholders followed by a word they may have to agree with, in entry's texts.

    A plural entry's own count is fine, and so are a piece (``*_html``, rendered from its own
    plural entry), "{a} de {b}" (a ratio or position, whose word is a preposition) and a word
    in capitals (a unit: "{max_mb} MB").
    """
    selector = entry.count if isinstance(entry, Plural) else None
    for text in entry.forms if isinstance(entry, Plural) else (entry,):
        for match in _WORD_AFTER.finditer(text):
            name, word = match.groups()
            ratio = text[match.end() :].lstrip().startswith("{")
            if name == selector or name in NOT_COUNTS or name.endswith("_html"):
                continue
            if word[0].islower() and not ratio:
                yield f"{{{name}}} {word}"


def test_a_count_followed_by_its_word_is_a_plural_entry(catalogs: Catalogs) -> None:
    found = {
        f"{locale}:{key}": sorted(set(counts_without_plural(entry)))
        for locale in catalogs.locales
        for key in sorted(catalogs.keys(locale))
        if (entry := catalogs.entry(locale, key)) is not None and any(counts_without_plural(entry))
    }
    assert not found, (
        "counts without plural forms (make the entry plural on that parameter, or pass other "
        f"counts as pieces; see bot/i18n.py): {found}"
    )


def test_the_count_detector_catches_what_issue_nine_saw() -> None:
    assert list(counts_without_plural("Enviar a {people} personas")) == ["{people} personas"]
    assert list(counts_without_plural("{sent}/{total}, {failed} fallidos")) == ["{failed} fallidos"]
    assert not list(counts_without_plural(Plural("people", ("{people} persona", "x"))))
    assert not list(counts_without_plural("Pregunta {number} de {total}; {max_mb} MB"))
    assert not list(counts_without_plural("{sent} de {total}; {people_html} de {entities_html}"))


@pytest.mark.parametrize(
    ("locale", "count", "expected"),
    [
        ("es", 1, "✅ Enviar a 1 persona"),
        ("es", 0, "✅ Enviar a 0 personas"),
        ("es", 2, "✅ Enviar a 2 personas"),
        ("en", 1, "✅ Send to 1 person"),
        ("en", 21, "✅ Send to 21 people"),
    ],
)
def test_the_form_follows_the_count(
    catalogs: Catalogs, locale: str, count: int, expected: str
) -> None:
    assert catalogs.translator(locale)("announce.confirm", people=count) == expected


def test_a_piece_carries_a_second_count(catalogs: Catalogs) -> None:
    t = catalogs.translator("es")
    people = Safe(t("announce.people", count=1))
    entities = Safe(t("announce.entities", count=2))
    assert f"{people} de {entities}" == "1 persona de 2 entidades"


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


# One word for one thing: the network's members are organisations in English and entidades
# in Spanish, everywhere a person reads them (placeholder names are code, not words).
AVOIDED_WORDS = {"en": re.compile(r"\bentit(y|ies)\b", re.I), "es": re.compile(r"organizaci", re.I)}


@pytest.mark.parametrize("locale", sorted(AVOIDED_WORDS))
def test_one_word_for_the_network_s_members(locale: str) -> None:
    path = Path(__file__).resolve().parents[2] / "locales" / locale / "LC_MESSAGES" / "bot.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        string = message.string
        forms = [string] if isinstance(string, str) else list(string or ())
        for form in forms:
            text = re.sub(r"\{[^}]*\}", "", str(form or ""))
            if AVOIDED_WORDS[locale].search(text):
                found.append(message.id)
    assert not found, f"use the network's one word in {locale}: {found}"
