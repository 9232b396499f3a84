"""Advice as cases the board handles: asked in private, claimed and answered from the group,
answered back under the board's message; files both ways; statuses at the right moments."""

import pytest

from bot.domain.advice import CaseStatus
from tests.fakes import FakeTelegram
from tests.fakes.driver import SAMPLE_PDF, SAMPLE_PNG
from tests.flows.advice_world import (
    BOARD,
    CLAIM,
    LABELS,
    ask_for_plan_review,
    board_member,
    card_of,
)
from tests.flows.board_world import leave_board
from tests.flows.posts_world import member
from tests.harness import BotHarness


async def _status(bot: BotHarness, case: int) -> CaseStatus:
    async with bot.store.read() as repos:
        found = await repos.cases.get(case)
    assert found is not None
    return found.status


@pytest.mark.parametrize("language", ["es", "en"])
async def test_a_plan_review_with_files_both_ways(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    labels = LABELS[language]
    maria = fake.user("maria", first_name="María", language_code=language)
    await member(bot, maria, "Cooperativa Tierra")
    ana = board_member(fake, "ana_junta", "Ana")

    case = await ask_for_plan_review(maria, labels, "Revisad nuestro plan, por favor.")
    await bot.deliver()
    card = card_of(fake, case)
    assert "Cooperativa Tierra" in card.text and "Revisad nuestro plan" in card.text
    in_group = fake.messages_to(BOARD)
    assert in_group[-1].document is not None and in_group[-1].reply_to_message_id == (
        card.message_id
    )

    await ana.press(CLAIM, message=card)
    assert "lo lleva Ana" in fake.message(BOARD, card.message_id).text
    assert await _status(bot, case) is CaseStatus.CLAIMED

    await ana.reply_to(card, "Lo he leído: os mando comentarios.", chat=BOARD)
    await ana.send_document(
        "comentarios.pdf", SAMPLE_PDF, chat=BOARD, reply_to=card, caption="Mis notas"
    )
    assert await _status(bot, case) is CaseStatus.WAITING
    # The card in the group follows (the board speaks Spanish here).
    assert "esperando a la entidad" in fake.message(BOARD, card.message_id).text
    await bot.deliver()
    text, file = maria.messages()[-2:]
    assert f"#{case}" in text.text and "Ana" in text.text
    assert "Lo he leído" in text.text and "ana_junta" not in text.text
    assert file.document is not None and "Mis notas" in (file.caption or "")

    await maria.press(labels.answer, message=file)
    await maria.send_photo(content=SAMPLE_PNG, caption="Aquí va la tabla")
    assert await _status(bot, case) is CaseStatus.CLAIMED
    assert "esperando" not in fake.message(BOARD, card.message_id).text
    assert "lo lleva Ana" in fake.message(BOARD, card.message_id).text
    await bot.deliver()
    back = fake.messages_to(BOARD)[-1]
    assert back.photo is not None and "Aquí va la tabla" in (back.caption or "")
    assert back.reply_to_message_id == card.message_id

    await maria.send("/requests")
    await maria.press(f"#{case}")
    history = maria.last_text()
    assert "Lo he leído" in history and "Aquí va la tabla" in history
    assert labels.claimed in history


async def test_two_members_each_get_only_their_answer_across_a_restart(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    maria = fake.user("maria", language_code="es")
    john = fake.user("john", language_code="en")
    await member(bot, maria, "Cooperativa Tierra")
    await member(bot, john, "Green Bakers")
    ana = board_member(fake, "ana_junta", "Ana")
    first = await ask_for_plan_review(maria, LABELS["es"], "Lo de María", pdf=None)
    second = await ask_for_plan_review(john, LABELS["en"], "John's plan", pdf=None)
    await bot.deliver()
    await ana.reply_to(card_of(fake, second), "Para John", chat=BOARD)
    await bot.restart()
    await ana.reply_to(card_of(fake, first), "Para María", chat=BOARD)
    await bot.deliver()
    assert any("Para María" in t for t in maria.texts())
    assert not any("Para John" in t for t in maria.texts())
    assert any("Para John" in t for t in john.texts())
    assert not any("Para María" in t for t in john.texts())


async def test_a_second_claim_says_who_holds_it_and_outsiders_cannot_act(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    maria = fake.user("maria", language_code="es")
    await member(bot, maria, "Cooperativa Tierra")
    ana = board_member(fake, "ana_junta", "Ana")
    bea = board_member(fake, "bea_junta", "Bea")
    fake.set_member(BOARD, bea, "member")
    case = await ask_for_plan_review(maria, LABELS["es"], "Ayuda", pdf=None)
    await bot.deliver()
    card = card_of(fake, case)
    await ana.press(CLAIM, message=card)
    # Bea's screen still showed Claim when she pressed it.
    await bea.press_data(f"v1:caseb:claim:{case}", message=card)
    held = bea.last_callback_answer
    assert held is not None and "ya lo lleva Ana" in (held.text or "")

    # Someone who is not on the board forges the buttons and the commands in private.
    outsider = fake.user("mallory", language_code="es")
    await member(bot, outsider, "Otra Entidad")
    await outsider.send("/help")
    await outsider.press_data(f"v1:caseb:close:{case}")
    await outsider.send(f"/case {case}")
    await outsider.send("/cases")
    assert not any("Ayuda" in text for text in outsider.texts())
    await maria.press_data(f"v1:caseb:close:{case}")
    # Bea leaves the board; her old screen still has the card.
    await leave_board(fake, bea)
    await bea.press_data(f"v1:caseb:close:{case}", message=card)
    refused = bea.last_callback_answer
    assert refused is not None and "junta" in (refused.text or "").lower()
    await bot.deliver()
    assert await _status(bot, case) is CaseStatus.CLAIMED


async def test_an_unanswered_case_reminds_the_board_once(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    maria = fake.user("maria", language_code="es")
    await member(bot, maria, "Cooperativa Tierra")
    case = await ask_for_plan_review(maria, LABELS["es"], "Ayuda", pdf=None)
    await bot.deliver()
    bot.clock.advance(days=3, hours=1)
    await bot.restart()  # a day of downtime and a restart: the start-up scan catches up
    await bot.run_scans()
    await bot.run_scans()
    await bot.deliver()
    reminders = [m for m in fake.messages_to(BOARD) if m.text.startswith(f"⏰ Caso #{case}")]
    assert len(reminders) == 1
