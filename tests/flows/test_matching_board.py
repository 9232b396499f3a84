"""/matches in the board group: counts and the latest proposals, introductions, collaborations."""

from tests.fakes import FakeTelegram
from tests.flows.board_world import BOARD, board_member
from tests.flows.matching_world import (
    EN,
    ES,
    NEED_TITLE,
    OFFER_TITLE,
    pair_of_members,
    publish_pair,
)
from tests.harness import BotHarness, FakeClock


async def test_board_sees_counts_and_recent_matches(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    ana = board_member(fake, "ana", "Ana")
    await ana.send("/matches", chat=BOARD)
    empty = ana.last_text(BOARD)
    assert "Propuestas: 0" in empty and "Colaboraciones: 0" in empty
    assert "ninguna" in empty

    cheese, pixel = await pair_of_members(bot, fake, need_listed=False)
    await publish_pair(cheese, pixel)
    await bot.deliver()
    await cheese.press(ES.interested)
    await pixel.press(EN.interested)
    await bot.deliver()
    clock.advance(days=14)
    await bot.run_scans()
    await bot.deliver()
    await pixel.press(EN.worked_yes)

    await ana.send("/matches", chat=BOARD)
    text = ana.last_text(BOARD)
    assert "Propuestas: 1 (esperando respuesta: 0" in text
    assert "Presentaciones: 1" in text and "Colaboraciones: 1" in text
    assert "Últimas presentaciones" in text and "Últimas colaboraciones" in text
    # The board sees every name, listed or not.
    line = f"«{NEED_TITLE}» (Quesería La Vega) ↔ «{OFFER_TITLE}» (Píxel Coop) · 🤝 presentados"
    assert text.count(line) == 3
    assert "Última revisión diaria: 11/12/2026" in text


async def test_matches_is_for_the_board_only(bot: BotHarness, fake: FakeTelegram) -> None:
    bob = fake.user("bob", language_code="en")
    await bob.send("/matches")
    assert "only works in the board group" in bob.last_text()
    other = fake.group("Otra asociación")
    await bob.send("/matches", chat=other)
    assert "only works in the board group" in bob.last_text(other)
