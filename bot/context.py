"""Typed access to the bot's services from every callback: ctx.store, ctx.clock, ctx.t …
and PTB's Application and Bot made ours: what enters and what leaves passes here."""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.board_access import BoardAccess
from bot.clock import Clock
from bot.config import Settings
from bot.domain.limits import (
    CALLBACK_ANSWER_LIMIT,
    CAPTION_LIMIT,
    TEXT_LIMIT,
    fit_html,
    fit_plain,
)
from bot.domain.network import Network
from bot.domain.text import storable_json
from bot.i18n import Translator
from bot.services.runtime import Runtime
from bot.storage.repos import Store

__all__ = ["BotContext", "CoopApplication", "CoopBot", "Services"]

JSONDict = dict[str, Any]
_LOGGER = logging.getLogger(__name__)
# The texts of a request that Telegram limits, by endpoint: (field, limit, may be HTML).
_LIMITED: dict[str, tuple[tuple[str, int, bool], ...]] = {
    "sendMessage": (("text", TEXT_LIMIT, True),),
    "editMessageText": (("text", TEXT_LIMIT, True),),
    "answerCallbackQuery": (("text", CALLBACK_ANSWER_LIMIT, False),),
}
_CAPTION = ("caption", CAPTION_LIMIT, True)  # any endpoint that sends or edits a caption


class CoopBot(ExtBot[Any]):  # Any: the rate limiter's arguments (a str), or none
    """PTB's bot whose every outgoing text and caption fits Telegram's limits.

    Every Bot API call goes through Bot._post (PTB 22.8, pinned in pyproject.toml), so a
    message from a handler, the outbox relay or a job is measured here, HTML-escaped as it is
    sent, and shortened with an ellipsis (bot/domain/limits.py) rather than refused.
    """

    async def _post(self, endpoint: str, data: JSONDict | None = None, **kwargs: Any) -> Any:
        if data:
            data = self._fitted(endpoint, data)
        return await super()._post(endpoint, data, **kwargs)

    def _fitted(self, endpoint: str, data: JSONDict) -> JSONDict:
        if data.get("entities") or data.get("caption_entities"):
            return data  # offsets given by hand: cutting the text would misplace them
        fitted = dict(data)
        for key, limit, may_be_html in (*_LIMITED.get(endpoint, ()), _CAPTION):
            text = data.get(key)
            if not isinstance(text, str):
                continue
            html = may_be_html and self._parse_mode(data.get("parse_mode")) == ParseMode.HTML
            fitted[key] = fit_html(text, limit) if html else fit_plain(text, limit)
            if fitted[key] != text:
                _LOGGER.info("%s: %s shortened to fit %d units", endpoint, key, limit)
        return fitted

    def _parse_mode(self, given: object) -> object:
        # A str or None was passed on purpose; anything else is PTB's "use the default".
        if given is None or isinstance(given, str):
            return given
        return self.defaults.parse_mode if self.defaults is not None else None


@dataclass(kw_only=True)
class Services(Runtime):
    """The use cases' runtime plus what only Telegram-facing code needs: board access."""

    board: BoardAccess
    # Moments of the last board alert about an error, to alert at most every 10 minutes.
    last_error_alert: list[datetime] = field(default_factory=list)


class CoopApplication(
    Application[
        ExtBot[None],
        "BotContext",
        JSONDict,
        JSONDict,
        JSONDict,
        JobQueue["BotContext"],
    ]
):
    """PTB's Application carrying our services (Application uses __slots__)."""

    __slots__ = ("services",)

    def __init__(self, *, services: Services, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services

    async def process_update(self, update: object) -> None:
        """Handle an update, its text made storable first (see storable_update)."""
        await super().process_update(self.storable_update(update))

    def storable_update(self, update: object) -> object:
        """The update with every lone UTF-16 surrogate replaced, in every text it carries.

        Every update from Telegram (polling or webhook) passes here, so no handler, present or
        future, sees a str that SQLite and the saved conversations cannot encode.
        """
        if not isinstance(update, Update):
            return update
        data = update.to_dict()
        cleaned = storable_json(data)
        return update if cleaned is data else Update.de_json(cleaned, self.bot)


class BotContext(CallbackContext[ExtBot[None], JSONDict, JSONDict, JSONDict]):
    """CallbackContext with typed properties instead of string keys into bot_data."""

    # Set per update by the locale step (group -10); the default locale until then.
    locale: str | None = None

    @property
    def services(self) -> Services:
        """The application's services."""
        app = self.application
        assert isinstance(app, CoopApplication)  # noqa: S101 - built only by build_application
        return app.services

    @property
    def store(self) -> Store:
        """Repositories, in a transaction or for reading."""
        return self.services.store

    @property
    def clock(self) -> Clock:
        """The injected clock."""
        return self.services.clock

    @property
    def settings(self) -> Settings:
        """The operator's settings."""
        return self.services.settings

    @property
    def network(self) -> Network:
        """The network file: kinds, sectors, places, fees."""
        return self.services.network

    @property
    def t(self) -> Translator:
        """Translator in the current user's language."""
        return self.services.catalogs.translator(self.locale or self.settings.default_locale)

    def translator(self, locale: str | None) -> Translator:
        """Translator in another language, e.g. an applicant's, for the board's messages."""
        return self.services.catalogs.translator(locale or self.settings.default_locale)

    def now(self) -> datetime:
        """The current time from the injected clock."""
        return self.services.clock()
