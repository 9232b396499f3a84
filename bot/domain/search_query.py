"""A member's search words, widened through the matching vocabulary to both languages.

"accounting" names the concept the matching engine also finds in "contabilidad", "asesoría
fiscal" or "bookkeeping", so /search accounting finds "Asesoría contable" and /search
contabilidad finds "Accounting services". Each word (or listed phrase) of the query is one
unit: a post must have every unit, either as typed (in any form: bot.domain.search) or as any
phrase of the concepts it names, in Spanish or English. A phrase counts when all its words are
in the post (the index keeps no word order), each by the stem in the phrase's own language,
as matching reads it: English "solar" brought in by "fotovoltaica" does not find Spanish "sol".
Posts that have the typed words rank first, and each result says by which of its own words
it was found.

Broader concepts are left out ("accounting" is a kind of "advice", but a search for it must not
list every advisory service), and so are phrases listed for one language only ("!van"): the
index does not know a post's language, and Spanish "van" is a verb.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.domain.matching.text import Token, detect_lang, stems, word_keys
from bot.domain.matching.vocabulary import ListedPhrase, Vocabulary
from bot.domain.posts import ListingFilter
from bot.domain.search import (
    MAX_QUERY_CHARS,
    index_terms,
    query_words,
    quote,
    terms,
    written_words,
)

__all__ = ["SearchQuery", "parse_query"]

# Terms of one word: a post's word must index at least one of them.
Word = tuple[str, ...]
# One way to find a unit: every word of it.
Alternative = tuple[Word, ...]
_MAX_ALTERNATIVES = 80  # per query: the phrases of a few concepts, enough for 8 words
_SHOWN_WORDS = 4
_SHORT_FORM = 5  # letters: a shorter written form is likely to be some other word's stem


@dataclass(frozen=True, slots=True)
class _Unit:
    typed: Alternative
    synonyms: tuple[Alternative, ...]

    def alternatives(self) -> tuple[Alternative, ...]:
        return (self.typed, *self.synonyms)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What a search looks for; build it with parse_query()."""

    units: tuple[_Unit, ...]

    @property
    def widened(self) -> bool:
        """Whether the vocabulary added other words to look for."""
        return any(unit.synonyms for unit in self.units)

    def expression(self) -> str:
        """The FTS5 MATCH of posts to list: every unit, by its typed words or a synonym."""
        return _all_of(
            _any_of(_alternative(alt) for alt in unit.alternatives()) for unit in self.units
        )

    def typed_expression(self) -> str:
        """The FTS5 MATCH of posts that have the typed words themselves (they rank first)."""
        return _all_of(_alternative(unit.typed) for unit in self.units)

    def narrow(self, flt: ListingFilter) -> ListingFilter:
        """The listing filter for these words on top of flt's kind, sector and place."""
        return replace(
            flt,
            match=self.expression(),
            rank_first=self.typed_expression() if self.widened else None,
        )

    def found_by(self, *texts: str | None) -> list[str]:
        """The post's own words, as written, that this query found it by (a few, each once)."""
        present = set(index_terms(*texts).split())
        used: set[str] = set()
        for unit in self.units:
            for alternative in unit.alternatives():
                if all(present.intersection(word) for word in alternative):
                    for word in alternative:
                        used.update(present.intersection(word))
        shown: dict[str, str] = {}
        for text in texts:
            for written, form in written_words(text or ""):
                if form not in shown and used.intersection(terms(form)):
                    shown[form] = written
        return list(shown.values())[:_SHOWN_WORDS]


def parse_query(text: str, vocabulary: Vocabulary, locale: str | None = None) -> SearchQuery | None:
    """The query for text (None when it has no word to look for).

    locale is the searcher's language, for the few phrases listed for one language when the
    words do not tell.
    """
    content = query_words(text)
    if not content:
        return None
    tokens = [Token(word, word, stems(word), word_keys(word)) for word in content]
    lang = detect_lang(text[:MAX_QUERY_CHARS]) or locale
    units: list[_Unit] = []
    by_concepts: dict[frozenset[str], int] = {}  # concepts -> the unit that widens to them
    budget = _MAX_ALTERNATIVES
    position = 0
    for hit in vocabulary.concepts.find(tokens, lang):
        units += [_Unit((terms(word),), ()) for word in content[position : hit.start]]
        position = hit.end
        typed = tuple(terms(word) for word in content[hit.start : hit.end])
        if hit.targets in by_concepts:
            # "curso formación": both name training, and any of its phrases answers both.
            same = units[by_concepts[hit.targets]]
            units[by_concepts[hit.targets]] = _Unit(same.typed + typed, same.synonyms)
            continue
        synonyms = _synonyms(vocabulary, hit.targets, typed, budget)
        budget -= len(synonyms)
        by_concepts[hit.targets] = len(units)
        units.append(_Unit(typed, synonyms))
    units += [_Unit((terms(word),), ()) for word in content[position:]]
    return SearchQuery(tuple(units))


def _synonyms(
    vocabulary: Vocabulary, concepts: Iterable[str], typed: Alternative, budget: int
) -> tuple[Alternative, ...]:
    found: dict[Alternative, None] = {}
    for concept in sorted(concepts):
        for phrase in vocabulary.concepts.phrases(concept):
            alternative = _phrase_terms(phrase)
            if alternative and not _stricter(alternative, typed) and len(found) < budget:
                found[alternative] = None
    return tuple(found)


def _stricter(alternative: Alternative, typed: Alternative) -> bool:
    """Whether every post the alternative finds has the typed words anyway."""
    return len(alternative) == len(typed) and all(
        set(word) <= set(mine) for word, mine in zip(alternative, typed, strict=True)
    )


def _phrase_terms(phrase: ListedPhrase) -> Alternative:
    """The index terms of a listed phrase's words (none if the index cannot tell them apart).

    A key is "es:stem", "en:stem" or "=form", and the index holds stems and written forms
    alike, unprefixed. So a short word listed by its written form is left out unless a phrase
    settles it: "=car" would find every Spanish "cara" and "caro", whose stem is "car".
    """
    if phrase.only_lang is not None:
        return ()
    [first, *rest] = phrase.words
    forms = [key[1:] for key in first if key.startswith("=")]
    if not rest and len(forms) == len(first) and min(map(len, forms)) < _SHORT_FORM:
        return ()
    return tuple(
        tuple(sorted(key.split(":", 1)[-1].lstrip("=") for key in keys)) for keys in phrase.words
    )


def _alternative(words: Alternative) -> str:
    return _all_of("(" + " OR ".join(quote(term) for term in word) + ")" for word in words)


def _all_of(parts: Iterable[str]) -> str:
    found = list(parts)
    return found[0] if len(found) == 1 else "(" + " AND ".join(found) + ")"


def _any_of(parts: Iterable[str]) -> str:
    found = list(parts)
    return found[0] if len(found) == 1 else "(" + " OR ".join(found) + ")"
