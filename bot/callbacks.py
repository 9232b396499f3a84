"""Typed, versioned callback data: ``v1:<feature>:<action>[:<arg>...]``, at most 64 bytes.

Packing and parsing live here only, so every button is checked the same way; handlers still
check permission again on every press.
"""

import re
from dataclasses import dataclass

__all__ = ["VERSION", "CallbackData", "pack", "parse", "pattern"]

VERSION = "v1"
_MAX_BYTES = 64
_PART = re.compile(r"^[A-Za-z0-9_\-.]+$")
# Ids and numbers in buttons are SQLite integers: anything longer is forged, not an overflow.
_INT = re.compile(r"^-?[0-9]{1,18}$")


@dataclass(frozen=True, slots=True)
class CallbackData:
    """A parsed button press."""

    feature: str
    action: str
    args: tuple[str, ...] = ()

    def int_arg(self, index: int = 0) -> int | None:
        """The argument at index as an int, or None when absent, not a number or out of range."""
        if index >= len(self.args) or not _INT.match(self.args[index]):
            return None
        return int(self.args[index])


def pack(feature: str, action: str, *args: object) -> str:
    """Build callback data; raises ValueError on a malformed part or when over 64 bytes."""
    parts = [VERSION, feature, action, *(str(arg) for arg in args)]
    for part in parts:
        if not _PART.match(part):
            raise ValueError(f"bad callback part {part!r}")
    data = ":".join(parts)
    if len(data.encode()) > _MAX_BYTES:
        raise ValueError(f"callback data over {_MAX_BYTES} bytes: {data!r}")
    return data


def parse(data: str | None) -> CallbackData | None:
    """Parse callback data of this version; None for anything else (stale or forged)."""
    if not data or len(data.encode()) > _MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 3 or parts[0] != VERSION or not all(_PART.match(p) for p in parts):
        return None
    return CallbackData(feature=parts[1], action=parts[2], args=tuple(parts[3:]))


def pattern(feature: str, action: str | None = None) -> str:
    """A regex for CallbackQueryHandler that selects one feature (and action)."""
    head = f"{VERSION}:{re.escape(feature)}:"
    return "^" + head + (re.escape(action) + r"(:|$)" if action else "")
