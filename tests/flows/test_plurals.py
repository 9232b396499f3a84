"""Counts agree with their words in both languages: one person, two people, one failed."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.members import CONSENT_VERSION, MemberRole
from tests.delivery_world import board_member, paced_fake
from tests.fakes import FakeTelegram
from tests.flows.board_world import applicant, store_application
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock, make_settings
from tests.seed import seed_members, started_users

BOARD = BOARD_CHAT_ID
TEXTS = {
    "es": {
        "all": "Todos los miembros",
        "sector": "Por sector",
        "one_recipient": "1 persona de 1 entidad.",
        "send_one": "✅ Enviar a 1 persona",
        "sending_one": "Enviando a 1 persona.",
        "done_one": "para el sector {sector} terminado: "
        "enviados 1/1, 0 fallidos, 0 dudosos, 0 sin enviar.",
        "three_recipients": "3 personas de 3 entidades.",
        "send_three": "✅ Enviar a 3 personas",
        "sending_three": "Enviando a 3 personas.",
        "done_three": "para todos los miembros terminado: "
        "enviados 2/3, 1 fallido, 0 dudosos, 0 sin enviar.",
        "one_person": "Persona que actúa por ella (1):",
        "two_people": "Personas que actúan por ella (2):",
    },
    "en": {
        "all": "All members",
        "sector": "By sector",
        "one_recipient": "1 person from 1 organisation.",
        "send_one": "✅ Send to 1 person",
        "sending_one": "Sending to 1 person.",
        "done_one": "to the {sector} sector finished: sent 1/1, 0 failed, 0 uncertain, 0 not sent.",
        "three_recipients": "3 people from 3 organisations.",
        "send_three": "✅ Send to 3 people",
        "sending_three": "Sending to 3 people.",
        "done_three": "to all members finished: sent 2/3, 1 failed, 0 uncertain, 0 not sent.",
        "one_person": "Person acting for it (1):",
        "two_people": "People acting for it (2):",
    },
}


@pytest.fixture(params=["es", "en"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def board_bot(
    tmp_path: Path, clock: FakeClock, language: str
) -> AsyncIterator[tuple[BotHarness, FakeTelegram]]:
    """A bot whose board speaks language, over a fake that checks the rate windows."""
    fake = paced_fake(clock)
    settings = make_settings(tmp_path, default_locale=language)
    harness = BotHarness(fake=fake, clock=clock, settings=settings)
    await harness.start()
    yield harness, fake
    await harness.stop()


async def test_announcement_counts_say_one_person_and_three_people(
    board_bot: tuple[BotHarness, FakeTelegram], language: str
) -> None:
    bot, fake = board_bot
    texts = TEXTS[language]
    ana = board_member(fake, "ana", language)
    # Three entities; only the first is in the agrifood sector; the second blocked the bot.
    members = await seed_members(bot.store, started_users(fake, 3), now=bot.clock())
    fake.set_blocked(members[1].user_id)
    assert bot.app is not None
    agrifood = bot.app.services.network.sector("agrifood")
    assert agrifood is not None

    await ana.send("/announce Feria de otoño", chat=BOARD)
    await ana.press(texts["sector"], chat=BOARD)
    await ana.press(agrifood.label.get(language), chat=BOARD)
    preview = ana.last_message(chat=BOARD)
    assert texts["one_recipient"] in preview.text
    assert texts["send_one"] in preview.button_texts
    await ana.press(texts["send_one"], chat=BOARD)
    answer = ana.last_callback_answer
    assert answer is not None and answer.text == texts["sending_one"]
    await bot.deliver()
    done = fake.message(BOARD, preview.message_id).text
    assert texts["done_one"].format(sector=agrifood.label.get(language)) in done
    assert " a el " not in done

    await ana.send("/announce Asamblea", chat=BOARD)
    await ana.press(texts["all"], chat=BOARD)
    preview = ana.last_message(chat=BOARD)
    assert texts["three_recipients"] in preview.text
    await ana.press(texts["send_three"], chat=BOARD)
    answer = ana.last_callback_answer
    assert answer is not None and answer.text == texts["sending_three"]
    await bot.deliver()
    assert texts["done_three"] in fake.message(BOARD, preview.message_id).text


async def test_a_profile_counts_one_person_and_two_people(
    board_bot: tuple[BotHarness, FakeTelegram], language: str
) -> None:
    bot, fake = board_bot
    texts = TEXTS[language]
    ana = board_member(fake, "ana", language)
    owner = await applicant(fake, "alice", language)
    entity = await store_application(bot, owner, name="Huerta Común")

    await ana.send(f"/member {entity}", chat=BOARD)
    assert texts["one_person"] in ana.last_text(BOARD)

    colleague = fake.user("colega", language_code=language)
    async with bot.store.write() as repos:
        await repos.members.add_member(
            user_id=colleague.id,
            entity_id=entity,
            role=MemberRole.COLLEAGUE,
            first_name=colleague.first_name,
            username=colleague.username,
            locale=language,
            consent_version=CONSENT_VERSION,
            now=bot.clock(),
        )
    await ana.send(f"/member {entity}", chat=BOARD)
    assert texts["two_people"] in ana.last_text(BOARD)
