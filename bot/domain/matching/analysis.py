"""Turns a post into weighted terms: stems of its words plus the concepts its phrases name."""

from dataclasses import dataclass

from bot.domain.matching.models import MatchablePost
from bot.domain.matching.stopwords import GENERIC_WORDS
from bot.domain.matching.text import Token, detect_lang, tokenize
from bot.domain.matching.tuning import DEFAULT_TUNING, Tuning
from bot.domain.matching.vocabulary import Vocabulary

__all__ = ["BROAD_PREFIX", "CONCEPT_PREFIX", "PostAnalyzer", "TermVector"]

# A concept the post names ("placas solares" -> c:solar) and a broader one it only implies
# (b:energy) are different terms: both count in the score, but only what a post names is
# specific enough to bring a candidate in or to be a need's subject.
CONCEPT_PREFIX = "c:"
BROAD_PREFIX = "b:"


@dataclass(frozen=True, slots=True)
class TermVector:
    """Term -> weighted frequency, readable forms, suggested sectors, and the post's subject.

    `subject` holds what the post is mainly about: the first specific thing its title says (a
    listed phrase's most specific concepts, or a word that is not generic), the description's
    when the title says nothing specific. A strong match must share one of a need's subject
    terms; shared generic words, implied broader concepts, places or sector never suffice.
    """

    tf: dict[str, float]
    surfaces: dict[str, str]
    sectors: frozenset[str]
    subject: frozenset[str]


class PostAnalyzer:
    """Analyses posts with one vocabulary."""

    def __init__(self, vocabulary: Vocabulary, tuning: Tuning = DEFAULT_TUNING) -> None:
        """Use `vocabulary` for concepts and sector words, weighted by `tuning`."""
        self._vocabulary = vocabulary
        self._tuning = tuning

    @property
    def vocabulary(self) -> Vocabulary:
        """The vocabulary it analyses with."""
        return self._vocabulary

    def analyze(self, post: MatchablePost) -> TermVector:
        """Weighted terms of the title and description of `post` (its own words only)."""
        tf: dict[str, float] = {}
        surfaces: dict[str, str] = {}
        sectors: set[str] = set()
        implied: dict[str, float] = {}
        # "en-GB" and "EN" are English too; without a language, the words tell.
        lang = (post.lang or "")[:2].lower() or detect_lang(f"{post.title} {post.description}")
        subject: frozenset[str] = frozenset()
        for text, weight in (
            (post.title, self._tuning.title_weight),
            (post.description, 1.0),
        ):
            if text:
                field = self._add_field(text, weight, lang, tf, surfaces, sectors, implied)
                subject = subject or field
        for concept, weight in implied.items():
            named = CONCEPT_PREFIX + concept
            if named in tf:
                tf[named] += weight
            else:
                tf[BROAD_PREFIX + concept] = weight
        return TermVector(tf, surfaces, frozenset(sectors), subject)

    def _add_field(
        self,
        text: str,
        weight: float,
        lang: str | None,
        tf: dict[str, float],
        surfaces: dict[str, str],
        sectors: set[str],
        implied: dict[str, float],
    ) -> frozenset[str]:
        """Accumulate one field's terms; return the field's subject terms."""
        vocabulary = self._vocabulary
        tuning = self._tuning
        tokens = [t for t in tokenize(text) if t.form not in vocabulary.place_forms]
        covered = [False] * len(tokens)
        # What the field is about, in the order it says it: each listed phrase (its concepts)
        # or specific word outside a phrase. The subject is the first of them.
        topics: dict[int, set[str]] = {}
        hits = vocabulary.concepts.find(tokens, lang)
        # Generic concepts ("pueblo") are context, and so is a broader concept named next to a
        # narrower one ("energía" in "energía solar"): the subject is the most specific one.
        named = {concept for hit in hits for concept in hit.targets}
        context = vocabulary.generic | {b for c in named for b in vocabulary.broader(c)}
        for hit in hits:
            phrase = " ".join(t.surface for t in tokens[hit.start : hit.end])
            for concept in hit.targets:
                term = CONCEPT_PREFIX + concept
                tf[term] = tf.get(term, 0.0) + weight * tuning.concept_weight
                surfaces.setdefault(term, phrase)
                for broader in vocabulary.broader(concept):
                    implied[broader] = implied.get(broader, 0.0) + weight * tuning.broader_weight
            specific = {CONCEPT_PREFIX + c for c in hit.targets if c not in context}
            if specific:  # a phrase of context only leaves its words to speak for themselves
                topics[hit.start] = specific
                for i in range(hit.start, hit.end):
                    covered[i] = True
        for hit in vocabulary.sectors.find(tokens, lang):
            sectors.update(hit.targets)
        for i, token in enumerate(tokens):
            # A word's weight is split between its stems so it never counts twice.
            share = weight / len(token.stems)
            for stem in token.stems:
                tf[stem] = tf.get(stem, 0.0) + share
                surfaces.setdefault(stem, token.surface)
            if not covered[i] and _specific(token):
                topics[i] = set(token.stems)
        subject: set[str] = set()
        for position in sorted(topics)[: tuning.subject_topics]:
            subject |= topics[position]
        return frozenset(subject)


def _specific(token: Token) -> bool:
    """Whether a word can be what a post is about (not "servicio", "ayuda", "proyecto")."""
    return token.form not in GENERIC_WORDS and not token.form.isdigit()
