"""Matching needs with offers: pure text analysis and an in-memory index, no I/O."""

from bot.domain.matching.concepts import ConceptDataError, ConceptSpec, default_concepts
from bot.domain.matching.engine import MAX_ALERTS, MatchIndex
from bot.domain.matching.models import Kind, Match, MatchablePost, Scope
from bot.domain.matching.text import detect_lang, stems, tokenize
from bot.domain.matching.tuning import DEFAULT_TUNING, Tuning
from bot.domain.matching.vocabulary import Vocabulary

__all__ = [
    "DEFAULT_TUNING",
    "MAX_ALERTS",
    "ConceptDataError",
    "ConceptSpec",
    "Kind",
    "Match",
    "MatchIndex",
    "MatchablePost",
    "Scope",
    "Tuning",
    "Vocabulary",
    "default_concepts",
    "detect_lang",
    "stems",
    "tokenize",
]
