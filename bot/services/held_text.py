"""A text the bot could not place, kept for one tap: the next Contact or Reply sends it.

A member who answers with Telegram's own reply gesture to a message that is not a relayed
one (a post's card, a proposal) has written something meant for someone. Rather than lose it,
the bot keeps it for a short while; the next Contact or Reply button offers to send it.
"""

from datetime import datetime, timedelta

from pydantic import BaseModel

from bot.services.state import Person, StoredRecord

__all__ = ["LIFETIME", "hold", "take"]

LIFETIME = timedelta(minutes=15)  # long enough to find the right button, short enough to forget


class _Held(BaseModel):
    text: str
    at: datetime


_RECORD = StoredRecord("held_text", _Held)


def hold(person: Person, text: str) -> None:
    """Keep text (the newest replaces an older one)."""
    _RECORD.save(person, _Held(text=text, at=person.now()))


def take(person: Person) -> str | None:
    """The kept text, once, if it is still fresh; it is forgotten either way."""
    held = _RECORD.load(person)
    if held is None:
        return None
    _RECORD.discard(person)
    return held.text if person.now() - held.at <= LIFETIME else None
