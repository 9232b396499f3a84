"""Buttons of the board group: applications and the members' directory."""

from bot.callbacks import CallbackData

__all__ = ["ApproveApplication", "MembersPage", "OnApplication", "RejectApplication", "ViewMember"]


class OnApplication(CallbackData):
    """A button about one entity's application."""

    entity_id: int


class ApproveApplication(OnApplication, feature="app", action="approve"):
    """Approve the application."""


class RejectApplication(OnApplication, feature="app", action="reject"):
    """Reject the application, with a reason."""


class MembersPage(CallbackData, feature="members", action="page"):
    """Another page of the directory."""

    page: int


class ViewMember(CallbackData, feature="members", action="view"):
    """One member entity's details."""

    entity_id: int
