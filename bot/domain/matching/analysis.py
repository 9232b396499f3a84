"""Turns a post into weighted terms: stems of its words plus the concepts its phrases name."""

from dataclasses import dataclass

from bot.domain.matching.models import MatchablePost
from bot.domain.matching.text import detect_lang, tokenize
from bot.domain.matching.vocabulary import Vocabulary

__all__ = ["CONCEPT_PREFIX", "PostAnalyzer", "TermVector"]

CONCEPT_PREFIX = "c:"

# Where a word appears says how much it tells: the title names the need, the description
# details it, and the author's profile only gives context.
TITLE_WEIGHT = 2.0
DESCRIPTION_WEIGHT = 1.0
PROFILE_WEIGHT = 0.4
# A listed phrase adds its concept on top of its words' stems, never instead of them: two
# posts that word one service differently ("asesoría contable" / "contable") still share the
# stems even where only one of them names a listed phrase, and "translation" (en) meets
# "traducción" (es) through the concept.
CONCEPT_WEIGHT = 1.5
# A concept also lends a little of its weight to the broader ones ("solar" -> "energy"): near
# topics then help ranking, yet alone stay far below the fit threshold.
BROADER_WEIGHT = 0.25


@dataclass(frozen=True, slots=True)
class TermVector:
    """Term -> weighted frequency, a readable form for each term, and sectors the words suggest."""

    tf: dict[str, float]
    surfaces: dict[str, str]
    sectors: frozenset[str]


class PostAnalyzer:
    """Analyses posts with one vocabulary."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        """Use `vocabulary` for concepts and sector words."""
        self._vocabulary = vocabulary

    @property
    def vocabulary(self) -> Vocabulary:
        """The vocabulary it analyses with."""
        return self._vocabulary

    def analyze(self, post: MatchablePost) -> TermVector:
        """Weighted terms of the title, description and profile text of `post`."""
        tf: dict[str, float] = {}
        surfaces: dict[str, str] = {}
        sectors: set[str] = set()
        # "en-GB" and "EN" are English too; without a language, the words tell.
        lang = (post.lang or "")[:2].lower() or detect_lang(f"{post.title} {post.description}")
        for text, weight in (
            (post.title, TITLE_WEIGHT),
            (post.description, DESCRIPTION_WEIGHT),
            (post.profile_text, PROFILE_WEIGHT),
        ):
            if text:
                self._add_field(text, weight, lang, tf, surfaces, sectors)
        return TermVector(tf, surfaces, frozenset(sectors))

    def _add_field(
        self,
        text: str,
        weight: float,
        lang: str | None,
        tf: dict[str, float],
        surfaces: dict[str, str],
        sectors: set[str],
    ) -> None:
        """Accumulate one field's terms into `tf` (and readable forms into `surfaces`)."""
        vocabulary = self._vocabulary
        tokens = [t for t in tokenize(text) if t.form not in vocabulary.place_forms]
        for hit in vocabulary.concepts.find(tokens, lang):
            phrase = " ".join(t.surface for t in tokens[hit.start : hit.end])
            for concept in hit.targets:
                term = CONCEPT_PREFIX + concept
                tf[term] = tf.get(term, 0.0) + weight * CONCEPT_WEIGHT
                surfaces.setdefault(term, phrase)
                for broader in vocabulary.broader(concept):
                    term = CONCEPT_PREFIX + broader
                    tf[term] = tf.get(term, 0.0) + weight * BROADER_WEIGHT
        for hit in vocabulary.sectors.find(tokens, lang):
            sectors.update(hit.targets)
        for token in tokens:
            # A word's weight is split between its stems so it never counts twice.
            share = weight / len(token.stems)
            for stem in token.stems:
                tf[stem] = tf.get(stem, 0.0) + share
                surfaces.setdefault(stem, token.surface)
