"""Translation catalogs read from locales/<lang>/LC_MESSAGES/bot.po, and locale resolution.

Messages are addressed by stable keys (``onboarding.welcome``) so that the outbox can store a
key plus parameters and render it later in the recipient's language. Catalogs are read from the
.po sources with Babel at start-up (a few hundred entries, milliseconds), so a stale compiled .mo
can never disagree with the source. Adding a language is adding a folder: no code changes.

Counts use gettext plural forms. A plural entry names, in its ``msgid_plural``, the parameter
that counts, and gives one ``msgstr[n]`` per plural form of its language::

    msgid "announce.confirm"
    msgid_plural "people"
    msgstr[0] "✅ Enviar a {people} persona"
    msgstr[1] "✅ Enviar a {people} personas"

``t("announce.confirm", people=3)`` picks the form with the catalog's ``Plural-Forms`` rule (or
the one Babel knows for its ``Language`` when the header has none). Call sites and outbox rows
keep their parameter names; only the catalog knows that a message is plural. A message counts
at most one thing itself: any other count in it comes in as a *piece*, a small plural entry
rendered first by the same translator and passed as a ``*_html`` parameter
(``entities_html=Safe(t("announce.entities", count=n))``). Crossing two counts in one entry
would need a form for every pair of plural categories, which gettext cannot express.
"""

import gettext
import html
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

__all__ = [
    "DEFAULT_LOCALES_DIR",
    "N_",
    "Catalogs",
    "Entry",
    "Plural",
    "Safe",
    "Translator",
    "mark_plurals",
    "placeholders",
    "resolve_locale",
]

DEFAULT_LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
_PLACEHOLDER = re.compile(r"\{(\w+)(?:[!:][^}]*)?\}")


def N_(key: str) -> str:
    """Mark a message key kept as data (menus, command lists) so extraction finds it."""
    return key


class Safe(str):
    """A parameter that is already valid Telegram HTML and must not be escaped again."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Plural:
    """A message whose wording depends on a number: one form per plural form of its language."""

    count: str  # the parameter whose value picks the form (the entry's msgid_plural)
    forms: tuple[str, ...]


Entry = str | Plural


def placeholders(entry: Entry) -> set[str]:
    """Return the names of the ``{placeholders}`` in a message (in any of its forms)."""
    texts = entry.forms if isinstance(entry, Plural) else (entry,)
    return {name for text in texts for name in _PLACEHOLDER.findall(text)}


@dataclass(frozen=True, slots=True)
class _Language:
    entries: Mapping[str, Entry]
    plural: Callable[[int], int]  # a count -> the index of its form, from Plural-Forms
    num_plurals: int


class Catalogs:
    """All languages' messages, keyed by locale then message key."""

    def __init__(self, languages: Mapping[str, _Language], default_locale: str) -> None:
        if default_locale not in languages:
            raise ValueError(f"no catalog for the default locale {default_locale!r}")
        self._languages = languages
        self.default_locale = default_locale

    @classmethod
    def load(cls, directory: Path = DEFAULT_LOCALES_DIR, default_locale: str = "es") -> "Catalogs":
        """Read every locales/<lang>/LC_MESSAGES/bot.po under directory."""
        languages: dict[str, _Language] = {}
        for po_path in sorted(directory.glob("*/LC_MESSAGES/bot.po")):
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=None)
            languages[po_path.parent.parent.name] = _language(catalog)
        return cls(languages, default_locale)

    @property
    def locales(self) -> list[str]:
        """Available locales, the default first."""
        others = sorted(loc for loc in self._languages if loc != self.default_locale)
        return [self.default_locale, *others]

    def entry(self, locale: str, key: str) -> Entry | None:
        """The untranslated template(s) of key in locale, or None when missing."""
        language = self._languages.get(locale)
        return language.entries.get(key) if language else None

    def keys(self, locale: str) -> set[str]:
        """Every key that locale translates."""
        language = self._languages.get(locale)
        return set(language.entries) if language else set()

    def num_plurals(self, locale: str) -> int:
        """How many forms a plural entry has in locale (its Plural-Forms' nplurals)."""
        return self._languages[locale].num_plurals

    def form(self, locale: str, entry: Plural, count: object) -> str:
        """The form of entry for count in locale; the last when count is not an integer."""
        index = len(entry.forms) - 1
        if isinstance(count, int) and not isinstance(count, bool):
            index = min(self._languages[locale].plural(count), index)
        return entry.forms[index]

    def translator(self, locale: str) -> "Translator":
        """A translator bound to locale (unknown locales fall back to the default)."""
        chosen = locale if locale in self._languages else self.default_locale
        return Translator(self, chosen)


@dataclass(frozen=True, slots=True)
class Translator:
    """Renders message keys in one locale; string parameters are HTML-escaped."""

    catalogs: Catalogs
    locale: str

    def __call__(self, key: str, **params: object) -> str:
        """Translate key and fill in its parameters (translate first, format after).

        A plural entry's form is chosen by the parameter its msgid_plural names, with the
        plural rule of the catalog the entry comes from.
        """
        locale = self.locale
        entry = self.catalogs.entry(locale, key)
        if entry is None:
            locale = self.catalogs.default_locale
            entry = self.catalogs.entry(locale, key)
        if entry is None:
            template = key
        elif isinstance(entry, Plural):
            template = self.catalogs.form(locale, entry, params.get(entry.count))
        else:
            template = entry
        escaped = {name: _escape(value) for name, value in params.items()}
        try:
            return template.format(**escaped)
        except (KeyError, IndexError, ValueError):
            # A broken translation must not take a member's request down with it.
            return template


def _language(catalog: Catalog) -> _Language:
    entries: dict[str, Entry] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple) and isinstance(message.string, tuple | list):
            forms = tuple(str(form) for form in message.string)
            if forms and all(forms):  # a missing form is a missing translation
                entries[str(message.id[0])] = Plural(str(message.id[1]), forms)
        elif message.string:
            entries[str(message.id)] = str(message.string)
    return _Language(entries, gettext.c2py(catalog.plural_expr), catalog.num_plurals)


def mark_plurals(template: Path, catalogs: Catalogs) -> None:
    """Make the default catalog's plural keys plural in a template extracted from the code.

    Extraction sees ``t("announce.confirm", people=n)`` as a plain key; a new language started
    from the template needs the entry's msgid_plural to get its plural forms.
    """
    with template.open("rb") as handle:
        pot = read_po(handle, locale=None)
    for message in pot:
        if not isinstance(message.id, str):
            continue  # already plural
        entry = catalogs.entry(catalogs.default_locale, message.id)
        if isinstance(entry, Plural):
            message.id = (message.id, entry.count)
            message.string = ("", "")
    with template.open("wb") as handle:
        write_po(handle, pot, omit_header=True, no_location=True)


def _escape(value: object) -> object:
    if isinstance(value, Safe):
        return value
    if isinstance(value, str):
        return html.escape(value, quote=False)
    return value


def resolve_locale(
    stored: str | None, telegram_code: str | None, available: list[str], default: str
) -> str:
    """Stored choice, else Telegram's language_code (es*, en*), else the default."""
    if stored in available:
        return stored
    if telegram_code:
        base = telegram_code.split("-")[0].split("_")[0].lower()
        if base in available:
            return base
    return default


if __name__ == "__main__":  # `make pot`: python -m bot.i18n locales/bot.pot
    mark_plurals(Path(sys.argv[1]), Catalogs.load())
