"""The one prompt a member's next message answers: the newest prompt wins.

Writing to someone, search words, the partner of a fulfilled post and the post being
composed or edited all wait for free text. They share ONE slot in user_data (persisted, so a
restart resumes it): arming a prompt replaces the previous one, and ``router.route`` clears it
on any command or another feature's button, so an old prompt never swallows a later message.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ValidationError

from bot.context import BotContext

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


def minutes(owner: Owner) -> int:
    """How long a prompt of owner waits, in minutes (0: until answered or replaced)."""
    lifetime = _LIFETIME.get(owner)
    return int(lifetime.total_seconds() // 60) if lifetime else 0


def expired(pending: Pending, now: datetime) -> bool:
    """Whether the prompt waited longer than its owner allows."""
    lifetime = _LIFETIME.get(pending.owner)
    return lifetime is not None and now - pending.armed_at > lifetime


def arm(
    context: BotContext,
    owner: Owner,
    *,
    post_id: int | None = None,
    thread_id: int | None = None,
    unsent: str | None = None,
) -> Pending:
    """Make this prompt the one the next message answers (replacing any other)."""
    pending = Pending(
        owner=owner, armed_at=context.now(), post_id=post_id, thread_id=thread_id, unsent=unsent
    )
    if context.user_data is not None:
        context.user_data[SLOT_KEY] = pending.model_dump(mode="json")
    return pending


def current(context: BotContext, owner: Owner | None = None) -> Pending | None:
    """The armed prompt (of owner, if given), or None."""
    raw = (context.user_data or {}).get(SLOT_KEY)
    if raw is None:
        return None
    try:
        pending = Pending.model_validate(raw)
    except ValidationError:
        clear(context)  # written by an incompatible older version: nothing is waiting
        return None
    return pending if owner is None or pending.owner is owner else None


def clear(context: BotContext, owner: Owner | None = None) -> None:
    """Disarm the prompt (only if it is owner's, when given)."""
    if context.user_data is None:
        return
    if owner is None or current(context, owner) is not None:
        context.user_data.pop(SLOT_KEY, None)
