"""The board decides applications in its group: approve, reject with reason, races, access."""

from bot.domain.board import REASON_MAX
from bot.domain.members import EntityStatus
from bot.domain.outbox import OutboxStatus
from tests.fakes import FakeTelegram
from tests.flows.board_world import (
    BOARD,
    applicant,
    apply_and_notify,
    board_member,
    entity_status,
    leave_board,
)
from tests.flows.onboarding_steps import EN, ES, apply
from tests.harness import BotHarness, FakeClock


async def test_approve_in_spanish_and_reject_in_english(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    bob = await applicant(fake, "bob", "en")
    alice_id, alice_card = await apply_and_notify(bot, alice, "Panadería Común")
    bob_id, bob_card = await apply_and_notify(bot, bob, "Bread & <Co>")
    assert alice_card.button_texts == ["✅ Aprobar", "❌ Rechazar"]

    await ana.press("✅ Aprobar", chat=BOARD, message=alice_card)
    answer = ana.last_callback_answer
    assert answer is not None and not answer.show_alert and "Aprobada" in (answer.text or "")
    card = fake.message(BOARD, alice_card.message_id)
    assert "Panadería Común" in card.text  # the card keeps its summary
    assert "✅ Aprobada por Ana (@ana) el 27/11 11:00" in card.text  # board time, León
    assert card.buttons == []

    await ana.press("❌ Rechazar", chat=BOARD, message=bob_card)
    prompt = fake.messages_to(BOARD)[-1]
    assert "Ana" in prompt.text and "Bread & <Co>" in prompt.text
    assert prompt.reply_markup is not None and prompt.reply_markup.get("force_reply")
    await ana.reply_to(prompt, "We only admit <social economy> entities & co-ops.")
    assert "rechazada" in ana.last_text(BOARD)
    card = fake.message(BOARD, bob_card.message_id)
    assert "❌ Rechazada por Ana (@ana) el 27/11 11:00" in card.text
    assert "We only admit <social economy> entities & co-ops." in card.text
    assert card.buttons == []
    assert await entity_status(bot, alice_id) is EntityStatus.APPROVED
    assert await entity_status(bot, bob_id) is EntityStatus.REJECTED

    assert await bot.deliver() == 2
    welcome = alice.last_message()
    assert "aprobado" in welcome.text and "Panadería Común" in welcome.text
    assert welcome.buttons == [[("📋 Abrir el menú", "v1:menu:open")]]
    outcome = bob.last_message()
    assert "has not approved" in outcome.text and "Bread & <Co>" in outcome.text
    assert "Reason: We only admit <social economy> entities & co-ops." in outcome.text
    assert "/start" in outcome.text
    await alice.press("📋 Abrir el menú")  # the welcome leads into the member's menu
    assert "Menú principal" in alice.last_text()

    async with bot.store.read() as repos:
        audit = await repos.audit.recent()
        approved = await repos.outbox.by_key(f"entity-decision:{alice_id}")
    assert [(e.action, e.subject, e.actor_id, e.actor_name) for e in reversed(audit)] == [
        ("entity.approve", f"entity:{alice_id}", ana.id, "Ana (@ana)"),
        ("entity.reject", f"entity:{bob_id}", ana.id, "Ana (@ana)"),
    ]
    assert audit[0].details["reason"] == "We only admit <social economy> entities & co-ops."
    assert audit[0].at <= bot.clock()
    assert approved is not None and approved.status is OutboxStatus.SENT
    assert approved.locale == "es"


async def test_second_press_is_told_who_decided(bot: BotHarness, fake: FakeTelegram) -> None:
    ana = board_member(fake, "ana", "Ana")
    luis = board_member(fake, "luis", "Luis", "member")
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)

    await ana.press("✅ Aprobar", chat=BOARD, message=card)
    await ana.press_data(f"v1:app:approve:{entity_id}", chat=BOARD, message=card)
    await luis.press_data(f"v1:app:approve:{entity_id}", chat=BOARD, message=card)
    await luis.press_data(f"v1:app:reject:{entity_id}", chat=BOARD, message=card)
    for answer in (ana.callback_answers[-1], *luis.callback_answers):
        assert answer.show_alert
        assert "ya está decidida" in (answer.text or "")
        assert "Ana (@ana)" in (answer.text or "")
    assert "motivo" not in fake.messages_to(BOARD)[-1].text  # no reason was asked

    async with bot.store.read() as repos:
        audit = await repos.audit.recent()
    assert len(audit) == 1
    assert await bot.deliver() == 1
    assert await bot.deliver() == 0
    assert sum("aprobado" in text for text in alice.texts()) == 1


async def test_a_board_member_who_left_can_no_longer_decide(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    ana = board_member(fake, "ana", "Ana", "member")
    eva = board_member(fake, "eva", "Eva", "member")
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)
    await ana.send("/pending", chat=BOARD)  # both are now known (and cached) as board members
    await eva.send("/pending", chat=BOARD)

    await leave_board(fake, ana)  # Telegram reports it: the cached answer is dropped at once
    await ana.press_data(f"v1:app:approve:{entity_id}", chat=BOARD, message=card)
    answer = ana.last_callback_answer
    assert answer is not None and answer.show_alert
    assert "Solo las personas de la junta" in (answer.text or "")

    fake.set_member(BOARD, eva, "left")  # this time the update never arrives
    clock.advance(minutes=5, seconds=1)  # but the cached answer expires
    await eva.press_data(f"v1:app:approve:{entity_id}", chat=BOARD, message=card)
    await eva.press_data(f"v1:app:reject:{entity_id}", chat=BOARD, message=card)
    assert all(a.show_alert for a in eva.callback_answers)
    assert all("Solo las personas de la junta" in (a.text or "") for a in eva.callback_answers)

    assert await entity_status(bot, entity_id) is EntityStatus.PENDING
    assert fake.message(BOARD, card.message_id).button_texts == ["✅ Aprobar", "❌ Rechazar"]
    assert await bot.deliver() == 0


async def test_someone_outside_the_board_cannot_decide(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = await applicant(fake, "alice", "es")
    mallory = fake.user("mallory", language_code="en")
    entity_id, card = await apply_and_notify(bot, alice)

    await mallory.press_data(f"v1:app:approve:{entity_id}", chat=BOARD, message=card)
    await mallory.press_data(f"v1:app:reject:{entity_id}", chat=BOARD, message=card)
    assert [a.show_alert for a in mallory.callback_answers] == [True, True]
    assert all("Only board members" in (a.text or "") for a in mallory.callback_answers)
    # Pressed from a private chat (a forwarded card), the answer says where it works.
    await alice.press_data(f"v1:app:approve:{entity_id}")
    assert "grupo de la junta" in (alice.callback_answers[-1].text or "")

    assert await entity_status(bot, entity_id) is EntityStatus.PENDING
    async with bot.store.read() as repos:
        assert await repos.audit.recent() == []
    assert await bot.deliver() == 0


async def test_reject_can_be_cancelled(bot: BotHarness, fake: FakeTelegram) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)

    await ana.press("❌ Rechazar", chat=BOARD, message=card)
    await ana.send("/cancel", chat=BOARD)
    assert "Rechazo cancelado" in ana.last_text(BOARD)
    await ana.send("ya no es un motivo", chat=BOARD)  # ordinary chatter afterwards
    assert "Rechazo cancelado" in ana.last_text(BOARD)
    await ana.send("/cancel", chat=BOARD)
    assert "No había nada que cancelar" in ana.last_text(BOARD)
    assert await entity_status(bot, entity_id) is EntityStatus.PENDING
    assert fake.message(BOARD, card.message_id).button_texts == ["✅ Aprobar", "❌ Rechazar"]
    assert await bot.deliver() == 0


async def test_reject_asks_for_text_and_a_short_enough_reason(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)

    await ana.press("❌ Rechazar", chat=BOARD, message=card)
    prompt = fake.messages_to(BOARD)[-1]
    await ana.send_photo(chat=BOARD, reply_to=prompt)
    assert "como texto" in ana.last_text(BOARD)
    await ana.reply_to(prompt, "x" * (REASON_MAX + 1))
    assert f"tiene {REASON_MAX + 1} caracteres" in ana.last_text(BOARD)
    assert await entity_status(bot, entity_id) is EntityStatus.PENDING

    await ana.reply_to(prompt, "y" * REASON_MAX)
    assert await entity_status(bot, entity_id) is EntityStatus.REJECTED
    assert await bot.deliver() == 1
    assert "y" * REASON_MAX in alice.last_text()
    assert "volver a solicitarlo con /start" in alice.last_text()


async def test_reject_survives_a_restart(bot: BotHarness, fake: FakeTelegram) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)

    await ana.press("❌ Rechazar", chat=BOARD, message=card)
    prompt = fake.messages_to(BOARD)[-1]
    await bot.restart()
    await ana.reply_to(prompt, "No es una entidad de economía social.")
    assert await entity_status(bot, entity_id) is EntityStatus.REJECTED
    card_now = fake.message(BOARD, card.message_id)
    assert "Rechazada por Ana (@ana)" in card_now.text and card_now.buttons == []
    assert await bot.deliver() == 1
    assert "No es una entidad de economía social." in alice.last_text()


async def test_reject_after_someone_else_approved(bot: BotHarness, fake: FakeTelegram) -> None:
    ana = board_member(fake, "ana", "Ana")
    luis = board_member(fake, "luis", "Luis")
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)

    await luis.press("❌ Rechazar", chat=BOARD, message=card)
    prompt = fake.messages_to(BOARD)[-1]
    await ana.press("✅ Aprobar", chat=BOARD, message=card)
    await luis.reply_to(prompt, "No encaja.")
    assert "ya estaba decidida" in luis.last_text(BOARD)
    assert "Aprobada por Ana (@ana)" in luis.last_text(BOARD)
    assert await entity_status(bot, entity_id) is EntityStatus.APPROVED
    assert await bot.deliver() == 1
    assert "aprobado" in alice.last_text()


async def test_stale_and_forged_buttons(bot: BotHarness, fake: FakeTelegram) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)

    for data in (
        "v1:app:approve:9999",
        "v1:app:approve:abc",
        "v1:app:reject:9999",
        "v1:app:reject",
        "v1:app:approve:-3",
    ):
        await ana.press_data(data, chat=BOARD, message=card)
        answer = ana.last_callback_answer
        assert answer is not None and answer.show_alert
        assert "ha caducado" in (answer.text or "") or "caduc" in (answer.text or ""), data
    assert await entity_status(bot, entity_id) is EntityStatus.PENDING
    assert fake.messages_to(BOARD)[-1].message_id == card.message_id  # no prompt was posted


async def test_applications_from_onboarding_are_decided_in_the_group(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = fake.user("alice", language_code="es")
    bob = fake.user("bob", language_code="en")
    await apply(alice, ES, name="La Colmena")
    await apply(bob, EN, name="Green Wheels")
    assert await bot.deliver() == 2
    alice_card, bob_card = fake.messages_to(BOARD)[-2:]
    assert "La Colmena" in alice_card.text and "Green Wheels" in bob_card.text

    await ana.press("✅ Aprobar", chat=BOARD, message=alice_card)
    await ana.press("❌ Rechazar", chat=BOARD, message=bob_card)
    await ana.reply_to(fake.messages_to(BOARD)[-1], "Outside our province.")
    assert await bot.deliver() == 2
    assert "La Colmena" in alice.last_text() and "aprobado" in alice.last_text()
    assert "Reason: Outside our province." in bob.last_text()

    await bob.send("/start")  # a rejected applicant may apply again
    assert bob.last_message().button_texts == [EN.accept, EN.decline]


async def test_a_card_of_an_entity_changed_outside_the_board(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)
    async with bot.store.write() as repos:
        await repos.members.set_entity_status(entity_id, EntityStatus.SUSPENDED)

    await ana.press("✅ Aprobar", chat=BOARD, message=card)
    answer = ana.last_callback_answer
    assert answer is not None and answer.show_alert
    assert answer.text == "Esta solicitud ya no está pendiente: ⛔ suspendida."
    card_now = fake.message(BOARD, card.message_id)
    assert card_now.buttons == [] and "⛔ suspendida" in card_now.text  # the copy is refreshed
    assert await entity_status(bot, entity_id) is EntityStatus.SUSPENDED
    assert await bot.deliver() == 0


async def test_pressing_reject_on_another_card_switches_to_it(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    bob = await applicant(fake, "bob", "en")
    first, first_card = await apply_and_notify(bot, alice, "Primera")
    second, second_card = await apply_and_notify(bot, bob, "Second")

    await ana.press("❌ Rechazar", chat=BOARD, message=first_card)
    await ana.press("❌ Rechazar", chat=BOARD, message=second_card)
    await ana.reply_to(fake.messages_to(BOARD)[-1], "Duplicate of an existing member.")
    assert await entity_status(bot, first) is EntityStatus.PENDING
    assert await entity_status(bot, second) is EntityStatus.REJECTED
    assert fake.message(BOARD, first_card.message_id).button_texts == ["✅ Aprobar", "❌ Rechazar"]
