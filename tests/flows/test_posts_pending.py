"""The newest prompt wins: a prompt gets the next message only until the member moves on."""

from dataclasses import dataclass

import pytest

from bot.domain.posts import PostStatus
from tests.fakes import FakeTelegram, FakeUser
from tests.flows.posts_world import EN, ES, Labels, answer, member, post_offer
from tests.harness import BotHarness


@dataclass(frozen=True)
class Words:
    """What the bot says, in one language."""

    labels: Labels
    stray: str  # "I wasn't expecting anything"
    sent: str
    profile: str  # the menu's button of another feature


WORDS = {
    "es": Words(ES, "No estaba esperando nada", "Enviado", "👤 Mi perfil"),
    "en": Words(EN, "wasn't expecting anything", "Sent", "👤 My profile"),
}
LANGS = [pytest.param("es", id="es"), pytest.param("en", id="en")]


async def two_members(
    bot: BotHarness, fake: FakeTelegram, lang: str, *, listed: bool = True
) -> tuple[FakeUser, FakeUser]:
    """Alice (es) offers a course; Bob (lang) is about to write to her."""
    alice = fake.user("alice", language_code="es")
    bob = fake.user("bob", language_code=lang)
    await member(bot, alice, "Cocina Viva", listed=listed)
    await member(bot, bob, "Green Bakers")
    await post_offer(alice, ES, "Cursos de cocina", "Los sábados.", where=ES.online)
    return alice, bob


async def press_contact(bob: FakeUser, lang: str) -> None:
    await bob.send("/offers")
    await bob.press("1")
    await bob.press(WORDS[lang].labels.contact)


async def relayed_to(bot: BotHarness, user: FakeUser) -> list[str]:
    await bot.deliver()
    return [text for text in user.texts() if "Mensaje sobre" in text or "Message about" in text]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "moving_on",
    [
        pytest.param(("/post", "/cancel"), id="post-then-cancel"),
        pytest.param(("/profile",), id="profile"),
        pytest.param(("/menu",), id="menu"),
        pytest.param(("/help",), id="help"),
        pytest.param(("/offers",), id="offers"),
    ],
)
async def test_any_command_disarms_contact(
    bot: BotHarness, fake: FakeTelegram, lang: str, moving_on: tuple[str, ...]
) -> None:
    alice, bob = await two_members(bot, fake, lang)
    await press_contact(bob, lang)
    for command in moving_on:
        await bob.send(command)
    await bob.send("random text 2")
    assert WORDS[lang].stray in bob.last_text()
    assert await relayed_to(bot, alice) == []


@pytest.mark.parametrize("lang", LANGS)
async def test_another_features_button_disarms_contact(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    alice, bob = await two_members(bot, fake, lang)
    await bob.send("/menu")
    menu = bob.last_message()
    await press_contact(bob, lang)
    await bob.press(WORDS[lang].profile, message=menu)
    await bob.send("this is my new profile text")
    assert await relayed_to(bot, alice) == []


async def test_disarmed_stays_disarmed_after_a_restart(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = await two_members(bot, fake, "en")
    await press_contact(bob, "en")
    await bob.send("/profile")
    await bot.restart()
    await bob.send("random text 3")
    assert "wasn't expecting anything" in bob.last_text()
    assert await relayed_to(bot, alice) == []


async def test_contact_after_an_unanswered_search_prompt(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    alice, bob = await two_members(bot, fake, "en")
    await bob.send("/search")
    await press_contact(bob, "en")
    await bob.send("Hi! Are the courses in English too?")
    assert "Sent" in bob.last_text()
    (relayed,) = await relayed_to(bot, alice)
    assert relayed.endswith("Hi! Are the courses in English too?")
    await bob.send("cocina")  # the search prompt was replaced, not queued behind
    assert "wasn't expecting anything" in bob.last_text()


async def test_offers_ends_reply_mode(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = await two_members(bot, fake, "en")
    await press_contact(bob, "en")
    await bob.send("Hello")
    await bot.deliver()
    await alice.press(ES.reply)
    assert "Green Bakers" in alice.last_text()  # who the reply goes to
    await alice.send("/offers")
    await alice.send("texto suelto")
    assert "No estaba esperando nada" in alice.last_text()
    assert await relayed_to(bot, bob) == []


@pytest.mark.parametrize(
    ("lang", "named", "unnamed"),
    [
        pytest.param(
            "es", "Escribe tu mensaje para Cocina Viva", "quien publicó el anuncio", id="es"
        ),
        pytest.param("en", "Write your message to Cocina Viva", "whoever published", id="en"),
    ],
)
async def test_the_prompt_says_who_gets_the_message(
    bot: BotHarness, fake: FakeTelegram, lang: str, named: str, unnamed: str
) -> None:
    _, bob = await two_members(bot, fake, lang)
    await press_contact(bob, lang)
    prompt = bob.last_text()
    assert named in prompt and "Cursos de cocina" in prompt
    assert "/cancel" in prompt and "30" in prompt
    hidden = fake.user("hidden", language_code="es")
    await member(bot, hidden, "Entidad Discreta", listed=False)
    await post_offer(hidden, ES, "Hornos", "De leña.", where=ES.online)
    await bob.send("/offers")
    await bob.press("1")  # the newest first
    await bob.press(WORDS[lang].labels.contact)
    assert unnamed in bob.last_text() and "Entidad Discreta" not in bob.last_text()


@pytest.mark.parametrize(
    ("lang", "expired"),
    [
        pytest.param("es", "No he enviado nada", id="es"),
        pytest.param("en", "Nothing was sent", id="en"),
    ],
)
async def test_the_contact_prompt_expires_after_30_minutes(
    bot: BotHarness, fake: FakeTelegram, lang: str, expired: str
) -> None:
    alice, bob = await two_members(bot, fake, lang)
    await press_contact(bob, lang)
    bot.clock.advance(minutes=29)
    await bob.send("in time")
    assert WORDS[lang].sent in bob.last_text()
    await press_contact(bob, lang)
    bot.clock.advance(minutes=31)
    await bob.send("too late")
    assert expired in bob.last_text() and "30" in bob.last_text()
    await bob.send("and again")
    assert WORDS[lang].stray in bob.last_text()
    assert [text.rsplit("\n", 1)[-1] for text in await relayed_to(bot, alice)] == ["in time"]


async def test_a_draft_gives_way_and_waits_for_post(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(ES.offer)
    await alice.press(ES.sector)
    assert "título" in alice.last_text()
    await alice.send("/offers")
    await alice.send("Hola")  # not taken as the title
    assert "No estaba esperando nada" in alice.last_text()
    await alice.send("/post")
    assert "a medias" in alice.messages()[-2].text and "título" in alice.last_text()
    await alice.send("Cursos")
    assert "Cuenta qué ofreces" in alice.last_text()


@pytest.mark.parametrize(
    ("lang", "dropped", "resolved", "pick"),
    [
        pytest.param(
            "es", "descartado los cambios sin guardar", "Se ha resuelto", "¿Es alguna", id="es"
        ),
        pytest.param(
            "en", "dropped the unsaved changes", "It's been fulfilled", "one of these", id="en"
        ),
    ],
)
async def test_an_unsaved_edit_is_dropped_when_moving_on(
    bot: BotHarness, fake: FakeTelegram, lang: str, dropped: str, resolved: str, pick: str
) -> None:
    labels = WORDS[lang].labels
    alice, bob = fake.user("alice", language_code=lang), fake.user("bob")
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    await post_offer(alice, labels, "Cursos", "Los sábados.", where=labels.online)
    await alice.send("/myposts")
    await alice.press("1")
    await alice.press({"es": "✏️ Editar", "en": "✏️ Edit"}[lang])
    await alice.press({"es": "Título", "en": "Title"}[lang])
    await alice.send("Cursos veganos")
    preview = alice.last_message()
    assert "Cursos veganos" in preview.text
    await alice.send("/myposts")
    notice = alice.messages()[-2].text  # one line, before the list
    assert dropped in notice and "Cursos" in notice and "veganos" not in notice
    await alice.press("1")
    await alice.press(labels.close)
    await alice.press(resolved)
    await alice.send("Green")
    assert pick in alice.last_text()
    assert "Green Bakers" in alice.last_message().button_texts
    async with bot.store.read() as repos:
        post = await repos.posts.get(1)
    assert post is not None and post.title == "Cursos" and post.status is PostStatus.CLOSED
    await alice.press({"es": "✅ Guardar cambios", "en": "✅ Save changes"}[lang], message=preview)
    assert "expired" in answer(alice) or "caducado" in answer(alice)


async def test_another_posts_action_drops_the_edit(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await post_offer(alice, ES, "Cursos", "Los sábados.", where=ES.online)
    await alice.send("/myposts")
    await alice.press("1")
    card = alice.last_message()
    await alice.press("✏️ Editar")
    await alice.press("Descripción")
    await alice.press("⏸ Pausar", message=card)
    texts = alice.texts()
    assert "descartado los cambios sin guardar de «Cursos»" in texts[-2]
    assert "En pausa" in texts[-1]
    await alice.send("Una descripción nueva")
    assert "No estaba esperando nada" in alice.last_text()


SET_ASIDE = {"es": "He guardado tu anuncio a medias", "en": "I've kept your unfinished post"}
ASK_TITLE = {"es": "título", "en": "title"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("interruption", ["/help", "/language"])
async def test_help_or_language_mid_post_keeps_the_next_answer(
    bot: BotHarness, fake: FakeTelegram, lang: str, interruption: str
) -> None:
    user = fake.user("carla", language_code=lang)
    await member(bot, user, "Telar Común")
    labels = WORDS[lang].labels
    await user.send("/post")
    await user.press(labels.need)
    await user.press(labels.sector)
    assert ASK_TITLE[lang] in user.last_text().lower()
    await user.send(interruption)
    await user.send("Telares para un taller")
    assert WORDS[lang].stray not in user.last_text()
    assert ASK_TITLE[lang] not in user.last_text().lower()  # moved on to the next question


@pytest.mark.parametrize("lang", LANGS)
async def test_another_command_mid_post_says_the_draft_is_kept(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    user = fake.user("carla", language_code=lang)
    await member(bot, user, "Telar Común")
    labels = WORDS[lang].labels
    await user.send("/post")
    await user.press(labels.need)
    await user.press(labels.sector)
    await user.send("/myposts")
    assert any(SET_ASIDE[lang] in text for text in user.texts())
