"""Issue 9 item 12: a lone UTF-16 surrogate in anything typed is made storable where updates
enter, so no flow fails to save (SQLite and the saved conversations cannot encode one).

Where updates enter, a lone surrogate becomes U+FFFD; free text then drops that (item 13), so
"\ud800" alone is an answer with nothing visible: asked again, and the next answer is kept."""

import logging
from pathlib import Path

import pytest

from bot.domain.members import EntityStatus
from tests.fakes import FakeTelegram, FakeUser
from tests.flows import onboarding_steps as onboarding
from tests.flows.board_world import BOARD, applicant, apply_and_notify, board_member
from tests.flows.posts_world import EN, ES, Labels, member, post_offer
from tests.harness import BotHarness, FakeClock, make_settings

# The corpus's inputs: a lone high half, a lone low half after text, both halves reversed.
INPUTS = [
    pytest.param("\ud800", id="high"),
    pytest.param("abc\udfff", id="low-after-text"),
    pytest.param("\udfff\ud800 Huerta", id="reversed-pair"),
]
LANGS = [pytest.param("es", id="es"), pytest.param("en", id="en")]
POSTS = {"es": ES, "en": EN}
APOLOGY = {"es": "algo ha fallado", "en": "something went wrong"}
INVISIBLE = {"es": "No veo nada en eso", "en": "I can't see anything in that"}
FALLBACK = "Huerta"  # typed after an answer with nothing visible


def kept(text: str) -> str:
    """What the bot keeps of typed free text: no surrogate, trimmed."""
    return "".join(ch for ch in text if not "\ud800" <= ch <= "\udfff").strip()


async def answer(user: FakeUser, typed: str, lang: str) -> str:
    """Type typed as the answer; when nothing of it shows, the bot says so and asks again, and
    the user types FALLBACK. What the bot should keep."""
    await user.send(typed)
    if kept(typed):
        return kept(typed)
    assert any(INVISIBLE[lang] in text for text in user.texts()[-2:])
    await user.send(FALLBACK)
    return FALLBACK


def no_surrogate(value: object) -> bool:
    return not any("\ud800" <= ch <= "\udfff" for ch in str(value))


def assert_no_error(caplog: pytest.LogCaptureFixture, *users: tuple[FakeUser, str]) -> None:
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    for user, lang in users:
        assert not any(APOLOGY[lang] in text for text in user.texts())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", INPUTS)
async def test_an_onboarding_answer_is_kept_across_a_restart(
    bot: BotHarness, fake: FakeTelegram, caplog: pytest.LogCaptureFixture, typed: str, lang: str
) -> None:
    labels = onboarding.ES if lang == "es" else onboarding.EN
    alice = fake.user("alice", language_code=lang)
    await alice.send("/start")
    await alice.press(labels.accept)
    name = await answer(alice, typed, lang)
    await alice.press(labels.kind)
    saved = await onboarding.stored_user_data(bot, alice)
    assert saved["onboarding"]["draft"]["name"] == name
    await bot.restart()
    await alice.press(labels.sector)
    await alice.press(labels.done)
    assert {"es": "Pregunta 4 de 11", "en": "Question 4 of 11"}[lang] in alice.last_text()
    assert_no_error(caplog, (alice, lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", INPUTS)
async def test_a_profile_edit_is_saved(
    bot: BotHarness, fake: FakeTelegram, caplog: pytest.LogCaptureFixture, typed: str, lang: str
) -> None:
    alice = fake.user("alice", language_code=lang)
    entity_id = await onboarding.make_member(bot, alice)
    await alice.send("/profile")
    await alice.press({"es": "✏️ Descripción", "en": "✏️ Description"}[lang])
    description = await answer(alice, typed, lang)
    assert {"es": "Perfil actualizado", "en": "Profile updated"}[lang] in alice.messages()[-2].text
    async with bot.store.read() as repos:
        entity = await repos.members.entity(entity_id)
    assert entity is not None and entity.description == description
    assert_no_error(caplog, (alice, lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", INPUTS)
async def test_a_post_title_is_kept_across_a_restart_and_published(
    bot: BotHarness, fake: FakeTelegram, caplog: pytest.LogCaptureFixture, typed: str, lang: str
) -> None:
    labels: Labels = POSTS[lang]
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(labels.offer)
    await alice.press(labels.sector)
    title = await answer(alice, typed, lang)
    await bot.restart()
    await alice.send("Pan de leña")
    assert {"es": "¿Dónde?", "en": "Where?"}[lang] in alice.last_text()
    await alice.press(labels.online)
    await alice.press(labels.skip)  # conditions
    await alice.press(labels.skip)  # discount
    await alice.press(labels.skip)  # attachment
    await alice.press(labels.days90)
    await alice.press(labels.publish)
    async with bot.store.read() as repos:
        post = await repos.posts.get(1)
    assert post is not None and post.title == title
    assert_no_error(caplog, (alice, lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", INPUTS)
async def test_a_contact_message_is_relayed(
    bot: BotHarness, fake: FakeTelegram, caplog: pytest.LogCaptureFixture, typed: str, lang: str
) -> None:
    alice = fake.user("alice", language_code="es")
    bob = fake.user("bob", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    await post_offer(alice, ES, "Cursos de cocina", "Los sábados.", where=ES.online)
    await bob.send("/offers")
    await bob.press("1")
    await bob.press(POSTS[lang].contact)
    sent = await answer(bob, typed, lang)
    assert {"es": "Enviado", "en": "Sent"}[lang] in bob.last_text()
    await bot.deliver()
    relayed = alice.last_text()
    assert "Green Bakers" in relayed and no_surrogate(relayed)
    assert sent in relayed
    assert_no_error(caplog, (alice, "es"), (bob, lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", INPUTS)
async def test_a_search_is_answered(
    bot: BotHarness, fake: FakeTelegram, caplog: pytest.LogCaptureFixture, typed: str, lang: str
) -> None:
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await alice.send("/search")
    await alice.send(typed)
    answered = alice.last_text()
    assert {"es": "Palabras", "en": "Words"}[lang] in answered or {
        "es": "ninguna palabra",
        "en": "any word",
    }[lang] in answered
    assert_no_error(caplog, (alice, lang))


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


@pytest.mark.parametrize("typed", INPUTS)
async def test_a_rejection_reason_is_recorded_and_sent(
    board_bot: tuple[BotHarness, str],
    fake: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
    typed: str,
) -> None:
    bot, language = board_bot
    try:
        ana = board_member(fake, "ana", "Ana")
        alice = await applicant(fake, "alice", language)
        entity_id, card = await apply_and_notify(bot, alice, "Green Bakers")
        await ana.press_data(f"v1:app:reject:{entity_id}", chat=BOARD, message=card)
        await ana.reply_to(fake.messages_to(BOARD)[-1], typed)
        reason = kept(typed)
        if not reason:  # nothing of it shows: the board member is asked to reply again
            seen = {"es": "Ese motivo no se ve", "en": "That reason cannot be seen"}[language]
            assert seen in ana.last_text(chat=BOARD)
            reason = FALLBACK
            await ana.reply_to(fake.messages_to(BOARD)[-1], reason)
        async with bot.store.read() as repos:
            entity = await repos.members.entity(entity_id)
        assert entity is not None and entity.status is EntityStatus.REJECTED
        assert entity.reject_reason == reason
        await bot.deliver()
        assert no_surrogate(alice.last_text())
        assert_no_error(caplog, (alice, language))
    finally:
        await bot.stop()


@pytest.mark.parametrize("typed", INPUTS)
async def test_an_announcement_is_previewed_and_sent(
    board_bot: tuple[BotHarness, str],
    fake: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
    typed: str,
) -> None:
    bot, language = board_bot
    try:
        ana = board_member(fake, "ana", "Ana")
        alice = fake.user("alice", language_code=language)
        await member(bot, alice, "Cocina Viva")
        await alice.send("/help")
        await ana.send("/announce", chat=BOARD)
        await ana.reply_to(fake.messages_to(BOARD)[-1], f"Asamblea {typed}")
        await ana.press({"es": "Todos los miembros", "en": "All members"}[language], chat=BOARD)
        assert kept(f"Asamblea {typed}") in ana.last_text(chat=BOARD)
        await ana.press({"es": "Enviar a", "en": "Send to"}[language], chat=BOARD)
        await bot.deliver()
        assert alice.last_text().endswith(kept(f"Asamblea {typed}"))
        assert_no_error(caplog, (alice, language))
    finally:
        await bot.stop()
