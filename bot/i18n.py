"""Translation catalogs read from locales/<lang>/LC_MESSAGES/bot.po, and locale resolution.

Messages are addressed by stable keys (``onboarding.welcome``) so that the outbox can store a
key plus parameters and render it later in the recipient's language. Catalogs are read from the
.po sources with Babel at start-up (a few hundred entries, milliseconds), so a stale compiled .mo
can never disagree with the source. Adding a language is adding a folder: no code changes.
"""

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

__all__ = [
    "DEFAULT_LOCALES_DIR",
    "N_",
    "Catalogs",
    "Safe",
    "Translator",
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


def placeholders(text: str) -> set[str]:
    """Return the names of the ``{placeholders}`` in a message."""
    return set(_PLACEHOLDER.findall(text))


class Catalogs:
    """All languages' messages, keyed by locale then message key."""

    def __init__(self, messages: Mapping[str, Mapping[str, str]], default_locale: str) -> None:
        if default_locale not in messages:
            raise ValueError(f"no catalog for the default locale {default_locale!r}")
        self._messages = messages
        self.default_locale = default_locale

    @classmethod
    def load(cls, directory: Path = DEFAULT_LOCALES_DIR, default_locale: str = "es") -> "Catalogs":
        """Read every locales/<lang>/LC_MESSAGES/bot.po under directory."""
        messages: dict[str, dict[str, str]] = {}
        for po_path in sorted(directory.glob("*/LC_MESSAGES/bot.po")):
            locale = po_path.parent.parent.name
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=None)
            messages[locale] = {
                str(message.id): str(message.string)
                for message in catalog
                if message.id and message.string and not message.fuzzy
            }
        return cls(messages, default_locale)

    @property
    def locales(self) -> list[str]:
        """Available locales, the default first."""
        others = sorted(loc for loc in self._messages if loc != self.default_locale)
        return [self.default_locale, *others]

    def raw(self, locale: str, key: str) -> str | None:
        """The untranslated template of key in locale, or None when missing."""
        return self._messages.get(locale, {}).get(key)

    def keys(self, locale: str) -> set[str]:
        """Every key that locale translates."""
        return set(self._messages.get(locale, {}))

    def translator(self, locale: str) -> "Translator":
        """A translator bound to locale (unknown locales fall back to the default)."""
        chosen = locale if locale in self._messages else self.default_locale
        return Translator(self, chosen)


@dataclass(frozen=True, slots=True)
class Translator:
    """Renders message keys in one locale; string parameters are HTML-escaped."""

    catalogs: Catalogs
    locale: str

    def __call__(self, key: str, **params: object) -> str:
        """Translate key and fill in its parameters (translate first, format after)."""
        template = self.catalogs.raw(self.locale, key)
        if template is None:
            template = self.catalogs.raw(self.catalogs.default_locale, key) or key
        escaped = {name: _escape(value) for name, value in params.items()}
        try:
            return template.format(**escaped)
        except (KeyError, IndexError, ValueError):
            # A broken translation must not take a member's request down with it.
            return template


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
