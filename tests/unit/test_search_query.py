"""Search words widened through the matching vocabulary: what they find, rank and show."""

import sqlite3

import pytest

from bot.domain.matching.vocabulary import Vocabulary
from bot.domain.posts import ListingFilter, PostKind
from bot.domain.search import index_terms, match_expression
from bot.domain.search_query import SearchQuery, parse_query
from tests import prebuilt


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return prebuilt.network(None)[1]


@pytest.fixture
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(terms, tokenize = 'unicode61 remove_diacritics 2')"
    )
    return conn


def query(text: str, vocabulary: Vocabulary, locale: str = "es") -> SearchQuery:
    parsed = parse_query(text, vocabulary, locale)
    assert parsed is not None
    return parsed


def found(conn: sqlite3.Connection, texts: list[str], expression: str) -> list[int]:
    conn.execute("DELETE FROM t")
    for rowid, text in enumerate(texts, start=1):
        conn.execute("INSERT INTO t (rowid, terms) VALUES (?, ?)", (rowid, index_terms(text)))
    rows = conn.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", (expression,))
    return [row[0] for row in rows]


POSTS = [
    "Asesoría contable para cooperativas",  # 1
    "Accounting services",  # 2
    "Bookkeeping and tax returns",  # 3
    "Mentoría para emprendedores",  # 4: advice, the broader concept of accounting
    "Clases de cerámica",  # 5
    "Van a venir los socios a la feria",  # 6: Spanish "van", not a vehicle
    "Alquiler de furgoneta",  # 7
]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("accounting", [1, 2, 3]),
        ("contabilidad", [1, 2, 3]),
        ("contables", [1, 2, 3]),
        ("bookkeeper", [1, 2, 3]),
        ("llevar las cuentas", [1, 2, 3]),
        ("cerámica", [5]),
        ("bicicleta", []),
    ],
)
def test_a_concept_word_finds_its_phrases_in_both_languages(
    vocabulary: Vocabulary, fts: sqlite3.Connection, words: str, expected: list[int]
) -> None:
    assert found(fts, POSTS, query(words, vocabulary).expression()) == expected


def test_broader_concepts_and_one_language_phrases_are_left_out(
    vocabulary: Vocabulary, fts: sqlite3.Connection
) -> None:
    assert 4 not in found(fts, POSTS, query("contabilidad", vocabulary).expression())
    # "!van" is listed for English only: widening "furgoneta" must not find Spanish "van".
    assert found(fts, POSTS, query("furgoneta", vocabulary).expression()) == [7]


def test_a_synonym_is_read_in_its_own_language(
    vocabulary: Vocabulary, fts: sqlite3.Connection
) -> None:
    """English "solar" (stem "solar") comes with "fotovoltaica"; its Spanish stem "sol" does not."""
    texts = ["Solar panels for barns", "Tomar el sol en la terraza"]
    assert found(fts, texts, query("fotovoltaica", vocabulary).expression()) == [1]


def test_every_unit_must_be_found(vocabulary: Vocabulary, fts: sqlite3.Connection) -> None:
    texts = ["Accounting for cooperatives", "Accounting for bakeries", "Cooperativa de pan"]
    assert found(fts, texts, query("contabilidad cooperativas", vocabulary).expression()) == [1]


def test_the_typed_words_rank_first(vocabulary: Vocabulary, fts: sqlite3.Connection) -> None:
    parsed = query("contabilidad", vocabulary)
    assert parsed.widened
    assert parsed.typed_expression() == match_expression("contabilidad")
    # Derived forms share a root since the matching vocabulary joined them (issue 11 item 6):
    # the typed word itself already finds "Asesoría contable".
    assert found(fts, POSTS, parsed.typed_expression()) == [1]
    flt = parsed.narrow(ListingFilter(kind=PostKind.OFFER, sector="education"))
    assert flt.kind is PostKind.OFFER and flt.sector == "education"
    assert flt.match == parsed.expression() and flt.rank_first == parsed.typed_expression()


def test_words_the_vocabulary_does_not_know_are_searched_as_before(
    vocabulary: Vocabulary,
) -> None:
    parsed = query("busco un paraguas", vocabulary)
    assert not parsed.widened
    assert parsed.expression() == parsed.typed_expression() == match_expression("paraguas")
    assert parsed.narrow(ListingFilter()).rank_first is None


def test_results_say_which_of_their_words_were_found(vocabulary: Vocabulary) -> None:
    parsed = query("contabilidad", vocabulary)
    assert parsed.found_by("Accounting services", "For co-ops") == ["Accounting"]
    assert parsed.found_by("Asesoría contable", None, "Impuestos incluidos") == [
        "contable",
        "Impuestos",
    ]
    assert query("accounting pan", vocabulary).found_by("Gestoría", "Y panes") == [
        "Gestoría",
        "panes",
    ]


def test_no_words_no_query(vocabulary: Vocabulary) -> None:
    assert parse_query("", vocabulary) is None
    assert parse_query("¿¡!?… 🙂", vocabulary) is None


@pytest.mark.parametrize(
    "words",
    [
        'accounting" OR "x',
        "contabilidad) OR (",
        "NEAR(accounting tax, 2)",
        "accounting* ^tax -iva +vat",
        "terms:accounting",
        "'; DROP TABLE t; -- contabilidad",
        "contabilidad " * 1000,
        "accounting tax invoices payroll bookkeeping vat paperwork gestoría hacienda nóminas",
    ],
)
def test_no_input_raises(vocabulary: Vocabulary, fts: sqlite3.Connection, words: str) -> None:
    parsed = query(words, vocabulary)
    assert isinstance(found(fts, POSTS, parsed.expression()), list)
    assert isinstance(found(fts, POSTS, parsed.typed_expression()), list)
