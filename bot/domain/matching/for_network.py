"""The MatchIndex a network uses: its sectors' vocabulary, its place names and comarcas."""

from collections.abc import Callable
from datetime import datetime

from bot.domain.matching.engine import MatchIndex
from bot.domain.matching.tuning import DEFAULT_TUNING, Tuning
from bot.domain.matching.vocabulary import Vocabulary
from bot.domain.network import Network

__all__ = ["build_index", "network_vocabulary"]


def network_vocabulary(network: Network) -> Vocabulary:
    """The concepts plus the network's sector words and place names (read-only once built)."""
    places = [m.name for m in network.municipalities]
    places += [alias for m in network.municipalities for alias in m.aliases]
    places += [c.label.es for c in network.comarcas]
    return Vocabulary(
        sector_words={s.key: s.vocabulary for s in network.sectors}, place_names=places
    )


def build_index(
    network: Network,
    clock: Callable[[], datetime] | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    tuning: Tuning = DEFAULT_TUNING,
) -> MatchIndex:
    """A MatchIndex with the network's sector vocabulary and comarcas (and the bot's clock).

    Compiling the vocabulary is most of an empty index's cost; a caller that builds several
    indexes for one network (the tests, a benchmark) passes one network_vocabulary() to all.
    """
    if vocabulary is None:
        vocabulary = network_vocabulary(network)

    def comarca_of(key: str) -> str | None:
        place = network.municipality(key)
        return place.comarca if place is not None else None

    if clock is None:
        return MatchIndex(vocabulary, comarca_of, tuning=tuning)
    return MatchIndex(vocabulary, comarca_of, clock, tuning)
