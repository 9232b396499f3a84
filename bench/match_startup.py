"""Start-up cost of the bot's live match index: read every listed post from SQLite and index it.

Run: `.venv/bin/python -m bench.match_startup [--posts 10000] [--entities 2000]`. It fills a
temporary database (migrated like the bot's) with synthetic posts, then times what the first
due scan does at start-up (LiveMatchIndex.ensure), a catch-up with nothing new, and a
catch-up after one new post, and prints the peak memory.
"""

import argparse
import asyncio
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench.match_speed import NOW, PostMaker, rss_mb
from bot.domain.matching import Vocabulary
from bot.domain.network import load_network
from bot.storage.codec import ts
from bot.storage.db import Database
from bot.storage.match_index import LiveMatchIndex, indexed_post
from bot.storage.repos import Store


async def fill(db: Database, posts: int, entities: int) -> None:
    """Approved entities with profile texts, and `posts` active posts spread among them."""
    network = load_network()
    maker = PostMaker(
        seed=7,
        sectors=[s.key for s in network.sectors],
        places=[m.key for m in network.municipalities],
    )
    rng = random.Random(7)
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO entities (id, name, kind, municipality, description, offer_text,"
            " need_text, status, applied_by, applied_at)"
            " VALUES (?, ?, 'cooperative', 'leon', 'x', ?, ?, 'approved', ?, ?)",
            [
                (n, f"E{n}", maker.post("o").description, maker.post("n").description, n, ts(NOW))
                for n in range(1, entities + 1)
            ],
        )
        rows = []
        for number, post in enumerate(maker.posts("p", posts), start=1):
            published = NOW - timedelta(days=rng.randint(0, 80))
            rows.append(
                (
                    number,
                    post.kind,
                    rng.randint(1, entities),
                    post.sector,
                    post.title[:80],
                    post.description[:1000],
                    post.municipality,
                    ts(published),
                    ts(published + timedelta(days=90)),
                )
            )
        await conn.executemany(
            "INSERT INTO posts (id, kind, author_id, entity_id, sector, title, description,"
            " place_kind, place_key, expiry_days, status, created_at, updated_at, published_at,"
            " expires_at) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, 'municipality', ?7, 90, 'active',"
            " ?8, ?8, ?8, ?9)",
            rows,
        )


async def run(posts: int, entities: int) -> None:
    """Fill, then time the build and two catch-ups."""
    network = load_network()
    Vocabulary()  # warm the stem caches so the build measures indexing, not imports
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "bench.db")
        await db.open()
        await fill(db, posts, entities)
        store = Store(db)
        base = rss_mb()
        live = LiveMatchIndex()

        def clock():
            return NOW

        async with store.write() as repos:
            await live.ensure(repos, network, clock)
        print(f"{len(live):,} posts, {entities:,} entities: built in {live.build_seconds:.2f} s")
        print(f"peak RSS {rss_mb():.0f} MB (before the build {base:.0f} MB)")
        start = time.perf_counter()
        async with store.write() as repos:
            await live.ensure(repos, network, clock)
        print(f"catch-up with nothing new: {(time.perf_counter() - start) * 1000:.1f} ms")
        async with store.write() as repos:
            await repos.conn.execute(
                "UPDATE posts SET title = 'Página web con tienda online', updated_at = ?"
                " WHERE id = 1",
                (ts(NOW + timedelta(seconds=1)),),
            )
        start = time.perf_counter()
        async with store.write() as repos:
            post = await indexed_post(repos, 1, NOW)
            assert post is not None
            found = await live.top(repos, network, clock, post, 12)
        took = (time.perf_counter() - start) * 1000
        print(f"catch-up after an edit, then top-12: {took:.1f} ms ({len(found)} found)")
        await db.close()


def main(argv: list[str]) -> int:
    """Parse the sizes and run."""
    parser = argparse.ArgumentParser(prog="python -m bench.match_startup")
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--entities", type=int, default=2_000)
    args = parser.parse_args(argv)
    asyncio.run(run(args.posts, args.entities))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
