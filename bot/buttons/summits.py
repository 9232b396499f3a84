"""Buttons of summits: members' answers and calendar files, the board's draft and tools."""

from typing import Literal

from bot.callbacks import CallbackData
from bot.domain.summits import Answer

__all__ = [
    "ApproveEvent",
    "CancelSummit",
    "CheckIn",
    "ConfirmCancel",
    "DiscardSummit",
    "EditSummit",
    "ExportAttendees",
    "FeedbackScore",
    "ListSummits",
    "MyCalendar",
    "ProposeEvent",
    "PublishSummit",
    "RejectEvent",
    "Rsvp",
    "ShareMaterials",
    "ShowSummit",
    "SkipComment",
    "SummitAudience",
    "SummitAudienceTo",
    "SummitCalendar",
    "SummitMaterials",
    "SummitPoster",
    "TickAttendee",
]


class ListSummits(CallbackData, feature="summit", action="list"):
    """What is coming (the menu entry)."""


class ShowSummit(CallbackData, feature="summit", action="show"):
    """One summit's card with its buttons."""

    summit_id: int


class Rsvp(CallbackData, feature="summit", action="rsvp"):
    """Going, Maybe or Not going."""

    summit_id: int
    answer: Answer


class SummitCalendar(CallbackData, feature="summit", action="ics"):
    """The summit's .ics (a cancelling one once it is cancelled)."""

    summit_id: int


class MyCalendar(CallbackData, feature="summit", action="myics"):
    """One .ics with every summit the member is going to."""


class PublishSummit(CallbackData, feature="summit", action="publish"):
    """Board: announce the draft to every member."""

    summit_id: int


class DiscardSummit(CallbackData, feature="summit", action="discard"):
    """Board: drop the draft."""

    summit_id: int


class EditSummit(CallbackData, feature="summit", action="edit"):
    """Board: change fields of a published summit (attendees are told)."""

    summit_id: int


class CancelSummit(CallbackData, feature="summit", action="cancel"):
    """Board: ask to confirm the cancellation."""

    summit_id: int


class ConfirmCancel(CallbackData, feature="summit", action="cancel_yes"):
    """Board: cancel it (attendees are told)."""

    summit_id: int


class CheckIn(CallbackData, feature="summit", action="checkin"):
    """Board: the check-in list of those who answered Going or Maybe (a page of it)."""

    summit_id: int
    page: int | None = None


class TickAttendee(CallbackData, feature="summit", action="tick"):
    """Board: tick or untick one person as having come."""

    summit_id: int
    user_id: int
    page: int | None = None


class ExportAttendees(CallbackData, feature="summit", action="csv"):
    """Board: the attendee list as CSV."""

    summit_id: int


class SummitPoster(CallbackData, feature="summit", action="qr"):
    """Board: the summit's link and its QR code for posters."""

    summit_id: int


class ProposeEvent(CallbackData, feature="summit", action="propose"):
    """A member proposes their own event to the network."""


class ApproveEvent(CallbackData, feature="summit", action="approve"):
    """Board: publish a member's event."""

    summit_id: int


class RejectEvent(CallbackData, feature="summit", action="reject"):
    """Board: turn a member's event down, with a reason."""

    summit_id: int


class ShareMaterials(CallbackData, feature="summit", action="share"):
    """Board: share a file or links with those who came."""

    summit_id: int


class SummitMaterials(CallbackData, feature="summit", action="materials"):
    """A past summit's materials, for a member who asks."""

    summit_id: int


class FeedbackScore(CallbackData, feature="summit", action="score"):
    """How the summit was, 1 to 5."""

    summit_id: int
    score: int


class SkipComment(CallbackData, feature="summit", action="nocomment"):
    """No comment after the score."""

    summit_id: int


class SummitAudience(CallbackData, feature="summit", action="aud"):
    """Board: announce a draft to every member ("all"), or list sectors, kinds or comarcas."""

    summit_id: int
    what: Literal["all", "s", "k", "c"]


class SummitAudienceTo(CallbackData, feature="summit", action="audto"):
    """Board: announce a draft to one sector, kind or comarca (its place in the network file)."""

    summit_id: int
    what: Literal["s", "k", "c"]
    index: int
