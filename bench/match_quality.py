"""Matching quality on the labelled set: the engine against a plain BM25 baseline."""

# Run: `.venv/bin/python -m bench.match_quality [posts.jsonl labels.json]`. Prints recall@5,
# MRR@10 and the false-proposal rate (share of needs that nothing fits which still get a
# proposal; for the engine's ranked list, anything listed; for its alerts, anything pushed).
# bench/match_cv.py chooses the constants and prints the held-out figures.

import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.domain.matching import MatchablePost
from bot.domain.matching.for_network import build_index
from bot.domain.network import Network, load_network
from bot.match_cli import read_posts

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
POSTS = DATA / "matching_posts.jsonl"
LABELS = DATA / "matching_labels.json"

Ranker = Callable[[MatchablePost], list[str]]


@dataclass(frozen=True)
class Quality:
    """Figures for one ranker on one labelled set."""

    recall_at_5: float
    mrr_at_10: float
    false_proposal_rate: float

    def line(self, name: str) -> str:
        """One printable row."""
        return (
            f"{name:<28} recall@5 {self.recall_at_5:.3f}   MRR@10 {self.mrr_at_10:.3f}   "
            f"false-proposal rate {self.false_proposal_rate:.3f}"
        )


def load(
    posts_path: Path = POSTS, labels_path: Path = LABELS, network: Network | None = None
) -> tuple[list[MatchablePost], dict[str, list[str]]]:
    """Posts (through the CLI's reader, so places resolve the same way) and labels."""
    network = network if network is not None else load_network()
    posts = [post for post, _ in read_posts(posts_path, network)]
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    return posts, labels


def evaluate(
    rank: Ranker,
    posts: Sequence[MatchablePost],
    labels: Mapping[str, list[str]],
    alerts: Ranker | None = None,
) -> Quality:
    """Score a ranker (need -> offer ids, best first) on the labels.

    The false-proposal rate counts the no-fit needs that get anything from `alerts` (what
    is pushed), or from the ranker itself when it has no separate alert decision.
    """
    by_id = {p.id: p for p in posts}
    recalls: list[float] = []
    reciprocal: list[float] = []
    proposals_for_nothing = 0
    nothing_fits = 0
    for need_id, relevant in labels.items():
        ranked = rank(by_id[need_id])
        if not relevant:
            nothing_fits += 1
            proposals_for_nothing += bool((alerts or rank)(by_id[need_id]))
            continue
        wanted = set(relevant)
        recalls.append(len(wanted & set(ranked[:5])) / len(wanted))
        first = next((i for i, pid in enumerate(ranked[:10], start=1) if pid in wanted), None)
        reciprocal.append(1.0 / first if first else 0.0)
    return Quality(
        recall_at_5=sum(recalls) / len(recalls),
        mrr_at_10=sum(reciprocal) / len(reciprocal),
        false_proposal_rate=proposals_for_nothing / nothing_fits if nothing_fits else 0.0,
    )


def engine_rankers(
    posts: Sequence[MatchablePost], network: Network | None = None
) -> tuple[Ranker, Ranker]:
    """The bot's engine, built exactly as the CLI builds it: its ranked list and its alerts."""
    index = build_index(network if network is not None else load_network())
    index.add_many(posts)
    return (
        lambda post: [m.id for m in index.top(post, k=10)],
        lambda post: [m.id for m in index.top(post, k=10) if m.alert],
    )


class Bm25:
    """Plain BM25 (k1=1.2, b=0.75): lower-cased word tokens, nothing else."""

    def __init__(self, docs: Sequence[MatchablePost]) -> None:
        """Index the documents' title and description."""
        self.ids = [d.id for d in docs]
        self.tfs = [Counter(_plain_tokens(d)) for d in docs]
        self.lengths = [sum(tf.values()) for tf in self.tfs]
        self.avg = sum(self.lengths) / len(self.lengths)
        df: Counter[str] = Counter()
        for tf in self.tfs:
            df.update(tf.keys())
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def scores(self, query: MatchablePost) -> list[tuple[float, str]]:
        """(score normalised by the query's best possible score, id), best first."""
        terms = _plain_tokens(query)
        best = sum(self.idf.get(t, 0.0) * 2.2 for t in terms) or 1.0
        out: list[tuple[float, str]] = []
        for doc_id, tf, length in zip(self.ids, self.tfs, self.lengths, strict=True):
            s = 0.0
            for t in terms:
                f = tf.get(t, 0)
                if f:
                    s += self.idf[t] * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * length / self.avg))
            if s > 0:
                out.append((s / best, doc_id))
        out.sort(key=lambda x: (-x[0], x[1]))
        return out


def _plain_tokens(post: MatchablePost) -> list[str]:
    """Simple tokenisation: lower case, split on non-word characters."""
    return re.findall(r"\w+", f"{post.title} {post.description}".lower())


def baseline_ranker(posts: Sequence[MatchablePost], threshold: float = 0.0) -> Ranker:
    """BM25 over the offers (or needs) for a need (or offer), cut at `threshold`."""
    by_kind = {kind: Bm25([p for p in posts if p.kind == kind]) for kind in ("need", "offer")}

    def rank(post: MatchablePost) -> list[str]:
        index = by_kind["offer" if post.kind == "need" else "need"]
        return [i for s, i in index.scores(post) if s > threshold and i != post.id][:10]

    return rank


def tuned_baseline(
    posts: Sequence[MatchablePost], labels: Mapping[str, list[str]]
) -> tuple[float, Quality]:
    """The baseline's best threshold on this very set (generous: tuned on the test data)."""
    best: tuple[float, float, Quality] | None = None
    for step in range(0, 61):
        threshold = step / 100
        q = evaluate(baseline_ranker(posts, threshold), posts, labels)
        # Harmonic mean of recall@5 and the share of no-fit needs left alone.
        keep = 1.0 - q.false_proposal_rate
        gain = 2 * q.recall_at_5 * keep / (q.recall_at_5 + keep) if q.recall_at_5 + keep else 0.0
        if best is None or gain > best[0]:
            best = (gain, threshold, q)
    assert best is not None
    return best[1], best[2]


def main(argv: list[str]) -> int:
    """Print the figures for the engine and both baselines."""
    posts_path, labels_path = (Path(argv[0]), Path(argv[1])) if len(argv) == 2 else (POSTS, LABELS)
    network = load_network()
    posts, labels = load(posts_path, labels_path, network)
    needs = sum(1 for r in labels.values() if r)
    print(
        f"{len(posts)} posts, {len(labels)} labelled needs ({needs} with a fit, "
        f"{len(labels) - needs} with none)"
    )
    ranked, alerts = engine_rankers(posts, network)
    print(evaluate(ranked, posts, labels).line("engine, ranked list"))
    print(evaluate(ranked, posts, labels, alerts).line("engine, alerts"))
    print(evaluate(baseline_ranker(posts), posts, labels).line("BM25, top-k, no threshold"))
    threshold, quality = tuned_baseline(posts, labels)
    print(quality.line(f"BM25, threshold {threshold:.2f}*"))
    print("* threshold tuned on this same set: best harmonic mean of recall@5 and 1 - FPR")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
