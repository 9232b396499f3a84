"""Issue 9 item 13: free text that would show as nothing (only zero-width characters, only
direction marks, NUL bytes or other control characters) is refused with a clear answer, the
question is asked again and nothing is lost; such characters around real text are dropped."""

from pathlib import Path

import pytest

from bot.domain.members import EntityStatus
from tests.fakes import FakeTelegram
from tests.flows import onboarding_steps as onboarding
from tests.flows.board_world import BOARD, applicant, apply_and_notify, board_member
from tests.flows.posts_world import EN, ES, member, post_offer
from tests.flows.test_posts_browse import direct
from tests.harness import BotHarness, FakeClock, make_settings

# The corpus's inputs that pass for text yet show nothing.
INVISIBLE = [
    pytest.param("\u200b", id="zero-width-space"),
    pytest.param("\ufeff\u200b\ufeff", id="byte-order-marks"),
    pytest.param("\u200e\u200f", id="direction-marks"),
    pytest.param("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", id="embeddings"),
    pytest.param("\x00\x00", id="nul-bytes"),
    pytest.param("\x01\x07\x1b\x7f", id="controls"),
]
LANGS = [pytest.param("es", id="es"), pytest.param("en", id="en")]
POSTS = {"es": ES, "en": EN}
NOTHING = {"es": "No veo nada en eso", "en": "I can't see anything in that"}


@pytest.fixture
def fake() -> FakeTelegram:
    return onboarding.fake_with_board()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", INVISIBLE)
async def test_an_invisible_name_is_asked_again(
    bot: BotHarness, fake: FakeTelegram, typed: str, lang: str
) -> None:
    labels = onboarding.ES if lang == "es" else onboarding.EN
    alice = fake.user("alice", language_code=lang)
    await alice.send("/start")
    await alice.press(labels.accept)
    await alice.send(f" {typed} ")
    said, asked = alice.texts()[-2:]
    assert NOTHING[lang] in said
    assert labels.ask_name in asked  # the question again, not only a complaint
    await alice.send("El Roble")
    await alice.press(labels.kind)
    saved = await onboarding.stored_user_data(bot, alice)
    assert saved["onboarding"]["draft"]["name"] == "El Roble"


@pytest.mark.parametrize("lang", LANGS)
async def test_invisible_characters_around_a_name_are_dropped(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    labels = onboarding.ES if lang == "es" else onboarding.EN
    alice = fake.user("alice", language_code=lang)
    # NFC too: "o" + a combining acute accent is stored as the one letter "ó".
    await onboarding.apply(alice, labels, name="\u202e\u200bEl Roble\x00 de Leo\u0301n\ufeff")
    assert labels.sent in alice.last_text()
    async with bot.store.read() as repos:
        (entity,) = await repos.members.entities_by_ids([1])
    assert entity.name == "El Roble de León"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", INVISIBLE)
async def test_an_invisible_profile_edit_keeps_the_profile(
    bot: BotHarness, fake: FakeTelegram, typed: str, lang: str
) -> None:
    alice = fake.user("alice", language_code=lang)
    entity_id = await onboarding.make_member(bot, alice)
    await alice.send("/profile")
    await alice.press({"es": "✏️ Nombre", "en": "✏️ Name"}[lang])
    await alice.send(typed)
    said, asked = alice.texts()[-2:]
    assert NOTHING[lang] in said
    assert "Huerta Común" in asked  # the question again, with the name as it is now
    async with bot.store.read() as repos:
        entity = await repos.members.entity(entity_id)
    assert entity is not None and entity.name == "Huerta Común"
    await alice.send("Huerta Nueva")
    async with bot.store.read() as repos:
        entity = await repos.members.entity(entity_id)
    assert entity is not None and entity.name == "Huerta Nueva"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", INVISIBLE)
async def test_an_invisible_post_title_and_description_are_asked_again(
    bot: BotHarness, fake: FakeTelegram, typed: str, lang: str
) -> None:
    labels = POSTS[lang]
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(labels.offer)
    await alice.press(labels.sector)
    await alice.send(typed)
    said, asked = alice.texts()[-2:]
    assert NOTHING[lang] in said
    assert {"es": "título corto", "en": "short title"}[lang] in asked
    await alice.send("Pan\u200b de leña\x00")
    await alice.send(f"{typed}\n{typed}")  # lines of nothing are nothing too
    said, asked = alice.texts()[-2:]
    assert NOTHING[lang] in said
    assert {"es": "Cuenta qué ofreces", "en": "Describe what you offer"}[lang] in asked
    await alice.send(f"Horno de {typed}leña.\n\u200bLos sábados.")
    await alice.press(labels.online)
    await alice.press(labels.skip)  # conditions
    await alice.press(labels.skip)  # discount
    await alice.press(labels.skip)  # attachment
    await alice.press(labels.days90)
    await alice.press(labels.publish)
    async with bot.store.read() as repos:
        post = await repos.posts.get(1)
    assert post is not None
    assert (post.title, post.description) == ("Pan de leña", "Horno de leña.\nLos sábados.")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", INVISIBLE)
async def test_an_invisible_contact_message_is_not_sent_and_the_next_one_is(
    bot: BotHarness, fake: FakeTelegram, typed: str, lang: str
) -> None:
    alice = fake.user("alice", language_code="es")
    bob = fake.user("bob", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    await post_offer(alice, ES, "Cursos de cocina", "Los sábados.", where=ES.online)
    await bot.deliver()  # the board's copy of the post
    await bob.send("/offers")
    await bob.press("1")
    await bob.press(POSTS[lang].contact)
    await bob.send(typed)
    assert NOTHING[lang] in bob.last_text()
    assert await bot.deliver() == 0
    await bob.send("Hello!")  # still writing to Alice: no need to press Contact again
    assert {"es": "Enviado", "en": "Sent"}[lang] in bob.last_text()
    await bot.deliver()
    assert "Hello!" in alice.last_text()


@pytest.mark.parametrize("lang", LANGS)
async def test_search_reads_through_invisible_characters(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await direct(bot, alice, "Curso de pan de leña")
    await alice.send("/search cur\u200bso")
    assert "Curso de pan de leña" in alice.last_text()
    await alice.send("/search \u200b\u200e")
    no_words = {"es": "ninguna palabra", "en": "any word"}[lang]
    assert no_words in alice.last_text()


@pytest.fixture(params=["es", "en"])
async def board_bot(
    request: pytest.FixtureRequest, tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> tuple[BotHarness, str]:
    """The bot with the board working in Spanish, then in English (stopped by the test)."""
    language = str(request.param)
    harness = BotHarness(
        fake=fake, clock=clock, settings=make_settings(tmp_path, default_locale=language)
    )
    await harness.start()
    return harness, language


@pytest.mark.parametrize("typed", INVISIBLE)
async def test_an_invisible_rejection_reason_is_asked_for_again(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram, typed: str
) -> None:
    bot, language = board_bot
    try:
        ana = board_member(fake, "ana", "Ana")
        alice = await applicant(fake, "alice", language)
        entity_id, card = await apply_and_notify(bot, alice, "Green Bakers")
        await ana.press_data(f"v1:app:reject:{entity_id}", chat=BOARD, message=card)
        await ana.reply_to(fake.messages_to(BOARD)[-1], typed)
        again = fake.messages_to(BOARD)[-1]
        seen = {"es": "Ese motivo no se ve", "en": "That reason cannot be seen"}[language]
        assert seen in again.text
        async with bot.store.read() as repos:
            entity = await repos.members.entity(entity_id)
        assert entity is not None and entity.status is EntityStatus.PENDING
        await ana.reply_to(again, "Outside our province.")
        async with bot.store.read() as repos:
            entity = await repos.members.entity(entity_id)
        assert entity is not None and entity.status is EntityStatus.REJECTED
        assert entity.reject_reason == "Outside our province."
    finally:
        await bot.stop()


@pytest.mark.parametrize("typed", INVISIBLE)
async def test_an_invisible_announcement_is_asked_for_again(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram, typed: str
) -> None:
    bot, language = board_bot
    try:
        ana = board_member(fake, "ana", "Ana")
        await ana.send(f"/announce {typed}", chat=BOARD)
        ask = {"es": "con el texto del comunicado", "en": "with the announcement"}[language]
        assert ask in ana.last_text(chat=BOARD)  # as if nothing followed the command
        await ana.reply_to(fake.messages_to(BOARD)[-1], typed)
        seen = {"es": "Ese texto no se ve", "en": "That text cannot be seen"}[language]
        assert seen in ana.last_text(chat=BOARD)
        async with bot.store.read() as repos:
            assert await repos.announcements.get(1) is None
        await ana.reply_to(fake.messages_to(BOARD)[-1], f"Asamblea{typed} el lunes")
        async with bot.store.read() as repos:
            draft = await repos.announcements.get(1)
        assert draft is not None and draft.text_html == "Asamblea el lunes"
    finally:
        await bot.stop()
