"""Board commands in the group: /board, /pending, /members pages and /member profiles."""

from bot.domain.members import EntityStatus
from tests.fakes import FakeTelegram
from tests.flows.board_world import (
    BOARD,
    applicant,
    board_member,
    entity_status,
    store_application,
)
from tests.harness import BotHarness
from tests.seed import join_entity


async def test_board_lists_its_commands(bot: BotHarness, fake: FakeTelegram) -> None:
    ana = board_member(fake, "ana", "Ana")
    await ana.send("/board", chat=BOARD)
    text = ana.last_text(BOARD)
    assert "Comandos de la junta" in text
    for command in ("/pending", "/members", "/member"):
        assert command in text


async def test_board_commands_are_refused_in_a_private_chat(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    bob = fake.user("bob", language_code="en")
    for command in ("/board", "/pending", "/members", "/member 1"):
        await ana.send(command)
        assert "solo funciona en el grupo de la junta" in ana.last_text(), command
        await bob.send(command)
        assert "only works in the board group" in bob.last_text(), command


async def test_pending_posts_each_application_with_its_buttons(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    await ana.send("/pending", chat=BOARD)
    assert "No hay solicitudes pendientes" in ana.last_text(BOARD)

    alice = await applicant(fake, "alice", "es")
    bob = await applicant(fake, "bob", "en")
    carol = await applicant(fake, "carol", "es")
    first = await store_application(bot, alice, name="Huerta <Común>")
    second = await store_application(bot, bob, name="Bike Co-op")
    await store_application(bot, carol, name="Ya Dentro", status=EntityStatus.APPROVED)
    await ana.send("/pending", chat=BOARD)
    title, *cards = fake.messages_to(BOARD)[-3:]
    assert "Solicitudes pendientes: 2" in title.text
    assert "Huerta <Común>" in cards[0].text and "Bike Co-op" in cards[1].text
    assert cards[0].buttons == [
        [("✅ Aprobar", f"v1:app:approve:{first}"), ("❌ Rechazar", f"v1:app:reject:{first}")]
    ]
    assert "@alice" in cards[0].text  # who applied

    await ana.press("✅ Aprobar", chat=BOARD, message=cards[1])
    assert await entity_status(bot, second) is EntityStatus.APPROVED
    assert await bot.deliver() == 1
    assert "approved" in bob.last_text()


async def test_members_are_listed_page_by_page(bot: BotHarness, fake: FakeTelegram) -> None:
    ana = board_member(fake, "ana", "Ana")
    statuses = list(EntityStatus)
    for number in range(23):
        owner = fake.user(f"owner{number}", language_code="es")
        await store_application(
            bot, owner, name=f"Entidad {number:02d}", status=statuses[number % len(statuses)]
        )

    await ana.send("/members", chat=BOARD)
    page = ana.last_message(BOARD)
    assert "Entidades (23) · página 1 de 3" in page.text
    assert "Entidad 00" in page.text and "Entidad 09" in page.text
    assert "Entidad 10" not in page.text
    assert "⏳ pendiente · Entidad 00 #1 · 👥 1 · León" in page.text
    assert "✅ aprobada · Entidad 01" in page.text
    assert "❌ rechazada · Entidad 02" in page.text and "⛔ suspendida · Entidad 03" in page.text
    assert page.button_texts == ["Siguiente ▶"]

    await ana.press("Siguiente ▶", chat=BOARD, message=page)
    page = fake.message(BOARD, page.message_id)  # the same message, now page 2
    assert "página 2 de 3" in page.text and "Entidad 10" in page.text
    assert page.button_texts == ["◀ Anterior", "Siguiente ▶"]
    await ana.press("Siguiente ▶", chat=BOARD, message=page)
    page = fake.message(BOARD, page.message_id)
    assert "página 3 de 3" in page.text and "Entidad 22" in page.text
    assert page.button_texts == ["◀ Anterior"]
    await ana.press("◀ Anterior", chat=BOARD, message=page)
    assert "página 2 de 3" in fake.message(BOARD, page.message_id).text

    # A button from when the list was longer points past the end: show the last page.
    await ana.press_data("v1:members:page:99", chat=BOARD, message=page)
    assert "página 3 de 3" in fake.message(BOARD, page.message_id).text
    await ana.press_data("v1:members:page:x", chat=BOARD, message=page)
    answer = ana.last_callback_answer
    assert answer is not None and answer.show_alert and "caducado" in (answer.text or "")


async def test_members_list_when_empty_and_pages_for_outsiders(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    await ana.send("/members", chat=BOARD)
    assert "Todavía no hay ninguna entidad" in ana.last_text(BOARD)

    owner = fake.user("owner", language_code="es")
    await store_application(bot, owner, name="Única")
    await ana.send("/members", chat=BOARD)
    page = ana.last_message(BOARD)
    assert page.buttons == []
    mallory = fake.user("mallory", language_code="en")
    await mallory.press_data("v1:members:page:1", chat=BOARD, message=page)
    answer = mallory.last_callback_answer
    assert answer is not None and answer.show_alert and "Only board members" in (answer.text or "")


async def test_member_profile_by_number_and_by_name(bot: BotHarness, fake: FakeTelegram) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    colleague = fake.user("colega", first_name="Colega <i>", language_code="en")
    cafe = await store_application(
        bot,
        alice,
        name="Café <b>Ñandú</b> & Co",
        status=EntityStatus.APPROVED,
        email="hola@cafe.es",
        need_text="Local <grande>",
    )
    async with bot.store.write() as repos:
        await join_entity(
            repos,
            cafe,
            user_id=colleague.id,
            first_name=colleague.first_name,
            username=colleague.username,
            locale="en",
            now=bot.clock(),
        )

    await ana.send(f"/member {cafe}", chat=BOARD)
    profile = ana.last_message(BOARD)
    assert f"Ficha de la entidad #{cafe}" in profile.text and "✅ aprobada" in profile.text
    assert "Café <b>Ñandú</b> & Co" in profile.text  # shown as typed, not parsed
    assert "Local <grande>" in profile.text and "hola@cafe.es" in profile.text
    assert "Personas que actúan por ella (2)" in profile.text
    # Approved: the person who applied is now the entity's owner, not its applicant.
    assert f"Alice (@alice) · persona responsable · id {alice.id}" in profile.text
    assert "Municipio: León · Tierras de León (León y alfoz)" in profile.text
    assert f"Colega <i> (@colega) · colega · id {colleague.id}" in profile.text
    assert "&lt;b&gt;" in (profile.source or "")

    await ana.send("/member CAFE", chat=BOARD)  # accents and case do not matter
    assert f"Ficha de la entidad #{cafe}" in ana.last_text(BOARD)
    await ana.send("/member nandu", chat=BOARD)
    assert f"Ficha de la entidad #{cafe}" in ana.last_text(BOARD)
    await ana.send(f"/member #{cafe}", chat=BOARD)
    assert f"Ficha de la entidad #{cafe}" in ana.last_text(BOARD)


async def test_member_lookup_with_several_or_no_matches(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    for number, name in enumerate(("Huerta Norte", "Huerta Sur", "Panadería")):
        owner = fake.user(f"owner{number}", language_code="es")
        await store_application(bot, owner, name=name)

    await ana.send("/member huerta", chat=BOARD)
    choice = ana.last_message(BOARD)
    assert "2 entidades coinciden con «huerta»" in choice.text
    assert choice.button_texts == ["#1 Huerta Norte · ⏳ pendiente", "#2 Huerta Sur · ⏳ pendiente"]
    await ana.press("Huerta Sur", chat=BOARD, message=choice)
    assert "Ficha de la entidad #2" in ana.last_text(BOARD)

    await ana.send("/member <zapatería>", chat=BOARD)
    assert "No encuentro ninguna entidad que coincida con «<zapatería>»" in ana.last_text(BOARD)
    await ana.send("/member 999", chat=BOARD)
    assert "«999»" in ana.last_text(BOARD)
    await ana.send("/member", chat=BOARD)
    assert "Escribe /member seguido del nombre" in ana.last_text(BOARD)

    await ana.press_data("v1:members:view:999", chat=BOARD, message=choice)
    answer = ana.last_callback_answer
    assert answer is not None and answer.show_alert and "caducado" in (answer.text or "")


async def test_the_person_who_applied_is_the_applicant_until_approved(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    alice = await applicant(fake, "alice", "es")
    pending = await store_application(bot, alice, name="Pendiente")
    await ana.send(f"/member {pending}", chat=BOARD)
    assert "Alice (@alice) · solicitante ·" in ana.last_text(BOARD)
    async with bot.store.write() as repos:
        await repos.members.set_entity_status(pending, EntityStatus.APPROVED)
    await ana.send(f"/member {pending}", chat=BOARD)
    assert "Alice (@alice) · persona responsable ·" in ana.last_text(BOARD)


async def test_a_page_that_can_no_longer_be_edited_comes_as_a_new_message(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    for number in range(12):
        owner = fake.user(f"owner{number}", language_code="es")
        await store_application(bot, owner, name=f"Entidad {number:02d}")
    await ana.send("/members", chat=BOARD)
    page = ana.last_message(BOARD)
    fake.inject(
        "editMessageText", error_code=400, description="Bad Request: message to edit not found"
    )
    await ana.press("Siguiente ▶", chat=BOARD, message=page)
    assert "página 1 de 2" in fake.message(BOARD, page.message_id).text  # not edited
    again = ana.last_message(BOARD)
    assert again.message_id != page.message_id and "página 2 de 2" in again.text
    assert not any("error" in text.lower() for text in ana.texts(BOARD)[-2:])
