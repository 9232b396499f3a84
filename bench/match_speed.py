"""Matching speed and memory at scale, on synthetic posts built from the vocabulary."""

# Run: `.venv/bin/python -m bench.match_speed [--posts 100000] [--queries 500] [--rescan 10000]`.
# Targets: top-5 for one new post p95 < 20 ms with 100 000 posts indexed (everything a query
# does: ranking, the subject check and the alert decision); a full rescan (every
# post of a 10 000-post index asks for its top 5) < 60 s; peak RSS < 300 MB.

import argparse
import itertools
import random
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from bot.domain.matching import MatchablePost, MatchIndex, Vocabulary, default_concepts
from bot.domain.matching.for_network import build_index
from bot.domain.network import load_network

NOW = datetime(2026, 5, 1, tzinfo=UTC)


class PostMaker:
    """Seeded generator of plausible posts: vocabulary phrases plus long-tail filler words."""

    def __init__(self, seed: int, sectors: list[str], places: list[str]) -> None:
        """Prepare phrase pools and a Zipf-like filler vocabulary."""
        self.rng = random.Random(seed)
        self.sectors = sectors
        self.places = places
        self.phrases = [[p.lstrip("=!") for p in (*c.es, *c.en)] for c in default_concepts()]
        syllables = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vo"]
        # 20 000 made-up words drawn with a Zipf-like skew, like content words once stop
        # words are gone: the commonest is in about 5% of posts, most are rare.
        self.filler = [
            "".join(self.rng.choice(syllables) for _ in range(self.rng.randint(2, 4)))
            for _ in range(20_000)
        ]
        self.filler_cumulative = list(
            itertools.accumulate(1.0 / (rank + 50) for rank in range(len(self.filler)))
        )

    def post(self, pid: str) -> MatchablePost:
        """One post about 1-3 concepts, 8-40 words long."""
        rng = self.rng
        topics = rng.sample(self.phrases, rng.randint(1, 3))
        title = " ".join(rng.choice(topics[0]) for _ in range(rng.randint(1, 2)))
        words = [rng.choice(rng.choice(topics)) for _ in range(rng.randint(2, 8))]
        words += rng.choices(self.filler, cum_weights=self.filler_cumulative, k=rng.randint(4, 30))
        rng.shuffle(words)
        return MatchablePost(
            id=pid,
            kind=rng.choice(("need", "offer")),
            sector=rng.choice(self.sectors),
            title=title,
            description=" ".join(words),
            municipality=rng.choice(self.places),
            created_at=NOW - timedelta(days=rng.randint(0, 365)),
        )

    def posts(self, prefix: str, count: int) -> Iterator[MatchablePost]:
        """`count` posts, made lazily so the bench holds only the index."""
        return (self.post(f"{prefix}{i}") for i in range(count))


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    """Build, query, rescan and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.match_speed")
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--rescan", type=int, default=10_000)
    args = parser.parse_args(argv)
    network = load_network()
    maker = PostMaker(
        seed=42,
        sectors=[s.key for s in network.sectors],
        places=[m.key for m in network.municipalities],
    )
    Vocabulary()  # warm the stem caches so the build measures indexing, not imports
    base = rss_mb()

    index: MatchIndex = build_index(network)
    start = time.perf_counter()
    index.add_many(maker.posts("p", args.posts))
    build = time.perf_counter() - start
    print(f"index {len(index):,} posts: built in {build:.1f} s")

    latencies: list[float] = []
    proposals = 0
    for query in maker.posts("q", args.queries):
        start = time.perf_counter()
        proposals += len(index.top(query, k=5))
        latencies.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"top-5 over {args.queries} new posts: p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms, "
        f"max {max(latencies):.1f} ms ({proposals / args.queries:.1f} proposals a post)"
    )
    print(f"peak RSS {rss_mb():.0f} MB (interpreter and network file {base:.0f} MB)")
    del index

    rescan = build_index(network)
    posts = list(maker.posts("r", args.rescan))
    start = time.perf_counter()
    rescan.add_many(posts)
    built = time.perf_counter() - start
    for post in posts:
        rescan.top(post, k=5)
    total = time.perf_counter() - start
    print(
        f"full rescan of {args.rescan:,} posts: {total:.1f} s "
        f"({built:.1f} s indexing, {total - built:.1f} s for every post's top 5)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
