"""Listings read the full-text index or a covering index first, never every live post.

Each listing a member can reach (/needs, /offers, /search with plain or widened words, with any
sector and place filter)
is run through PostsRepo, and SQLite's plan of every statement it ran is read: a full scan of
posts fails, a search must start from posts_fts and look posts up by id (walking the live
posts and matching each one cost 150 ms at 3000 posts), and a listing without words must read
posts through a covering index.
"""

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.posts import ListingFilter, PostKind
from bot.domain.search_query import parse_query
from bot.storage.db import Database
from bot.storage.repos import Store
from tests import prebuilt
from tests.query_plans import BY_ID, Plan, explain, recording

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
_PLACES = {
    "anywhere": {},
    "comarca": {"comarca": "bierzo"},
    "municipality": {"municipality": "ponferrada", "comarca": "bierzo"},
}
# Plain words, and words the vocabulary widens (the typed ones rank first).
_WORDS = {"no words": None, "words": "paraguas de tornillo", "widened words": "contabilidad curso"}


def _filters() -> list[pytest.ParameterSet]:
    cases = []
    for kind, sector, place, words in itertools.product(
        (None, PostKind.NEED, PostKind.OFFER), (None, "education"), _PLACES, _WORDS
    ):
        text = _WORDS[words]
        flt = ListingFilter(kind=kind, sector=sector, **_PLACES[place])
        parsed = parse_query(text, prebuilt.network(None)[1]) if text else None
        if parsed is not None:
            assert parsed.widened == (words == "widened words")
            flt = parsed.narrow(flt)
        name = f"{kind or 'all'}-{sector or 'any sector'}-{place}-{words}"
        cases.append(pytest.param(flt, id=name))
    return cases


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "t.db")
    await database.open()
    yield database
    await database.close()


async def listing_plans(db: Database, flt: ListingFilter) -> list[Plan]:
    """Plans of what a listing's count and its first two pages ran, apart and together."""
    async with recording(db) as statements, Store(db).read() as repos:
        await repos.posts.count_listed(flt, now=NOW)
        for offset in (0, 5):
            await repos.posts.listing(flt, now=NOW, limit=5, offset=offset)
            await repos.posts.listed_page(flt, now=NOW, limit=5, offset=offset)
    assert statements
    return [await explain(db, sql) for sql in statements]


@pytest.mark.parametrize("flt", _filters())
async def test_listings_never_walk_the_posts(db: Database, flt: ListingFilter) -> None:
    for plan in await listing_plans(db, flt):
        assert not plan.full_scans(), plan
        posts = plan.accesses("posts", "p")
        assert posts, plan
        if flt.match is not None:
            # The index of words comes first, then posts by id (the page's rows too).
            assert plan.accesses("posts_fts", "p")[0].startswith("SCAN posts_fts"), plan
            assert all(BY_ID in line for line in posts), plan
        else:
            assert all("COVERING INDEX" in line or BY_ID in line for line in posts), plan


def test_a_walk_over_live_posts_is_caught() -> None:
    """The plan /search had: every live post, then the full-text match once per row."""
    walked = Plan(
        "SELECT … FROM posts AS p JOIN posts_fts …",
        (
            "SEARCH p USING INDEX posts_expiry (status=? AND expires_at>?)",
            "SCAN posts_fts VIRTUAL TABLE INDEX 0:=M1",
        ),
    )
    assert not walked.accesses("posts_fts", "p")[0].startswith("SCAN posts_fts")
    assert not any(BY_ID in line for line in walked.accesses("posts", "p"))
    assert Plan("SELECT COUNT(*) FROM posts", ("SCAN posts",)).full_scans() == ["SCAN posts"]
    # A window function's rows are read back from a subquery of its own: no table is read.
    assert Plan("SELECT COUNT(*) OVER () …", ("SCAN (subquery-2)",)).full_scans() == []
