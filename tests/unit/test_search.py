"""Post search: folding, bilingual stems, and MATCH expressions that never raise."""

import sqlite3

import pytest

from bot.domain.search import MAX_QUERY_WORDS, index_terms, match_expression, words


@pytest.fixture
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(terms, tokenize = 'unicode61 remove_diacritics 2')"
    )
    return conn


def found(conn: sqlite3.Connection, texts: list[str], query: str) -> list[int]:
    conn.execute("DELETE FROM t")
    for rowid, text in enumerate(texts, start=1):
        conn.execute("INSERT INTO t (rowid, terms) VALUES (?, ?)", (rowid, index_terms(text)))
    expression = match_expression(query)
    if expression is None:
        return []
    rows = conn.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", (expression,))
    return [row[0] for row in rows]


def test_words_are_folded() -> None:
    assert words("Ecológica, ÑANDÚ y  Café!") == ["ecologica", "nandu", "y", "cafe"]


def test_index_terms_hold_both_stems_once() -> None:
    terms = index_terms("cursos cursos", None, "Courses")
    assert terms.split() == ["curs", "curso", "cursos", "cours", "courses"]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Cursos de cocina", "curso"),
        ("Curso de cocina", "CURSOS"),
        ("Pan ecológico de masa madre", "ecologica"),
        ("Huerta ecologica", "ecológico"),
        ("Organic vegetable boxes", "vegetables box"),
        ("Training courses for cooperatives", "course"),
        ("Energía solar para naves", "energia"),
        ("Reparación de tejados", "REPARACION tejado"),
    ],
)
def test_finds_other_word_forms_and_accents(fts: sqlite3.Connection, text: str, query: str) -> None:
    assert found(fts, [text, "Nada que ver"], query) == [1]


def test_every_word_must_match(fts: sqlite3.Connection) -> None:
    texts = ["curso de queso", "curso de vino", "queso curado"]
    assert found(fts, texts, "cursos quesos") == [1]


def test_stop_words_are_dropped_unless_alone(fts: sqlite3.Connection) -> None:
    texts = ["Busco un curso", "the end"]
    assert found(fts, texts, "busco un curso para") == [1]
    assert match_expression("the") == '("the")'


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"curso',
        "curso AND OR NOT",
        "NEAR(curso queso, 2)",
        "cur*",
        "*",
        "(curso",
        "curso)",
        "^curso",
        "col:curso",
        "terms:curso",
        "-curso +queso",
        "🧀🥖 curso 🙂",
        "🙂",
        "'; DROP TABLE t; --",
        "\x00\x1f curso",
        "curso " * 1000,
        "x" * 5000,
        "a" * 5000 + " curso",
        "",
        "   ",
        "_ _ _",
        "日本語のテキスト",
        "ΑΒΓ ß İstanbul",
    ],
)
def test_no_input_raises(fts: sqlite3.Connection, query: str) -> None:
    result = found(fts, ["Curso de queso", "日本語のテキスト", "istanbul ss"], query)
    assert isinstance(result, list)


def test_operators_are_searched_as_words(fts: sqlite3.Connection) -> None:
    texts = ["hay que ir a NEAR station", "or and not"]
    assert found(fts, texts, "near") == [1]
    assert found(fts, texts, "OR") == [2]


def test_empty_queries_give_no_expression() -> None:
    assert match_expression("") is None
    assert match_expression("¿¡!?… 🙂") is None


def test_long_queries_are_capped() -> None:
    expression = match_expression(" ".join(f"palabra{i}" for i in range(50)))
    assert expression is not None
    assert expression.count(" AND ") == MAX_QUERY_WORDS - 1
