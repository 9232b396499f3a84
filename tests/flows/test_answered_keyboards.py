"""Once a question is answered its buttons go: a pressed one leaves the answer in their place,
a typed answer takes them off, so no old button stays on screen to be pressed again."""

import pytest

from tests.fakes import FakeMessage, FakeTelegram, FakeUser
from tests.flows.onboarding_steps import EN as OB_EN
from tests.flows.onboarding_steps import ES as OB_ES
from tests.flows.posts_world import EN, ES, member
from tests.harness import BotHarness


def now(fake: FakeTelegram, user: FakeUser, message: FakeMessage) -> FakeMessage:
    """The message as it is on screen now (edits included)."""
    return fake.message(user.id, message.message_id)


@pytest.mark.parametrize("language", ["es", "en"])
async def test_onboarding_questions_show_their_answer_instead_of_buttons(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    labels = OB_EN if language == "en" else OB_ES
    bob = fake.user("bob", language_code=language)
    await bob.send("/start")
    await bob.press(labels.accept)
    await bob.send("El Roble")
    kind = bob.last_message()
    await bob.press(labels.kind)
    sectors = bob.last_message()
    await bob.press(labels.sector)
    await bob.press(labels.done)

    shown = now(fake, bob, kind)
    assert shown.buttons == [] and shown.text.endswith(f"✅ {labels.kind}")
    shown = now(fake, bob, sectors)
    assert shown.buttons == [] and shown.text.endswith(f"✅ {labels.sector}")


@pytest.mark.parametrize("language", ["es", "en"])
async def test_post_questions_lose_their_buttons_once_answered(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    labels = EN if language == "en" else ES
    alice = fake.user("alice", language_code=language)
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    kind = alice.last_message()
    await alice.press(labels.offer)
    await alice.press(labels.sector)
    title = alice.last_message()
    assert title.buttons != []  # Cancel, while the question is open
    await alice.send("Cursos de cocina")  # typed: the question's buttons are taken off

    shown = now(fake, alice, kind)
    assert shown.buttons == [] and shown.text.endswith(f"✅ {labels.offer}")
    assert now(fake, alice, title).buttons == []
    assert alice.last_message().buttons != []  # the next question has its own
