"""A person's data rights from the bot: a copy of their data and erasure, in es and en."""

import json

import pytest

from bot.domain.members import EntityStatus
from tests.fakes import FakeTelegram
from tests.flows.onboarding_steps import PROFILE, make_member
from tests.harness import BOARD_CHAT_ID, BotHarness

ERASE = {"es": "🗑 Sí, borrar mis datos", "en": "🗑 Yes, erase my data"}
KEEP = {"es": "No, mantenerlos", "en": "No, keep them"}
ERASED = {"es": "he borrado tus datos", "en": "your data is erased"}


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_mydata_sends_everything_stored_as_json(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    user = fake.user("u", language_code=lang)
    entity_id = await make_member(bot, user)
    await user.send("/mydata")
    message = user.last_message()
    assert message.document is not None
    data = json.loads(message.document.content)
    assert data["member"]["user_id"] == user.id
    assert [entity["id"] for entity in data["entities"]] == [entity_id]
    assert data["posts"] == []
    assert "JSON" in message.text


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_forgetme_erases_the_member_and_tells_the_board(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    user = fake.user("u", language_code=lang)
    profile = PROFILE.model_copy(update={"email": "hola@huerta.es", "phone": "+34987000000"})
    entity_id = await make_member(bot, user, profile=profile)
    await user.send("/forgetme")
    await user.press(ERASE[lang])
    assert ERASED[lang] in user.last_text()
    async with bot.store.read() as repos:
        assert await repos.members.member(user.id) is None
        entity = await repos.members.entity(entity_id)
        audit = await repos.audit.recent()
    assert entity is not None
    assert entity.status is EntityStatus.SUSPENDED and not entity.listed
    assert entity.email is None and entity.phone is None
    assert audit[0].action == "member.erase" and audit[0].actor_id == user.id
    await bot.deliver()
    assert "Huerta Común" in fake.messages_to(BOARD_CHAT_ID)[-1].text
    # The confirmation button cannot erase twice.
    await user.press_data("v1:gdpr:erase")
    answer = user.last_callback_answer
    assert answer is not None and answer.text is not None


async def test_forgetme_can_be_declined(bot: BotHarness, fake: FakeTelegram) -> None:
    user = fake.user("u", language_code="es")
    await make_member(bot, user)
    await user.send("/forgetme")
    await user.press(KEEP["es"])
    assert "no he borrado nada" in user.last_text()
    async with bot.store.read() as repos:
        assert await repos.members.member(user.id) is not None


async def test_forgetme_by_a_non_member_forgets_the_chat_state(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    user = fake.user("u", language_code="en")
    await user.send("/start")
    await user.send("/forgetme")
    assert "I keep no data about you" in user.last_text()


async def test_privacy_commands_work_only_in_private(bot: BotHarness, fake: FakeTelegram) -> None:
    user = fake.user("u", language_code="es")
    group = fake.group("Pueblo")
    await user.send("/mydata@cooperactivas_test_bot", chat=group)
    assert all(m.document is None for m in fake.messages_to(group))
