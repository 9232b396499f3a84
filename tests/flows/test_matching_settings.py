"""/settings: language and match alerts, from the command and from the menu."""

import pytest

from tests.fakes import FakeTelegram
from tests.flows.board_world import BOARD, board_member
from tests.flows.matching_world import LABELS
from tests.flows.posts_world import answer, member
from tests.harness import BotHarness

SCREEN = {
    "es": ("Ajustes", "Idioma: Español", "Avisos de coincidencias: activados", "en pausa"),
    "en": ("Settings", "Language: English", "Match alerts: on", "paused"),
}


async def paused(bot: BotHarness, user_id: int) -> bool:
    async with bot.store.read() as repos:
        found = await repos.members.member(user_id)
    assert found is not None
    return found.match_alerts_paused


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_pause_and_resume_alerts(bot: BotHarness, fake: FakeTelegram, lang: str) -> None:
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    title, language, alerts_on, paused_word = SCREEN[lang]
    await alice.send("/settings")
    screen = alice.last_message()
    assert title in screen.text and language in screen.text and alerts_on in screen.text
    await alice.press(LABELS[lang].pause)
    assert await paused(bot, alice.id)
    assert paused_word in alice.last_text()  # the same message, edited
    assert alice.last_message().message_id == screen.message_id
    assert alice.last_message().button_texts[0] == LABELS[lang].resume
    await alice.press(LABELS[lang].resume)
    assert not await paused(bot, alice.id)
    assert alerts_on in alice.last_text()


async def test_settings_from_the_menu_and_change_language(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    alice = fake.user("alice", language_code="es")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/menu")
    await alice.press("⚙️ Ajustes")
    assert "Idioma: Español" in alice.last_text()
    await alice.press("🌐 Cambiar idioma")
    await alice.press("English")
    await alice.send("/settings")
    assert "Language: English" in alice.last_text()


async def test_pressing_a_toggle_twice_is_harmless(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/settings")
    screen = alice.last_message()
    await alice.press(LABELS["en"].pause)
    await alice.press_data("v1:settings:alerts:pause", message=screen)
    assert await paused(bot, alice.id)
    assert "Match alerts paused" in answer(alice)
    await alice.press_data("v1:settings:alerts:sideways", message=screen)
    assert "This button has expired" in answer(alice)


async def test_only_members_have_settings(bot: BotHarness, fake: FakeTelegram) -> None:
    bob = fake.user("bob", language_code="en")
    await bob.send("/settings")
    assert "member organisations only" in bob.last_text()
    await bob.press_data("v1:settings:alerts:pause")
    assert "member organisations only" in answer(bob)


async def test_settings_is_private(bot: BotHarness, fake: FakeTelegram) -> None:
    ana = board_member(fake, "ana", "Ana")
    await member(bot, ana, "Junta Coop")
    before = len(fake.messages_to(BOARD))
    await ana.send("/settings", chat=BOARD)
    assert len(fake.messages_to(BOARD)) == before  # a bare command in a group is not ours
    await ana.send("/settings@" + fake.bot_username, chat=BOARD)
    assert "/help" in ana.last_text(BOARD)
