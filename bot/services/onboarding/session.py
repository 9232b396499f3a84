"""The onboarding flow's steps and the draft it keeps in the user's chat state."""

from enum import StrEnum

from pydantic import BaseModel

from bot.domain.profile import FIELDS, OPTIONAL_FIELDS, Field, ProfileDraft
from bot.services.state import StoredRecord

__all__ = [
    "FIELD_STEPS",
    "OPTIONAL_STEPS",
    "SESSION_KEY",
    "TEXT_STEPS",
    "Mode",
    "Session",
    "Stage",
    "Step",
    "discard",
    "load",
    "save",
]

# user_data key of the draft; it exists only after the person consented.
SESSION_KEY = "onboarding"


class Stage(StrEnum):
    """The steps around the profile's questions; values are stored, so never rename them."""

    CONSENT = "consent"
    SUMMARY = "summary"


# Where a session is: before the questions, at one of them (the profile's own Field, so
# the questions are listed once, in bot.domain.profile), or at the summary. The values are
# disjoint strings, so a stored step reads back as what it was.
Step = Stage | Field

# The profile questions, in the order they are asked.
FIELD_STEPS: tuple[Field, ...] = FIELDS
OPTIONAL_STEPS: frozenset[Field] = OPTIONAL_FIELDS
# Steps answered by typing (the others by pressing buttons).
TEXT_STEPS: frozenset[Field] = frozenset(
    {
        Field.NAME,
        Field.MUNICIPALITY,
        Field.DESCRIPTION,
        Field.OFFER,
        Field.NEED,
        Field.EMAIL,
        Field.PHONE,
        Field.WEBSITE,
    }
)


class Mode(StrEnum):
    """Why the profile questions are being asked."""

    APPLY = "apply"  # a new application, ending at the summary
    PROFILE = "profile"  # an approved member changing one field of their entity
    # The person behind an organisation the board imported checks its prefilled profile.
    CLAIM = "claim"


class Session(BaseModel):
    """Where the person is and what they answered so far."""

    mode: Mode = Mode.APPLY
    step: Step = Field.NAME
    # Set when the step was reached from the summary's Edit button: go back there after.
    editing: bool = False
    entity_id: int | None = None  # PROFILE and CLAIM modes: the entity being edited
    claim_token: str | None = None  # CLAIM mode: the link being used
    draft: ProfileDraft = ProfileDraft()
    # The draft as it was before a summary edit, so «Keep as it is» can undo sector toggles.
    before: ProfileDraft | None = None

    @property
    def changing(self) -> bool:
        """Whether an answer already given is being changed (keep/remove, not skip)."""
        return self.editing or self.mode is Mode.PROFILE


_RECORD = StoredRecord(SESSION_KEY, Session)
# The person's session (None when there is none or it is unreadable); keep it in user_data
# (persisted to SQLite by PTB); forget it.
load, save, discard = _RECORD.load, _RECORD.save, _RECORD.discard
