"""Buttons of match proposals and their follow-ups."""

from bot.callbacks import CallbackData

__all__ = [
    "Interested",
    "NotRelevant",
    "OnPair",
    "WorkedLater",
    "WorkedNo",
    "WorkedYes",
]


class OnPair(CallbackData):
    """A button about one proposed pair."""

    pair_id: int


class Interested(OnPair, feature="match", action="yes"):
    """I'd like to be introduced."""


class NotRelevant(OnPair, feature="match", action="no"):
    """Not what I'm looking for."""


class _Followup(OnPair):
    round: int


class WorkedYes(_Followup, feature="mfu", action="yes"):
    """We worked together."""


class WorkedNo(_Followup, feature="mfu", action="no"):
    """We did not."""


class WorkedLater(_Followup, feature="mfu", action="later"):
    """Not yet: ask again later."""
