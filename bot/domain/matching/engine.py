"""The matching index: incremental, inverted, and scoring needs against offers (and back)."""

import heapq
import math
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from bot.domain.matching.analysis import (
    BROAD_PREFIX,
    CONCEPT_PREFIX,
    PostAnalyzer,
    TermVector,
)
from bot.domain.matching.models import Kind, Match, MatchablePost, Scope
from bot.domain.matching.stopwords import GENERIC_WORDS
from bot.domain.matching.text import stems, tokenize
from bot.domain.matching.tuning import DEFAULT_TUNING, Tuning
from bot.domain.matching.vocabulary import Vocabulary

__all__ = ["MAX_ALERTS", "MatchIndex"]

# What a query returns is decided in two steps (issue 11):
# 1. Rank every post of the other kind that shares something specific with it: a concept
#    the post names or a word that is neither generic ("servicio", "proyecto") nor in a
#    large share of the posts. No score cut: a fit a member wrote at length still ranks.
# 2. Decide once, from the best candidate, whether the bot alerts anyone: it must cover the
#    need's subject (Match.strong) and score at least Tuning.alert_score. Then every candidate
#    in the list that covers the subject is strong, whatever its own score, and the first
#    MAX_ALERTS of them are pushed; the others are possible matches, listed under the post.
# Text relevance is a dot product of BM25-weighted term vectors (idf * saturated tf) with
# pivoted length normalisation (Tuning.length_slope); sector, place and age only add a little
# on top to order close candidates. Every constant is in tuning.py, chosen by cross-validation.

# Proposals pushed for one post at most (domain.matches.MAX_PROPOSALS is this).
MAX_ALERTS = 3
# idf and document norms are cached in the postings; they are recomputed for the whole index
# when more than this share of posts changed since the last time. Below that, idf drift moves
# scores by a fraction of a percent, and amortised refreshes keep adds O(post length).
REFRESH_RATIO = 0.02
# idf is computed as if this many more posts, containing none of the terms, were indexed. A
# network starts with a handful of posts, where plain idf is near zero for any shared word (in
# a two-post index, the one word they share looks like a stop word); the prior keeps small
# indexes sensible and fades as the index grows.
IDF_PRIOR_POSTS = 200
# Same municipality > same comarca > elsewhere in the province > online or unknown place.
LOCALITY_LEVELS = {"municipality": 1.0, "comarca": 0.6, "province": 0.3, "anywhere": 0.1}
# However large the network, a term in more posts than this is broad: it adds to the scores
# of the candidates others found, but walking its postings would cost more than it tells
# (about 2% of the posts of a kind at 100 000 posts; small networks never reach it).
BROAD_POSTINGS = 1000
# Float sums of bounds must never prune a doc that rounding put a hair below.
_EPSILON = 1e-9
# A query term that can add less than this to any score is not looked up at all.
NEGLIGIBLE = 0.002
# Shared terms a Match keeps, best first (a proposal shows three, in the reader's words).
SHARED_KEYS = 12

_KINDS: tuple[Kind, Kind] = ("need", "offer")
# Stems of generic words: they add to scores but never bring a candidate in.
_GENERIC_STEMS = frozenset(stem for word in GENERIC_WORDS for stem in stems(word))


class _Postings:
    """One term's postings in one kind: doc numbers (ascending) and their weights."""

    __slots__ = ("docs", "top", "weights")

    def __init__(self) -> None:
        """Start empty."""
        self.docs = array("I")
        self.weights = array("f")
        self.top = 0.0  # the largest weight, which bounds what this term can add to a score

    def append(self, number: int, weight: float) -> None:
        """Add a doc (numbers only grow, so the arrays stay sorted)."""
        self.docs.append(number)
        self.weights.append(weight)
        self.top = max(self.top, weight)

    def weight_of(self, number: int) -> float:
        """The weight of doc `number`, 0 when absent (binary search)."""
        i = bisect_left(self.docs, number)
        return self.weights[i] if i < len(self.docs) and self.docs[i] == number else 0.0


@dataclass(frozen=True, slots=True)
class _Doc:
    """What the index keeps of a post: no text, only terms and the scoring context."""

    id: str
    kind: int
    terms: array  # type: ignore[type-arg]  # term ids ('I')
    tf: array  # type: ignore[type-arg]  # weighted frequencies ('f'), parallel to terms
    subject: frozenset[int]  # term ids of what the post is mainly about
    sector: str | None
    sectors: frozenset[str]
    municipality: str | None
    comarca: str | None
    scope: Scope
    created: float  # POSIX seconds, NaN when unknown
    norm: float  # the raw norm of its weights at the last refresh


@dataclass(frozen=True, slots=True)
class _Query:
    """A post's terms as the index looks them up."""

    # (term id, weight, may bring candidates in, the post has this very term)
    terms: list[tuple[int, float, bool, bool]]
    own: frozenset[int]  # ids of the terms the post names (not implied concepts)
    subject: frozenset[int]


def _no_comarca(_municipality: str) -> str | None:
    """Know no comarca (the default when the caller has no network file)."""
    return None


def _utc_now() -> datetime:
    """Return the current time (the default clock)."""
    return datetime.now(UTC)


class MatchIndex:
    """Posts indexed by term; `top` ranks the posts of the other kind and flags strong ones."""

    def __init__(
        self,
        vocabulary: Vocabulary | None = None,
        comarca_of: Callable[[str], str | None] = _no_comarca,
        clock: Callable[[], datetime] = _utc_now,
        tuning: Tuning = DEFAULT_TUNING,
    ) -> None:
        """Index with `vocabulary`; `comarca_of` maps a municipality key to its comarca."""
        self._tuning = tuning
        self._analyzer = PostAnalyzer(
            vocabulary if vocabulary is not None else Vocabulary(), tuning
        )
        self._comarca_of = comarca_of
        self._clock = clock
        self._term_ids: dict[str, int] = {}
        self._term_names: list[str] = []
        # Per kind: term id -> how many posts of that kind have it.
        self._df: tuple[list[int], list[int]] = ([], [])
        # Per kind: term id -> postings of idf * saturated tf / pivoted norm. Arrays keep a
        # posting at 8 bytes; removed docs stay as tombstones until the next refresh.
        self._postings: tuple[dict[int, _Postings], dict[int, _Postings]] = ({}, {})
        self._docs: list[_Doc | None] = []
        self._by_id: dict[str, int] = {}
        self._sizes = [0, 0]  # live posts per kind
        self._average_norm = [0.0, 0.0]  # per kind, at the last refresh (0: none yet)
        self._changes = 0
        self._size_at_refresh = 0

    def __len__(self) -> int:
        """Number of posts in the index."""
        return len(self._by_id)

    def __contains__(self, post_id: object) -> bool:
        """Say whether a post with this id is indexed."""
        return post_id in self._by_id

    @property
    def tuning(self) -> Tuning:
        """The constants it scores and decides with."""
        return self._tuning

    # --- Maintenance -------------------------------------------------------------------------
    def add(self, post: MatchablePost) -> None:
        """Index `post`, replacing any post with the same id."""
        if post.id in self._by_id:
            self.remove(post.id)
        vector = self._analyzer.analyze(post)
        kind = _KINDS.index(post.kind)
        terms = array("I")
        tfs = array("f")
        for term, tf in vector.tf.items():
            tid = self._term_id(term)
            self._df[kind][tid] += 1
            terms.append(tid)
            tfs.append(tf)
        municipality = post.municipality
        doc = _Doc(
            id=post.id,
            kind=kind,
            terms=terms,
            tf=tfs,
            subject=frozenset(self._term_id(term) for term in vector.subject),
            sector=post.sector,
            sectors=vector.sectors,
            municipality=municipality,
            comarca=self._comarca_of(municipality) if municipality else None,
            scope=post.scope,
            created=_timestamp(post.created_at),
            norm=0.0,
        )
        number = len(self._docs)
        self._docs.append(doc)
        self._by_id[post.id] = number
        self._sizes[kind] += 1
        self._post(number, doc)
        self._changes += 1

    def update(self, post: MatchablePost) -> None:
        """Re-index a changed post (same as `add`)."""
        self.add(post)

    def add_many(self, posts: Iterable[MatchablePost]) -> None:
        """Index many posts, then refresh the cached weights once."""
        for post in posts:
            self.add(post)
        self.refresh()

    def remove(self, post_id: str) -> bool:
        """Drop a post; return whether it was indexed."""
        number = self._by_id.pop(post_id, None)
        if number is None:
            return False
        doc = self._docs[number]
        assert doc is not None  # noqa: S101 - _by_id only points at live docs
        for tid in doc.terms:
            self._df[doc.kind][tid] -= 1
        self._sizes[doc.kind] -= 1
        self._docs[number] = None
        self._changes += 1
        return True

    def refresh(self) -> None:
        """Recompute idf, norms and their averages; drop removed posts from the postings."""
        totals = [0.0, 0.0]
        for number, doc in enumerate(self._docs):
            if doc is not None:
                norm = self._norm(doc.kind, doc.terms, doc.tf)
                self._docs[number] = doc = replace(doc, norm=norm)
                totals[doc.kind] += norm
        self._average_norm = [
            totals[kind] / self._sizes[kind] if self._sizes[kind] else 0.0 for kind in (0, 1)
        ]
        self._postings = ({}, {})
        for number, doc in enumerate(self._docs):
            if doc is not None:
                self._post(number, doc)
        self._changes = 0
        self._size_at_refresh = len(self._by_id)

    def _term_id(self, term: str) -> int:
        tid = self._term_ids.get(term)
        if tid is None:
            tid = self._term_ids[term] = len(self._term_names)
            self._term_names.append(term)
            self._df[0].append(0)
            self._df[1].append(0)
        return tid

    def _weight(self, kind: int, tid: int, tf: float) -> float:
        return self._idf(kind, self._df[kind][tid]) * self._saturate(tf)

    def _norm(self, kind: int, terms: Sequence[int], tfs: Sequence[float]) -> float:
        return math.sqrt(
            sum(self._weight(kind, t, f) ** 2 for t, f in zip(terms, tfs, strict=True))
        )

    def _pivot(self, kind: int, norm: float) -> float:
        """The divisor of a post's weights: pivoted between the kind's average and its own."""
        average = self._average_norm[kind] or norm
        slope = self._tuning.length_slope
        return ((1.0 - slope) * average + slope * norm) or 1.0

    def _post(self, number: int, doc: _Doc) -> None:
        """Append one doc's normalised weights to the postings of its kind."""
        weights = [self._weight(doc.kind, t, f) for t, f in zip(doc.terms, doc.tf, strict=True)]
        norm = doc.norm or math.sqrt(sum(w * w for w in weights))
        pivot = self._pivot(doc.kind, norm)
        postings = self._postings[doc.kind]
        for tid, weight in zip(doc.terms, weights, strict=True):
            entry = postings.get(tid)
            if entry is None:
                entry = postings[tid] = _Postings()
            entry.append(number, weight / pivot)

    def _idf(self, kind: int, df: int) -> float:
        """BM25 idf within a kind's posts, kept positive (common terms still count a little)."""
        n = self._sizes[kind] + IDF_PRIOR_POSTS
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _saturate(self, tf: float) -> float:
        """BM25's term-frequency saturation."""
        k1 = self._tuning.k1
        return tf * (k1 + 1.0) / (tf + k1)

    def _generic(self, kind: int, tid: int) -> bool:
        """Whether a term is in so many posts of `kind` that it says nothing specific."""
        tuning = self._tuning
        limit = max(tuning.generic_min_posts, tuning.generic_share * self._sizes[kind])
        return self._df[kind][tid] > min(limit, BROAD_POSTINGS)

    # --- Queries -----------------------------------------------------------------------------
    def top(self, post: MatchablePost, k: int = 3) -> list[Match]:
        """Rank up to `k` posts of the other kind that share something specific with `post`.

        Best first, never `post` itself. Each Match says whether it is strong (it covers the
        need's subject and the best candidate was good enough to alert) and whether the bot
        would push it (`alert`: the first MAX_ALERTS strong ones).
        """
        if k <= 0:
            return []
        if self._changes > REFRESH_RATIO * self._size_at_refresh:
            self.refresh()
        vector = self._analyzer.analyze(post)
        kind = _KINDS.index(post.kind)
        query = self._query(vector, kind)
        scores = self._text_scores(query, 1 - kind)
        self_number = self._by_id.get(post.id)
        municipality = post.municipality
        comarca = self._comarca_of(municipality) if municipality else None
        now = self._clock().timestamp()
        tuning = self._tuning
        # Sector, place and age add at most `boost` to a text score, so a doc whose relevance
        # is more than that below the k-th best relevance cannot make the list: only the
        # others get their boosts computed and are sorted.
        boost = tuning.sector_weight + tuning.locality_weight + tuning.freshness_weight
        if self_number is not None:
            scores.pop(self_number, None)
        if len(scores) > k:
            floor = heapq.nlargest(k, scores.values())[-1] - boost - _EPSILON
            scores = {number: value for number, value in scores.items() if value >= floor}
        scored: list[tuple[float, str, int, float]] = []
        for number, relevance in scores.items():
            doc = self._docs[number]
            if doc is None:
                continue
            score = (
                relevance
                + tuning.sector_weight * _sector_fit(post.sector, vector.sectors, doc)
                + tuning.locality_weight * _locality(municipality, comarca, post.scope, doc)
                + tuning.freshness_weight * _freshness(doc.created, now, tuning)
            )
            scored.append((score, doc.id, number, relevance))
        # Ties break on the id so that results never depend on insertion order.
        best = heapq.nsmallest(k, scored, key=lambda s: (-s[0], s[1]))
        covers = [self._covers(query, kind, number) for _, _, number, _ in best]
        # The one decision: does the best candidate make this post worth an alert?
        alerting = bool(best) and covers[0] and best[0][0] >= tuning.alert_score
        matches: list[Match] = []
        pushed = 0
        for (score, _, number, relevance), covered in zip(best, covers, strict=True):
            strong = alerting and covered
            alert = strong and pushed < MAX_ALERTS
            pushed += alert
            match = self._match(score, relevance, number, query, vector, municipality, comarca)
            matches.append(
                match.model_copy(update={"covers": covered, "strong": strong, "alert": alert})
            )
        return matches

    def _covers(self, query: _Query, kind: int, number: int) -> bool:
        """Whether the pair shares the need's subject (the query's, or the doc's if an offer)."""
        doc = self._docs[number]
        assert doc is not None  # noqa: S101 - only live docs are scored
        if _KINDS[kind] == "need":
            return bool(query.subject) and not query.subject.isdisjoint(doc.terms)
        return bool(doc.subject) and not doc.subject.isdisjoint(query.own)

    def own_words(self, post: MatchablePost, keys: Sequence[str], lang: str) -> list[str]:
        """The shared terms `keys` as `post` words them, best first, without repeats.

        Only words the post itself has: a concept it only implies, or a term it lacks, is left
        out, so a why-line never names a word that is not in both posts. `lang` is kept for
        callers that name the reader's language; the post's own words need none.
        """
        del lang
        vector = self._analyzer.analyze(post)
        words: list[str] = []
        seen: set[str] = set()  # folded forms of the words shown so far
        for key in keys:
            word = vector.surfaces.get(key)
            if word is None:
                continue
            forms = {token.form for token in tokenize(word)}
            if forms and not forms <= seen:  # "web" after "diseño web" says nothing new
                seen |= forms
                words.append(word)
        return words

    def _query(self, vector: TermVector, kind: int) -> _Query:
        """Pivot-normalised query weights of the terms the index knows (unknown ones dilute).

        A concept the post names also meets posts that only imply it, and an implied concept
        meets both, as context: neither brings candidates in.
        """
        other = 1 - kind
        raw: list[tuple[str, float]] = []
        norm2 = 0.0
        for term, tf in vector.tf.items():
            tid = self._term_ids.get(term)
            df = self._df[kind][tid] if tid is not None else 0
            weight = self._idf(kind, df) * self._saturate(tf)
            norm2 += weight * weight
            raw.append((term, weight))
        pivot = self._pivot(kind, math.sqrt(norm2))
        terms: list[tuple[int, float, bool, bool]] = []
        own: set[int] = set()
        for term, weight in raw:
            q = weight / pivot
            implied = term.startswith(BROAD_PREFIX)
            tid = self._term_ids.get(term)
            if tid is not None:
                if not implied:
                    own.add(tid)
                admits = not implied and term not in _GENERIC_STEMS
                if term.startswith(CONCEPT_PREFIX):
                    admits = term[len(CONCEPT_PREFIX) :] not in self._analyzer.vocabulary.generic
                terms.append((tid, q, admits and not self._generic(other, tid), True))
            if term.startswith((CONCEPT_PREFIX, BROAD_PREFIX)):
                concept = term[len(CONCEPT_PREFIX) :]
                related = [BROAD_PREFIX + concept] if not implied else [CONCEPT_PREFIX + concept]
                for name in related:
                    rid = self._term_ids.get(name)
                    if rid is not None:
                        terms.append((rid, q, False, False))
        subject = frozenset(
            tid for term in vector.subject if (tid := self._term_ids.get(term)) is not None
        )
        return _Query(terms, frozenset(own), subject)

    def _text_scores(self, query: _Query, kind: int) -> dict[int, float]:
        """Relevance of the docs of `kind` that share a specific term with the query."""
        # Candidates come from the specific terms only (a concept the query names, a word
        # that is not generic here). The other terms complete the scores of those candidates
        # instead of bringing in their own: scanning thousands of postings of "food" or
        # "local" would only find docs that share nothing specific. Terms that could add less
        # than NEGLIGIBLE to any score are skipped.
        postings = self._postings[kind]
        eager: list[tuple[float, _Postings]] = []
        lazy: list[tuple[float, _Postings]] = []
        for tid, q, admits, _ in query.terms:
            entry = postings.get(tid)
            if entry is None or not entry.docs or q * entry.top < NEGLIGIBLE:
                continue
            (eager if admits else lazy).append((q, entry))
        scores: dict[int, float] = {}
        get = scores.get
        for q, entry in eager:
            for number, value in zip(entry.docs, entry.weights):  # noqa: B905 - parallel arrays
                scores[number] = get(number, 0.0) + q * value
        for q, entry in lazy:
            if len(entry.docs) <= 4 * len(scores):
                for number, value in zip(entry.docs, entry.weights):  # noqa: B905
                    if number in scores:
                        scores[number] += q * value
            else:
                for number in scores:
                    scores[number] += q * entry.weight_of(number)
        return scores

    def _match(
        self,
        score: float,
        relevance: float,
        number: int,
        query: _Query,
        vector: TermVector,
        municipality: str | None,
        comarca: str | None,
    ) -> Match:
        """Build the Match for doc `number`, naming the terms both posts have."""
        doc = self._docs[number]
        assert doc is not None  # noqa: S101 - only live docs are scored
        doc_terms = set(doc.terms)
        shared = sorted(
            (
                (q, self._term_names[tid])
                for tid, q, _, own in query.terms
                if own and tid in doc_terms
            ),
            key=lambda s: -s[0],
        )
        labels: list[str] = []
        keys: list[str] = []
        for _, term in shared:
            label = vector.surfaces.get(term)
            if label is None:
                continue  # an implied concept: neither post words it
            keys.append(term)
            if label not in labels:
                labels.append(label)
        return Match(
            id=doc.id,
            score=score,
            relevance=relevance,
            shared_terms=labels[:5],
            shared_keys=keys[:SHARED_KEYS],
            same_municipality=municipality is not None and municipality == doc.municipality,
            same_comarca=comarca is not None and comarca == doc.comarca,
        )


def _timestamp(moment: datetime | None) -> float:
    """POSIX seconds of `moment` (naive means UTC), NaN when unknown."""
    if moment is None:
        return math.nan
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _sector_fit(sector: str | None, sectors: frozenset[str], doc: _Doc) -> float:
    """1 for the same declared sector, 0.5 when the words of either suggest the other's sector."""
    if sector is not None and sector == doc.sector:
        return 1.0
    if (sector is not None and sector in doc.sectors) or (
        doc.sector is not None and doc.sector in sectors
    ):
        return 0.5
    return 0.5 if sectors & doc.sectors else 0.0


def _locality(municipality: str | None, comarca: str | None, scope: Scope, doc: _Doc) -> float:
    """How near two posts are: municipality, comarca, province, or anywhere."""
    if municipality is not None and municipality == doc.municipality:
        return LOCALITY_LEVELS["municipality"]
    if comarca is not None and comarca == doc.comarca:
        return LOCALITY_LEVELS["comarca"]
    # Posts that serve online are as near as anywhere; other located posts share the province.
    if municipality and doc.municipality and "online" not in (scope, doc.scope):
        return LOCALITY_LEVELS["province"]
    return LOCALITY_LEVELS["anywhere"]


def _freshness(created: float, now: float, tuning: Tuning) -> float:
    """Halve the freshness every half-life; 0.5 when the age is unknown."""
    if math.isnan(created):
        return 0.5
    age_days = max(0.0, now - created) / 86400.0
    return float(0.5 ** (age_days / tuning.freshness_half_life_days))
