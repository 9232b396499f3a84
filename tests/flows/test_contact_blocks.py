"""Blocking an organisation from a relayed message, and undoing it from /settings (es and en).

A member is shown the sender's organisation, so Block stops everyone acting for it, colleagues
who join it later included; /settings lists the blocks, each with Unblock.
"""

import re
from dataclasses import dataclass

import pytest

from tests.fakes import BOT_USERNAME, FakeMessage, FakeTelegram, FakeUser
from tests.flows import onboarding_steps
from tests.flows.posts_world import EN, ES, Labels, answer, member, post_offer
from tests.harness import BotHarness

_LINK = re.compile(rf"https://t\.me/{BOT_USERNAME}\?start=join_([A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class Texts:
    """What a member of one language reads about blocks."""

    labels: Labels
    accept: str  # the privacy notice's button, for a colleague joining through a link
    blocked: str  # the alert after pressing Block
    blocked_you: str  # what the blocked side is told
    header: str
    none: str
    unblock: str  # the first Unblock button's label, without the name
    unblocked: str
    unlisted: str
    stale: str
    write: str


TEXTS = {
    "es": Texts(
        labels=ES,
        accept=onboarding_steps.ES.accept,
        blocked=(
            "⛔ Entidad bloqueada: no te llegarán mensajes de nadie que actúe por ella, tampoco"
            " de quien se una más tarde. Para deshacerlo: /settings."
        ),
        blocked_you="Esta persona no acepta mensajes de tu entidad.",
        header="⛔ Entidades bloqueadas (no te llegan sus mensajes):",
        none="⛔ Entidades bloqueadas: ninguna.",
        unblock="🔓 Desbloquear 1. ",
        unblocked="Desbloqueada: sus mensajes vuelven a llegarte.",
        unlisted="1. una entidad que no está en el directorio (conversación sobre «Pan»)",
        stale="Esa entidad ya no estaba bloqueada.",
        write="Escribe tu mensaje",
    ),
    "en": Texts(
        labels=EN,
        accept=onboarding_steps.EN.accept,
        blocked=(
            "⛔ Organisation blocked: you won't get messages from anyone acting for it,"
            " including people who join it later. To undo it: /settings."
        ),
        blocked_you="This person does not accept messages from your organisation.",
        header="⛔ Blocked organisations (their messages do not reach you):",
        none="⛔ Blocked organisations: none.",
        unblock="🔓 Unblock 1. ",
        unblocked="Unblocked: their messages reach you again.",
        unlisted='1. an organisation not in the directory (conversation about "Pan")',
        stale="That organisation was no longer blocked.",
        write="Write your message",
    ),
}


async def bakers_write_to_alice(
    bot: BotHarness, fake: FakeTelegram, lang: str, *, listed: bool = True
) -> tuple[FakeUser, FakeUser]:
    """Alice offers "Pan"; Bob of Green Bakers writes to her about it. Both speak lang."""
    labels = TEXTS[lang].labels
    alice = fake.user("alice", language_code=lang)
    bob = fake.user("bob", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers", listed=listed)
    await post_offer(alice, labels, "Pan", "Pan de masa madre.", where=labels.online)
    await write(bob, labels, "Hello from the bakers")
    await bot.deliver()
    assert alice.last_text().endswith("Hello from the bakers")
    return alice, bob


async def write(user: FakeUser, labels: Labels, text: str) -> None:
    """Open the first offer's card and write to its author."""
    await user.send("/offers")
    await user.press("1")
    await user.press(labels.contact)
    await user.send(text)


async def colleague_joins(bob: FakeUser, fake: FakeTelegram, lang: str) -> FakeUser:
    """Carol joins Bob's entity through his invite link, as a colleague would."""
    await bob.send("/invite")
    token = _LINK.search(bob.last_text())
    assert token is not None, bob.last_text()
    carol = fake.user("carol", language_code=lang)
    await carol.send(f"/start join_{token.group(1)}")
    await carol.press(TEXTS[lang].accept)
    return carol


def unblock_buttons(user: FakeUser) -> list[str]:
    return [label for label in user.last_message().button_texts if label.startswith("🔓")]


def relayed(user: FakeUser, labels: Labels) -> FakeMessage:
    """The latest relayed message to user (it has a Block button)."""
    return next(m for m in reversed(user.messages()) if labels.block in m.button_texts)


async def try_to_write(user: FakeUser, labels: Labels) -> str:
    """Press Contact on the first offer's card; the answer to the press."""
    await user.send("/offers")
    await user.press("1")
    await user.press(labels.contact)
    return answer(user)


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_block_stops_the_organisation_and_settings_undoes_it(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    texts = TEXTS[lang]
    alice, bob = await bakers_write_to_alice(bot, fake, lang)
    await alice.send("/settings")
    assert texts.none in alice.last_text() and unblock_buttons(alice) == []

    await alice.press(texts.labels.block, message=relayed(alice, texts.labels))
    pressed = alice.last_callback_answer
    assert pressed is not None and pressed.show_alert and pressed.text == texts.blocked
    assert len(texts.blocked) <= 200  # Telegram's limit for an alert

    # A colleague who joins Green Bakers after the block is stopped before writing.
    carol = await colleague_joins(bob, fake, lang)
    await carol.send("/offers")
    await carol.press("1")
    card = carol.last_message()
    await carol.press(texts.labels.contact)
    assert answer(carol) == texts.blocked_you
    assert "Cocina Viva" not in answer(carol)
    assert texts.write not in carol.last_text()

    await alice.send("/settings")
    screen = alice.last_message()
    assert f"{texts.header}\n1. Green Bakers" in screen.text
    assert unblock_buttons(alice) == [texts.unblock + "Green Bakers"]

    await alice.press(texts.unblock + "Green Bakers")
    assert answer(alice) == texts.unblocked
    edited = alice.last_message()
    assert edited.message_id == screen.message_id  # the list, edited in place
    assert texts.none in edited.text and "Green Bakers" not in edited.text
    assert unblock_buttons(alice) == []

    # Contact is restored for everyone at Green Bakers.
    await carol.press(texts.labels.contact, message=card)
    assert texts.write in carol.last_text()
    await carol.send("Carol here")
    await bot.deliver()
    assert alice.last_text().endswith("Carol here")


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_an_unlisted_organisation_is_listed_without_its_name(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    texts = TEXTS[lang]
    alice, bob = await bakers_write_to_alice(bot, fake, lang, listed=False)
    assert "Green Bakers" not in alice.last_text()
    await alice.press(texts.labels.block)
    assert answer(alice) == texts.blocked
    await alice.send("/settings")
    assert texts.unlisted in alice.last_text()
    assert not any("Green Bakers" in text for text in alice.texts())
    (button,) = unblock_buttons(alice)
    assert button.startswith(texts.unblock) and "Pan" in button
    await alice.press(button)
    assert texts.none in alice.last_text()
    await write(bob, texts.labels, "Again")
    await bot.deliver()
    assert alice.last_text().endswith("Again")


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_stale_or_forged_unblock_changes_nothing(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    texts = TEXTS[lang]
    alice, bob = await bakers_write_to_alice(bot, fake, lang)
    await alice.press(texts.labels.block)
    await alice.send("/settings")
    old = alice.last_message()
    await alice.send("/settings")
    await alice.press(texts.unblock + "Green Bakers")
    assert answer(alice) == texts.unblocked
    await alice.press(texts.labels.block, message=relayed(alice, texts.labels))  # again
    await alice.send("/settings")
    current = alice.last_message()
    # A forged id, and another member's press, lift nothing and edit nothing.
    await alice.press_data("v1:settings:unblock:424242", message=current)
    assert answer(alice) == texts.stale
    await bob.press_data("v1:settings:unblock:2")
    assert answer(bob) == texts.stale
    await alice.press_data("v1:settings:unblock:x", message=current)
    assert answer(alice) != texts.unblocked and answer(alice)
    assert fake.message(alice.chat_id, current.message_id).text == current.text
    assert await try_to_write(bob, texts.labels) == texts.blocked_you
    # The old screen's button works: the organisation is blocked again, so it is lifted.
    await alice.press(texts.unblock + "Green Bakers", message=old)
    assert answer(alice) == texts.unblocked
    await alice.press(texts.unblock + "Green Bakers", message=current)
    assert answer(alice) == texts.stale
    assert fake.message(alice.chat_id, current.message_id).text == current.text


async def test_only_members_unblock(bot: BotHarness, fake: FakeTelegram) -> None:
    stranger = fake.user("stranger", language_code="en")
    await stranger.send("/help")
    await stranger.press_data("v1:settings:unblock:1")
    assert "member organisations only" in answer(stranger)
