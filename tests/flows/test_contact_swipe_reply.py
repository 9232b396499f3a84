"""Telegram's own reply gesture (swipe to reply) on a relayed message: it goes to that thread,
exactly as the ↩️ Reply button would, in Spanish and in English."""

import pytest

from tests.fakes import FakeTelegram, FakeUser
from tests.flows.posts_world import EN, ES, Labels, member, post_offer
from tests.harness import BotHarness

SENT = {"es": "Enviado", "en": "Sent"}
KEPT = {"es": "He guardado tu anuncio a medias", "en": "kept your unfinished post"}
REFUSED = {
    "es": "no acepta mensajes de tu entidad",
    "en": "does not accept messages from your organisation",
}


async def _thread(bot: BotHarness, fake: FakeTelegram, language: str) -> tuple[FakeUser, FakeUser]:
    """Bob (in language) writes to Alice about her offer; Alice has his message."""
    labels = EN if language == "en" else ES
    alice = fake.user("alice", language_code=language)
    bob = fake.user("bob", language_code=language)
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    await post_offer(alice, labels, "Cursos de cocina", "Los sábados.", where=labels.online)
    await bob.send("/offers")
    await bob.press("1")
    await bob.press(labels.contact)
    await bob.send("¿Hay plazas en diciembre?")
    await bot.deliver()
    return alice, bob


def _labels(language: str) -> Labels:
    return EN if language == "en" else ES


@pytest.mark.parametrize("language", ["es", "en"])
async def test_a_swipe_reply_to_a_relayed_message_reaches_the_other_member(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    alice, bob = await _thread(bot, fake, language)
    relayed = alice.last_message()
    await alice.reply_to(relayed, "Sí, quedan tres.")
    assert SENT[language] in alice.last_text()
    await bot.deliver()
    assert "Sí, quedan tres." in bob.last_text()
    # And back the same way: the reply Bob got is a relayed message too.
    await bob.reply_to(bob.last_message(), "¡Me apunto!")
    await bot.deliver()
    assert "¡Me apunto!" in alice.last_text()


@pytest.mark.parametrize("language", ["es", "en"])
async def test_a_swipe_reply_sets_aside_a_post_being_written(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    alice, bob = await _thread(bot, fake, language)
    relayed = alice.last_message()
    await alice.send("/post")
    await alice.press(_labels(language).need)  # a draft is now waiting for its next answer
    await alice.reply_to(relayed, "Sí, quedan tres.")
    await bot.deliver()
    assert "Sí, quedan tres." in bob.last_text()
    assert any(KEPT[language] in text for text in alice.texts()[-3:])


@pytest.mark.parametrize("language", ["es", "en"])
async def test_a_swipe_reply_into_a_thread_that_blocks_you_is_not_sent(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    alice, bob = await _thread(bot, fake, language)
    await alice.reply_to(alice.last_message(), "Sí, quedan tres.")
    await bot.deliver()
    answer = bob.last_message()  # Alice's reply, relayed to Bob
    await alice.press(_labels(language).block)
    received = len(alice.texts())
    await bob.reply_to(answer, "¿Y en enero?")
    await bot.deliver()
    assert REFUSED[language] in bob.last_text()
    assert len(alice.texts()) == received


UNPLACED = {"es": "No sé a quién va este mensaje", "en": "I can't tell who this message is for"}
SEND_KEPT = {"es": "📨 Enviar «Hola, ¿seguís", "en": '📨 Send "Hola, ¿seguís'}


@pytest.mark.parametrize("language", ["es", "en"])
async def test_a_reply_the_bot_cannot_place_is_kept_for_one_tap(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    labels = _labels(language)
    alice = fake.user("alice", language_code=language)
    bob = fake.user("bob", language_code=language)
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    await post_offer(alice, labels, "Cursos de cocina", "Los sábados.", where=labels.online)
    await bob.send("/offers")
    await bob.press("1")
    card = bob.last_message()
    text = "Hola, ¿seguís dando cursos en diciembre?"
    await bob.reply_to(card, text)  # a reply to the post's card: no thread to put it in
    assert UNPLACED[language] in bob.last_text()

    await bob.press(labels.contact, message=card)
    (send_kept,) = [b for b in bob.last_message().button_texts if b.startswith("📨")]
    assert send_kept.startswith(SEND_KEPT[language])
    await bob.press(send_kept)
    assert SENT[language] in bob.last_text()
    await bot.deliver()
    assert text in alice.last_text()
    # Kept once: the next Contact asks for a new message.
    await bob.press(labels.contact, message=card)
    assert not [b for b in bob.last_message().button_texts if b.startswith("📨")]
