"""Browsing and searching needs and offers, in es and en."""

from datetime import timedelta

import pytest

from bot.domain.posts import CloseReason, Place, PlaceKind, PostDraft, PostKind, PostStatus
from tests.fakes import FakeTelegram, FakeUser
from tests.flows.posts_world import EN, ES, answer, member, post_need, post_offer
from tests.harness import BotHarness


async def direct(
    bot: BotHarness,
    user: FakeUser,
    title: str,
    *,
    kind: PostKind = PostKind.OFFER,
    sector: str = "education",
    place: Place | None = None,
    status: PostStatus = PostStatus.ACTIVE,
) -> int:
    """Store a post without the dialogue (a minute after the previous one)."""
    bot.clock.advance(minutes=1)
    draft = PostDraft(
        kind=kind,
        sector=sector,
        title=title,
        description="Texto",
        place=place or Place(kind=PlaceKind.ONLINE),
    )
    async with bot.store.write() as repos:
        found = await repos.members.member(user.id)
        assert found is not None
        post = await repos.posts.create(
            draft, author_id=user.id, entity_id=found.entity_id, status=status, now=bot.clock()
        )
    return post.id


async def test_each_finds_the_other_across_languages(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice", language_code="es")
    bob = fake.user("bob", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers", municipality="ponferrada")
    await post_offer(alice, ES, "Cursos de cocina ecológica", "Talleres los sábados en León.")
    await post_need(bob, EN, "Organic cooking courses", "We need training for our bakers.")

    await bob.send("/offers")
    assert "Cursos de cocina ecológica" in bob.last_text()
    assert "Organic cooking" not in bob.last_text()
    for words in ("curso", "ECOLOGICO", "cocinas", "ecológicos sábado"):
        await bob.send(f"/search {words}")
        assert "Cursos de cocina ecológica" in bob.last_text(), words
    await bob.press("1")
    card = bob.last_text()
    assert "Talleres los sábados" in card and "Cocina Viva" in card
    assert EN.contact in bob.last_message().button_texts

    await alice.send("/needs")
    assert "Organic cooking courses" in alice.last_text()
    for words in ("course", "Organically", "BAKER"):
        await alice.send(f"/search {words}")
        assert "Organic cooking courses" in alice.last_text(), words
    await alice.send("/search queso")
    assert "No hay anuncios que coincidan" in alice.last_text()


async def test_filters_and_pages(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    ponferrada = Place(kind=PlaceKind.MUNICIPALITY, key="ponferrada", comarca="bierzo")
    bembibre = Place(kind=PlaceKind.MUNICIPALITY, key="bembibre", comarca="bierzo")
    leon = Place(kind=PlaceKind.MUNICIPALITY, key="leon", comarca="tierras_leon")
    for number in range(1, 6):
        await direct(bot, alice, f"Oferta {number}", place=leon)
    await direct(bot, alice, "Teatro en Ponferrada", sector="culture", place=ponferrada)
    await direct(bot, alice, "Pan en Bembibre", place=bembibre)
    await direct(bot, alice, "Una necesidad", kind=PostKind.NEED, place=leon)

    await alice.send("/offers")
    first = alice.last_text()
    assert "7 · página 1 de 2" in first
    assert first.index("Pan en Bembibre") < first.index("Teatro en Ponferrada")  # newest first
    assert "Oferta 1" not in first and "Una necesidad" not in first
    await alice.press("»")
    assert "página 2 de 2" in alice.last_text()
    assert "6. " in alice.last_text() and "Oferta 1" in alice.last_text()
    await alice.press("«")
    assert "página 1 de 2" in alice.last_text()

    await alice.press("Sector…")
    await alice.press("Cultura y ocio")
    assert "Teatro en Ponferrada" in alice.last_text() and "Pan en" not in alice.last_text()
    await alice.press("Sector…")
    await alice.press("Todos los sectores")
    await alice.press("Lugar…")
    await alice.press("El Bierzo")
    text = alice.last_text()
    assert "2 · página 1 de 1" in text and "Lugar: El Bierzo" in text
    await alice.press("Municipio…")
    await alice.press("Bembibre")
    assert "Pan en Bembibre" in alice.last_text()
    assert "Teatro" not in alice.last_text()
    await alice.press_data("v1:browse:muni:atlantis")
    assert "caducado" in answer(alice)


async def test_only_live_posts_are_listed(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await direct(bot, alice, "Live one")
    await direct(bot, alice, "Pending one", status=PostStatus.PENDING)
    paused, closed, removed, expiring = [
        await direct(bot, alice, title) for title in ("Paused", "Closed", "Removed", "Expiring")
    ]
    async with bot.store.write() as repos:
        now = bot.clock()
        await repos.posts.set_status(
            paused, to=PostStatus.PAUSED, from_status=PostStatus.ACTIVE, now=now
        )
        await repos.posts.close(closed, CloseReason.FULFILLED, now=now)
        await repos.posts.decide(
            removed,
            status=PostStatus.REMOVED,
            reason="spam",
            by=1,
            now=now,
            from_statuses=(PostStatus.ACTIVE,),
        )
        await repos.posts.extend(expiring, now + timedelta(days=1), now=now)
        expiring_post = await repos.posts.get(expiring)
    assert expiring_post is not None and expiring_post.expires_at is not None
    # Make "Expiring" end in an hour; the rest keep their 90 days.
    async with bot.store.write() as repos:
        await repos.conn.execute(
            "UPDATE posts SET expires_at = ? WHERE id = ?",
            ((now + timedelta(hours=1)).isoformat(), expiring),
        )
    await alice.send("/offers")
    assert "Live one" in alice.last_text() and "Expiring" in alice.last_text()
    for hidden in ("Pending", "Paused", "Closed", "Removed"):
        assert hidden not in alice.last_text()
    bot.clock.advance(hours=2)  # expired, before any scan has recorded it
    await alice.send("/offers")
    assert "Expiring" not in alice.last_text() and "Live one" in alice.last_text()
    await alice.send("/search expiring")
    assert "No posts match" in alice.last_text()


async def test_unlisted_authors_show_as_a_member(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    bob = fake.user("bob", language_code="en")
    await member(bot, alice, "Cocina Secreta", listed=False)
    await member(bot, bob, "Green Bakers")
    await direct(bot, alice, "Hornos de leña")
    await bob.send("/offers")
    await bob.press("1")
    assert "a member organisation" in bob.last_text()
    assert "Cocina Secreta" not in bob.last_text()


@pytest.mark.parametrize(
    "words",
    [
        '"',
        'curso"',
        "curso AND OR NOT",
        "NEAR(curso leña, 2)",
        "cur*",
        "(curso",
        "^curso -leña +pan",
        "col:curso",
        "🧀🥖 curso 🙂",
        "' OR 1=1; --",
        "x" * 4000,
        "curso " * 600,
    ],
)
async def test_search_never_breaks(bot: BotHarness, fake: FakeTelegram, words: str) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await direct(bot, alice, "Curso de pan de leña")
    await alice.send(f"/search {words}")
    assert "Palabras" in alice.last_text() or "ninguna palabra" in alice.last_text()
    assert "error" not in alice.last_text().lower()


async def test_search_prompt_from_the_menu(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await direct(bot, alice, "Curso de pan")
    await alice.send("/menu")
    await alice.press("🔎 Search")
    chooser = alice.last_message()
    await alice.press("🔎 Search by words")
    await alice.send_photo()
    assert "as text" in alice.last_text()
    await alice.send("🙂🙂")
    assert "can't find any word" in alice.last_text()
    await alice.send("cursos")
    assert "Curso de pan" in alice.last_text()
    await alice.send("/search")
    await alice.send("/cancel")
    assert "Search cancelled" in alice.last_text()
    await alice.press("🎁 Offers", message=chooser)
    assert "Curso de pan" in fake.message(alice.chat_id, chooser.message_id).text


async def test_browsing_is_for_members(bot: BotHarness, fake: FakeTelegram) -> None:
    stranger = fake.user("stranger", language_code="en")
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    post_id = await direct(bot, alice, "Curso de pan")
    for command in ("/offers", "/needs", "/search pan"):
        await stranger.send(command)
        assert "for member organisations only" in stranger.last_text()
        assert "Curso de pan" not in stranger.last_text()
    await stranger.press_data(f"v1:browse:view:{post_id}")
    assert "for member organisations only" in answer(stranger)


async def test_a_removed_post_button_is_answered(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    bob = fake.user("bob", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    post_id = await direct(bot, alice, "Curso de pan")
    await bob.send("/offers")
    async with bot.store.write() as repos:
        await repos.posts.decide(
            post_id,
            status=PostStatus.REMOVED,
            reason="x",
            by=1,
            now=bot.clock(),
            from_statuses=(PostStatus.ACTIVE,),
        )
    await bob.press("1")
    assert bob.last_callback_answer is not None
    assert bob.last_callback_answer.text == "This post is no longer available."


@pytest.mark.parametrize(
    ("lang", "below", "contact"),
    [
        pytest.param("es", "PDF adjunto justo debajo", ES.contact, id="es"),
        pytest.param("en", "PDF attached just below", EN.contact, id="en"),
    ],
)
async def test_a_pdf_follows_the_card_that_names_it(
    bot: BotHarness, fake: FakeTelegram, lang: str, below: str, contact: str
) -> None:
    alice, bob = fake.user("alice"), fake.user("bob", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    await alice.send("/post")
    await alice.press(ES.offer)
    await alice.press(ES.sector)
    await alice.send("Catálogo de cursos")
    await alice.send("Todos los cursos del año.")
    await alice.press(ES.online)
    await alice.press(ES.skip)
    await alice.press(ES.skip)
    await alice.send_document("catalogo.pdf")
    await alice.press(ES.days90)
    await alice.press(ES.publish)
    await bob.send("/offers")
    await bob.press("1")
    card, pdf = bob.messages()[-2:]
    assert "Catálogo de cursos" in card.text and below in card.text
    assert card.button_texts == [contact]  # the buttons stay on the card
    assert pdf.document is not None and "Catálogo de cursos" in pdf.text
