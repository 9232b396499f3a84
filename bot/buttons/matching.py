"""Buttons of match proposals and their follow-ups."""

from bot.buttons.posts import OnPost
from bot.callbacks import CallbackData

__all__ = [
    "Interested",
    "NotRelevant",
    "OnPair",
    "PossibleInterested",
    "PossibleMatches",
    "PossibleNotRelevant",
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


class PossibleMatches(OnPost, feature="mpos", action="list"):
    """One's own post's possible matches."""


class _OnPossible(CallbackData):
    """A button about one possible match of one's post: another post, not yet a pair."""

    post_id: int
    other_id: int


class PossibleInterested(_OnPossible, feature="mpos", action="yes"):
    """I'd like to be introduced: starts the same double opt-in as a proposal."""


class PossibleNotRelevant(_OnPossible, feature="mpos", action="no"):
    """Not what I'm looking for: never listed or proposed again."""


class _Followup(OnPair):
    round: int


class WorkedYes(_Followup, feature="mfu", action="yes"):
    """We worked together."""


class WorkedNo(_Followup, feature="mfu", action="no"):
    """We did not."""


class WorkedLater(_Followup, feature="mfu", action="later"):
    """Not yet: ask again later."""
