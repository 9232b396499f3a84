"""Validation of what an applicant types about their entity, and the draft being filled in."""

import html
import re
from enum import StrEnum
from urllib.parse import urlsplit

import phonenumbers
from pydantic import BaseModel, ValidationError

from bot.domain.members import DESCRIPTION_MAX, NAME_MAX, OFFER_NEED_MAX, EntityProfile
from bot.domain.text import clean_text, fold, has_visible

__all__ = [
    "ATTRIBUTES",
    "DESCRIPTION_MAX",
    "EMAIL_MAX",
    "FIELDS",
    "MAX_SECTORS",
    "NAME_MAX",
    "OFFER_NEED_MAX",
    "OPTIONAL_FIELDS",
    "WEBSITE_MAX",
    "Field",
    "InvalidField",
    "ProfileDraft",
    "answer_key",
    "clean_block",
    "clean_line",
    "normalize_email",
    "normalize_phone",
    "normalize_website",
    "phone_for_display",
    "shown_length",
    "toggle_sector",
]

MAX_SECTORS = 3
EMAIL_MAX = 254
WEBSITE_MAX = 200

_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
# Host names of at least two labels; the top-level one starts with a letter, 2+ characters.
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]")
_PHONE_PUNCTUATION = re.compile(r"[\s\-./()]")
# Spanish numbers have 9 digits; landlines start with 8 or 9, mobiles with 6 or 7.
_SPANISH_NATIONAL = re.compile(r"[6-9]\d{8}")
_SPAIN = 34  # the country calling code shown without its prefix
# E.164: a country code (never starting with 0) and at most 15 digits in all.
_E164_DIGITS = re.compile(r"[1-9]\d{6,14}")


class Field(StrEnum):
    """A question of the profile; the values are stored in conversation states and buttons."""

    NAME = "name"
    KIND = "kind"
    SECTORS = "sectors"
    MUNICIPALITY = "municipality"
    DESCRIPTION = "description"
    OFFER = "offer"
    NEED = "need"
    EMAIL = "email"
    PHONE = "phone"
    WEBSITE = "website"
    LISTED = "listed"


# The questions in the order they are asked.
FIELDS: tuple[Field, ...] = tuple(Field)
OPTIONAL_FIELDS: frozenset[Field] = frozenset(
    {Field.OFFER, Field.NEED, Field.EMAIL, Field.PHONE, Field.WEBSITE}
)
# The profile attributes each question sets.
_RENAMED: dict[Field, tuple[str, ...]] = {
    Field.OFFER: ("offer_text",),
    Field.NEED: ("need_text",),
    Field.MUNICIPALITY: ("municipality", "place_outside"),
}
ATTRIBUTES: dict[Field, tuple[str, ...]] = {
    field: _RENAMED.get(field, (field.value,)) for field in Field
}


class InvalidField(ValueError):
    """An answer that cannot be accepted; reason names the problem, params fill its message."""

    def __init__(self, reason: str, **params: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def shown_length(text: str) -> int:
    """Length of text once HTML-escaped, as it is shown back (what limits apply to)."""
    return len(html.escape(text, quote=False))


def _check_length(text: str, limit: int, typed: str) -> str:
    if not has_visible(text):
        # Something was typed, yet nothing of it shows (zero-width or control characters).
        raise InvalidField("invisible" if typed.strip() else "empty")
    length = shown_length(text)
    if length > limit:
        raise InvalidField("too_long", length=length, limit=limit)
    return text


def clean_line(text: str, limit: int) -> str:
    """One line of text (a name): cleaned (clean_text), whitespace collapsed, at most limit
    characters, something visible."""
    return _check_length(" ".join(clean_text(text).split()), limit, text)


def clean_block(text: str, limit: int) -> str:
    """A paragraph or two: cleaned (clean_text), trailing spaces and runs of blank lines
    removed, something visible."""
    lines = [line.rstrip() for line in clean_text(text, multiline=True).strip().splitlines()]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return _check_length("\n".join(kept).strip(), limit, text)


def normalize_email(text: str) -> str:
    """An email address with its domain in lower case."""
    value = clean_text(text).strip()
    local, at, domain = value.rpartition("@")
    if (
        not at
        or len(value) > EMAIL_MAX
        or len(local) > 64
        or not _EMAIL_LOCAL.fullmatch(local)
        or not _HOST.fullmatch(domain.lower())
    ):
        raise InvalidField("email")
    return f"{local}@{domain.lower()}"


def phone_for_display(e164: str) -> str:
    """A stored phone number as people write it: "987 41 22 33" for Spain (where the network
    is), "+44 20 7946 0958" for anywhere else; as stored when it cannot be read."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == _SPAIN:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalize_phone(text: str) -> str:
    """A phone number in E.164 form: Spanish 9-digit numbers get +34."""
    value = _PHONE_PUNCTUATION.sub("", clean_text(text).strip())
    if value.startswith("00"):
        value = "+" + value[2:]
    if _SPANISH_NATIONAL.fullmatch(value):
        return "+34" + value
    if not value.startswith("+") or not _E164_DIGITS.fullmatch(value[1:]):
        raise InvalidField("phone")
    if value.startswith("+34") and not _SPANISH_NATIONAL.fullmatch(value[3:]):
        raise InvalidField("phone")
    return value


def normalize_website(text: str) -> str:
    """An http(s) URL; a bare domain ("coop.es/tienda") becomes https://coop.es/tienda."""
    value = clean_text(text).strip()
    if not value or len(value) > WEBSITE_MAX or any(ch.isspace() for ch in value):
        raise InvalidField("website")
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        raise InvalidField("website") from None
    if (
        parts.scheme.lower() not in {"http", "https"}
        or parts.username is not None
        or not _HOST.fullmatch(host)
    ):
        raise InvalidField("website")
    netloc = (parts.hostname or "") + (f":{port}" if port is not None else "")
    rest = value[len(parts.scheme) + 3 + len(parts.netloc) :]
    return f"{parts.scheme.lower()}://{netloc}{rest}"


def answer_key(text: str) -> str:
    """A typed answer or button label reduced for comparing: no case, accents, emoji or marks."""
    # So that typing "agroalimentacion" means the button "✅ Agroalimentación".
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def toggle_sector(selected: list[str], key: str) -> list[str]:
    """Add or remove a sector; adding beyond MAX_SECTORS is refused."""
    if key in selected:
        return [sector for sector in selected if sector != key]
    if len(selected) >= MAX_SECTORS:
        raise InvalidField("too_many_sectors", limit=MAX_SECTORS)
    return [*selected, key]


class ProfileDraft(BaseModel):
    """A profile being filled in step by step; kept as JSON in the user's chat state."""

    name: str | None = None
    kind: str | None = None
    sectors: list[str] = []
    municipality: str | None = None
    # Distinguishes "outside the province" (None, answered) from "not asked yet".
    municipality_answered: bool = False
    place_outside: str | None = None  # what was typed, once "outside the province" is chosen
    municipality_typed: str | None = None  # the last place typed, for that button
    description: str | None = None
    offer_text: str = ""
    need_text: str = ""
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    listed: bool | None = None

    @classmethod
    def from_profile(cls, profile: EntityProfile) -> "ProfileDraft":
        """A draft holding a stored profile, for editing it."""
        fields = profile.model_dump(include=set(EntityProfile.model_fields))
        return cls(**fields, municipality_answered=True)

    def merged_into(self, current: EntityProfile, field: Field) -> EntityProfile:
        """current with the answer to one question taken from this draft."""
        changes = {name: getattr(self, name) for name in ATTRIBUTES[field]}
        fields = current.model_dump(include=set(EntityProfile.model_fields))
        return EntityProfile.model_validate(fields | changes)

    def first_missing(self) -> Field | None:
        """The first required question without an answer (None when all are answered)."""
        unanswered = {
            Field.NAME: self.name is None,
            Field.KIND: self.kind is None,
            Field.SECTORS: not self.sectors,
            Field.MUNICIPALITY: not self.municipality_answered,
            Field.DESCRIPTION: not self.description,
            Field.LISTED: self.listed is None,
        }
        return next((field for field, missing in unanswered.items() if missing), None)

    def to_profile(self) -> EntityProfile | None:
        """The finished profile, or None while a required answer is missing."""
        if not self.municipality_answered or self.listed is None:
            return None
        try:
            return EntityProfile.model_validate(self.model_dump(exclude={"municipality_answered"}))
        except ValidationError:
            return None
