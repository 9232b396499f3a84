"""Composing a post: its steps, and the draft (with its current step) kept in user_data."""

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ValidationError

from bot.domain.posts import (
    DEFAULT_EXPIRY_DAYS,
    FileKind,
    Place,
    Post,
    PostDraft,
    PostKind,
)
from bot.services.state import StoredRecord

__all__ = ["SESSION_KEY", "Session", "Step", "discard", "following", "load", "save"]

SESSION_KEY = "post_compose"


class Step(StrEnum):
    """Steps of composing a post; values are stored, so never rename them."""

    KIND = "post_kind"
    SECTOR = "post_sector"
    TITLE = "post_title"
    DESCRIPTION = "post_description"
    PLACE = "post_place"
    PLACE_TOWN = "post_place_town"
    PLACE_COMARCA = "post_place_comarca"
    WHEN = "post_when"  # needs: a date or urgency
    CONDITIONS = "post_conditions"  # offers: conditions or price
    DISCOUNT = "post_discount"  # offers: a discount for members
    ATTACHMENT = "post_attachment"
    EXPIRY = "post_expiry"
    PREVIEW = "post_preview"


_NEED_STEPS = (
    Step.KIND,
    Step.SECTOR,
    Step.TITLE,
    Step.DESCRIPTION,
    Step.PLACE,
    Step.WHEN,
    Step.ATTACHMENT,
    Step.EXPIRY,
    Step.PREVIEW,
)
_OFFER_STEPS = (
    Step.KIND,
    Step.SECTOR,
    Step.TITLE,
    Step.DESCRIPTION,
    Step.PLACE,
    Step.CONDITIONS,
    Step.DISCOUNT,
    Step.ATTACHMENT,
    Step.EXPIRY,
    Step.PREVIEW,
)
# Sub-questions of "where": answered, they count as the PLACE step.
_PLACE_STEPS = (Step.PLACE, Step.PLACE_TOWN, Step.PLACE_COMARCA)


class Session(BaseModel):
    """Where the author is and what they answered so far."""

    step: Step = Step.KIND
    post_id: int | None = None  # set when editing a stored post: answers go to the preview
    kind: PostKind | None = None
    sector: str | None = None
    title: str | None = None
    description: str | None = None
    place: Place | None = None
    needed_by: date | None = None
    urgent: bool = False
    conditions: str | None = None
    member_discount: str | None = None
    file_id: str | None = None
    file_kind: FileKind | None = None
    expiry_days: int = DEFAULT_EXPIRY_DAYS

    @property
    def editing(self) -> bool:
        """Whether this session edits a stored post."""
        return self.post_id is not None

    def to_draft(self) -> PostDraft | None:
        """The complete draft, or None while something required is missing."""
        try:
            return PostDraft(
                kind=self.kind,
                sector=self.sector,
                title=self.title,
                description=self.description,
                place=self.place,
                needed_by=self.needed_by if self.kind == PostKind.NEED else None,
                urgent=self.urgent and self.kind == PostKind.NEED,
                conditions=self.conditions if self.kind == PostKind.OFFER else None,
                member_discount=self.member_discount if self.kind == PostKind.OFFER else None,
                file_id=self.file_id,
                file_kind=self.file_kind,
                expiry_days=self.expiry_days,
            )
        except ValidationError:
            return None

    @classmethod
    def of_post(cls, post: Post, step: Step) -> "Session":
        """A session that edits a stored post, starting at step."""
        fields = PostDraft.model_fields.keys()
        return cls(step=step, post_id=post.id, **{name: getattr(post, name) for name in fields})


def following(session: Session, answered: Step) -> Step:
    """The step after answering one: the next question, or the preview when editing."""
    steps = _OFFER_STEPS if session.kind == PostKind.OFFER else _NEED_STEPS
    step = Step.PLACE if answered in _PLACE_STEPS else answered
    if session.editing:
        # A new kind needs its own extra questions; an offer's conditions lead to its discount.
        if step is Step.KIND:
            return steps[steps.index(Step.PLACE) + 1]
        if step is not Step.CONDITIONS:
            return Step.PREVIEW
    return steps[steps.index(step) + 1]


_RECORD = StoredRecord(SESSION_KEY, Session)
# The author's session (None when there is none or it is unreadable); keep it in user_data
# (persisted to SQLite by PTB); forget it.
load, save, discard = _RECORD.load, _RECORD.save, _RECORD.discard
