"""Choose the matching constants by five-fold cross-validation, and print held-out figures.

Run: `.venv/bin/python -m bench.match_cv [--posts P --labels L] [--check-posts P --check-labels L]`
(defaults: tests/data/members_* as the set to fold, tests/data/matching_* as the check).

The labelled needs are split into five folds (seeded, no-fit needs spread evenly). For each
fold, every candidate tuning is scored on the other four folds' needs, the best is kept, and
its figures on the held-out fold are what is reported: recall@5, MRR@10, English-to-Spanish
recall@5, the share of no-fit needs that get no alert, and the share of needs with a fit whose
alert carries a right offer. The tuning chosen on all the needs is printed last, as the one to
put in bot/domain/matching/tuning.py, with its figures on the check set (never tuned on).
Figures by need length show whether relevance falls as members write more.
"""

import argparse
import itertools
import random
import statistics
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

from bench.match_quality import DATA, LABELS, POSTS, load
from bot.domain.matching import MAX_ALERTS, MatchablePost, Tuning, detect_lang
from bot.domain.matching.for_network import build_index, network_vocabulary
from bot.domain.matching.tuning import DEFAULT_TUNING
from bot.domain.matching.vocabulary import Vocabulary
from bot.domain.network import Network, load_network

MEMBERS_POSTS = DATA / "members_posts.jsonl"
MEMBERS_LABELS = DATA / "members_labels.json"
FOLDS = 5
SEED = 11
# What the index is built with (each value needs a new index) ...
INDEX_GRID: dict[str, Sequence[float | int]] = {
    "title_weight": (1.5, 2.5, 3.5, 5.0),
    "concept_weight": (1.0, 2.0, 3.0),
    "length_slope": (0.0, 0.25, 0.5, 1.0),
    "subject_topics": (1, 2),
}
# ... and the one decision, chosen on the same ranked lists.
ALERT_SCORES = tuple(round(0.10 + 0.02 * i, 2) for i in range(36))


@dataclass(frozen=True, slots=True)
class Ranked:
    """One need's ranked list: (offer id, score, covers the need's subject), best first."""

    need: str
    items: tuple[tuple[str, float, bool], ...]

    def alerts(self, alert_score: float) -> list[str]:
        """The offers the bot would push with this alert score (see MatchIndex.top)."""
        if not self.items or not self.items[0][2] or self.items[0][1] < alert_score:
            return []
        return [oid for oid, _, covers in self.items if covers][:MAX_ALERTS]


@dataclass(frozen=True, slots=True)
class Figures:
    """Held-out (or check) figures."""

    recall_at_5: float
    mrr_at_10: float
    en_es_recall_at_5: float
    no_alert_no_fit: float
    alert_with_right: float

    def line(self, name: str) -> str:
        """One printable row."""
        return (
            f"{name:<22} recall@5 {self.recall_at_5:.3f}  MRR@10 {self.mrr_at_10:.3f}  "
            f"en->es recall@5 {self.en_es_recall_at_5:.3f}  "
            f"no alert (no fit) {self.no_alert_no_fit:.3f}  "
            f"alert with a right offer {self.alert_with_right:.3f}"
        )

    @property
    def objective(self) -> float:
        """What a tuning is chosen by: ranking and both sides of the alert decision."""
        return self.recall_at_5 + self.mrr_at_10 + self.no_alert_no_fit + self.alert_with_right


def rank_all(
    posts: Sequence[MatchablePost], vocabulary: Vocabulary, network: Network, tuning: Tuning
) -> dict[str, Ranked]:
    """Every need's ranked offers (top 10) under `tuning`, with no alert score applied."""
    index = build_index(network, vocabulary=vocabulary, tuning=replace(tuning, alert_score=0.0))
    # (alert score 0: every list whose best covers the need's subject is strong, and
    # Ranked.alerts applies each candidate alert score afterwards)
    index.add_many(posts)
    return {
        p.id: Ranked(p.id, tuple((m.id, m.score, m.covers) for m in index.top(p, k=10)))
        for p in posts
        if p.kind == "need"
    }


def figures(
    ranked: Mapping[str, Ranked],
    labels: Mapping[str, list[str]],
    needs: Iterable[str],
    alert_score: float,
    english_to_spanish: Mapping[str, list[str]],
) -> Figures:
    """The figures over `needs` (labelled need ids)."""
    recalls: list[float] = []
    en_es: list[float] = []
    reciprocal: list[float] = []
    quiet: list[bool] = []
    right_alerts: list[bool] = []
    for need in needs:
        relevant = set(labels[need])
        ranking = ranked[need]
        ids = [oid for oid, _, _ in ranking.items]
        alerts = ranking.alerts(alert_score)
        if not relevant:
            quiet.append(not alerts)
            continue
        recall = len(relevant & set(ids[:5])) / len(relevant)
        recalls.append(recall)
        spanish = english_to_spanish.get(need)
        if spanish:
            en_es.append(len(set(spanish) & set(ids[:5])) / len(spanish))
        first = next((i for i, oid in enumerate(ids[:10], start=1) if oid in relevant), None)
        reciprocal.append(1.0 / first if first else 0.0)
        right_alerts.append(bool(relevant & set(alerts)))
    return Figures(
        recall_at_5=_mean(recalls),
        mrr_at_10=_mean(reciprocal),
        en_es_recall_at_5=_mean(en_es),
        no_alert_no_fit=_mean(quiet),
        alert_with_right=_mean(right_alerts),
    )


def _mean(values: Sequence[float | bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def english_needs_with_spanish_fits(
    posts: Sequence[MatchablePost], labels: Mapping[str, list[str]]
) -> dict[str, list[str]]:
    """English needs with at least one Spanish right offer -> those Spanish offers.

    The sets mark English posts with "lang": "en"; a post without one is read as Spanish
    unless its words say it is English.
    """
    lang = {p.id: _lang(p) for p in posts}
    out: dict[str, list[str]] = {}
    for need, relevant in labels.items():
        spanish = [o for o in relevant if lang[o] == "es"]
        if lang[need] == "en" and spanish:
            out[need] = spanish
    return out


def _lang(post: MatchablePost) -> str:
    if post.lang:
        return post.lang[:2].lower()
    return detect_lang(f"{post.title} {post.description}") or "es"


def folds(labels: Mapping[str, list[str]]) -> list[list[str]]:
    """Five folds of need ids, seeded; needs with and without a fit dealt out separately."""
    rng = random.Random(SEED)
    out: list[list[str]] = [[] for _ in range(FOLDS)]
    for group in ([n for n, r in labels.items() if r], [n for n, r in labels.items() if not r]):
        group = sorted(group)
        rng.shuffle(group)
        for i, need in enumerate(group):
            out[i % FOLDS].append(need)
    return out


def candidate_tunings() -> list[Tuning]:
    """Every index configuration of the grid (the alert score is chosen separately)."""
    names = list(INDEX_GRID)
    return [
        replace(DEFAULT_TUNING, alert_score=0.0, **dict(zip(names, values, strict=True)))  # type: ignore[arg-type]
        for values in itertools.product(*(INDEX_GRID[n] for n in names))
    ]


def choose(
    rankings: Mapping[Tuning, dict[str, Ranked]],
    labels: Mapping[str, list[str]],
    needs: Sequence[str],
    en_es: Mapping[str, list[str]],
) -> Tuning:
    """The tuning (with its alert score) that does best on `needs`; ties go to the first."""
    best: tuple[float, Tuning] | None = None
    for tuning, ranked in rankings.items():
        for alert_score in ALERT_SCORES:
            value = figures(ranked, labels, needs, alert_score, en_es).objective
            if best is None or value > best[0] + 1e-9:
                best = (value, replace(tuning, alert_score=alert_score))
    assert best is not None  # the grid is never empty
    return best[1]


def by_length(
    posts: Sequence[MatchablePost],
    ranked: Mapping[str, Ranked],
    labels: Mapping[str, list[str]],
    alert_score: float,
) -> list[str]:
    """Recall@5, alerts with a right offer and the right offer's score per need-length third."""
    words = {p.id: len(f"{p.title} {p.description}".split()) for p in posts}
    fits = sorted((n for n, r in labels.items() if r), key=lambda n: (words[n], n))
    lines = []
    third = max(1, len(fits) // 3)
    for i, name in enumerate(("shortest third", "middle third", "longest third")):
        group = fits[i * third : (i + 1) * third if i < 2 else len(fits)]
        if not group:
            continue
        f = figures(ranked, labels, group, alert_score, {})
        scores = [
            score for n in group for oid, score, _ in ranked[n].items if oid in set(labels[n])
        ]
        lines.append(
            f"  {name:<15} {min(words[n] for n in group):>3}-{max(words[n] for n in group):<3}"
            f" words  recall@5 {f.recall_at_5:.3f}  alert with a right offer "
            f"{f.alert_with_right:.3f}  mean score of right offers "
            f"{statistics.mean(scores) if scores else 0.0:.3f}"
        )
    return lines


def main(argv: list[str]) -> int:
    """Cross-validate on one set, check on the other, print everything."""
    parser = argparse.ArgumentParser(prog="python -m bench.match_cv")
    parser.add_argument("--posts", type=Path, default=MEMBERS_POSTS)
    parser.add_argument("--labels", type=Path, default=MEMBERS_LABELS)
    parser.add_argument("--check-posts", type=Path, default=POSTS)
    parser.add_argument("--check-labels", type=Path, default=LABELS)
    args = parser.parse_args(argv)
    network = load_network()
    vocabulary = network_vocabulary(network)
    posts, labels = load(args.posts, args.labels, network)
    en_es = english_needs_with_spanish_fits(posts, labels)
    fits = sum(1 for r in labels.values() if r)
    print(
        f"{args.posts.name}: {len(posts)} posts, {len(labels)} labelled needs ({fits} with a "
        f"fit, {len(labels) - fits} with none, {len(en_es)} English needs with Spanish fits)"
    )
    tunings = candidate_tunings()
    rankings = {t: rank_all(posts, vocabulary, network, t) for t in tunings}
    held_out: dict[str, tuple[Tuning, Ranked]] = {}
    for number, fold in enumerate(folds(labels), start=1):
        train = [n for n in labels if n not in set(fold)]
        chosen = choose(rankings, labels, train, en_es)
        print(f"fold {number}: chose {_describe(chosen)}")
        for need in fold:
            held_out[need] = (chosen, rankings[replace(chosen, alert_score=0.0)][need])
    # Each held-out need is judged with its own fold's choice of alert score.
    recalls = figures(
        {n: r for n, (_, r) in held_out.items()}, labels, labels, 0.0, en_es
    )  # ranking figures do not depend on the alert score
    quiet = [
        not held_out[n][1].alerts(held_out[n][0].alert_score) for n, r in labels.items() if not r
    ]
    right = [
        bool(set(r) & set(held_out[n][1].alerts(held_out[n][0].alert_score)))
        for n, r in labels.items()
        if r
    ]
    cv = replace(recalls, no_alert_no_fit=_mean(quiet), alert_with_right=_mean(right))
    print(cv.line("held-out folds"))
    final = choose(rankings, labels, list(labels), en_es)
    print(f"chosen on all needs: {_describe(final)}")
    ranked = rankings[replace(final, alert_score=0.0)]
    print(figures(ranked, labels, labels, final.alert_score, en_es).line("all needs (in-sample)"))
    for line in by_length(posts, ranked, labels, final.alert_score):
        print(line)
    check_posts, check_labels = load(args.check_posts, args.check_labels, network)
    check_en_es = english_needs_with_spanish_fits(check_posts, check_labels)
    check = rank_all(check_posts, vocabulary, network, final)
    name = f"check: {args.check_posts.name}"
    print(figures(check, check_labels, check_labels, final.alert_score, check_en_es).line(name))
    return 0


def _describe(tuning: Tuning) -> str:
    changed = [
        f"{f.name}={getattr(tuning, f.name)}"
        for f in fields(tuning)
        if f.name in INDEX_GRID or f.name == "alert_score"
    ]
    return ", ".join(changed)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
