"""How values are written to and read from SQLite columns."""

import json
from datetime import UTC, datetime
from typing import Any

__all__ = ["dumps", "loads", "parse_ts", "parse_ts_or_none", "ts", "ts_or_none"]


def ts(moment: datetime) -> str:
    """A UTC timestamp that sorts correctly as text."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def ts_or_none(moment: datetime | None) -> str | None:
    """ts() that lets None through."""
    return None if moment is None else ts(moment)


def parse_ts(text: str) -> datetime:
    """Read a timestamp written by ts()."""
    return datetime.fromisoformat(text)


def parse_ts_or_none(text: str | None) -> datetime | None:
    """parse_ts() that lets None through."""
    return None if text is None else parse_ts(text)


def dumps(value: Any) -> str:
    """Compact, stable JSON for a column."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def loads(text: str | None) -> Any:
    """Parse a JSON column (None stays None)."""
    return None if text is None else json.loads(text)
