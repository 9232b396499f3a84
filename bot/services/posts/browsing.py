"""Browsing and searching needs and offers: a listing's count, its page, and why each is there."""

from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.board import Page, page_of
from bot.domain.posts import PAGE_SIZE, ListingFilter, Post
from bot.domain.search_query import SearchQuery, parse_query
from bot.services.runtime import Runtime

__all__ = ["Listing", "listing", "search_query"]


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of listed posts and how many there are in all."""

    total: int
    page: Page
    posts: list[Post]
    # Post id -> the post's own words a search found it by ("contable" for "accounting").
    found_by: dict[int, list[str]] = field(default_factory=dict)


def search_query(runtime: Runtime, words: str, locale: str | None) -> SearchQuery | None:
    """What a search for words looks for, widened through the matching vocabulary."""
    return parse_query(words, runtime.matching.vocabulary(runtime.network), locale)


async def listing(
    runtime: Runtime,
    flt: ListingFilter,
    *,
    words: str | None,
    locale: str | None,
    page: int,
    now: datetime,
) -> Listing:
    """The requested page (moved inside the listing) of what flt and the words find."""
    query = search_query(runtime, words, locale) if words else None
    if query is not None:
        flt = query.narrow(flt)
    requested = max(page, 1)
    async with runtime.store.read() as repos:
        total, posts = await repos.posts.listed_page(
            flt, now=now, limit=PAGE_SIZE, offset=(requested - 1) * PAGE_SIZE
        )
        current = page_of(total, requested, PAGE_SIZE)
        if current.number != requested:  # an old button past the end: the last page
            total, posts = await repos.posts.listed_page(
                flt, now=now, limit=PAGE_SIZE, offset=current.offset
            )
    found_by: dict[int, list[str]] = {}
    if query is not None:
        found_by = {
            post.id: query.found_by(
                post.title, post.description, post.conditions, post.member_discount
            )
            for post in posts
        }
    return Listing(total=total, page=current, posts=posts, found_by=found_by)
