"""/profile: an approved member sees their entity and changes one answer at a time."""

import pytest

from bot.domain.members import EntityStatus
from tests.fakes import FakeTelegram
from tests.flows.onboarding_steps import (
    ES,
    PROFILE,
    fake_with_board,
    make_member,
    stored_user_data,
)
from tests.harness import BotHarness


@pytest.fixture
def fake() -> FakeTelegram:
    return fake_with_board()


@pytest.mark.parametrize(
    ("language", "title", "people"),
    [("es", "Perfil de tu entidad", "Personas que actúan"), ("en", "Your organisation", "People")],
)
async def test_profile_shows_the_entity_and_its_people(
    bot: BotHarness, fake: FakeTelegram, language: str, title: str, people: str
) -> None:
    alice = fake.user("alice", language_code=language)
    await make_member(bot, alice)
    await alice.send("/menu")
    await alice.press("👤")
    text = alice.last_text()
    assert title in text and "Huerta Común" in text and people in text and "Alice" in text
    labels = [label for row in alice.last_message().buttons for label, _ in row]
    assert len([label for label in labels if label.startswith("✏️")]) == 11


async def test_editing_one_answer_saves_it(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    entity_id = await make_member(bot, alice)
    await alice.send("/profile")
    await alice.press("✏️ Municipio")
    assert "Ahora: León" in alice.last_text()
    await alice.send("ponferada")
    await alice.press("Ponferrada · El Bierzo")
    assert "Perfil actualizado" in alice.messages()[-2].text
    assert "Ponferrada" in alice.last_text()
    await alice.press("✏️ Sectores")
    await alice.press("Cultura")
    await alice.press(ES.done)
    await alice.press("✏️ Correo")
    await alice.send("no-es-correo")
    assert "no parece válido" in alice.last_text()
    await alice.send("hola@huerta.org")
    async with bot.store.read() as repos:
        entity = await repos.members.entity(entity_id)
    assert entity is not None
    assert entity.municipality == "ponferrada" and entity.sectors == ["agrifood", "culture"]
    assert entity.email == "hola@huerta.org" and entity.name == "Huerta Común"
    assert "onboarding" not in await stored_user_data(bot, alice)


async def test_cancel_and_restart_while_editing(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    entity_id = await make_member(bot, alice)
    await alice.send("/profile")
    await alice.press("✏️ Nombre")
    await alice.send_photo()
    assert "envía el nombre" in alice.last_text()
    await alice.send("/cancel")
    assert "No he cambiado nada" in alice.last_text()
    await alice.send("/profile")
    await alice.press("✏️ Nombre")
    await bot.restart()
    await alice.send("n" * 121)
    assert "demasiado largo" in alice.last_text()
    await alice.send("Huerta Nueva")
    async with bot.store.read() as repos:
        entity = await repos.members.entity(entity_id)
    assert entity is not None and entity.name == "Huerta Nueva"


async def test_profile_is_for_approved_members_only(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = fake.user("alice"), fake.user("bob")
    await make_member(bot, alice, status=EntityStatus.PENDING)
    await alice.send("/profile")
    assert "pendiente de revisión" in alice.last_text()
    await bob.send("/profile")
    assert "Huerta" not in bob.last_text()
    await bob.press_data("v1:profile:edit:name", message=bob.last_message())
    assert bob.last_callback_answer is not None
    assert "onboarding" not in await stored_user_data(bot, bob)


async def test_edit_buttons_recheck_membership(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    entity_id = await make_member(bot, alice)
    await alice.send("/profile")
    await alice.press("✏️ Nombre")
    async with bot.store.write() as repos:
        await repos.members.set_entity_status(entity_id, EntityStatus.SUSPENDED)
    await alice.send("Otro nombre")
    async with bot.store.read() as repos:
        entity = await repos.members.entity(entity_id)
    assert entity is not None and entity.name == "Huerta Común"


CONTACT = PROFILE.model_copy(update={"email": "hola@example.org", "phone": "+34987000111"})


@pytest.mark.parametrize(
    ("language", "email", "keep", "remove", "unchanged", "shown"),
    [
        ("es", "✏️ Correo", "↩️ Dejar como está", "🗑 Quitar", "No he cambiado nada", "Correo"),
        ("en", "✏️ Email", "↩️ Keep as it is", "🗑 Remove", "not changed anything", "Email"),
    ],
)
async def test_keeping_or_removing_a_saved_answer(
    bot: BotHarness,
    fake: FakeTelegram,
    language: str,
    email: str,
    keep: str,
    remove: str,
    unchanged: str,
    shown: str,
) -> None:
    alice = fake.user("alice", language_code=language)
    entity_id = await make_member(bot, alice, profile=CONTACT)
    await alice.send("/profile")
    await alice.press(email)
    question = alice.last_message()
    assert "hola@example.org" in question.text
    assert "Saltar" not in question.text and "Skip" not in question.text
    assert question.button_texts == [keep, remove]
    await alice.press(keep)
    assert unchanged in alice.messages()[-2].text
    assert f"{shown}: hola@example.org" in alice.last_text()

    await alice.press(email)
    await alice.press(remove)
    assert f"{shown}: —" in alice.last_text()
    async with bot.store.read() as repos:
        entity = await repos.members.entity(entity_id)
    assert entity is not None and entity.email is None and entity.phone == "+34987000111"
    assert "onboarding" not in await stored_user_data(bot, alice)


async def test_a_required_or_empty_answer_offers_only_to_keep_it(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    alice = fake.user("alice")
    await make_member(bot, alice, profile=CONTACT)
    await alice.send("/profile")
    await alice.press("✏️ Nombre")
    assert alice.last_message().button_texts == ["↩️ Dejar como está"]
    await alice.press("Dejar como está")
    await alice.press("✏️ Web")  # empty: there is nothing to remove
    assert "Ahora: —" in alice.last_text()
    assert alice.last_message().button_texts == ["↩️ Dejar como está"]
    await alice.press("Dejar como está")
    await alice.press("✏️ Tipo")
    assert alice.last_message().button_texts[-1] == "↩️ Dejar como está"


async def test_typing_the_skip_word_while_editing_keeps_the_answer(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    alice = fake.user("alice")
    entity_id = await make_member(bot, alice, profile=CONTACT)
    await alice.send("/profile")
    await alice.press("✏️ Teléfono")
    await alice.send("saltar")
    assert "No he cambiado nada" in alice.messages()[-2].text
    await alice.press("✏️ Correo")
    await alice.send("Dejar como está")  # a button's label typed
    await alice.press("✏️ Web")
    await alice.send("SALTAR")
    assert "no parece válida" not in alice.last_text()
    async with bot.store.read() as repos:
        entity = await repos.members.entity(entity_id)
    assert entity is not None
    assert (entity.email, entity.phone, entity.website) == (
        "hola@example.org",
        "+34987000111",
        None,
    )


async def test_keeping_sectors_after_toggling_changes_nothing(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    alice = fake.user("alice")
    entity_id = await make_member(bot, alice)
    await alice.send("/profile")
    await alice.press("✏️ Sectores")
    await alice.press("Cultura")
    await alice.press("Dejar como está")
    async with bot.store.read() as repos:
        entity = await repos.members.entity(entity_id)
    assert entity is not None and entity.sectors == ["agrifood"]


@pytest.mark.parametrize(
    ("language", "place", "owner"),
    [
        ("es", "León · Tierras de León (León y alfoz)", "Alice @alice (persona responsable)"),
        ("en", "León · León and surroundings", "Alice @alice (owner)"),
    ],
)
async def test_the_profile_names_the_place_and_the_owner_plainly(
    bot: BotHarness, fake: FakeTelegram, language: str, place: str, owner: str
) -> None:
    alice = fake.user("alice", language_code=language)
    await make_member(bot, alice)
    await alice.send("/profile")
    text = alice.last_text()
    assert place in text and "((" not in text and "))" not in text
    assert owner in text
