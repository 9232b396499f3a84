"""The matching index: incremental, inverted, and scoring needs against offers (and back)."""

import heapq
import math
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.domain.matching.analysis import CONCEPT_PREFIX, PostAnalyzer, TermVector
from bot.domain.matching.models import Kind, Match, MatchablePost, Scope
from bot.domain.matching.text import tokenize
from bot.domain.matching.vocabulary import Vocabulary

__all__ = [
    "FIT_THRESHOLD",
    "MIN_TEXT_SCORE",
    "MatchIndex",
]

# --- Scoring ---------------------------------------------------------------------------------
# Text relevance is the cosine between BM25-weighted term vectors: idf * saturated tf. Cosine
# is bounded in [0, 1] whatever the posts' lengths, which is what makes one fixed threshold
# meaningful for a one-line need and for a long offer alike; tf saturation (BM25's k1) keeps a
# word repeated five times from drowning the rest. BM25's length normalisation (b) is left out
# because the cosine already divides by each post's length.
K1 = 1.2
# Whether a post fits at all is decided by the text: a pair must share enough meaning on its
# own (MIN_TEXT_SCORE) and, with the boosts below, reach FIT_THRESHOLD. The boosts together
# (at most SECTOR_WEIGHT + LOCALITY_WEIGHT + FRESHNESS_WEIGHT = 0.13, under MIN_TEXT_SCORE)
# order close candidates and may tip a borderline text over the line, but never lift a
# text-less pair: same sector and same village alone never fit. The values sit mid-plateau
# on the labelled set (bench/match_quality.py), between "one shared generic concept" pairs
# (cosine ~0.1-0.2) and pairs that name the same service (~0.3 and up).
FIT_THRESHOLD = 0.22
MIN_TEXT_SCORE = 0.16
# Small on purpose: a poster who picked the wrong sector must not lose a strong text match.
SECTOR_WEIGHT = 0.05
LOCALITY_WEIGHT = 0.06
FRESHNESS_WEIGHT = 0.02
FRESHNESS_HALF_LIFE_DAYS = 90.0
# Same municipality > same comarca > elsewhere in the province > online or unknown place.
LOCALITY_LEVELS = {"municipality": 1.0, "comarca": 0.6, "province": 0.3, "anywhere": 0.1}
# idf and document norms are cached in the postings; they are recomputed for the whole index
# when more than this share of posts changed since the last time. Below that, idf drift moves
# scores by a fraction of a percent, and amortised refreshes keep adds O(post length).
REFRESH_RATIO = 0.02
# idf is computed as if this many more posts, containing none of the terms, were indexed. A
# network starts with a handful of posts, where plain idf is near zero for any shared word (in
# a two-post index, the one word they share looks like a stop word); the prior keeps small
# indexes sensible and fades as the index grows.
IDF_PRIOR_POSTS = 200

# A term in more than this share of the posts (and at least BROAD_MIN_POSTINGS of them) does
# not bring in candidates on its own, only adds to those that selective terms found. Small
# indexes never reach it, so their results are exact; at 100 000 posts it keeps one query
# from walking tens of thousands of postings of "food" or "tourism".
BROAD_SHARE = 0.05
BROAD_MIN_POSTINGS = 1000
# A query term that can add less than this to any cosine is not looked up at all.
NEGLIGIBLE = 0.002
# Shared terms a Match keeps, best first (a proposal shows three, in the reader's words).
SHARED_KEYS = 12

_KINDS: tuple[Kind, Kind] = ("need", "offer")
# Float sums of bounds must never prune a doc that rounding put a hair below.
_EPSILON = 1e-6


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
    sector: str | None
    sectors: frozenset[str]
    municipality: str | None
    comarca: str | None
    scope: Scope
    created: float  # POSIX seconds, NaN when unknown


def _no_comarca(_municipality: str) -> str | None:
    """Know no comarca (the default when the caller has no network file)."""
    return None


def _utc_now() -> datetime:
    """Return the current time (the default clock)."""
    return datetime.now(UTC)


def _saturate(tf: float) -> float:
    """BM25's term-frequency saturation."""
    return tf * (K1 + 1.0) / (tf + K1)


class MatchIndex:
    """Posts indexed by term; `top` proposes the best fitting posts of the other kind."""

    def __init__(
        self,
        vocabulary: Vocabulary | None = None,
        comarca_of: Callable[[str], str | None] = _no_comarca,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        """Index with `vocabulary`; `comarca_of` maps a municipality key to its comarca."""
        self._analyzer = PostAnalyzer(vocabulary if vocabulary is not None else Vocabulary())
        self._comarca_of = comarca_of
        self._clock = clock
        self._term_ids: dict[str, int] = {}
        self._term_names: list[str] = []
        self._df: list[int] = []
        # Per kind: term id -> postings of idf * saturated tf / doc norm. Arrays keep a
        # posting at 8 bytes; removed docs stay as tombstones until the next refresh.
        self._postings: tuple[dict[int, _Postings], dict[int, _Postings]] = ({}, {})
        self._docs: list[_Doc | None] = []
        self._by_id: dict[str, int] = {}
        self._changes = 0
        self._size_at_refresh = 0

    def __len__(self) -> int:
        """Number of posts in the index."""
        return len(self._by_id)

    def __contains__(self, post_id: object) -> bool:
        """Say whether a post with this id is indexed."""
        return post_id in self._by_id

    # --- Maintenance -------------------------------------------------------------------------
    def add(self, post: MatchablePost) -> None:
        """Index `post`, replacing any post with the same id."""
        if post.id in self._by_id:
            self.remove(post.id)
        vector = self._analyzer.analyze(post)
        terms = array("I")
        tfs = array("f")
        for term, tf in vector.tf.items():
            tid = self._term_ids.get(term)
            if tid is None:
                tid = self._term_ids[term] = len(self._df)
                self._term_names.append(term)
                self._df.append(0)
            self._df[tid] += 1
            terms.append(tid)
            tfs.append(tf)
        municipality = post.municipality
        doc = _Doc(
            id=post.id,
            kind=_KINDS.index(post.kind),
            terms=terms,
            tf=tfs,
            sector=post.sector,
            sectors=vector.sectors,
            municipality=municipality,
            comarca=self._comarca_of(municipality) if municipality else None,
            scope=post.scope,
            created=_timestamp(post.created_at),
        )
        number = len(self._docs)
        self._docs.append(doc)
        self._by_id[post.id] = number
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
            self._df[tid] -= 1
        self._docs[number] = None
        self._changes += 1
        return True

    def refresh(self) -> None:
        """Recompute idf and norms for every post and drop removed posts from the postings."""
        self._postings = ({}, {})
        for number, doc in enumerate(self._docs):
            if doc is not None:
                self._post(number, doc)
        self._changes = 0
        self._size_at_refresh = len(self._by_id)

    def _post(self, number: int, doc: _Doc) -> None:
        """Append one doc's normalised weights to the postings of its kind."""
        weights = [
            self._idf(self._df[tid]) * _saturate(tf)
            for tid, tf in zip(doc.terms, doc.tf, strict=True)
        ]
        norm = math.sqrt(sum(w * w for w in weights)) or 1.0
        postings = self._postings[doc.kind]
        for tid, weight in zip(doc.terms, weights, strict=True):
            entry = postings.get(tid)
            if entry is None:
                entry = postings[tid] = _Postings()
            entry.append(number, weight / norm)

    def _idf(self, df: int) -> float:
        """BM25 idf, kept positive (terms in most posts still count a little)."""
        n = len(self._by_id) + IDF_PRIOR_POSTS
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    # --- Queries -----------------------------------------------------------------------------
    def top(self, post: MatchablePost, k: int = 3) -> list[Match]:
        """Return up to `k` fitting posts of the other kind, best first; never `post` itself."""
        if k <= 0:
            return []
        if self._changes > REFRESH_RATIO * self._size_at_refresh:
            self.refresh()
        vector = self._analyzer.analyze(post)
        query = self._query_weights(vector)
        text = self._text_scores(query, 1 - _KINDS.index(post.kind))
        self_number = self._by_id.get(post.id)
        municipality = post.municipality
        comarca = self._comarca_of(municipality) if municipality else None
        now = self._clock().timestamp()
        scored: list[tuple[float, str, int]] = []
        for number, relevance in text.items():
            if relevance < MIN_TEXT_SCORE or number == self_number:
                continue
            doc = self._docs[number]
            if doc is None:
                continue
            score = (
                relevance
                + SECTOR_WEIGHT * _sector_fit(post.sector, vector.sectors, doc)
                + LOCALITY_WEIGHT * _locality(municipality, comarca, post.scope, doc)
                + FRESHNESS_WEIGHT * _freshness(doc.created, now)
            )
            if score >= FIT_THRESHOLD:
                scored.append((score, doc.id, number))
        # Ties break on the id so that results never depend on insertion order.
        best = heapq.nsmallest(k, scored, key=lambda s: (-s[0], s[1]))
        return [
            self._match(score, number, query, vector, municipality, comarca)
            for score, _, number in best
        ]

    def own_words(self, post: MatchablePost, keys: Sequence[str], lang: str) -> list[str]:
        """The shared terms `keys` as `post` words them, best first, without repeats.

        A concept the post only has as a broader one ("energy" for "placas solares") is named
        by its label in `lang`; a term the post does not word at all is left out.
        """
        vector = self._analyzer.analyze(post)
        words: list[str] = []
        seen: set[str] = set()  # folded forms of the words shown so far
        for key in keys:
            word = vector.surfaces.get(key)
            if word is None and key in vector.tf and key.startswith(CONCEPT_PREFIX):
                word = self._analyzer.vocabulary.label(key.removeprefix(CONCEPT_PREFIX), lang)
            if word is None:
                continue
            forms = {token.form for token in tokenize(word)}
            if forms and not forms <= seen:  # "web" after "diseño web" says nothing new
                seen |= forms
                words.append(word)
        return words

    def _query_weights(self, vector: TermVector) -> dict[int, float]:
        """Normalised query weights of the terms the index knows (unknown ones only dilute)."""
        weights: dict[int, float] = {}
        norm2 = 0.0
        for term, tf in vector.tf.items():
            tid = self._term_ids.get(term)
            df = self._df[tid] if tid is not None else 0
            weight = self._idf(df) * _saturate(tf)
            norm2 += weight * weight
            if tid is not None and df > 0:
                weights[tid] = weight
        norm = math.sqrt(norm2) or 1.0
        return {tid: w / norm for tid, w in weights.items()}

    def _text_scores(self, query: dict[int, float], kind: int) -> dict[int, float]:
        """Cosine of the query with the docs of `kind` that can fit, from postings only."""
        # Candidates come from the selective terms. Other terms only complete the scores of
        # those candidates instead of bringing in their own: terms whose largest possible
        # contributions add up to less than MIN_TEXT_SCORE (as in MaxScore: they cannot make
        # a fit on their own, so nothing is lost), and terms in more than BROAD_SHARE of the
        # posts of a large index ("food", "digital"), which would cost a scan of thousands of
        # postings for docs that share nothing specific with the query. Terms that could add
        # less than NEGLIGIBLE to any score (words in most posts) are skipped.
        postings = self._postings[kind]
        broad = max(BROAD_MIN_POSTINGS, BROAD_SHARE * self._size_at_refresh / 2)
        terms = [(q, entry) for tid, q in query.items() if (entry := postings.get(tid))]
        terms.sort(key=lambda term: -len(term[1].docs))
        lazy: list[tuple[float, _Postings]] = []
        eager: list[tuple[float, _Postings]] = []
        budget = 0.0  # the most the lazy terms can add to a doc
        for q, entry in terms:
            bound = q * entry.top
            if bound < NEGLIGIBLE:
                continue  # a word in most posts: looking it up would cost more than it adds
            if budget + bound < MIN_TEXT_SCORE or len(entry.docs) > broad:
                budget += bound
                lazy.append((q, entry))
            else:
                eager.append((q, entry))
        scores: dict[int, float] = {}
        get = scores.get
        for q, entry in eager:
            for number, value in zip(entry.docs, entry.weights):  # noqa: B905 - parallel arrays
                scores[number] = get(number, 0.0) + q * value
        if lazy:
            # A doc that cannot reach MIN_TEXT_SCORE even with every lazy term is out.
            floor = MIN_TEXT_SCORE - budget - _EPSILON
            scores = {number: score for number, score in scores.items() if score >= floor}
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
        number: int,
        query: dict[int, float],
        vector: TermVector,
        municipality: str | None,
        comarca: str | None,
    ) -> Match:
        """Build the Match for doc `number`, naming the terms that weighed most."""
        doc = self._docs[number]
        assert doc is not None  # noqa: S101 - only live docs are scored
        shared: list[tuple[float, str]] = []
        for tid in doc.terms:
            q = query.get(tid)
            if q is not None:
                shared.append((q, self._term_names[tid]))
        shared.sort(key=lambda s: -s[0])
        labels: list[str] = []
        for _, term in shared:
            label = vector.surfaces.get(term, term.removeprefix(CONCEPT_PREFIX))
            if label not in labels:
                labels.append(label)
        same_comarca = comarca is not None and comarca == doc.comarca
        return Match(
            id=doc.id,
            score=score,
            shared_terms=labels[:5],
            shared_keys=[term for _, term in shared[:SHARED_KEYS]],
            same_municipality=municipality is not None and municipality == doc.municipality,
            same_comarca=same_comarca,
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


def _freshness(created: float, now: float) -> float:
    """Halve the freshness every FRESHNESS_HALF_LIFE_DAYS; 0.5 when the age is unknown."""
    if math.isnan(created):
        return 0.5
    age_days = max(0.0, now - created) / 86400.0
    return float(0.5 ** (age_days / FRESHNESS_HALF_LIFE_DAYS))
