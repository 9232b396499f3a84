"""Answers that say what to do where one is: guests are shown /start (not /menu), /cancel
after leaving a post keeps it with a button to drop it, stale buttons in the board group
point to /board."""

import pytest

from tests.fakes import FakeTelegram
from tests.flows.board_world import BOARD, board_member
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
