"""Cross-cutting behaviour: help, language, chat id, unknown input, stale buttons, errors."""

import pytest

from tests.fakes import FakeTelegram
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock

HELP_TITLE = {"es": "Qué puedo hacer por ti", "en": "What I can do for you"}
UNKNOWN = {"es": "No conozco ese comando", "en": "I don't know that command"}
STRAY = {"es": "No estaba esperando nada", "en": "I wasn't expecting anything"}
EXPIRED = {"es": "Este botón ha caducado", "en": "This button has expired"}
BOARD_ONLY = {"es": "solo funciona en el grupo de la junta", "en": "only works in the board group"}
SORRY = {"es": "Lo siento, algo ha fallado", "en": "Sorry, something went wrong"}


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_help_lists_commands_in_the_users_language(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    user = fake.user("u", language_code=lang)
    await user.send("/help")
    text = user.last_text()
    assert HELP_TITLE[lang] in text
    assert "/start" in text and "/cancel" in text and "/language" in text


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_unknown_command_and_stray_input_get_a_clear_answer(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    user = fake.user("u", language_code=lang)
    await user.send("/frobnicate")
    assert UNKNOWN[lang] in user.last_text()
    count = user.reply_count()
    await user.send("hello there")
    assert user.reply_count() == count + 1  # exactly one answer, no double handling
    assert STRAY[lang] in user.last_text()
    await user.send_sticker()
    assert STRAY[lang] in user.last_text()


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_forged_and_stale_buttons_expire(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    user = fake.user("u", language_code=lang)
    await user.send("/help")
    for data in ("v1:nope:x", "garbage", "v2:menu:open", "v1:lang:set:xx"):
        await user.press_data(data)
        answer = user.last_callback_answer
        assert answer is not None and answer.text is not None, data
        assert EXPIRED[lang] in answer.text, data
    # A board button pressed outside the board group is refused, not acted on.
    await user.press_data("v1:app:approve:1")
    answer = user.last_callback_answer
    assert answer is not None and answer.text is not None
    assert BOARD_ONLY[lang] in answer.text


async def test_language_switch_is_remembered(bot: BotHarness, fake: FakeTelegram) -> None:
    user = fake.user("u", language_code="es")
    await user.send("/language")
    await user.press("English")
    assert "English" in user.last_text()
    await user.send("/help")
    assert HELP_TITLE["en"] in user.last_text()
    await bot.restart()
    await user.send("/help")
    assert HELP_TITLE["en"] in user.last_text()


async def test_unknown_telegram_language_falls_back_to_spanish(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    user = fake.user("u", language_code="fr")
    await user.send("/help")
    assert HELP_TITLE["es"] in user.last_text()


async def test_chat_id_answers_in_groups_only(bot: BotHarness, fake: FakeTelegram) -> None:
    group = fake.group("Some group")
    user = fake.user("u")
    await user.send("/chatid", chat=group)
    assert str(group.id) in user.last_text(chat=group)


async def test_commands_are_published_per_language_and_for_the_board(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    private = {"type": "all_private_chats"}
    spanish = dict(fake.commands(private, "es"))
    english = dict(fake.commands(private, "en"))
    assert spanish.keys() == english.keys()
    assert {"start", "help", "cancel", "language"} <= spanish.keys()
    assert spanish["help"] != english["help"]
    assert dict(fake.commands(private, "")) == spanish  # the default for other languages
    board = dict(fake.commands({"type": "chat", "chat_id": BOARD_CHAT_ID}, "es"))
    assert {"pending", "members", "member"} <= board.keys()


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_an_error_apologises_and_alerts_the_board_at_most_every_10_minutes(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    user = fake.user("u", language_code=lang)
    await user.send("/start")  # the user can now be written to

    async def break_once() -> None:
        fake.inject("sendMessage", chat_id=user.id, error_code=400, description="Bad Request: boom")
        await user.send("/help")
        assert SORRY[lang] in user.last_text()

    await break_once()
    alerts = [m for m in fake.messages_to(BOARD_CHAT_ID) if "⚠️" in m.text]
    assert len(alerts) == 1 and "Boom" in alerts[0].text
    clock.advance(minutes=5)
    await break_once()
    assert len([m for m in fake.messages_to(BOARD_CHAT_ID) if "⚠️" in m.text]) == 1
    clock.advance(minutes=6)
    await break_once()
    assert len([m for m in fake.messages_to(BOARD_CHAT_ID) if "⚠️" in m.text]) == 2


async def test_group_commands_for_other_bots_are_ignored(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    group = fake.group("Village")
    user = fake.user("u")
    await user.send("/weather@other_bot", chat=group)
    assert fake.messages_to(group) == []
    await user.send("/nonsense@cooperactivas_test_bot", chat=group)
    assert UNKNOWN["es"] in user.last_text(chat=group)
    await user.send("just chatting", chat=group)
    assert len(fake.messages_to(group)) == 1  # group chatter gets no answer
