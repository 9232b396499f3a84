"""Onboarding through the fake Bot API: /start, consent, the profile steps and the application."""

import pytest

from bot.domain.members import CONSENT_VERSION, EntityStatus, MemberRole
from tests.fakes import FakeTelegram
from tests.flows.onboarding_steps import (
    EN,
    ES,
    Labels,
    answer_all,
    apply,
    count_rows,
    fake_with_board,
    make_member,
    stored_user_data,
)
from tests.harness import BOARD_CHAT_ID, BotHarness


@pytest.fixture
def fake() -> FakeTelegram:
    return fake_with_board()


@pytest.mark.parametrize(("language", "labels"), [("es", ES), ("en", EN)])
async def test_full_application_reaches_the_board(
    bot: BotHarness, fake: FakeTelegram, language: str, labels: Labels
) -> None:
    alice = fake.user("alice", language_code=language)
    await alice.send("/start")
    welcome, notice = alice.messages()[-2:]
    assert "COOPERACTIVAS" in welcome.text
    for fragment in ("privacidad@cooperactivas.org", "6.1.a", "AEPD"):
        assert fragment in notice.text
    assert [label for label, _ in notice.buttons[0]] == [labels.accept, labels.decline]

    await alice.press(labels.accept)
    assert labels.ask_name in alice.last_text()
    await answer_all(alice, labels, name="Pan & Queso <b>")
    summary = alice.last_message()
    assert "Pan & Queso <b>" in summary.text  # shown as typed: escaped, not parsed
    assert "&lt;b&gt;" in (summary.source or "")
    assert "León" in summary.text and "987 12 34 56" in summary.text  # as people write it
    await alice.press(labels.confirm)
    assert labels.sent in alice.last_text()

    async with bot.store.read() as repos:
        found = await repos.members.member_with_entity(alice.id)
    assert found is not None
    member, entity = found
    assert entity.status is EntityStatus.PENDING and entity.name == "Pan & Queso <b>"
    assert entity.municipality == "leon" and entity.sectors == ["agrifood"]
    assert (entity.offer_text, entity.need_text) == ("Formación en panadería", "")
    assert (entity.email, entity.phone, entity.website) == ("hola@roble.es", "+34987123456", None)
    assert member.role is MemberRole.OWNER and member.locale == language
    assert member.consent_version == CONSENT_VERSION
    assert "onboarding" not in await stored_user_data(bot, alice)

    assert await bot.deliver() == 1
    card = fake.messages_to(BOARD_CHAT_ID)[-1]
    assert "Solicitud de alta" in card.text  # the board's language, whatever the applicant's
    assert "Pan & Queso <b>" in card.text
    assert card.buttons == [
        [
            ("✅ Aprobar", f"v1:app:approve:{entity.id}"),
            ("❌ Rechazar", f"v1:app:reject:{entity.id}"),
        ]
    ]


async def test_declining_consent_stores_nothing(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await alice.send("/start")
    assert await stored_user_data(bot, alice) == {}
    await alice.press(ES.decline)
    assert "no he guardado ningún dato" in alice.last_text()
    assert "/start" in alice.last_text()
    async with bot.store.read() as repos:
        assert await count_rows(repos) == (0, 0)
    assert set(await stored_user_data(bot, alice)) <= {"locale"}
    # The notice lost its buttons: a second press cannot change the answer.
    assert alice.messages()[-2].buttons == []


async def test_language_choice_is_the_only_thing_kept_before_consent(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    bob = fake.user("bob", language_code="es")
    await bob.send("/language")
    await bob.press("English")
    await bob.send("/start")
    assert "Data protection" in bob.last_text()
    await bob.press(EN.decline)
    assert await stored_user_data(bot, bob) == {"locale": "en"}


async def test_municipality_matches_without_accents(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await alice.send("/start")
    await alice.press(ES.accept)
    await alice.send("El Roble")
    await alice.press(ES.kind)
    await alice.press(ES.sector)
    await alice.press(ES.done)
    await alice.send("  LEON ")
    assert "Describe brevemente" in alice.last_text()
    data = await stored_user_data(bot, alice)
    assert data["onboarding"]["draft"]["municipality"] == "leon"


async def test_municipality_typo_offers_suggestions(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice", language_code="en")
    await alice.send("/start")
    await alice.press(EN.accept)
    await alice.send("El Roble")
    await alice.press(EN.kind)
    await alice.press(EN.sector)
    await alice.press(EN.done)
    await alice.send("ponferada")
    labels = [label for row in alice.last_message().buttons for label, _ in row]
    assert "Ponferrada · El Bierzo" in labels
    assert labels[-2:] == ["Outside the province of León", "✏️ Type it again"]
    await alice.press("✏️ Type it again")
    assert "Which municipality" in alice.last_text()
    await alice.send("xyzzy")
    assert "can't find any municipality" in alice.last_text()
    await alice.send("ponferada")
    await alice.press("Ponferrada · El Bierzo")
    assert "Briefly describe" in alice.last_text()
    data = await stored_user_data(bot, alice)
    assert data["onboarding"]["draft"]["municipality"] == "ponferrada"


async def test_outside_the_province(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await alice.send("/start")
    await alice.press(ES.accept)
    await alice.send("El Roble")
    await alice.press(ES.kind)
    await alice.press(ES.sector)
    await alice.press(ES.done)
    await alice.send("Valladolid")
    await alice.press("Fuera de la provincia de León")
    data = await stored_user_data(bot, alice)
    draft = data["onboarding"]["draft"]
    assert draft["municipality"] is None and draft["municipality_answered"] is True


async def test_sectors_need_one_to_three(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await alice.send("/start")
    await alice.press(ES.accept)
    await alice.send("El Roble")
    await alice.press(ES.kind)
    await alice.press(ES.done)
    answer = alice.last_callback_answer
    assert answer is not None and answer.show_alert and "al menos un sector" in (answer.text or "")
    for label in ("Agroalimentación", "Turismo", "Artesanía"):
        await alice.press(label)
    await alice.press("Cultura")
    answer = alice.last_callback_answer
    assert answer is not None and "como máximo 3" in (answer.text or "")
    marked = [label for row in alice.last_message().buttons for label, _ in row if "✅" in label]
    assert len(marked) == 3 and not any("Cultura" in label for label in marked)
    await alice.press("✅ Turismo y hostelería")  # pressing a chosen one removes it
    await alice.press("Cultura")
    await alice.press(ES.done)
    assert "municipio" in alice.last_text()
    data = await stored_user_data(bot, alice)
    assert data["onboarding"]["draft"]["sectors"] == ["agrifood", "crafts", "culture"]


async def test_overlong_answers_are_refused(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await alice.send("/start")
    await alice.press(ES.accept)
    await alice.send("x" * 121)
    assert "demasiado largo: 121 caracteres, y el máximo es 120" in alice.last_text()
    await alice.send("x" * 120)
    await alice.press(ES.kind)
    await alice.press(ES.sector)
    await alice.press(ES.done)
    await alice.send("León")
    await alice.send("d" * 501)
    assert "el máximo es 500" in alice.last_text()
    await alice.send("d" * 500)
    assert "¿Qué ofrecéis" in alice.last_text()


async def test_wrong_kind_of_input_stays_on_the_step(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await alice.send("/start")
    await alice.send("hola")
    assert "responde con los botones" in alice.last_text()
    await alice.press(ES.accept)
    await alice.send_photo()
    assert "envía el nombre de tu entidad como mensaje de texto" in alice.last_text()
    await alice.send_sticker()
    assert "envía el nombre de tu entidad" in alice.last_text()
    await alice.send("El Roble")
    await alice.send("Una cooperativa")  # typed, and not one of the buttons
    assert "responde con los botones" in alice.last_text()
    assert alice.last_message().buttons  # the choices come again with the hint
    await alice.press(ES.kind)
    await alice.press(ES.sector)
    await alice.press(ES.done)
    await alice.send("León")
    await alice.send("Pan.")
    await alice.press(ES.skip)
    await alice.press(ES.skip)
    await alice.send_document()
    assert "escribe el correo electrónico como mensaje de texto" in alice.last_text()
    assert alice.last_message().buttons == [[(ES.skip, "v1:onb:skip:email")]]


async def test_invalid_contact_details(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice", language_code="en")
    await alice.send("/start")
    await alice.press(EN.accept)
    await alice.send("El Roble")
    await alice.press(EN.kind)
    await alice.press(EN.sector)
    await alice.press(EN.done)
    await alice.send("León")
    await alice.send("Bread.")
    await alice.press(EN.skip)
    await alice.press(EN.skip)
    await alice.send("hola@roble")
    assert "email does not look valid" in alice.last_text()
    await alice.send("hola@roble.es")
    await alice.send("12345")
    assert "phone number does not look valid" in alice.last_text()
    await alice.send("+351 912 345 678")
    await alice.send("not a site")
    assert "website does not look valid" in alice.last_text()
    await alice.send("Roble.ES/tienda")
    await alice.press(EN.yes)
    summary = alice.last_text()
    assert "+351 912 345 678" in summary and "https://roble.es/tienda" in summary


async def test_cancel_mid_flow_discards_the_draft(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await alice.send("/start")
    await alice.press(ES.accept)
    await alice.send("El Roble")
    await alice.send("/cancel")
    assert "Has salido de la solicitud" in alice.last_text()
    assert "onboarding" not in await stored_user_data(bot, alice)
    await alice.send("/cancel")
    assert "Has salido" not in alice.last_text()  # nothing left to cancel
    await alice.send("/start")
    assert "Protección de datos" in alice.last_text()


async def test_restart_mid_flow_resumes_at_the_same_step(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    alice = fake.user("alice")
    await alice.send("/start")
    await alice.press(ES.accept)
    await alice.send("El Roble")
    await alice.press(ES.kind)
    await alice.press(ES.sector)
    await bot.restart()
    # The sector keyboard sent before the restart still works, with the earlier choice.
    await alice.press("Turismo")
    marked = [label for row in alice.last_message().buttons for label, _ in row if "✅" in label]
    assert len(marked) == 2
    await alice.press(ES.done)
    assert "municipio" in alice.last_text()
    await bot.restart()
    await alice.send("/start")  # /start mid-flow picks it up too
    assert "Seguimos con tu solicitud" in alice.messages()[-2].text
    assert "municipio" in alice.last_text()
    await alice.send("León")
    await alice.send("Pan.")
    await alice.press(ES.skip)
    await alice.press(ES.skip)
    await alice.press(ES.skip)
    await alice.press(ES.skip)
    await alice.press(ES.skip)
    await alice.press("No")
    summary = alice.last_text()
    assert "El Roble" in summary and "Agroalimentación, Turismo y hostelería" in summary


async def test_edit_from_the_summary_comes_back_to_it(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await alice.send("/start")
    await alice.press(ES.accept)
    await answer_all(alice, ES)
    await alice.press("✏️ Nombre")
    assert "Ahora: El Roble" in alice.last_text()
    await alice.send("La Encina")
    assert "Revisa tu solicitud" in alice.last_text()
    assert "La Encina" in alice.last_text()
    await alice.press("✏️ Web")
    await alice.send("encina.coop")
    await alice.press("✏️ Qué ofrecemos")
    assert alice.last_message().button_texts == ["↩️ Dejar como está", "🗑 Quitar"]
    await alice.press("🗑 Quitar")  # removing an optional answer clears it
    await alice.press("✏️ Municipio")
    await alice.send("Astorga")
    summary = alice.last_text()
    assert "https://encina.coop" in summary and "Astorga" in summary
    assert "Formación en panadería" not in summary
    await alice.press(ES.confirm)
    async with bot.store.read() as repos:
        found = await repos.members.member_with_entity(alice.id)
    assert found is not None
    entity = found[1]
    assert (entity.name, entity.website, entity.offer_text) == (
        "La Encina",
        "https://encina.coop",
        "",
    )


async def test_stale_and_forged_buttons(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await alice.send("/start")
    await alice.press(ES.accept)
    await alice.send("El Roble")
    kind_question = alice.last_message()
    other = next(data for row in kind_question.buttons for text, data in row if text == "Otra")
    await alice.press(ES.kind)
    assert (
        fake.message(alice.id, kind_question.message_id).buttons == []
    )  # answered: its buttons are gone from the screen
    assert other is not None
    await alice.press_data(other, message=kind_question)  # pressed anyway (an old client)
    answer = alice.last_callback_answer
    assert answer is not None and "caducado" in (answer.text or "")
    await alice.press_data("v1:onb:sector:not_a_sector")
    assert "caducado" in (alice.last_callback_answer.text or "")  # type: ignore[union-attr]
    await alice.press_data("v1:onb:confirm")
    assert "caducado" in (alice.last_callback_answer.text or "")  # type: ignore[union-attr]
    data = await stored_user_data(bot, alice)
    assert data["onboarding"]["step"] == "sectors"
    assert data["onboarding"]["draft"]["kind"] == "cooperative"


async def test_one_application_at_a_time(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await apply(alice, ES)
    summary = alice.messages()[-2]
    assert summary.buttons == []  # sent: nothing left to edit or send again
    await alice.press_data("v1:onb:confirm", message=summary)
    assert "caducado" in (alice.last_callback_answer.text or "")  # type: ignore[union-attr]
    await alice.send("/start")
    assert "pendiente de revisión" in alice.last_text()
    async with bot.store.read() as repos:
        assert await count_rows(repos) == (1, 1)


async def test_start_by_an_approved_member_shows_the_menu(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    alice = fake.user("alice", language_code="en")
    await make_member(bot, alice, status=EntityStatus.APPROVED)
    await alice.send("/start")
    assert "Main menu" in alice.last_text()
    labels = [label for row in alice.last_message().buttons for label, _ in row]
    assert any("profile" in label.lower() for label in labels)


async def test_rejected_applicant_may_apply_again(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await apply(alice, ES)
    async with bot.store.write() as repos:
        found = await repos.members.member_with_entity(alice.id)
        assert found is not None
        first = found[1].id
        await repos.members.decide(
            first, status=EntityStatus.REJECTED, by=1, by_name="Ana", now=bot.clock()
        )
    await alice.send("/start")
    assert "Protección de datos" in alice.last_text()
    await alice.press(ES.accept)
    await answer_all(alice, ES, name="Segundo intento")
    await alice.press(ES.confirm)
    assert ES.sent in alice.last_text()
    async with bot.store.read() as repos:
        found = await repos.members.member_with_entity(alice.id)
    assert found is not None and found[1].id != first and found[1].name == "Segundo intento"
    assert await bot.deliver() == 2


async def test_start_in_a_group_points_to_the_private_chat(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    alice = fake.user("alice")
    group = fake.group("Vecinos")
    await alice.send("/start", chat=group)
    assert "privado" in alice.last_text(chat=group)
