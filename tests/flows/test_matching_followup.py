"""Follow-up: "Did you work together?" 14 days after an introduction, once more after Not yet."""

import pytest

from bot.domain.matches import Outcome
from tests.fakes import FakeTelegram, FakeUser
from tests.flows.matching_world import LABELS, pair_of_members, pairs, publish_pair
from tests.flows.posts_world import answer
from tests.harness import BotHarness, FakeClock

LANG_PAIRS = [pytest.param("es", "en", id="need-es"), pytest.param("en", "es", id="need-en")]


async def introduced(
    bot: BotHarness, fake: FakeTelegram, need_lang: str = "es", offer_lang: str = "en"
) -> tuple[FakeUser, FakeUser]:
    """Both members introduced to each other, everything delivered."""
    cheese, pixel = await pair_of_members(bot, fake, need_lang=need_lang, offer_lang=offer_lang)
    await publish_pair(cheese, pixel)
    await bot.deliver()
    await cheese.press(LABELS[need_lang].interested)
    await pixel.press(LABELS[offer_lang].interested)
    await bot.deliver()
    return cheese, pixel


def questions(user: FakeUser) -> list[str]:
    marks = ("¿Habéis colaborado?", "Did you work together?", "habéis colaborado con")
    return [text for text in user.texts() if any(mark in text for mark in marks)]


async def collaborations(bot: BotHarness) -> int:
    (pair,) = await pairs(bot)
    async with bot.store.read() as repos:
        return len(await repos.contacts.collaborations_of(pair.need.entity_id))


@pytest.mark.parametrize(("need_lang", "offer_lang"), LANG_PAIRS)
async def test_asked_after_14_days_and_yes_is_a_collaboration(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock, need_lang: str, offer_lang: str
) -> None:
    cheese, pixel = await introduced(bot, fake, need_lang, offer_lang)
    clock.advance(days=13, hours=23)
    await bot.run_scans()
    await bot.deliver()
    assert questions(cheese) == [] and questions(pixel) == []
    clock.advance(hours=1)
    await bot.run_scans()
    await bot.deliver()
    (to_cheese,) = questions(cheese)
    (to_pixel,) = questions(pixel)
    assert LABELS[need_lang].followup in to_cheese and "Píxel Coop" in to_cheese
    assert LABELS[offer_lang].followup in to_pixel and "Quesería La Vega" in to_pixel
    labels = LABELS[need_lang]
    assert cheese.last_message().button_texts == [
        labels.worked_yes,
        labels.worked_no,
        labels.not_yet,
    ]
    await cheese.press(labels.worked_yes)
    assert {"es": "Lo anoto como una colaboración", "en": "recording it as a collaboration"}[
        need_lang
    ] in cheese.last_text()
    await pixel.press(LABELS[offer_lang].worked_yes)
    assert await collaborations(bot) == 1  # one collaboration, whoever answers
    (pair,) = await pairs(bot)
    assert pair.need.outcome is Outcome.YES and pair.offer.outcome is Outcome.YES


async def test_not_yet_asks_once_more_after_14_days(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    cheese, pixel = await introduced(bot, fake)
    clock.advance(days=14)
    await bot.run_scans()
    await bot.deliver()
    await cheese.press(LABELS["es"].not_yet)
    assert "dentro de 14 días" in cheese.last_text()
    await pixel.press(LABELS["en"].worked_no)
    assert "Thanks for letting me know" in pixel.last_text()
    clock.advance(days=14)
    await bot.run_scans()
    await bot.deliver()
    assert len(questions(cheese)) == 2 and LABELS["es"].ask_again in questions(cheese)[-1]
    assert len(questions(pixel)) == 1  # answered No: never asked again
    await cheese.press(LABELS["es"].not_yet)
    assert "No te volveré a preguntar" in cheese.last_text()
    clock.advance(days=30)
    await bot.run_scans()
    await bot.deliver()
    assert len(questions(cheese)) == 2
    (pair,) = await pairs(bot)
    assert pair.need.outcome is Outcome.NOT_YET and pair.offer.outcome is Outcome.NO
    assert await collaborations(bot) == 0


async def test_missed_during_downtime_is_asked_once(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    cheese, pixel = await introduced(bot, fake)
    await bot.stop()
    clock.advance(days=40)  # the bot was down when the question fell due
    await bot.start()  # the start-up scan catches up
    await bot.deliver()
    await bot.restart()
    await bot.run_scans()
    await bot.deliver()
    assert len(questions(cheese)) == 1 and len(questions(pixel)) == 1


async def test_stale_follow_up_buttons(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    cheese, _ = await introduced(bot, fake)
    (pair,) = await pairs(bot)
    await cheese.press_data(f"v1:mfu:yes:{pair.id}:1")  # not asked yet
    assert "Este botón ha caducado" in answer(cheese)
    clock.advance(days=14)
    await bot.run_scans()
    await bot.deliver()
    question = cheese.last_message()
    await cheese.press_data(f"v1:mfu:yes:{pair.id}:2", message=question)  # a later round
    assert "Este botón ha caducado" in answer(cheese)
    await cheese.press(LABELS["es"].not_yet)
    await cheese.press_data(f"v1:mfu:yes:{pair.id}:1", message=question)  # answered already
    assert "Este botón ha caducado" in answer(cheese)
    await cheese.press_data("v1:mfu:perhaps:1:1", message=question)
    assert "Este botón ha caducado" in answer(cheese)
    (after,) = await pairs(bot)
    assert after.need.outcome is Outcome.NOT_YET


async def test_restart_between_question_and_answer(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    cheese, _ = await introduced(bot, fake)
    clock.advance(days=14)
    await bot.run_scans()
    await bot.restart()
    await bot.deliver()
    await cheese.press(LABELS["es"].worked_yes)
    assert await collaborations(bot) == 1
    assert len(questions(cheese)) == 1


async def test_follow_ups_wait_for_quiet_hours_and_survive_a_pause_and_restarts(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    cheese, pixel = await introduced(bot, fake)
    await cheese.send("/settings")
    await cheese.press(LABELS["es"].pause)  # no more proposals; the introduction stands
    await bot.restart()
    clock.advance(days=14, hours=12, minutes=30)  # 23:30 in León, the question overdue
    await bot.run_scans()
    await bot.restart()
    await bot.deliver()
    assert questions(cheese) == [] and questions(pixel) == []
    clock.advance(hours=8, minutes=31)  # 08:01
    await bot.restart()
    await bot.deliver()
    assert len(questions(cheese)) == 1 and len(questions(pixel)) == 1
    await cheese.press(LABELS["es"].worked_yes)
    assert await collaborations(bot) == 1
