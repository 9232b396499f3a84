"""The listing use case: a page of what a filter and search words find, and why each is there."""

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.posts import ListingFilter, Place, PlaceKind, PostDraft, PostKind, PostStatus
from bot.i18n import Catalogs
from bot.services.posts import browsing
from bot.services.runtime import Runtime
from bot.storage.db import Database
from bot.storage.match_index import LiveMatchIndex
from bot.storage.repos import Store
from tests import prebuilt
from tests.harness import FakeClock, make_settings
from tests.seed import seed_members


@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[Runtime]:
    settings = make_settings(tmp_path)
    network, vocabulary = prebuilt.network(None)
    db = Database(settings.database_path)
    await db.open()
    yield Runtime(
        settings=settings,
        network=network,
        catalogs=Catalogs.load(default_locale="es"),
        store=Store(db),
        clock=FakeClock(),
        matching=LiveMatchIndex(vocabulary),
    )
    await db.close()


async def publish(runtime: Runtime, *posts: tuple[PostKind, str]) -> None:
    """One member's posts, a minute apart (the last is the newest)."""
    [seeded] = await seed_members(runtime.store, [101], now=runtime.clock())
    async with runtime.store.write() as repos:
        for minutes, (kind, title) in enumerate(posts):
            draft = PostDraft(
                kind=kind,
                sector="digital",
                title=title,
                description="Para cooperativas.",
                place=Place(kind=PlaceKind.PROVINCE),
            )
            await repos.posts.create(
                draft,
                author_id=seeded.user_id,
                entity_id=seeded.entity_id,
                status=PostStatus.ACTIVE,
                now=runtime.clock() + timedelta(minutes=minutes),
            )


async def test_a_search_lists_typed_words_first_and_says_why(runtime: Runtime) -> None:
    await publish(
        runtime,
        (PostKind.OFFER, "Contabilidad al día"),
        (PostKind.OFFER, "Accounting services"),
        (PostKind.NEED, "Bookkeeper wanted"),
        (PostKind.OFFER, "Pan de masa madre"),
    )
    now = runtime.clock() + timedelta(hours=1)
    found = await browsing.listing(
        runtime, ListingFilter(), words="contabilidad", locale="es", page=1, now=now
    )
    assert found.total == 3
    assert [post.title for post in found.posts] == [
        "Contabilidad al día",
        "Bookkeeper wanted",
        "Accounting services",
    ]
    assert [found.found_by[post.id] for post in found.posts] == [
        ["Contabilidad"],
        ["Bookkeeper"],
        ["Accounting"],
    ]
    offers = await browsing.listing(
        runtime,
        ListingFilter(kind=PostKind.OFFER),
        words="contabilidad",
        locale="en",
        page=9,
        now=now,
    )
    assert offers.total == 2 and offers.page.number == 1  # a page past the end: the last one
    everything = await browsing.listing(
        runtime, ListingFilter(), words=None, locale="es", page=1, now=now
    )
    assert everything.total == 4 and everything.found_by == {}
    assert everything.posts[0].title == "Pan de masa madre"  # newest first
