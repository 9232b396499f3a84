"""Text search over posts: the indexed terms and a MATCH expression that cannot misfire.

Posts are indexed by the Spanish and English Snowball stems of every folded word (reusing
the matching engine's fold() and stems()), so "cursos" meets "curso" and "ecológica" meets
"ecologico" whichever language the author wrote in. The query goes through the same
analysis and every term is quoted, so nothing a person types (quotes, AND/OR/NEAR, *, ^,
parentheses, emoji) is read as FTS5 syntax.
"""

import re

from bot.domain.matching.stopwords import STOP_WORDS
from bot.domain.matching.text import stems
from bot.domain.text import clean_text, fold

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "index_terms",
    "match_expression",
    "query_words",
    "quote",
    "terms",
    "words",
    "written_words",
]

# Letters and digits of any script; "_" is a word character for `re` but not for people.
_WORD = re.compile(r"[^\W_]+")
MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 8
_MAX_WORD_CHARS = 40  # longer "words" are pasted junk (URLs, hashes): cut, not dropped


def words(text: str) -> list[str]:
    """Folded words of text, in order (a zero-width space inside one does not split it)."""
    return [word[:_MAX_WORD_CHARS] for word in _WORD.findall(fold(clean_text(text)))]


def written_words(text: str) -> list[tuple[str, str]]:
    """Each word of text as written and as index_terms() folds it."""
    return [(word, fold(word)[:_MAX_WORD_CHARS]) for word in _WORD.findall(text)]


def terms(word: str) -> tuple[str, ...]:
    """The terms a folded word is indexed by: its stems, and itself (never nothing)."""
    found = dict.fromkeys((*stems(word), word))
    return tuple(found)


def index_terms(*texts: str | None) -> str:
    """The space-separated terms stored for a post's texts (distinct, in order)."""
    found: dict[str, None] = {}
    for text in texts:
        for word in words(text or ""):
            found.update(dict.fromkeys(terms(word)))
    return " ".join(found)


def quote(term: str) -> str:
    """A term as an FTS5 string: whatever it holds is read as a word, never as syntax."""
    return '"' + term.replace('"', '""') + '"'


def query_words(query: str) -> list[str]:
    """The folded words a query looks for, each once, at most MAX_QUERY_WORDS.

    Stop words are dropped unless the query has nothing else, so "busco un curso" looks for
    "curso" but a search for just "the" still finds something.
    """
    found = list(dict.fromkeys(words(query[:MAX_QUERY_CHARS])))
    return ([word for word in found if word not in STOP_WORDS] or found)[:MAX_QUERY_WORDS]


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression: every word must appear in any of its forms; None if empty."""
    groups = [
        "(" + " OR ".join(quote(term) for term in terms(word)) + ")" for word in query_words(query)
    ]
    return " AND ".join(groups) if groups else None
