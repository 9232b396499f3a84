"""Matching needs with offers: pure text analysis and an in-memory index, no I/O."""

from bot.domain.matching.concepts import ConceptDataError, ConceptSpec, default_concepts
from bot.domain.matching.engine import FIT_THRESHOLD, MIN_TEXT_SCORE, MatchIndex
from bot.domain.matching.models import Kind, Match, MatchablePost, Scope
from bot.domain.matching.text import detect_lang, stems, tokenize
from bot.domain.matching.vocabulary import Vocabulary

__all__ = [
    "FIT_THRESHOLD",
    "MIN_TEXT_SCORE",
    "ConceptDataError",
    "ConceptSpec",
    "Kind",
    "Match",
    "MatchIndex",
    "MatchablePost",
    "Scope",
    "Vocabulary",
    "default_concepts",
    "detect_lang",
    "stems",
    "tokenize",
]
