"""Buttons of advice requests (members) and of the cases the board handles (board group)."""

from bot.callbacks import CallbackData
from bot.domain.advice import CaseType, ContactWay

__all__ = [
    "AdviceDone",
    "AdviceEdit",
    "AdviceEditPart",
    "AdviceSend",
    "AnswerCase",
    "AskType",
    "ChooseContact",
    "ClaimCase",
    "CloseCase",
    "MyRequests",
    "NewAdvice",
    "OnCase",
    "RateCase",
    "ReopenCase",
    "ShowMyCase",
    "UnclaimCase",
]


class AskType(CallbackData, feature="adv", action="type"):
    """What the member asks for."""

    type: CaseType


class AdviceDone(CallbackData, feature="adv", action="done"):
    """No more files."""


class ChooseContact(CallbackData, feature="adv", action="contact"):
    """How the member prefers to talk."""

    way: ContactWay


class AdviceSend(CallbackData, feature="adv", action="send"):
    """Send the request to the board."""


class AdviceEdit(CallbackData, feature="adv", action="edit"):
    """Change something before sending."""


class AdviceEditPart(CallbackData, feature="adv", action="part"):
    """Which part to change: type, text, files or contact."""

    part: str


class AnswerCase(CallbackData, feature="case", action="answer"):
    """The member answers the board in a case's thread."""

    case_id: int


class ShowMyCase(CallbackData, feature="case", action="show"):
    """One of the member's cases with its history."""

    case_id: int


class RateCase(CallbackData, feature="case", action="rate"):
    """The member rates the help of a closed case."""

    case_id: int
    stars: int


class OnCase(CallbackData):
    """A board button about one case."""

    case_id: int


class ClaimCase(OnCase, feature="caseb", action="claim"):
    """Take the case."""


class UnclaimCase(OnCase, feature="caseb", action="unclaim"):
    """Hand the case back to the whole board."""


class CloseCase(OnCase, feature="caseb", action="close"):
    """End the case."""


class ReopenCase(OnCase, feature="caseb", action="reopen"):
    """Open a closed case again."""


class NewAdvice(CallbackData, feature="adv", action="new"):
    """Ask for advice (the menu's entry)."""


class MyRequests(CallbackData, feature="case", action="mine"):
    """The member's cases (the menu's entry)."""
