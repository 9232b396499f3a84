"""What every in-process bot of a test session shares: catalogs, networks, match vocabulary.

Reading the .po catalogs, validating a network file and compiling its vocabulary cost more
than the rest of a bot's start-up together, and none of them changes while tests run (all
three are read-only once built), so each is built once per distinct input.
"""

from functools import cache
from pathlib import Path

from bot.domain.matching.for_network import network_vocabulary
from bot.domain.matching.vocabulary import Vocabulary
from bot.domain.network import Network, load_network
from bot.i18n import Catalogs

__all__ = ["catalogs", "network"]


@cache
def catalogs(default_locale: str) -> Catalogs:
    """The repository's catalogs with `default_locale` as the fallback language."""
    return Catalogs.load(default_locale=default_locale)


def network(path: Path | None) -> tuple[Network, Vocabulary]:
    """The network in `path` (None: the bundled one) and its vocabulary, by file content."""
    return _network(path.read_bytes() if path is not None else None, path)


_by_content: dict[bytes | None, tuple[Network, Vocabulary]] = {}


def _network(content: bytes | None, path: Path | None) -> tuple[Network, Vocabulary]:
    if content not in _by_content:
        loaded = load_network(path)
        _by_content[content] = (loaded, network_vocabulary(loaded))
    return _by_content[content]
