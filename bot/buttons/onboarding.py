"""Buttons of an application and of a profile edit, one question at a time."""

from typing import Literal

from bot.callbacks import CallbackData

__all__ = [
    "ClaimConsent",
    "ConfirmApplication",
    "Consent",
    "EditAnswer",
    "EditFromSummary",
    "EditProfileField",
    "EntityKindChosen",
    "KeepAnswer",
    "Listed",
    "MunicipalityChosen",
    "OnStep",
    "OutsideProvince",
    "RemoveAnswer",
    "RetryMunicipality",
    "SectorsDone",
    "SkipQuestion",
    "ToggleSector",
]


class Consent(CallbackData, feature="onb", action="consent"):
    """Accept or decline the privacy notice; an invite's token rides along (nothing stored)."""

    answer: Literal["yes", "no"]
    token: str | None = None


class ClaimConsent(CallbackData, feature="onb", action="claim"):
    """Accept the privacy notice to claim an imported organisation (its link's token)."""

    token: str


class EntityKindChosen(CallbackData, feature="onb", action="kind"):
    """Cooperative, association, ..."""

    kind: str


class ToggleSector(CallbackData, feature="onb", action="sector"):
    """Choose or unchoose a sector."""

    sector: str


class SectorsDone(CallbackData, feature="onb", action="sectors_done"):
    """The sectors are chosen."""


class Listed(CallbackData, feature="onb", action="listed"):
    """Whether the entity appears in the directory."""

    answer: Literal["yes", "no"]


class MunicipalityChosen(CallbackData, feature="onb", action="muni"):
    """One of the towns suggested for a typed name."""

    municipality: str


class OutsideProvince(CallbackData, feature="onb", action="muni_out"):
    """The entity is outside the province."""


class RetryMunicipality(CallbackData, feature="onb", action="muni_retry"):
    """Type the town again."""


class OnStep(CallbackData):
    """A button that belongs to one question (the step's value)."""

    step: str


class KeepAnswer(OnStep, feature="onb", action="keep"):
    """Changing an answer: leave it as it is."""


class RemoveAnswer(OnStep, feature="onb", action="remove"):
    """Changing an optional answer: remove it."""


class SkipQuestion(OnStep, feature="onb", action="skip"):
    """Leave an optional question unanswered."""


class EditAnswer(CallbackData):
    """Change one answer (the field's value)."""

    field: str


class EditFromSummary(EditAnswer, feature="onb", action="edit"):
    """An Edit button of the application's summary."""


class EditProfileField(EditAnswer, feature="profile", action="edit"):
    """An Edit button of /profile."""


class ConfirmApplication(CallbackData, feature="onb", action="confirm"):
    """Send the application to the board."""
