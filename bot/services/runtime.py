"""What every use case may use: settings, the network file, catalogs, storage, clock, index."""

from dataclasses import dataclass, field

from bot.clock import Clock
from bot.config import Settings
from bot.domain.network import Network
from bot.i18n import Catalogs
from bot.storage.match_index import LiveMatchIndex
from bot.storage.repos import Store

__all__ = ["Runtime"]


@dataclass(kw_only=True)
class Runtime:
    """The process's shared parts, built once by the composition root (bot/app.py)."""

    settings: Settings
    network: Network
    catalogs: Catalogs
    store: Store
    clock: Clock
    # The process's one matching index, built at start-up by the matching scan.
    matching: LiveMatchIndex = field(default_factory=LiveMatchIndex)

    def locale_or_default(self, locale: str | None) -> str:
        """A person's stored language, or the bot's default when they have none yet."""
        return locale or self.settings.default_locale
