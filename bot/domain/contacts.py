"""Contact between members about a post: threads, relayed messages, collaborations."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict

__all__ = ["Collaboration", "ContactMessage", "ContactThread"]


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


class Collaboration(BaseModel):
    """Two member entities that worked together."""

    model_config = ConfigDict(frozen=True)

    id: int
    post_id: int | None
    entity_id: int
    partner_entity_id: int
    recorded_by: int
    recorded_at: datetime
