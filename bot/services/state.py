"""A person's conversation state: typed records kept in their persisted PTB user_data.

Use cases see only this protocol, so they never import Telegram: the handlers' context
satisfies it, and a unit test can pass a plain object.
"""

from collections.abc import MutableMapping
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

__all__ = ["Person", "StoredRecord"]

Model = TypeVar("Model", bound=BaseModel)


class Person(Protocol):
    """Whoever is talking to the bot now: their stored data and the current time."""

    @property
    def user_data(self) -> MutableMapping[str, Any] | None:
        """The person's persisted state (None for updates without a user)."""

    def now(self) -> datetime:
        """The current time from the injected clock."""


class StoredRecord(Generic[Model]):
    """One typed record under a fixed user_data key; unreadable records count as absent."""

    def __init__(self, key: str, model: type[Model]) -> None:
        self.key = key
        self._model = model

    def load(self, person: Person) -> Model | None:
        """The record, or None when there is none or an older version wrote what no longer
        reads (then it is dropped: starting again beats crashing)."""
        raw = (person.user_data or {}).get(self.key)
        if raw is None:
            return None
        try:
            return self._model.model_validate(raw)
        except ValidationError:
            self.discard(person)
            return None

    def save(self, person: Person, record: Model) -> None:
        """Keep the record (PTB persists user_data to SQLite)."""
        if person.user_data is not None:
            person.user_data[self.key] = record.model_dump(mode="json")

    def discard(self, person: Person) -> None:
        """Forget the record."""
        if person.user_data is not None:
            person.user_data.pop(self.key, None)
