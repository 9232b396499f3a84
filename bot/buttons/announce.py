"""Buttons of an announcement being prepared and sent from the board group."""

from typing import Literal

from bot.callbacks import CallbackData

__all__ = [
    "AnnounceBack",
    "AnnounceConfirm",
    "AnnounceDiscard",
    "AnnouncePick",
    "AnnounceStop",
    "AnnounceTo",
    "OnAnnouncement",
]


class OnAnnouncement(CallbackData):
    """A button about one announcement."""

    announcement_id: int


class AnnouncePick(OnAnnouncement, feature="ann", action="pick"):
    """List what to choose: sectors (s), kinds (k), comarcas (c), a comarca's towns (mc, m)."""

    what: Literal["s", "k", "c", "mc", "m"]
    index: int | None = None  # for "m": the comarca whose towns to list


class AnnounceTo(OnAnnouncement, feature="ann", action="to"):
    """Send to everyone (all) or to one sector, kind, comarca or town, by its index."""

    audience: Literal["all", "s", "k", "c", "m"]
    index: int | None = None


class AnnounceBack(OnAnnouncement, feature="ann", action="edit"):
    """Back to choosing the audience."""


class AnnounceDiscard(OnAnnouncement, feature="ann", action="discard"):
    """Drop the draft."""


class AnnounceConfirm(OnAnnouncement, feature="ann", action="confirm"):
    """Send it."""


class AnnounceStop(OnAnnouncement, feature="ann", action="stop"):
    """Stop a sending in progress."""
