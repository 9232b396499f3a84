"""Buttons with out-of-range numbers are stale buttons, not errors (es and en)."""

import pytest

from tests.fakes import FakeTelegram
from tests.flows.board_world import BOARD, board_member
from tests.flows.posts_world import answer, member
from tests.harness import BotHarness

HUGE = "9" * 40  # beyond any SQLite integer
# What a stale button may be told: expired, or the post it points to is gone.
STALE = {
    "es": ("Este botón ha caducado", "Este anuncio ya no está disponible"),
    "en": ("This button has expired", "This post is no longer available"),
}
SORRY = {"es": "Lo siento, algo ha fallado", "en": "Sorry, something went wrong"}
MEMBER_BUTTONS = [
    f"v1:mine:view:{HUGE}",
    f"v1:mine:extend:{HUGE}",
    f"v1:mine:extend:1:{HUGE}",
    f"v1:mine:partner:1:{HUGE}",
    f"v1:browse:view:{HUGE}",
    f"v1:post:contact:{HUGE}",
    f"v1:contact:reply:{HUGE}",
    f"v1:contact:report:{HUGE}",
    f"v1:match:yes:{HUGE}",
]
BOARD_BUTTONS = [
    f"v1:members:view:{HUGE}",
    f"v1:app:approve:{HUGE}",
    f"v1:pmod:reject:{HUGE}",
    f"v1:ann:stop:{HUGE}",
]


def _no_error(fake: FakeTelegram) -> None:
    """No board alert about an error (sent when a handler raises)."""
    alerts = [m.text for m in fake.messages_to(BOARD) if "⚠️" in (m.text or "")]
    assert alerts == []


@pytest.mark.parametrize("language", ["es", "en"])
async def test_a_member_pressing_huge_ids_gets_a_stale_answer(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    alice = fake.user("alice", language_code=language)
    await member(bot, alice, "Cocina Viva")
    await alice.send("/menu")
    for data in MEMBER_BUTTONS:
        await alice.press_data(data)
        assert answer(alice).startswith(STALE[language]), data
    await alice.press_data(f"v1:browse:page:{HUGE}")
    assert SORRY[language] not in alice.last_text()
    _no_error(fake)


@pytest.mark.parametrize("language", ["es", "en"])
async def test_the_board_pressing_huge_ids_gets_a_stale_answer(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    ana = board_member(fake, "ana", "Ana")
    await ana.send(f"/language {language}")
    await ana.send("/members", chat=BOARD)
    for data in BOARD_BUTTONS:
        await ana.press_data(data, chat=BOARD)
        assert answer(ana), data
        assert SORRY[language] not in answer(ana), data
    await ana.press_data(f"v1:members:page:{HUGE}", chat=BOARD)
    _no_error(fake)
