"""Contact between members about a post: threads, relayed messages, blocks, collaborations."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict

__all__ = ["BlockedEntity", "Collaboration", "ContactMessage", "ContactThread", "EntityBlock"]


class ContactThread(BaseModel):
    """A conversation between a post's author and one member who wrote about it."""

    model_config = ConfigDict(frozen=True)

    id: int
    post_id: int
    asker_id: int
    author_id: int
    created_at: datetime
    asker_shared_at: datetime | None = None
    author_shared_at: datetime | None = None

    def other(self, user_id: int) -> int | None:
        """The other side of the thread, or None when user_id is not part of it."""
        if user_id == self.asker_id:
            return self.author_id
        if user_id == self.author_id:
            return self.asker_id
        return None


class ContactMessage(BaseModel):
    """One relayed message."""

    model_config = ConfigDict(frozen=True)

    id: int
    thread_id: int
    sender_id: int
    text: str
    sent_at: datetime


class EntityBlock(BaseModel):
    """A person stopped messages from everyone acting for an entity (the one they were shown)."""

    model_config = ConfigDict(frozen=True)

    blocker_id: int
    entity_id: int
    post_id: int | None  # what the conversation was about; None for some older blocks
    created_at: datetime


class BlockedEntity(BaseModel):
    """One organisation a member blocked, as that member may see it."""

    model_config = ConfigDict(frozen=True)

    entity_id: int
    name: str | None  # None: not in the directory, so it is not named (the anonymity rule)
    post_title: str | None  # what the conversation was about, when known


class Collaboration(BaseModel):
    """Two member entities that worked together."""

    model_config = ConfigDict(frozen=True)

    id: int
    post_id: int | None
    entity_id: int
    partner_entity_id: int
    recorded_by: int
    recorded_at: datetime
