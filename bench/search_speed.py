"""SQLite time of /search, /needs and /offers with thousands of posts, through PostsRepo.

Run by hand: `.venv/bin/python -m bench.search_speed [--posts 3000 100000] [--repeat 100]`
(`--unmerged`: the full-text index as the writes left it, before the due scan merged it).
Targets (issue 10): /search under 2 ms of SQLite with 3000 posts and p95 under 10 ms with
100 000. Posts are seeded with the project's storage code into a temporary database (a file,
WAL, as the bot runs), most of them live and the rest pending, paused, closed or expired, with
text from the matching vocabulary plus long-tail filler (bench.match_speed.PostMaker).
A /search costs what the listing use case asks: the count and the first page of five, for the
words widened through the matching vocabulary (bot.domain.search_query), as the bot does.
"""

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.match_speed import PostMaker
from bot.domain.matching.for_network import network_vocabulary
from bot.domain.matching.vocabulary import Vocabulary
from bot.domain.network import Network, load_network
from bot.domain.posts import (
    PAGE_SIZE,
    CloseReason,
    ListingFilter,
    Place,
    PlaceKind,
    PostDraft,
    PostKind,
)
from bot.domain.posts import PostStatus as Status
from bot.domain.search_query import parse_query
from bot.storage.db import Database
from bot.storage.repos import Store
from tests.seed import seed_members

NOW = datetime(2026, 5, 1, tzinfo=UTC)
_ENTITIES = 300
_BATCH = 2000  # posts per write transaction while seeding
# Typical searches: concept words in either language, a phrase, a rare and an unknown word.
QUERIES = (
    "contabilidad",
    "accounting",
    "página web",
    "curso formación",
    "energía solar",
    "transporte",
    "xyzzy",
)
# Of every 20 posts: 16 live, one pending, one paused, one closed and one expired.
_STATUSES = (Status.ACTIVE,) * 16 + (Status.PENDING, Status.PAUSED, Status.CLOSED, Status.EXPIRED)


async def seed(store: Store, network: Network, count: int, *, compact: bool = True) -> None:
    """`count` posts by _ENTITIES approved members, created within their expiry but a few."""
    members = await seed_members(store, list(range(1, _ENTITIES + 1)), now=NOW)
    maker = PostMaker(
        seed=7,
        sectors=[s.key for s in network.sectors],
        places=[m.key for m in network.municipalities],
    )
    rng = maker.rng
    for start in range(0, count, _BATCH):
        async with store.write() as repos:
            for number in range(start, min(start + _BATCH, count)):
                made = maker.post(str(number))
                author = members[number % len(members)]
                status = _STATUSES[number % len(_STATUSES)]
                expiry_days = rng.choice((30, 90, 180))
                age = expiry_days + 1 if status == Status.EXPIRED else rng.randrange(expiry_days)
                created = NOW - timedelta(days=age, seconds=number)
                post = await repos.posts.create(
                    PostDraft(
                        kind=PostKind(made.kind),
                        sector=made.sector or "digital",
                        title=made.title[:80],
                        description=made.description[:1000],
                        place=_place(network, made.municipality, rng.random()),
                        expiry_days=expiry_days,
                    ),
                    author_id=author.user_id,
                    entity_id=author.entity_id,
                    status=Status.PENDING if status is Status.PENDING else Status.ACTIVE,
                    now=created,
                )
                if status == Status.PAUSED:
                    await repos.posts.set_status(
                        post.id, to=status, from_status=Status.ACTIVE, now=created
                    )
                elif status == Status.CLOSED:
                    await repos.posts.close(post.id, CloseReason.WITHDRAWN, now=created)
    async with store.write() as repos:
        await repos.posts.expire_due(NOW)
        if compact:  # where the every-minute scan keeps the full-text index: one segment
            await repos.posts.compact_search_index(pages=1_000_000)


def _place(network: Network, municipality: str | None, draw: float) -> Place:
    if draw < 0.15:
        return Place(kind=PlaceKind.ONLINE)
    if draw < 0.25:
        return Place(kind=PlaceKind.PROVINCE)
    found = network.municipality(municipality or "")
    if found is None:
        return Place(kind=PlaceKind.PROVINCE)
    return Place(kind=PlaceKind.MUNICIPALITY, key=found.key, comarca=found.comarca)


async def timed(call: Callable[[], Awaitable[object]], repeat: int) -> list[float]:
    """Milliseconds of each of `repeat` calls, after one warm-up call."""
    await call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        await call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def listing_call(store: Store, flt: ListingFilter) -> Callable[[], Awaitable[object]]:
    """What a listing page asks the database (as services.posts.browsing): count and five posts."""

    async def call() -> object:
        async with store.read() as repos:
            return await repos.posts.listed_page(flt, now=NOW, limit=PAGE_SIZE, offset=0)

    return call


def report(label: str, times: list[float], found: int | None = None) -> None:
    """One line: p50, p95 and max in ms, and how many posts the listing counted."""
    cuts = statistics.quantiles(times, n=20)
    listed = "" if found is None else f"  ({found:,} listed)"
    print(
        f"  {label:<28} p50 {statistics.median(times):6.2f} ms  p95 {cuts[18]:6.2f} ms"
        f"  max {max(times):6.2f} ms{listed}"
    )


def search_filter(words: str, vocabulary: Vocabulary, flt: ListingFilter) -> ListingFilter:
    """The listing filter the bot uses for a search for `words`."""
    query = parse_query(words, vocabulary, "es")
    assert query is not None  # the bench's own queries have words
    return query.narrow(flt)


async def run(
    posts: int, repeat: int, network: Network, vocabulary: Vocabulary, *, compact: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "bench.db")
        await db.open()
        store = Store(db)
        started = time.perf_counter()
        await seed(store, network, posts, compact=compact)
        print(f"{posts:,} posts seeded in {time.perf_counter() - started:.1f} s")
        searches: list[float] = []
        for words in QUERIES:
            flt = search_filter(words, vocabulary, ListingFilter())
            times = await timed(listing_call(store, flt), repeat)
            searches += times
            report(f"/search {words}", times, await _total(store, flt))
        report("/search, all queries", searches)
        bierzo = ListingFilter(kind=PostKind.OFFER, comarca="bierzo")
        for label, flt in (
            ("/needs", ListingFilter(kind=PostKind.NEED)),
            ("/offers", ListingFilter(kind=PostKind.OFFER)),
            ("/offers sector digital", ListingFilter(kind=PostKind.OFFER, sector="digital")),
            ("/offers comarca bierzo", bierzo),
            (
                "/search web, comarca bierzo",
                search_filter("web", vocabulary, ListingFilter(comarca="bierzo")),
            ),
        ):
            report(label, await timed(listing_call(store, flt), repeat), await _total(store, flt))
        await db.close()


async def _total(store: Store, flt: ListingFilter) -> int:
    async with store.read() as repos:
        return await repos.posts.count_listed(flt, now=NOW)


def main(argv: list[str]) -> int:
    """Seed each size, time the listings and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.search_speed")
    parser.add_argument("--posts", type=int, nargs="+", default=[3000, 100_000])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument(
        "--unmerged",
        action="store_true",
        help="leave the full-text index as the writes left it (before any due scan ran)",
    )
    args = parser.parse_args(argv)
    network = load_network()
    vocabulary = network_vocabulary(network)
    started = time.perf_counter()
    for words in QUERIES * 100:
        parse_query(words, vocabulary, "es")
    each = (time.perf_counter() - started) * 1000 / (len(QUERIES) * 100)
    print(f"widening a query through the vocabulary (Python, no SQLite): {each:.2f} ms")
    for count in args.posts:
        asyncio.run(run(count, args.repeat, network, vocabulary, compact=not args.unmerged))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
