"""Typed, versioned callback data: ``v1:<feature>:<action>[:<arg>...]``, at most 64 bytes.

Every button is one ``CallbackData`` subclass (in the style of aiogram's): its feature and
action are class arguments and its arguments typed fields, so the code that builds a button
(``RejectApplication(entity_id=3).pack()``) and the handler that receives it
(``pattern=RejectApplication.pattern()``, ``RejectApplication.unpack(query.data)``) come from
one definition. Unpacking accepts only what packing would produce, so a stale or forged press
(another version, a missing or extra argument, a number SQLite cannot hold, "007") is None and
changes nothing; handlers still check permission again on every press.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Self, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

__all__ = ["VERSION", "CallbackData", "Raw", "parse", "patterns", "unpack_any"]

VERSION = "v1"
_MAX_BYTES = 64
_PART = re.compile(r"^[A-Za-z0-9_\-.]+$")
# Ids and numbers in buttons are SQLite integers: anything larger is forged, not an overflow.
_SQLITE_MAX = 2**63 - 1

Data = TypeVar("Data", bound="CallbackData")
_KINDS: dict[tuple[str, str], type["CallbackData"]] = {}


def _check_part(part: str) -> str:
    if not _PART.match(part):
        raise ValueError(f"bad callback part {part!r}")
    return part


class CallbackData(BaseModel):
    """One kind of button: subclass with ``feature=`` and ``action=`` and typed fields.

    Fields are packed in their order; fields that default to None may only come last and are
    left out while None.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    FEATURE: ClassVar[str] = ""
    ACTION: ClassVar[str] = ""

    def __init_subclass__(cls, *, feature: str = "", action: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if feature or action:
            cls.FEATURE, cls.ACTION = _check_part(feature), _check_part(action)
            taken = _KINDS.setdefault((feature, action), cls)
            if taken is not cls:  # two kinds would each take the other's presses
                raise TypeError(f"{cls.__name__}: {feature}:{action} is {taken.__name__}'s")

    def _parts(self) -> Iterator[str]:
        yield from (VERSION, self.FEATURE, self.ACTION)
        values = [getattr(self, name) for name in type(self).model_fields]
        while values and values[-1] is None:
            values.pop()
        for value in values:
            if value is None:
                raise ValueError(f"{type(self).__name__}: only trailing fields may be None")
            if isinstance(value, int) and not -_SQLITE_MAX <= value <= _SQLITE_MAX:
                raise ValueError(f"{type(self).__name__}: {value} does not fit SQLite")
            yield _check_part(str(value.value if hasattr(value, "value") else value))

    def pack(self) -> str:
        """The callback data; raises ValueError on a malformed part or when over 64 bytes."""
        data = ":".join(self._parts())
        if len(data.encode()) > _MAX_BYTES:
            raise ValueError(f"callback data over {_MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def pattern(cls) -> str:
        """A regex for CallbackQueryHandler that selects this kind of button."""
        return f"^{VERSION}:{re.escape(cls.FEATURE)}:{re.escape(cls.ACTION)}(:|$)"

    @classmethod
    def feature_pattern(cls) -> str:
        """A regex for every button of this kind's feature, for one handler that routes them."""
        return f"^{VERSION}:{re.escape(cls.FEATURE)}:"

    @classmethod
    def unpack(cls, data: str | None) -> Self | None:
        """The button pressed, or None when data is not exactly one of this kind."""
        raw = parse(data)
        if raw is None or (raw.feature, raw.action) != (cls.FEATURE, cls.ACTION):
            return None
        names = list(cls.model_fields)
        if len(raw.args) > len(names):
            return None
        try:
            button = cls.model_validate(dict(zip(names, raw.args, strict=False)))
            canonical = button.pack()
        except (ValidationError, ValueError):
            return None
        return button if canonical == data else None


def patterns(*kinds: type[CallbackData]) -> str:
    """A regex for one CallbackQueryHandler that takes several kinds of button."""
    return "|".join(f"(?:{kind.pattern()})" for kind in kinds)


def unpack_any(data: str | None, *kinds: type[Data]) -> Data | None:
    """The first of kinds that data is, or None."""
    for kind in kinds:
        button = kind.unpack(data)
        if button is not None:
            return button
    return None


@dataclass(frozen=True, slots=True)
class Raw:
    """The head of a press, for routing only (which feature and action): handlers read their
    arguments through the typed ``CallbackData`` kinds."""

    feature: str
    action: str
    args: tuple[str, ...] = ()


def parse(data: str | None) -> Raw | None:
    """Split callback data of this version; None for anything else (stale or forged)."""
    if not data or len(data.encode()) > _MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 3 or parts[0] != VERSION or not all(_PART.match(p) for p in parts):
        return None
    return Raw(feature=parts[1], action=parts[2], args=tuple(parts[3:]))
