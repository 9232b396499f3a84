"""The one prompt a member's next message answers: the newest prompt wins.

Writing to someone, search words, the partner of a fulfilled post and the post being
composed or edited all wait for free text. They share ONE slot in user_data (persisted, so a
restart resumes it): arming a prompt replaces the previous one, and ``router.route`` clears it
on any command or another feature's button, so an old prompt never swallows a later message.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel

from bot.services.state import Person, StoredRecord

__all__ = ["SLOT_KEY", "Owner", "Pending", "arm", "clear", "current", "expired", "minutes"]

SLOT_KEY = "posts_pending"


class Owner(StrEnum):
    """Who the next message is for; values are stored, so never rename them."""

    COMPOSE = "compose"  # a new post or an edit, at the session's step
    CONTACT = "contact"  # a message to relay about a post or in a thread
    SEARCH = "search"  # words to look for
    PARTNER = "partner"  # the name of the entity a fulfilled post was resolved with


# A message to someone must not leave hours after the button was pressed; a draft waits.
_LIFETIME = {
    Owner.CONTACT: timedelta(minutes=30),
    Owner.SEARCH: timedelta(minutes=30),
    Owner.PARTNER: timedelta(minutes=30),
}


class Pending(BaseModel):
    """The armed prompt and what it is about."""

    owner: Owner
    armed_at: datetime
    post_id: int | None = None
    thread_id: int | None = None
    unsent: str | None = None  # a message held back by the per-minute limit


_SLOT = StoredRecord(SLOT_KEY, Pending)


def minutes(owner: Owner) -> int:
    """How long a prompt of owner waits, in minutes (0: until answered or replaced)."""
    lifetime = _LIFETIME.get(owner)
    return int(lifetime.total_seconds() // 60) if lifetime else 0


def expired(pending: Pending, now: datetime) -> bool:
    """Whether the prompt waited longer than its owner allows."""
    lifetime = _LIFETIME.get(pending.owner)
    return lifetime is not None and now - pending.armed_at > lifetime


def arm(
    person: Person,
    owner: Owner,
    *,
    post_id: int | None = None,
    thread_id: int | None = None,
    unsent: str | None = None,
) -> Pending:
    """Make this prompt the one the next message answers (replacing any other)."""
    pending = Pending(
        owner=owner, armed_at=person.now(), post_id=post_id, thread_id=thread_id, unsent=unsent
    )
    _SLOT.save(person, pending)
    return pending


def current(person: Person, owner: Owner | None = None) -> Pending | None:
    """The armed prompt (of owner, if given), or None."""
    pending = _SLOT.load(person)
    if pending is None:
        return None
    return pending if owner is None or pending.owner is owner else None


def clear(person: Person, owner: Owner | None = None) -> None:
    """Disarm the prompt (only if it is owner's, when given)."""
    if owner is None or current(person, owner) is not None:
        _SLOT.discard(person)
