"""The network file: kinds, sectors, places, fees and limits, loaded from TOML."""

import calendar
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Annotated, Final, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    PositiveInt,
    PrivateAttr,
    RootModel,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError
from rapidfuzz import fuzz, process
from stdnum.es import cif, nif
from stdnum.exceptions import ValidationError as ValidationStdnumError

from bot.domain.text import clean_text, fold

__all__ = [
    "ANNIVERSARY",
    "ENTITY_KIND_KEYS",
    "SECTOR_KEYS",
    "Comarca",
    "EntityKind",
    "FeeSchedule",
    "Label",
    "Municipality",
    "MunicipalityLookup",
    "Network",
    "NetworkConfigError",
    "NetworkSettings",
    "PrivacyController",
    "QuietHours",
    "Reminders",
    "Sector",
    "load_network",
]

# Code (matching, fees, menus) refers to these keys, so a network file may relabel them
# but not add, drop or rename any.
SECTOR_KEYS: Final = (
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
ENTITY_KIND_KEYS: Final = (
    "cooperative",
    "social_enterprise",
    "company",
    "self_employed",
    "association",
    "public_administration",
    "local_entity",
    "other",
)

_BUNDLED_NAME: Final = "leon.toml"
_FALLBACK_LANG: Final = "es"
_SLUG = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
# ISO 639 code with an optional region or script: "es", "en", "pt-br", "ast".
_LANG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# A public "@username" (5-32 chars, Telegram's rule) or a numeric "-100…" channel id.
_CHANNEL = re.compile(r"@[A-Za-z][A-Za-z0-9_]{4,31}|-100\d{5,}")
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
ANNIVERSARY: Final = "anniversary"
_NON_WORD = re.compile(r"[\W_]+")
_ARTICLES: Final = ("el", "la", "los", "las")
# Longest official name is ~30 chars; anything much longer is not a place name, and
# capping it keeps fuzzy matching cheap on hostile input.
_MAX_QUERY_CHARS: Final = 80
# Below 3 letters nearly every name "partially" matches, so suggestions would be noise.
_MIN_FUZZY_CHARS: Final = 3
# WRatio 0-100. 80 keeps one- or two-letter typos ("ponferada") and prefixes
# ("villafranca") while dropping unrelated names.
_FUZZY_CUTOFF: Final = 80.0


class NetworkConfigError(ValueError):
    """The network file is unreadable or invalid; str() is one line naming file and field."""

    def __init__(self, source: str, problem: str, field: str | None = None) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        where = f"{field}: " if field else ""
        super().__init__(f"network file {source}: {where}{problem}")


def _problem(path: str, message: str) -> PydanticCustomError:
    """A validation error that knows its place below the validated field: "[3].key"."""
    return PydanticCustomError("network_file", "{message}", {"message": message, "path": path})


def _check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a valid key: use lowercase a-z, 0-9 and single '_' "
            "(e.g. 'energy_environment')"
        )
    return value


def _check_lang(value: str) -> str:
    if not _LANG.fullmatch(value):
        raise ValueError(f"{value!r} is not a language code: use e.g. 'es', 'en', 'pt-br'")
    return value


Slug = Annotated[str, Field(max_length=48), AfterValidator(_check_slug)]
LangCode = Annotated[str, AfterValidator(_check_lang)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Euros = Annotated[Decimal, Field(ge=0, le=100_000, decimal_places=2)]


class _Frozen(BaseModel):
    # extra="forbid": a misspelt key in the file is an error, not a silently ignored line.
    model_config = ConfigDict(frozen=True, extra="forbid")


class Label(RootModel[dict[LangCode, Text]]):
    """Text in several languages; `es` is required and is the fallback for any other."""

    model_config = ConfigDict(frozen=True)

    @field_validator("root")
    @classmethod
    def _needs_fallback(cls, texts: dict[str, str]) -> dict[str, str]:
        if _FALLBACK_LANG not in texts:
            raise ValueError(f"needs an {_FALLBACK_LANG!r} text (the fallback language)")
        return texts

    def get(self, locale: str | None) -> str:
        """Text for a locale ("en", "en-GB", "pt_BR"), else its base language, else es."""
        if locale:
            code = locale.strip().lower().replace("_", "-")
            text = self.root.get(code) or self.root.get(code.split("-", 1)[0])
            if text:
                return text
        return self.root[_FALLBACK_LANG]

    @property
    def es(self) -> str:
        """The Spanish text."""
        return self.root[_FALLBACK_LANG]

    @property
    def en(self) -> str:
        """The English text, or Spanish when the file has none."""
        return self.get("en")

    @property
    def languages(self) -> tuple[str, ...]:
        """Language codes this label has text for."""
        return tuple(self.root)


class EntityKind(_Frozen):
    """A kind of member organisation (cooperative, association...)."""

    key: Slug
    label: Label


class Sector(_Frozen):
    """An activity sector, with the words that point to it in free text."""

    key: Slug
    label: Label
    # Tuples, not lists: the model is shared by every handler and must not be mutated.
    vocabulary: dict[LangCode, tuple[Word, ...]]

    @field_validator("vocabulary")
    @classmethod
    def _vocabulary_complete(
        cls, vocabulary: dict[str, tuple[str, ...]]
    ) -> dict[str, tuple[str, ...]]:
        if _FALLBACK_LANG not in vocabulary:
            raise ValueError(f"needs {_FALLBACK_LANG!r} words")
        empty = [lang for lang, words in vocabulary.items() if not words]
        if empty:
            raise ValueError(f"no words for {', '.join(empty)}")
        return vocabulary


class Comarca(_Frozen):
    """A comarca (traditional district) that groups municipalities."""

    key: Slug
    label: Label


class Municipality(_Frozen):
    """A municipality, its official name and the comarca it belongs to."""

    key: Slug
    name: Name
    comarca: Slug
    # INE municipality code, to join official statistics later; optional for other files.
    ine: Annotated[str, StringConstraints(pattern=r"^\d{5}$")] | None = None
    # Former names and big villages people say instead of the municipality's name.
    aliases: tuple[Name, ...] = ()


@dataclass(frozen=True, slots=True)
class MunicipalityLookup:
    """What a typed place name resolved to: one exact match, or suggestions to offer."""

    exact: Municipality | None = None
    suggestions: list[Municipality] = field(default_factory=list)


class QuietHours(_Frozen):
    """Local times between which the bot sends nothing unprompted (may cross midnight)."""

    start: time
    end: time

    @field_validator("start", "end")
    @classmethod
    def _naive(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError("use a local time without offset, e.g. '22:00'")
        return value

    def contains(self, moment: time) -> bool:
        """Whether a local wall-clock time falls inside the quiet window."""
        now = moment.replace(tzinfo=None)
        if self.start == self.end:
            return False  # an empty window means "no quiet hours"
        if self.start < self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end


class PrivacyController(_Frozen):
    """Who is responsible for members' data, as the privacy notice must say."""

    controller: Name
    contact_email: Name

    @field_validator("contact_email")
    @classmethod
    def _looks_like_email(cls, value: str) -> str:
        if not _EMAIL.fullmatch(value):
            raise ValueError(f"{value!r} is not an email address")
        return value


class NetworkSettings(_Frozen):
    """The `[network]` table: name, moderation, limits, privacy and quiet hours."""

    name: Name
    moderate_posts: bool
    announce_channel: str | None = None
    max_active_posts: PositiveInt
    posts_per_day: PositiveInt
    messages_per_minute: PositiveInt
    privacy: PrivacyController
    quiet_hours: QuietHours

    @field_validator("announce_channel")
    @classmethod
    def _channel(cls, value: str | None) -> str | None:
        # TOML has no null, so "" is how the file says "no channel".
        if value is None or not value.strip():
            return None
        value = value.strip()
        if not _CHANNEL.fullmatch(value):
            raise ValueError(f"{value!r} is not a channel: use '@name' or a '-100…' id")
        return value


class FeeSchedule(_Frozen):
    """Annual membership fees: amounts per entity kind, due date, grace, notices and receipts.

    Amounts are euros with at most two decimals in the file; code reads them in integer cents
    (``cents_for``), never as floats.
    """

    default: Euros
    by_kind: dict[Slug, Euros] = Field(default_factory=dict)
    # "MM-DD" (the same day every year) or "anniversary" (the day the entity was approved).
    due: str
    # The first year whose fees the bot opens and sends notices about (earlier years are the
    # treasurer's old books): a network that starts mid-year is not told it is overdue.
    first_year: Annotated[int, Field(ge=2000, le=2999)] = 2027
    # Days after the due date an unpaid fee is overdue; the day after, the entity is lapsed.
    grace_days: Annotated[int, Field(ge=0, le=365)] = 60
    # An entity that joins mid-year pays only the months left (the joining month included).
    pro_rata: bool = False
    # Kinds that pay no fee (an agreement instead); a kind whose amount is 0 is exempt too.
    exempt_kinds: tuple[Slug, ...] = ()
    # Local time of day at which notices fall due (quiet hours still apply).
    notice_time: time = time(10, 0)
    payment_instructions: Label
    # Shown to members as the bank reference to use: {year} and {entity} (its number).
    reference_format: Annotated[str, StringConstraints(min_length=1, max_length=60)] = (
        "CUOTA {year} {entity}"
    )
    # Who issues the receipts: the network's legal name and Spanish tax id (NIF/CIF).
    legal_name: Name = "COOPERACTIVAS"
    tax_id: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] = ""
    remind_days_before: tuple[NonNegativeInt, ...] = ()
    remind_days_after: tuple[PositiveInt, ...] = ()

    @field_validator("due")
    @classmethod
    def _month_day(cls, value: str) -> str:
        if value == ANNIVERSARY:
            return value
        found = _MONTH_DAY.fullmatch(value)
        # 2000 is a leap year, so "02-29" is accepted (and moved to the 28th when needed).
        try:
            if not found:
                raise ValueError
            date(2000, int(found[1]), int(found[2]))
        except ValueError:
            raise ValueError(
                f"{value!r} is not a month-day like '03-31' or 'anniversary'"
            ) from None
        return value

    @field_validator("remind_days_before", "remind_days_after")
    @classmethod
    def _distinct(cls, offsets: tuple[int, ...]) -> tuple[int, ...]:
        if len(set(offsets)) != len(offsets):
            raise ValueError("offsets repeat")
        return offsets

    @field_validator("notice_time")
    @classmethod
    def _naive_time(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError("use a local time without offset, e.g. '10:00'")
        return value

    @field_validator("tax_id")
    @classmethod
    def _spanish_tax_id(cls, value: str) -> str:
        if not value:
            return value
        try:
            return str(nif.validate(value))
        except ValidationStdnumError:
            try:
                return str(cif.validate(value))
            except ValidationStdnumError as exc:
                raise ValueError(f"{value!r} is not a valid NIF or CIF ({exc})") from None

    @field_validator("reference_format")
    @classmethod
    def _known_fields(cls, value: str) -> str:
        try:
            value.format(year=2027, entity=1)
        except (KeyError, IndexError, ValueError):
            raise ValueError("may only use {year} and {entity}") from None
        return value

    @model_validator(mode="after")
    def _days_after_within_grace(self) -> Self:
        late = [days for days in self.remind_days_after if days > self.grace_days]
        if late:
            raise _problem(
                "remind_days_after", f"{late[0]} is after the grace period ({self.grace_days})"
            )
        return self

    @property
    def anniversary(self) -> bool:
        """Whether each entity's fee falls due on the anniversary of its approval."""
        return self.due == ANNIVERSARY

    def amount_for(self, kind: str) -> Decimal:
        """Annual fee in euros for an entity kind key."""
        return self.by_kind.get(kind, self.default)

    def cents_for(self, kind: str) -> int:
        """Annual fee in integer cents for an entity kind key (0 for an exempt kind)."""
        if kind in self.exempt_kinds:
            return 0
        return int(self.amount_for(kind) * 100)

    def reference(self, year: int, entity_id: int) -> str:
        """The bank reference a member should use for a year's fee."""
        return self.reference_format.format(year=year, entity=entity_id)

    def due_date(self, year: int, joined: date | None = None) -> date:
        """The due date in a given year (29 February becomes the 28th in common years).

        In anniversary mode it is the anniversary of ``joined`` (the approval date); in the
        year of joining itself the fee is due on the day of joining.
        """
        if self.anniversary:
            if joined is None:
                raise ValueError("anniversary fees need the date the entity joined")
            month, day = joined.month, joined.day
        else:
            month, day = (int(part) for part in self.due.split("-"))
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))


class Reminders(_Frozen):
    """When the bot nudges people about summits, expiring posts and matches."""

    summit_hours_before: tuple[PositiveInt, ...]
    # The offsets at which those who answered Maybe are reminded too (those going always are).
    summit_maybe_hours_before: tuple[PositiveInt, ...] = ()
    post_expiry_warning_days: PositiveInt
    match_followup_days: PositiveInt
    # Days a member's words may wait for the board before the group is reminded, once.
    case_unanswered_days: PositiveInt = 3

    @field_validator("summit_hours_before", "summit_maybe_hours_before")
    @classmethod
    def _distinct(cls, offsets: tuple[int, ...]) -> tuple[int, ...]:
        if len(set(offsets)) != len(offsets):
            raise ValueError("offsets repeat")
        return offsets


def _match_form(text: str) -> str:
    """Folded text with punctuation as spaces, so "Valverde-Enrique" meets "valverde enrique"."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def _without_article(form: str) -> str | None:
    first, _, rest = form.partition(" ")
    return rest if first in _ARTICLES and rest else None


def _name_variants(municipality: Municipality) -> list[str]:
    """Other ways people write a name: no article, INE's "Bañeza, La" order, aliases."""
    variants: list[str] = []
    for written in (municipality.name, *municipality.aliases):
        form = _match_form(written)
        variants.append(form)
        bare = _without_article(form)
        if bare:
            article = form.partition(" ")[0]
            variants.extend((bare, f"{bare} {article}"))
    return variants


def _check_keys(
    items: tuple[EntityKind | Sector | Comarca, ...], required: tuple[str, ...]
) -> None:
    """Keys must be unique and, when `required` is given, be exactly those keys."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.key in seen:
            raise _problem(
                f"[{index}].key", f"duplicate key {item.key!r}, also at [{seen[item.key]}]"
            )
        seen[item.key] = index
    if required:
        missing = [key for key in required if key not in seen]
        unknown = [key for key in seen if key not in required]
        problems = []
        if missing:
            problems.append(f"missing {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown {', '.join(unknown)}")
        if problems:
            raise ValueError(f"{'; '.join(problems)} (these keys are fixed: code refers to them)")


class Network(_Frozen):
    """Everything a network file defines, with O(1) lookups by key and by place name."""

    # `network` is the TOML table's name; `settings` reads better in code.
    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_by_alias=True, validate_by_name=True
    )

    settings: NetworkSettings = Field(alias="network")
    fees: FeeSchedule
    reminders: Reminders
    entity_kinds: tuple[EntityKind, ...]
    sectors: tuple[Sector, ...]
    comarcas: tuple[Comarca, ...] = Field(min_length=1)
    municipalities: tuple[Municipality, ...] = Field(min_length=1)

    _kinds: dict[str, EntityKind] = PrivateAttr(default_factory=dict)
    _sectors: dict[str, Sector] = PrivateAttr(default_factory=dict)
    _comarcas: dict[str, Comarca] = PrivateAttr(default_factory=dict)
    _municipalities: dict[str, Municipality] = PrivateAttr(default_factory=dict)
    _by_comarca: dict[str, tuple[Municipality, ...]] = PrivateAttr(default_factory=dict)
    _forms: dict[str, Municipality] = PrivateAttr(default_factory=dict)
    _choices: list[str] = PrivateAttr(default_factory=list)
    _choice_owners: list[Municipality] = PrivateAttr(default_factory=list)

    @field_validator("entity_kinds")
    @classmethod
    def _kind_keys(cls, kinds: tuple[EntityKind, ...]) -> tuple[EntityKind, ...]:
        _check_keys(kinds, ENTITY_KIND_KEYS)
        return kinds

    @field_validator("sectors")
    @classmethod
    def _sector_keys(cls, sectors: tuple[Sector, ...]) -> tuple[Sector, ...]:
        _check_keys(sectors, SECTOR_KEYS)
        return sectors

    @field_validator("comarcas")
    @classmethod
    def _comarca_keys(cls, comarcas: tuple[Comarca, ...]) -> tuple[Comarca, ...]:
        _check_keys(comarcas, ())
        return comarcas

    @field_validator("municipalities")
    @classmethod
    def _unique_places(cls, places: tuple[Municipality, ...]) -> tuple[Municipality, ...]:
        # A name must identify one place, or "exact match" would have to guess.
        seen: dict[str, dict[str, int]] = {"key": {}, "name": {}, "ine": {}}
        for index, place in enumerate(places):
            for what, value in (
                ("key", place.key),
                ("name", _match_form(place.name)),
                ("ine", place.ine),
            ):
                if value is None:
                    continue
                if value in seen[what]:
                    first = seen[what][value]
                    raise _problem(f"[{index}].{what}", f"same {what} as [{first}]")
                seen[what][value] = index
        return places

    @model_validator(mode="after")
    def _cross_check_and_index(self) -> Self:
        self._comarcas = {comarca.key: comarca for comarca in self.comarcas}
        for index, place in enumerate(self.municipalities):
            if place.comarca not in self._comarcas:
                raise _problem(
                    f"municipalities[{index}].comarca", f"unknown comarca {place.comarca!r}"
                )
        self._kinds = {kind.key: kind for kind in self.entity_kinds}
        for kind in self.fees.by_kind:
            if kind not in self._kinds:
                raise _problem(f"fees.by_kind.{kind}", "unknown entity kind")
        for index, kind in enumerate(self.fees.exempt_kinds):
            if kind not in self._kinds:
                raise _problem(f"fees.exempt_kinds[{index}]", f"unknown entity kind {kind!r}")
        self._sectors = {sector.key: sector for sector in self.sectors}
        self._municipalities = {place.key: place for place in self.municipalities}
        grouped: dict[str, list[Municipality]] = {key: [] for key in self._comarcas}
        for place in self.municipalities:
            grouped[place.comarca].append(place)
        self._by_comarca = {key: tuple(places) for key, places in grouped.items()}
        self._index_names()
        return self

    def _index_names(self) -> None:
        """Map every accepted spelling to its municipality; official names win ties."""
        names = {_match_form(place.name): place for place in self.municipalities}
        for index, place in enumerate(self.municipalities):
            for alias in place.aliases:
                other = names.get(_match_form(alias))
                if other is not None and other is not place:
                    raise _problem(
                        f"municipalities[{index}].aliases", f"{alias!r} is the name of {other.key}"
                    )
        forms = dict(names)
        ambiguous: set[str] = set()
        for place in self.municipalities:
            for variant in _name_variants(place):
                owner = forms.setdefault(variant, place)
                if owner is not place and variant not in names:
                    ambiguous.add(variant)  # two places share it: no exact match
        for variant in ambiguous:
            del forms[variant]
        self._forms = forms
        self._choices = list(forms)
        self._choice_owners = list(forms.values())

    def kind(self, key: str) -> EntityKind | None:
        """The entity kind with this key, or None (e.g. a key from an older file)."""
        return self._kinds.get(key)

    def sector(self, key: str) -> Sector | None:
        """The sector with this key, or None."""
        return self._sectors.get(key)

    def comarca(self, key: str) -> Comarca | None:
        """The comarca with this key, or None."""
        return self._comarcas.get(key)

    def municipality(self, key: str) -> Municipality | None:
        """The municipality with this key, or None."""
        return self._municipalities.get(key)

    def municipalities_in(self, comarca_key: str) -> tuple[Municipality, ...]:
        """Municipalities of a comarca in file order; empty for an unknown comarca."""
        return self._by_comarca.get(comarca_key, ())

    def find_municipality(self, text: str, limit: int = 5) -> MunicipalityLookup:
        """Resolve what a person typed: exact (accents, case, article ignored) or suggestions."""
        # Trim before folding so a pasted novel costs nothing; a name is never that long.
        query = _match_form(clean_text(text[: _MAX_QUERY_CHARS * 4]))[:_MAX_QUERY_CHARS].strip()
        if not query:
            return MunicipalityLookup()
        exact = self._forms.get(query)
        if exact is not None:
            return MunicipalityLookup(exact=exact)
        if limit <= 0 or len(query.replace(" ", "")) < _MIN_FUZZY_CHARS:
            return MunicipalityLookup()
        # Score every spelling (a few hundred: well under a millisecond), then prefer, at
        # equal score, names that start with what was typed ("vega" -> "Vega de ...").
        hits = process.extract(
            query,
            self._choices,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=_FUZZY_CUTOFF,
            limit=None,
        )
        hits.sort(key=lambda hit: (-hit[1], not hit[0].startswith(query), hit[2]))
        suggestions: list[Municipality] = []
        # Several spellings can point to one place: keep each place once.
        for _choice, _score, index in hits:
            place = self._choice_owners[index]
            if place not in suggestions:
                suggestions.append(place)
            if len(suggestions) == limit:
                break
        return MunicipalityLookup(suggestions=suggestions)


def load_network(path: Path | None = None) -> Network:
    """Load and validate a network file; None loads the bundled León file."""
    source = _BUNDLED_NAME if path is None else str(path)
    try:
        if path is None:
            raw = (resources.files("bot") / "data" / _BUNDLED_NAME).read_bytes()
        else:
            raw = path.read_bytes()
    except OSError as exc:
        raise NetworkConfigError(source, f"cannot read it ({exc.strerror or exc})") from exc
    try:
        # utf-8-sig: editors on Windows like to prepend a BOM that TOML would reject.
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise NetworkConfigError(source, f"not UTF-8 text (byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise NetworkConfigError(source, f"invalid TOML: {exc}") from exc
    try:
        return Network.model_validate(data)
    except ValidationError as exc:
        field, problem = _describe(exc)
        raise NetworkConfigError(source, problem, field) from exc


def _describe(exc: ValidationError) -> tuple[str | None, str]:
    """The first error's field path and a one-line problem, counting the rest."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    field = _format_loc(first) or None
    problem = " ".join(first["msg"].removeprefix("Value error, ").split())
    if first["type"] in {"missing", "extra_forbidden"}:
        problem = "missing" if first["type"] == "missing" else "unknown field (misspelt?)"
    if len(errors) > 1:
        problem += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return field, problem


def _format_loc(error: ErrorDetails) -> str:
    """Render a pydantic location as the file's path: sectors[3].label.es."""
    text = ""
    for part in error["loc"]:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    below = str(error.get("ctx", {}).get("path", ""))
    if below and text and not below.startswith("["):
        text += "."
    return text + below
