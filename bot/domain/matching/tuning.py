"""The matching engine's constants, in one place, each chosen by cross-validation.

bench/match_cv.py chooses them by five-fold cross-validation over the labelled set written as
members write (tests/data/members_*), and prints the held-out figures with the old set
(tests/data/matching_*) as a check. A change here should come with a new run of it.
"""

from dataclasses import dataclass

__all__ = ["DEFAULT_TUNING", "Tuning"]


@dataclass(frozen=True, slots=True)
class Tuning:
    """How posts are weighted, scored and when a ranked list is worth an alert."""

    # --- Terms (analysis) ---
    # The title names the service; the description details it.
    title_weight: float = 2.5
    # A named concept on top of its words' stems: what lets "translation" meet "traducción".
    concept_weight: float = 3.0
    # A broader concept a post only implies ("solar" -> energy): context that orders near
    # candidates but never brings one in.
    broader_weight: float = 0.25
    # How many of the first specific things a title says make up its subject ("Placas solares
    # para la nave": 1 is solar panels only, 2 adds the building).
    subject_topics: int = 2

    # --- Text relevance ---
    # BM25's term-frequency saturation.
    k1: float = 1.2
    # Pivoted length normalisation (Singhal, Buckley and Mitra, 1996): a post's weights are
    # divided by (1 - slope) * average norm + slope * its own norm. slope 1 is the plain
    # cosine, which falls as posts get longer and wordier; a lower slope keeps the fits of
    # members who explain themselves at the level of short posts.
    length_slope: float = 0.25
    # A word in more than this share of the posts of a kind (and at least `generic_min_posts`
    # of them) is generic here: it adds to scores but never brings a candidate in.
    generic_share: float = 0.06
    generic_min_posts: int = 8

    # --- Ordering boosts (small: never lift a pair that shares no specific word) ---
    sector_weight: float = 0.05
    locality_weight: float = 0.06
    freshness_weight: float = 0.02
    freshness_half_life_days: float = 90.0

    # --- The one decision per query ---
    # The bot alerts (pushes proposals) for a post when its best candidate covers the need's
    # subject and scores at least this much. The candidates pushed are then every one in the
    # top three that covers the subject, however they score; the rest are possible matches.
    alert_score: float = 0.36


DEFAULT_TUNING = Tuning()
