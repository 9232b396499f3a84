"""Entities (member organisations) and the Telegram users who act for them."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CONSENT_VERSION",
    "IMPORT_INVITE_DAYS",
    "INVITE_DAYS",
    "Entity",
    "EntityImport",
    "EntityProfile",
    "EntityStatus",
    "Invite",
    "Member",
    "MemberRole",
]

# Bump when the privacy notice changes materially, so consent can be asked again.
CONSENT_VERSION = "2026-11"
INVITE_DAYS = 7
# An imported organisation's link goes out by email from the board, and may wait in an inbox
# for a while: a month, then the board re-imports the line for a new one.
IMPORT_INVITE_DAYS = 30

NAME_MAX = 120
DESCRIPTION_MAX = 500
MUNICIPALITY_NAME_MAX = 100  # a typed place name longer than this is not a place name
OFFER_NEED_MAX = 500


class EntityStatus(StrEnum):
    """Where an entity is in its membership life."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class MemberRole(StrEnum):
    """Owner applied for the entity; colleagues joined through an invite."""

    OWNER = "owner"
    COLLEAGUE = "colleague"


class EntityProfile(BaseModel):
    """What an applicant tells about their entity."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(min_length=1, max_length=NAME_MAX)
    kind: str
    sectors: list[str] = Field(min_length=1, max_length=3)
    municipality: str | None  # municipality key; None = outside León province
    # Outside the province: the municipality as the applicant typed it ("Madrid"), if given.
    place_outside: str | None = Field(default=None, max_length=MUNICIPALITY_NAME_MAX)
    description: str = Field(min_length=1, max_length=DESCRIPTION_MAX)
    offer_text: str = Field(default="", max_length=OFFER_NEED_MAX)
    need_text: str = Field(default="", max_length=OFFER_NEED_MAX)
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    listed: bool = True


class Entity(EntityProfile):
    """A stored entity with its membership status."""

    # Empty only for an organisation imported from the board's list whose owner has not yet
    # opened its link (the list has no description; they write it when they check the profile).
    description: str = Field(default="", max_length=DESCRIPTION_MAX)
    id: int
    status: EntityStatus
    applied_by: int
    applied_at: datetime
    decided_by: int | None = None
    decided_by_name: str | None = None
    decided_at: datetime | None = None
    reject_reason: str | None = None

    @property
    def in_directory(self) -> bool:
        """Whether other members may see this entity's name: approved and listed."""
        return self.listed and self.status == EntityStatus.APPROVED


class Member(BaseModel):
    """A Telegram user acting for an entity."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    entity_id: int
    role: MemberRole
    first_name: str
    username: str | None
    locale: str | None
    consent_version: str
    consent_at: datetime
    joined_at: datetime
    unreachable_at: datetime | None = None
    match_alerts_paused: bool = False


class Invite(BaseModel):
    """A one-time link that attaches a colleague to an entity."""

    model_config = ConfigDict(frozen=True)

    token: str
    entity_id: int
    created_by: int
    created_at: datetime
    expires_at: datetime
    used_by: int | None = None
    used_at: datetime | None = None

    def usable(self, now: datetime) -> bool:
        """Whether the invite is unused and not yet expired."""
        return self.used_by is None and now < self.expires_at


class EntityImport(BaseModel):
    """The one-time link of an organisation imported from the board's member list."""

    model_config = ConfigDict(frozen=True)

    token: str
    entity_id: int
    imported_by: int  # the board member's Telegram id; 0 for the command line
    imported_at: datetime
    expires_at: datetime
    claimed_by: int | None = None
    claimed_at: datetime | None = None

    def usable(self, now: datetime) -> bool:
        """Whether the link is unclaimed and not yet expired."""
        return self.claimed_by is None and now < self.expires_at
