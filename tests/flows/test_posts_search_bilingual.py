"""Search finds posts written in the other language, through the matching vocabulary (es, en).

/search accounting finds "Asesoría contable" and /search contabilidad finds "Accounting
services"; posts with the typed words come first, and each result says by which of its own
words it was found. A word the vocabulary does not relate finds nothing more.
"""

import pytest

from bot.domain.posts import PostKind
from tests.fakes import FakeTelegram
from tests.flows.posts_world import member
from tests.flows.test_posts_browse import direct
from tests.harness import BotHarness

_FOUND_BY = {"es": "🔎 coincide: {words}", "en": "🔎 matched: {words}"}
_NOTHING = {"es": "No hay anuncios que coincidan", "en": "No posts match"}
LOCALES = [pytest.param("es", id="es"), pytest.param("en", id="en")]


def line_of(listing: str, title: str) -> str:
    """The listing's line for title and the line below it (the words it was found by)."""
    lines = listing.splitlines()
    at = next(i for i, line in enumerate(lines) if title in line)
    return "\n".join(lines[at : at + 2])


@pytest.mark.parametrize("lang", LOCALES)
async def test_english_words_find_spanish_posts(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    alice, bob = fake.user("alice", language_code="es"), fake.user("bob", language_code=lang)
    await member(bot, alice, "Gestoría Común")
    await member(bot, bob, "Green Bakers")
    await direct(bot, alice, "Asesoría contable")
    await direct(bot, alice, "Clases de cerámica")
    await bob.send("/search accounting")
    listing = bob.last_text()
    assert "Asesoría contable" in listing and "cerámica" not in listing
    assert _FOUND_BY[lang].format(words="contable") in line_of(listing, "Asesoría contable")


@pytest.mark.parametrize("lang", LOCALES)
async def test_spanish_words_find_english_posts(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    alice, bob = fake.user("alice", language_code=lang), fake.user("bob", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    await direct(bot, bob, "Accounting services", kind=PostKind.OFFER)
    await direct(bot, bob, "Bookkeeping for small co-ops", kind=PostKind.NEED)
    await direct(bot, bob, "Sourdough bread")
    await alice.send("/search contabilidad")
    listing = alice.last_text()
    assert "Accounting services" in listing and "Bookkeeping" in listing
    assert "Sourdough" not in listing
    assert _FOUND_BY[lang].format(words="Accounting") in line_of(listing, "Accounting services")
    assert _FOUND_BY[lang].format(words="Bookkeeping") in line_of(listing, "Bookkeeping")


@pytest.mark.parametrize("lang", LOCALES)
async def test_the_typed_words_come_first(bot: BotHarness, fake: FakeTelegram, lang: str) -> None:
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Gestoría Común")
    await direct(bot, alice, "Contabilidad para cooperativas")  # the oldest
    await direct(bot, alice, "Accounting services")
    await direct(bot, alice, "Tax returns for co-ops")  # the newest
    await alice.send("/search contabilidad")
    listing = alice.last_text()
    assert listing.index("Contabilidad para") < listing.index("Tax returns")
    assert listing.index("Tax returns") < listing.index("Accounting services")  # then newest
    await alice.send("/search accounting")
    listing = alice.last_text()
    assert listing.index("Accounting services") < listing.index("Tax returns")
    assert listing.index("Tax returns") < listing.index("Contabilidad para")


@pytest.mark.parametrize("lang", LOCALES)
@pytest.mark.parametrize("words", ["bicicleta", "bicycle", "cerámica"])
async def test_an_unrelated_word_finds_no_more(
    bot: BotHarness, fake: FakeTelegram, lang: str, words: str
) -> None:
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Gestoría Común")
    await direct(bot, alice, "Asesoría contable")
    await direct(bot, alice, "Accounting services")
    await alice.send(f"/search {words}")
    assert _NOTHING[lang] in alice.last_text()


@pytest.mark.parametrize(
    "words",
    [
        'accounting" OR "x',
        "contabilidad) OR (queso",
        "NEAR(accounting tax, 2)",
        "accounting*",
        "^contabilidad -impuestos +iva",
        "posts_fts:accounting",
        "'; DROP TABLE posts; -- contabilidad",
    ],
)
async def test_widened_searches_never_break(
    bot: BotHarness, fake: FakeTelegram, words: str
) -> None:
    alice = fake.user("alice", language_code="en")
    await member(bot, alice, "Gestoría Común")
    await direct(bot, alice, "Asesoría contable")
    await alice.send(f"/search {words}")
    assert 'Words: "' in alice.last_text()
    assert "error" not in alice.last_text().lower()
    async with bot.store.read() as repos:
        assert await repos.posts.get(1) is not None  # nothing was dropped
