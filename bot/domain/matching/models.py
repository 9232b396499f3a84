"""What the matching engine reads (a post) and returns (a match)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["Kind", "Match", "MatchablePost", "Scope"]

Kind = Literal["need", "offer"]
Scope = Literal["municipality", "comarca", "province", "online"]


class MatchablePost(BaseModel):
    """A need or offer as the engine sees it: text, sector, place and age."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: Kind
    sector: str | None = None
    title: str
    description: str = ""
    municipality: str | None = None  # a municipality key from the network file
    scope: Scope = "municipality"
    lang: str | None = None
    created_at: datetime | None = None


class Match(BaseModel):
    """A post of the complementary kind that shares something specific, with why.

    `strong`: it covers the need's subject and the query's best candidate was good enough to
    alert; the bot pushes the first strong ones (`alert`) and lists the rest as possible.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    score: float
    relevance: float = 0.0  # the text's part of the score, before sector, place and age
    covers: bool = False  # the other post has the need's subject (see TermVector.subject)
    strong: bool = False
    alert: bool = False
    shared_terms: list[str]  # words both posts have, as the queried post words them
    # The index terms behind them, best first: the other post's author sees them in their own
    # words (MatchIndex.own_words), never in the queried post's language.
    shared_keys: list[str] = []
    same_municipality: bool
    same_comarca: bool
