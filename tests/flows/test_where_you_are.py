"""Answers that say what to do where one is: guests are shown /start (not /menu), /cancel
after leaving a post keeps it with a button to drop it, stale buttons in the board group
point to /board, and /help or a new language mid-flow asks the open question again."""

import pytest

from tests.fakes import FakeTelegram
from tests.flows.board_world import BOARD, board_member
from tests.flows.onboarding_steps import EN as OB_EN
from tests.flows.onboarding_steps import ES as OB_ES
from tests.flows.posts_world import EN, ES, member
from tests.harness import BotHarness

WORDS = {
    "es": {"guest": "Escribe /start para unirte", "kept": "sigue guardado", "gone": "Cancelado"},
    "en": {"guest": "Send /start to join", "kept": "still kept", "gone": "Cancelled"},
}


@pytest.mark.parametrize("language", ["es", "en"])
async def test_a_guest_is_pointed_to_start_not_to_the_menu(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    guest = fake.user("guest", language_code=language)
    await guest.send("hola")
    assert WORDS[language]["guest"] in guest.last_text() and "/menu" not in guest.last_text()


@pytest.mark.parametrize("language", ["es", "en"])
async def test_cancel_after_leaving_a_post_keeps_it_and_offers_to_drop_it(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    labels = EN if language == "en" else ES
    alice = fake.user("alice", language_code=language)
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(labels.need)
    await alice.send("/menu")  # leaves the draft for later
    await alice.send("/cancel")
    assert WORDS[language]["kept"] in alice.last_text()
    (discard,) = alice.last_message().button_texts
    await alice.press(discard)
    assert WORDS[language]["gone"] in alice.last_text()
    await alice.send("/cancel")
    assert WORDS[language]["kept"] not in alice.last_text()


async def test_a_stale_button_in_the_board_group_points_to_board_commands(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    await ana.send("/board", chat=BOARD)
    await ana.press_data("v1:nothing:here", chat=BOARD, message=ana.last_message(BOARD))
    answer = ana.last_callback_answer
    assert answer is not None and "/board" in (answer.text or "")


QUESTIONS = {
    "es": {
        "help": "Qué puedo hacer por ti",
        "title": "Escribe un título corto para tu oferta",
        "description": "Cuenta qué ofreces",
        "kind": "¿Qué tipo de entidad es?",
    },
    "en": {
        "help": "What I can do for you",
        "title": "Write a short title for your offer",
        "description": "Describe what you offer",
        "kind": "What kind of organisation is it?",
    },
}
OTHER = {"es": ("en", "English"), "en": ("es", "Español")}


@pytest.mark.parametrize("language", ["es", "en"])
async def test_help_and_a_new_language_during_a_post_ask_its_question_again(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    labels = EN if language == "en" else ES
    alice = fake.user("alice", language_code=language)
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(labels.offer)
    await alice.press(labels.sector)
    assert QUESTIONS[language]["title"] in alice.last_text()

    await alice.send("/help")
    help_list, again = alice.messages()[-2:]
    assert QUESTIONS[language]["help"] in help_list.text
    assert QUESTIONS[language]["title"] in again.text

    other, other_name = OTHER[language]
    await alice.send("/language")
    await alice.press(other_name)
    assert QUESTIONS[other]["title"] in alice.last_text()  # the same question, in the new one
    await alice.send("Cursos de cocina")  # and it still takes the answer
    assert QUESTIONS[other]["description"] in alice.last_text()


@pytest.mark.parametrize("language", ["es", "en"])
async def test_help_during_onboarding_asks_the_open_question_again(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    labels = OB_EN if language == "en" else OB_ES
    bob = fake.user("bob", language_code=language)
    await bob.send("/start")
    await bob.press(labels.accept)
    await bob.send("El Roble")
    assert QUESTIONS[language]["kind"] in bob.last_text()
    await bob.send("/help")
    help_list, again = bob.messages()[-2:]
    assert QUESTIONS[language]["help"] in help_list.text
    assert QUESTIONS[language]["kind"] in again.text
    await bob.press(labels.kind)  # the question's buttons still answer it
    assert labels.sector in bob.last_message().button_texts
