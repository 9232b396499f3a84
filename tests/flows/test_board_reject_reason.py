"""Only a reply to the bot's reason prompt rejects an application; other chatter is ignored."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.members import EntityStatus
from tests.fakes import FakeTelegram
from tests.flows.board_world import BOARD, applicant, apply_and_notify, board_member, entity_status
from tests.flows.posts_world import ES as POSTS_ES
from tests.flows.posts_world import member, post_offer
from tests.harness import BotHarness, FakeClock, make_settings

# What the board sees in its own language: the prompt, the outcome, the too-long answer.
WORDS = {
    "es": {
        "prompt": "responde a este mensaje",
        "done": "queda rechazada",
        "too_long": "Responde a este mensaje",
    },
    "en": {
        "prompt": "reply to this message",
        "done": "is rejected",
        "too_long": "Reply to this message",
    },
}


@pytest.fixture(params=["es", "en"])
async def board_bot(
    request: pytest.FixtureRequest, tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> AsyncIterator[tuple[BotHarness, str]]:
    """The bot with the board working in Spanish, then in English."""
    language = str(request.param)
    harness = BotHarness(
        fake=fake, clock=clock, settings=make_settings(tmp_path, default_locale=language)
    )
    await harness.start()
    yield harness, language
    await harness.stop()


async def test_chatter_after_pressing_reject_is_not_the_reason(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram
) -> None:
    bot, language = board_bot
    words = WORDS[language]
    ana = board_member(fake, "ana", "Ana")
    bea = board_member(fake, "bea", "Bea")
    alice = await applicant(fake, "alice", "en")
    entity_id, card = await apply_and_notify(bot, alice, "Green Bakers")

    await ana.press_data(f"v1:app:reject:{entity_id}", chat=BOARD, message=card)
    prompt = fake.messages_to(BOARD)[-1]
    assert words["prompt"] in prompt.text and "/cancel" in prompt.text
    assert "Green Bakers" in prompt.text
    posted = len(fake.messages_to(BOARD))

    await bea.send("¿Alguien los conoce?", chat=BOARD)
    await ana.send("Mejor esperamos", chat=BOARD)  # talking to Bea, not answering the bot
    await bea.reply_to(prompt, "Yo no")  # someone else's reply is not Ana's reason either
    assert len(fake.messages_to(BOARD)) == posted  # ignored: nothing answered
    assert await entity_status(bot, entity_id) is EntityStatus.PENDING
    assert fake.message(BOARD, card.message_id).buttons != []
    assert await bot.deliver() == 0

    await ana.reply_to(prompt, "Outside our province.")
    assert words["done"] in ana.last_text(BOARD)
    assert await entity_status(bot, entity_id) is EntityStatus.REJECTED
    assert await bot.deliver() == 1
    assert "Reason: Outside our province." in alice.last_text()
    assert "Mejor esperamos" not in alice.last_text()


async def test_a_too_long_reason_asks_for_a_reply_to_the_new_prompt(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram
) -> None:
    bot, language = board_bot
    words = WORDS[language]
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)

    await ana.press_data(f"v1:app:reject:{entity_id}", chat=BOARD, message=card)
    prompt = fake.messages_to(BOARD)[-1]
    await ana.reply_to(prompt, "x" * 501)
    again = fake.messages_to(BOARD)[-1]
    assert words["too_long"] in again.text
    assert again.reply_markup is not None and again.reply_markup.get("force_reply")
    await ana.send("perdón", chat=BOARD)  # not a reply: ignored
    assert fake.messages_to(BOARD)[-1].message_id == again.message_id
    await ana.reply_to(again, "No encaja.")
    assert await entity_status(bot, entity_id) is EntityStatus.REJECTED


async def test_a_reply_to_an_older_prompt_or_another_bot_message_is_ignored(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    bob = await applicant(fake, "bob", "en")
    first, first_card = await apply_and_notify(bot, alice, "Primera")
    second, second_card = await apply_and_notify(bot, bob, "Second")

    await ana.press("❌ Rechazar", chat=BOARD, message=first_card)
    old_prompt = fake.messages_to(BOARD)[-1]
    await ana.press("❌ Rechazar", chat=BOARD, message=second_card)  # switches to the second
    prompt = fake.messages_to(BOARD)[-1]
    await ana.reply_to(old_prompt, "Duplicada.")
    assert "Esa pregunta ya no está abierta" in fake.messages_to(BOARD)[-1].text
    told = fake.messages_to(BOARD)[-1].message_id
    await ana.reply_to(first_card, "Duplicada.")
    await ana.send_photo(chat=BOARD)  # a photo that is not a reply: chatter too
    assert fake.messages_to(BOARD)[-1].message_id == told
    assert await entity_status(bot, first) is EntityStatus.PENDING
    assert await entity_status(bot, second) is EntityStatus.PENDING

    await ana.reply_to(prompt, "Duplicate of an existing member.")
    assert await entity_status(bot, first) is EntityStatus.PENDING
    assert await entity_status(bot, second) is EntityStatus.REJECTED


async def test_the_prompt_survives_a_restart(bot: BotHarness, fake: FakeTelegram) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)

    await ana.press("❌ Rechazar", chat=BOARD, message=card)
    prompt = fake.messages_to(BOARD)[-1]
    await bot.restart()
    await ana.send("Un momento, lo miro.", chat=BOARD)
    assert await entity_status(bot, entity_id) is EntityStatus.PENDING
    await ana.reply_to(prompt, "No es una entidad de economía social.")
    assert await entity_status(bot, entity_id) is EntityStatus.REJECTED


async def test_a_rejection_started_after_a_removal_takes_the_reply(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)
    carol = fake.user("carol")
    await member(bot, carol, "Cocina Viva")
    await post_offer(carol, POSTS_ES, "Cursos", "Los sábados.", where=POSTS_ES.online)
    await bot.deliver()

    # Ana starts a post's removal, then an application's rejection: the newest prompt wins.
    await ana.press("🚫 Retirar con motivo", chat=BOARD)
    removal_prompt = fake.messages_to(BOARD)[-1]
    await ana.press_data(f"v1:app:reject:{entity_id}", chat=BOARD, message=card)
    reject_prompt = fake.messages_to(BOARD)[-1]
    await ana.reply_to(removal_prompt, "Publicidad engañosa")
    assert "Esa pregunta ya no está abierta" in fake.messages_to(BOARD)[-1].text
    assert await entity_status(bot, entity_id) is EntityStatus.PENDING
    async with bot.store.read() as repos:
        audit = await repos.audit.recent(subject="post:1")
    assert audit == []

    await ana.reply_to(reject_prompt, "Fuera de la provincia.")
    assert await entity_status(bot, entity_id) is EntityStatus.REJECTED
