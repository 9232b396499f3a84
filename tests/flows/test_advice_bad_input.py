"""Bad input while asking for advice or answering a case gets a clear answer and changes
nothing: too big, wrong kind, one file too many, too long, a closed or unknown case."""

import pytest

from bot.domain.outbox import Category, Rendered
from tests.fakes import FakeTelegram
from tests.fakes.driver import SAMPLE_PDF
from tests.flows.advice_world import (
    BOARD,
    CLOSE,
    LABELS,
    ask_for_plan_review,
    board_member,
    card_of,
)
from tests.flows.posts_world import member
from tests.harness import BotHarness

TOO_BIG = {"es": "pasa de 20 MB", "en": "over 20 MB"}
WRONG_KIND = {"es": "no es un PDF", "en": "not a PDF"}
SIXTH = {"es": "Ya llevas 5 archivos", "en": "You already have 5 files"}
TOO_LONG = {"es": "2000", "en": "2000"}
CLOSED = {"es": "cerrado", "en": "closed"}


async def _files_step(bot: BotHarness, fake: FakeTelegram, language: str):
    user = fake.user("maria", language_code=language)
    await member(bot, user, "Cooperativa Tierra")
    await user.send("/advice")
    await user.press(LABELS[language].business_plan)
    return user


@pytest.mark.parametrize("language", ["es", "en"])
async def test_files_over_the_limit_of_the_wrong_kind_or_one_too_many_are_refused(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    labels = LABELS[language]
    user = await _files_step(bot, fake, language)
    await user.send("x" * 2001)
    assert TOO_LONG[language] in user.last_text()
    await user.send("Nuestro plan")
    await user.send_document("big.pdf", b"%PDF-1.4\n" + bytes(20 * 1024 * 1024))
    assert TOO_BIG[language] in user.last_text()
    await user.send_document("plan.pdf", b"MZ\x90\x00 an executable", mime="application/pdf")
    assert WRONG_KIND[language] in user.last_text()
    for index in range(5):
        await user.send_document(f"plan{index}.pdf", SAMPLE_PDF)
    # The fifth file moved on to the contact question: a sixth is not taken.
    await user.send_document("plan6.pdf", SAMPLE_PDF)
    assert SIXTH[language] in user.last_text()
    await user.press(labels.in_the_bot)
    summary = user.last_text()
    assert "plan4.pdf" in summary and "plan6.pdf" not in summary and "big.pdf" not in summary
    await user.press(labels.send)
    await bot.deliver()
    documents = [m for m in fake.messages_to(BOARD) if m.document is not None]
    assert len(documents) == 5


@pytest.mark.parametrize("language", ["es", "en"])
async def test_answers_to_a_closed_case_are_refused(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    labels = LABELS[language]
    user = fake.user("maria", language_code=language)
    await member(bot, user, "Cooperativa Tierra")
    ana = board_member(fake, "ana_junta", "Ana")
    case = await ask_for_plan_review(user, labels, "Ayuda", pdf=None)
    await bot.deliver()
    card = card_of(fake, case)
    await ana.reply_to(card, "Hola", chat=BOARD)
    await bot.deliver()
    answer_under = user.last_message()
    await ana.press(CLOSE, message=card)
    await ana.reply_to(card, "¿Sigues ahí?", chat=BOARD)
    assert "cerrado" in fake.messages_to(BOARD)[-1].text
    await user.press(labels.answer, message=answer_under)
    refused = user.last_callback_answer
    assert refused is not None and CLOSED[language] in (refused.text or "")
    await user.reply_to(answer_under, "Una cosa más")
    assert CLOSED[language] in user.last_text()
    await bot.deliver()
    assert not any("Una cosa más" in m.text for m in fake.messages_to(BOARD))
    assert not any("¿Sigues ahí?" in t for t in user.texts())


async def test_a_board_reply_to_no_case_is_told_so(bot: BotHarness, fake: FakeTelegram) -> None:
    maria = fake.user("maria", language_code="es")
    await member(bot, maria, "Cooperativa Tierra")
    ana = board_member(fake, "ana_junta", "Ana")
    case = await ask_for_plan_review(maria, LABELS["es"], "Ayuda", pdf=None)
    await bot.deliver()
    await ana.reply_to(card_of(fake, case), "Hola", chat=BOARD)
    confirmation = fake.messages_to(BOARD)[-1]
    assert "Enviado" in confirmation.text
    # Replying to the confirmation is not replying to the case: say where to reply.
    await ana.reply_to(confirmation, "Y otra cosa", chat=BOARD)
    assert "no es de ningún caso" in fake.messages_to(BOARD)[-1].text
    await bot.deliver()
    assert not any("Y otra cosa" in text for text in maria.texts())
    # A reply to another feature's message is chatter among the board: nothing is said.
    async with bot.store.write() as repos:
        await repos.outbox.enqueue(
            dedupe_key="test:notice",
            chat_id=BOARD,
            locale="es",
            message=Rendered(key="privacy.board_notice", params={"entity": "Tierra"}),
            category=Category.REPLY,
            now=bot.clock(),
        )
    await bot.deliver()
    notice = fake.messages_to(BOARD)[-1]
    await ana.reply_to(notice, "Vale", chat=BOARD)
    assert fake.messages_to(BOARD)[-1].message_id == notice.message_id
