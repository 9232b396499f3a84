"""Buttons shared by every chat: menu, help, language, settings, invites, privacy, profile."""

from typing import Literal

from bot.callbacks import CallbackData

__all__ = [
    "ChooseLanguage",
    "EraseData",
    "KeepData",
    "NewInvite",
    "OpenMenu",
    "SetAlerts",
    "SetLanguage",
    "ShowHelp",
    "ShowProfile",
    "ShowSettings",
    "UnblockEntity",
]


class OpenMenu(CallbackData, feature="menu", action="open"):
    """The main menu."""


class ShowHelp(CallbackData, feature="help", action="show"):
    """The list of commands."""


class ChooseLanguage(CallbackData, feature="lang", action="choose"):
    """The languages to choose from."""


class SetLanguage(CallbackData, feature="lang", action="set"):
    """One language chosen."""

    locale: str


class ShowSettings(CallbackData, feature="settings", action="show"):
    """A member's settings."""


class SetAlerts(CallbackData, feature="settings", action="alerts"):
    """Pause or resume match alerts."""

    choice: Literal["pause", "resume"]


class UnblockEntity(CallbackData, feature="settings", action="unblock"):
    """Let messages from an organisation one blocked reach one again."""

    entity_id: int


class NewInvite(CallbackData, feature="invite", action="new"):
    """A one-time link for someone else of the entity."""


class ShowProfile(CallbackData, feature="profile", action="view"):
    """The entity's profile."""


class EraseData(CallbackData, feature="gdpr", action="erase"):
    """Confirmed: erase everything about me."""


class KeepData(CallbackData, feature="gdpr", action="keep"):
    """Changed my mind: keep my data."""
