"""Bilingual vocabulary: finds listed words and phrases in token lists and names their concepts."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.domain.matching.concepts import ConceptSpec, default_concepts
from bot.domain.matching.text import Token, stem_pair, tokenize

__all__ = ["COMMON_PLACE_WORDS", "ListedPhrase", "PhraseHit", "PhraseMatcher", "Vocabulary"]

# Stems shorter than this conflate unrelated words ("comidas" -> "com", "solar" -> "sol"), so
# such entries match their written form and its plural only.
_MIN_STEM = 4
# Ordinary Spanish words that are also parts of place names ("Hospital de Órbigo", "La Vega",
# "Puente de Domingo Flórez"): they keep their meaning in text.
_COMMON_PLACE_WORDS = """
abajo arriba antigua barrios boca caballeros calzada camino campo campos castillo central chozas
coto cuadros fresno fuentes hospital isla laguna llamas luna marina matas mayor millas nogales
oriental paredes pino posada prado puente real rey ribera riego rio rueda santas soto tejar
tierra tierras torre valle vega vegas villares virgen
"""
COMMON_PLACE_WORDS = frozenset(_COMMON_PLACE_WORDS.split())
_LANGS = ("es", "en")  # the order of text.stem_pair


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """A listed phrase found at tokens[start:end], naming one or more targets."""

    start: int
    end: int
    targets: frozenset[str]


@dataclass(frozen=True, slots=True)
class ListedPhrase:
    """One listed phrase: the keys (see text.word_keys) each of its words may match by."""

    words: tuple[frozenset[str], ...]
    target: str
    only_lang: str | None  # "!" entries: only in a text of this language


def _word_keys(token: Token, lang: str, exact: bool) -> frozenset[str]:
    """Keys (see text.word_keys) a post's token may show to match this vocabulary word."""
    if lang not in _LANGS:  # a sector vocabulary in another language: either stem will do
        return token.keys - {f"={token.form}"}
    stem = stem_pair(token.form)[_LANGS.index(lang)]
    if exact or len(stem) < _MIN_STEM:
        return frozenset(f"={token.form}{plural}" for plural in ("", "s", "es"))
    # The stem in the entry's own language: "solar" (en) must not match Spanish "sol".
    return frozenset((f"{lang}:{stem}",))


class PhraseMatcher:
    """Finds, left to right, the longest listed phrase starting at each token."""

    def __init__(self) -> None:
        """Start empty."""
        self._by_first: dict[str, list[ListedPhrase]] = {}
        self._by_target: dict[str, list[ListedPhrase]] = {}
        self.keys: set[str] = set()  # every key of every listed word

    def add(self, entry: str, target: str, lang: str) -> None:
        """List one phrase (with optional =/! marker) written in `lang` for `target`."""
        entry = entry.strip()
        exact = only = False
        while entry[:1] in ("=", "!"):
            exact |= entry[0] == "="
            only |= entry[0] == "!"
            entry = entry[1:]
        tokens = tokenize(entry)
        if not tokens:
            return
        words = tuple(_word_keys(t, lang, exact) for t in tokens)
        phrase = ListedPhrase(words, target, lang if only else None)
        for keys in words:
            self.keys.update(keys)
        self._by_target.setdefault(target, []).append(phrase)
        for key in words[0]:
            self._by_first.setdefault(key, []).append(phrase)

    def phrases(self, target: str) -> tuple[ListedPhrase, ...]:
        """Every phrase listed for `target`, in the order listed."""
        return tuple(self._by_target.get(target, ()))

    def find(self, tokens: Sequence[Token], lang: str | None) -> list[PhraseHit]:
        """Return non-overlapping hits; at each position the longest phrase wins."""
        hits: list[PhraseHit] = []
        i = 0
        while i < len(tokens):
            best_len = 0
            targets: set[str] = set()
            for key in tokens[i].keys:
                for phrase in self._by_first.get(key, ()):
                    n = len(phrase.words)
                    if n < best_len or i + n > len(tokens):
                        continue
                    if phrase.only_lang is not None and lang not in (None, phrase.only_lang):
                        continue
                    if all(tokens[i + j].keys & phrase.words[j] for j in range(1, n)):
                        if n > best_len:
                            best_len, targets = n, set()
                        targets.add(phrase.target)
            if best_len:
                hits.append(PhraseHit(i, i + best_len, frozenset(targets)))
                i += best_len
            else:
                i += 1
        return hits


class Vocabulary:
    """Concept phrases, the sectors' own words, and place names to leave out of the text."""

    def __init__(
        self,
        concepts: Iterable[ConceptSpec] | None = None,
        sector_words: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
        place_names: Iterable[str] = (),
    ) -> None:
        """Compile concept specs (default: the bundled file), sector words and place names."""
        specs = tuple(concepts) if concepts is not None else default_concepts()
        self.concepts = PhraseMatcher()
        self.sectors = PhraseMatcher()
        parents: dict[str, tuple[str, ...]] = {}
        self._labels: dict[tuple[str, str], str] = {}
        for spec in specs:
            for lang, entries in (("es", spec.es), ("en", spec.en)):
                for entry in entries:
                    self.concepts.add(entry, spec.id, lang)
                    self._labels.setdefault((spec.id, lang), entry.lstrip("=!"))
            parents[spec.id] = spec.broader
        self._broader = {cid: _ancestors(cid, parents) for cid in parents}
        # Concepts that are context only ("pueblo", "grupo"): never a post's subject, and
        # never what brings a candidate in.
        self.generic = frozenset(spec.id for spec in specs if spec.generic)
        # Two posts that both say "Babia" or "León" are near, not about the same thing: place
        # names are left to the locality score. Words that also name a concept or are
        # ordinary words ("Hospital de Órbigo", "Truchas") keep counting.
        self.place_forms = frozenset(
            token.form
            for name in place_names
            for token in tokenize(name)
            if token.form not in COMMON_PLACE_WORDS and not token.keys & self.concepts.keys
        )
        for sector, by_lang in (sector_words or {}).items():
            for lang, words in by_lang.items():
                for word in words:
                    self.sectors.add(word, sector, lang)

    def label(self, concept: str, lang: str) -> str | None:
        """The concept's first listed phrase in `lang` ("página web"), None if it has none."""
        return self._labels.get((concept, lang))

    def broader(self, concept: str) -> tuple[str, ...]:
        """Return every more general concept of `concept`, nearest first."""
        return self._broader.get(concept, ())


def _ancestors(concept: str, parents: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Walk the broader links breadth first, ignoring cycles."""
    seen: list[str] = []
    queue = list(parents.get(concept, ()))
    while queue:
        current = queue.pop(0)
        if current != concept and current not in seen:
            seen.append(current)
            queue.extend(parents.get(current, ()))
    return tuple(seen)
