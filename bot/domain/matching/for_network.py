"""The MatchIndex a network uses: its sectors' vocabulary, its place names and comarcas."""

from collections.abc import Callable
from datetime import datetime

from bot.domain.matching.engine import MatchIndex
from bot.domain.matching.vocabulary import Vocabulary
from bot.domain.network import Network

__all__ = ["build_index"]


def build_index(network: Network, clock: Callable[[], datetime] | None = None) -> MatchIndex:
    """A MatchIndex with the network's sector vocabulary and comarcas (and the bot's clock)."""
    places = [m.name for m in network.municipalities]
    places += [alias for m in network.municipalities for alias in m.aliases]
    places += [c.label.es for c in network.comarcas]
    vocabulary = Vocabulary(
        sector_words={s.key: s.vocabulary for s in network.sectors}, place_names=places
    )

    def comarca_of(key: str) -> str | None:
        place = network.municipality(key)
        return place.comarca if place is not None else None

    if clock is None:
        return MatchIndex(vocabulary, comarca_of)
    return MatchIndex(vocabulary, comarca_of, clock)
