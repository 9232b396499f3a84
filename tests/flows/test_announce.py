"""Board announcements: compose, choose the audience, preview, confirm, follow, report."""

from pathlib import Path

import pytest

from bot.domain.announcements import TEXT_MAX
from bot.domain.members import EntityStatus
from bot.domain.outbox import OutboxStatus
from bot.jobs.schedule import make_relay
from tests.delivery_world import board_member, paced_fake
from tests.fakes import FakeMessage, FakeTelegram, FakeUser
from tests.flows.board_world import applicant, apply_and_notify, entity_status
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock, make_settings
from tests.seed import Seeded, seed_members, started_users

BOARD = BOARD_CHAT_ID
LABELS = {
    "es": {
        "all": "Todos los miembros",
        "sector": "Por sector",
        "municipality": "Por municipio",
        "kind": "Por tipo de entidad",
        "send": "Enviar a",
        "stop": "Detener",
        "discard": "Descartar",
        "change": "Cambiar destinatarios",
        "header": "Comunicado de la junta de COOPERACTIVAS",
        "ask": "el texto del comunicado para los miembros",
        "reply": "responde a este mensaje",
        "text_only": "solo puede ser texto",
        "choose": "¿a quién se envía?",
        "help": "/announce — enviar un comunicado a los miembros",
    },
    "en": {
        "all": "All members",
        "sector": "By sector",
        "municipality": "By municipality",
        "kind": "By kind of entity",
        "send": "Send to",
        "stop": "Stop sending",
        "discard": "Discard",
        "change": "Change recipients",
        "header": "Announcement from the COOPERACTIVAS board",
        "ask": "the announcement for the members",
        "reply": "reply to this message",
        "text_only": "can only be text",
        "choose": "who should receive it?",
        "help": "/announce — send an announcement to the members",
    },
}
ES = LABELS["es"]


@pytest.fixture
def fake(clock: FakeClock) -> FakeTelegram:
    return paced_fake(clock)


@pytest.fixture
def ana(fake: FakeTelegram) -> FakeUser:
    return board_member(fake, "ana_junta")


async def seeded(bot: BotHarness, fake: FakeTelegram, count: int) -> list[Seeded]:
    return await seed_members(bot.store, started_users(fake, count), now=bot.clock())


async def outbox_counts(bot: BotHarness) -> dict[OutboxStatus, int]:
    async with bot.store.read() as repos:
        return await repos.outbox.count_by_status("announce:1")


@pytest.mark.parametrize("language", ["es", "en"])
async def test_announce_to_everyone_in_each_members_language(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, ana: FakeUser, language: str
) -> None:
    labels = LABELS[language]
    bot = BotHarness(
        fake=fake, clock=clock, settings=make_settings(tmp_path, default_locale=language)
    )
    await bot.start()
    try:
        members = await seeded(bot, fake, 4)
        await ana.send("/announce Asamblea el <b>lunes</b> & café", chat=BOARD)
        await ana.press(labels["all"], chat=BOARD)
        preview = ana.last_text(chat=BOARD)
        assert "4" in preview and labels["header"] in preview
        assert "Asamblea el <b>lunes</b> & café" in preview  # the board's text, escaped
        await ana.press(labels["send"], chat=BOARD)
        progress = ana.last_message(chat=BOARD)
        assert "0/4" in progress.text
        await bot.deliver()
        for member in members:
            (received,) = fake.messages_to(member.user_id)
            header = LABELS[member.locale]["header"]
            assert received.text.startswith(f"📣 {header}")
            assert received.text.endswith("Asamblea el <b>lunes</b> & café")
        done = fake.message(BOARD, progress.message_id)
        assert "4/4" in done.text and done.buttons == []
        report = ana.last_text(chat=BOARD)
        assert ("Enviados: 4 de 4" if language == "es" else "Sent: 4 of 4") in report
        fake.assert_no_rate_violations()
    finally:
        await bot.stop()


async def test_audience_by_sector_kind_and_municipality(
    bot: BotHarness, fake: FakeTelegram, ana: FakeUser
) -> None:
    members = await seeded(bot, fake, 20)  # sectors, kinds and places cycle (tests/seed.py)
    assert bot.app is not None
    network = bot.app.services.network
    agrifood = network.sector("agrifood")
    cooperative = network.kind("cooperative")
    assert agrifood is not None and cooperative is not None

    await ana.send("/announce Ayudas al campo", chat=BOARD)
    await ana.press(ES["sector"], chat=BOARD)
    await ana.press(agrifood.label.es, chat=BOARD)
    expected = [m for m in members if m.sector == "agrifood"]
    assert f"{len(expected)} personas" in ana.last_text(chat=BOARD)

    await ana.press(ES["change"], chat=BOARD)
    await ana.press(ES["kind"], chat=BOARD)
    await ana.press(cooperative.label.es, chat=BOARD)
    assert f"{sum(m.kind == 'cooperative' for m in members)} personas" in ana.last_text(chat=BOARD)

    await ana.press(ES["change"], chat=BOARD)
    await ana.press(ES["municipality"], chat=BOARD)
    await ana.press("Tierras de León", chat=BOARD)  # the comarca first, then its municipality
    await ana.press("León", chat=BOARD)
    in_leon = [m for m in members if m.municipality == "leon"]
    assert f"{len(in_leon)} personas" in ana.last_text(chat=BOARD)
    await ana.press(ES["send"], chat=BOARD)
    await bot.deliver()
    receivers = {m.user_id for m in members if fake.messages_to(m.user_id)}
    assert receivers == {m.user_id for m in in_leon}


async def test_reply_to_a_message_with_announce(
    bot: BotHarness, fake: FakeTelegram, ana: FakeUser
) -> None:
    (member,) = await seeded(bot, fake, 1)
    original = await ana.send("Mañana cerramos la oficina", chat=BOARD)
    await ana.send("/announce", chat=BOARD, reply_to=original)
    await ana.press(ES["all"], chat=BOARD)
    await ana.press(ES["send"], chat=BOARD)
    await bot.deliver()
    assert fake.messages_to(member.user_id)[0].text.endswith("Mañana cerramos la oficina")

    photo = await ana.send_photo(chat=BOARD)
    await ana.send("/announce", chat=BOARD, reply_to=photo)
    assert "solo puede ser texto" in ana.last_text(chat=BOARD)


def is_prompt(message: FakeMessage) -> bool:
    """The bot asks for a reply: ForceReply, selective (only the member it answers)."""
    markup = message.reply_markup or {}
    return bool(markup.get("force_reply")) and bool(markup.get("selective"))


async def drafts(bot: BotHarness) -> int:
    async with bot.store.read() as repos:
        return sum([await repos.announcements.get(i) is not None for i in range(1, 4)])


@pytest.mark.parametrize("language", ["es", "en"])
async def test_chatter_after_announce_is_not_the_text(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, ana: FakeUser, language: str
) -> None:
    labels = LABELS[language]
    bot = BotHarness(
        fake=fake, clock=clock, settings=make_settings(tmp_path, default_locale=language)
    )
    await bot.start()
    try:
        (member,) = await seeded(bot, fake, 1)
        bea = board_member(fake, "bea_junta", language)
        await ana.send("/announce", chat=BOARD)
        prompt = ana.last_message(chat=BOARD)
        assert labels["ask"] in prompt.text and labels["reply"] in prompt.text.lower()
        assert "/cancel" in prompt.text and is_prompt(prompt)
        await bea.send("/help", chat=BOARD)  # other commands work meanwhile, in Bea's language
        assert labels["help"] in bea.last_text(chat=BOARD)  # lowercase, like the other lines
        posted = ana.reply_count(BOARD)

        await bea.send("Buenos días, ¿quedamos el martes?", chat=BOARD)
        await ana.send("Jajaja sí, el martes", chat=BOARD)  # to Bea, not to the bot
        await bea.reply_to(prompt, "Yo lo escribo")  # someone else's reply does not count
        await ana.send_photo(chat=BOARD)  # a photo that is no reply is chatter too
        assert ana.reply_count(BOARD) == posted  # ignored: nothing answered
        assert await drafts(bot) == 0

        await ana.reply_to(prompt, "Asamblea el <b>martes</b> & cena")
        assert labels["choose"] in ana.last_text(chat=BOARD)
        await ana.press(labels["all"], chat=BOARD)
        await ana.press(labels["send"], chat=BOARD)
        await bot.deliver()
        (received,) = fake.messages_to(member.user_id)
        assert received.text.endswith("Asamblea el <b>martes</b> & cena")
        await ana.send("Y luego cenamos", chat=BOARD)  # the flow is over: still chatter
        assert await drafts(bot) == 1
    finally:
        await bot.stop()


@pytest.mark.parametrize("language", ["es", "en"])
async def test_wrong_answers_become_prompts_to_reply_to(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, ana: FakeUser, language: str
) -> None:
    labels = LABELS[language]
    bot = BotHarness(
        fake=fake, clock=clock, settings=make_settings(tmp_path, default_locale=language)
    )
    await bot.start()
    try:
        (member,) = await seeded(bot, fake, 1)
        await ana.send("/announce", chat=BOARD)
        prompt = ana.last_message(chat=BOARD)
        await ana.send_photo(chat=BOARD, reply_to=prompt)
        text_only = ana.last_message(chat=BOARD)
        assert labels["text_only"] in text_only.text and labels["reply"] in text_only.text.lower()
        assert is_prompt(text_only)
        await ana.reply_to(text_only, "x" * (TEXT_MAX + 1))
        too_long = ana.last_message(chat=BOARD)
        assert str(TEXT_MAX + 1) in too_long.text and labels["reply"] in too_long.text.lower()
        assert is_prompt(too_long)
        await ana.send("Perdón, ahora lo acorto", chat=BOARD)  # not a reply: ignored
        assert ana.last_message(chat=BOARD).message_id == too_long.message_id
        assert await drafts(bot) == 0

        await ana.reply_to(too_long, "Más corto")
        await ana.press(labels["all"], chat=BOARD)
        await ana.press(labels["send"], chat=BOARD)
        await bot.deliver()
        assert fake.messages_to(member.user_id)[0].text.endswith("Más corto")
    finally:
        await bot.stop()


async def test_announce_asks_for_the_text_and_survives_a_restart(
    bot: BotHarness, fake: FakeTelegram, ana: FakeUser
) -> None:
    (member,) = await seeded(bot, fake, 1)
    await ana.send("/announce", chat=BOARD)
    prompt = ana.last_message(chat=BOARD)
    assert ES["ask"] in prompt.text
    await ana.send_photo(chat=BOARD, reply_to=prompt)
    assert "solo puede ser texto" in ana.last_text(chat=BOARD)
    await ana.reply_to(prompt, "x" * (TEXT_MAX + 1))
    assert f"{TEXT_MAX + 1} caracteres" in ana.last_text(chat=BOARD)
    await bot.restart()
    await ana.send("Un momento, lo repaso", chat=BOARD)
    await ana.send("/help", chat=BOARD)
    await ana.reply_to(ana.last_message(chat=BOARD), "Gracias")  # a bot message, not a prompt
    assert await drafts(bot) == 0
    await ana.reply_to(prompt, "Texto tras reiniciar")
    await ana.press(ES["all"], chat=BOARD)
    await ana.press(ES["send"], chat=BOARD)
    await bot.deliver()
    assert fake.messages_to(member.user_id)[0].text.endswith("Texto tras reiniciar")


async def test_announce_replied_to_its_own_prompt_asks_again(
    bot: BotHarness, ana: FakeUser
) -> None:
    await ana.send("/announce", chat=BOARD)
    prompt = ana.last_message(chat=BOARD)
    await ana.send("/announce", chat=BOARD, reply_to=prompt)
    again = ana.last_message(chat=BOARD)
    assert again.message_id != prompt.message_id
    assert ES["ask"] in again.text and is_prompt(again)
    assert await drafts(bot) == 0
    await ana.reply_to(again, "Esto sí")
    assert await drafts(bot) == 1


async def test_a_rejection_started_after_announce_takes_over(
    bot: BotHarness, fake: FakeTelegram, ana: FakeUser
) -> None:
    alice = await applicant(fake, "alice", "es")
    entity_id, card = await apply_and_notify(bot, alice)
    await ana.send("/announce", chat=BOARD)
    prompt = ana.last_message(chat=BOARD)
    await ana.press_data(f"v1:app:reject:{entity_id}", chat=BOARD, message=card)
    reject_prompt = ana.last_message(chat=BOARD)
    await ana.reply_to(reject_prompt, "Fuera de la provincia.")
    assert await entity_status(bot, entity_id) is EntityStatus.REJECTED
    assert await drafts(bot) == 0
    # The newest prompt won: the text asked for before is no longer awaited, and said so.
    await ana.reply_to(prompt, "Asamblea el martes")
    assert "Esa pregunta ya no está abierta" in ana.last_text(chat=BOARD)
    assert await drafts(bot) == 0
    await ana.send("/announce Asamblea el martes", chat=BOARD)
    assert ES["choose"] in ana.last_text(chat=BOARD)
    assert await drafts(bot) == 1


async def test_cancel_leaves_without_a_draft(bot: BotHarness, ana: FakeUser) -> None:
    await ana.send("/announce", chat=BOARD)
    await ana.send("/cancel", chat=BOARD)
    assert "cancelado" in ana.last_text(chat=BOARD)
    await ana.send("Esto ya no es un comunicado", chat=BOARD)
    async with bot.store.read() as repos:
        assert await repos.announcements.get(1) is None


async def test_non_board_users_cannot_announce(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock, ana: FakeUser
) -> None:
    await seeded(bot, fake, 2)
    outsider = fake.user("eve")
    await outsider.send("/announce Hola a todos")
    assert "grupo de la junta" in outsider.last_text()
    await outsider.press_data("v1:ann:confirm:1")
    assert outsider.callback_answers[-1].show_alert

    await ana.send("/announce Hola", chat=BOARD)
    await ana.press(ES["all"], chat=BOARD)
    fake.set_member(BOARD, ana, "left")  # Ana leaves the board before confirming
    clock.advance(minutes=6)  # past the membership cache
    await ana.press(ES["send"], chat=BOARD)
    assert ana.callback_answers[-1].show_alert
    assert await outbox_counts(bot) == {}


async def test_a_stale_confirm_does_not_send_twice(
    bot: BotHarness, fake: FakeTelegram, ana: FakeUser
) -> None:
    members = await seeded(bot, fake, 3)
    await ana.send("/announce Una vez", chat=BOARD)
    await ana.press(ES["all"], chat=BOARD)
    preview = ana.last_message(chat=BOARD)
    await ana.press(ES["send"], chat=BOARD)
    await ana.press_data("v1:ann:confirm:1", chat=BOARD, message=preview)
    assert "caducado" in (ana.callback_answers[-1].text or "")
    await bot.deliver()
    await ana.press_data("v1:ann:confirm:1", chat=BOARD, message=preview)
    await bot.deliver()
    assert all(len(fake.messages_to(m.user_id)) == 1 for m in members)
    assert await outbox_counts(bot) == {OutboxStatus.SENT: 3}

    await ana.send("/announce Descartado", chat=BOARD)
    await ana.press(ES["all"], chat=BOARD)
    draft = ana.last_message(chat=BOARD)
    await ana.press(ES["discard"], chat=BOARD)
    await ana.press_data("v1:ann:confirm:2", chat=BOARD, message=draft)
    assert "caducado" in (ana.callback_answers[-1].text or "")
    await ana.press_data("v1:ann:confirm:99", chat=BOARD, message=draft)
    assert "caducado" in (ana.callback_answers[-1].text or "")
    await bot.deliver()
    assert all(len(fake.messages_to(m.user_id)) == 1 for m in members)


async def test_stop_cancels_what_is_not_sent_yet(
    bot: BotHarness, fake: FakeTelegram, ana: FakeUser
) -> None:
    await seeded(bot, fake, 45)
    await ana.send("/announce Convocatoria", chat=BOARD)
    await ana.press(ES["all"], chat=BOARD)
    await ana.press(ES["send"], chat=BOARD)
    progress = ana.last_message(chat=BOARD)
    assert bot.app is not None
    pressed = False

    async def stop_during_the_first_wait(seconds: float) -> None:
        nonlocal pressed
        if not pressed:  # 30 went out in the first second; the board stops the rest
            pressed = True
            await ana.press(ES["stop"], chat=BOARD, message=progress)
        await bot.sleep(seconds)

    await make_relay(bot.app, sleep=stop_during_the_first_wait).run_once()
    await bot.deliver()
    assert await outbox_counts(bot) == {OutboxStatus.SENT: 30, OutboxStatus.CANCELLED: 15}
    assert "detenido" in fake.message(BOARD, progress.message_id).text
    report = ana.last_text(chat=BOARD)
    assert "Enviados: 30 de 45" in report and "Sin enviar porque se detuvo: 15" in report
    await ana.press_data("v1:ann:stop:1", chat=BOARD, message=progress)
    assert "caducado" in (ana.callback_answers[-1].text or "")


async def test_report_lists_unreachable_and_uncertain(
    bot: BotHarness, fake: FakeTelegram, ana: FakeUser, clock: FakeClock
) -> None:
    members = await seeded(bot, fake, 200)
    blocked, timed_out, flooded = members[3], members[4], members[5]
    fake.set_blocked(blocked.user_id)
    fake.inject_timeout("sendMessage", chat_id=timed_out.user_id)
    fake.inject("sendMessage", chat_id=flooded.user_id, error_code=429, retry_after=2)
    await ana.send("/announce Importante", chat=BOARD)
    await ana.press(ES["all"], chat=BOARD)
    await ana.press(ES["send"], chat=BOARD)
    progress = ana.last_message(chat=BOARD)
    await bot.deliver()
    assert len(fake.messages_to(flooded.user_id)) == 1  # delivered after retry_after
    assert await outbox_counts(bot) == {
        OutboxStatus.SENT: 198,
        OutboxStatus.FAILED: 1,
        OutboxStatus.AMBIGUOUS: 1,
    }
    shown = [
        snapshot.text or "" for snapshot in fake.message(BOARD, progress.message_id).edit_history
    ]
    assert any("enviados" in text and "/200" in text and "200/200" not in text for text in shown)
    report = ana.last_text(chat=BOARD)
    assert "Enviados: 198 de 200" in report
    assert f"No entregados: 1\n• {blocked.entity_name}" in report
    assert "Dudosos (pudo llegar o no; no se reenvía para no duplicarlo): 1" in report
    fake.assert_no_rate_violations()

    # The unreachable member is left out of the next announcement.
    await ana.send("/announce Otra", chat=BOARD)
    await ana.press(ES["all"], chat=BOARD)
    assert "199 personas" in ana.last_text(chat=BOARD)


RETURNED = {
    "es": ("No entregados: 1", "De vuelta tras haber bloqueado el bot: 1\n• ", "3 personas"),
    "en": ("Not delivered: 1", "Back after having blocked the bot: 1\n• ", "3 people"),
}


@pytest.mark.parametrize("language", ["es", "en"])
async def test_a_member_who_unblocks_the_bot_gets_announcements_again(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, ana: FakeUser, language: str
) -> None:
    labels, (failed, returned, everyone) = LABELS[language], RETURNED[language]
    bot = BotHarness(
        fake=fake, clock=clock, settings=make_settings(tmp_path, default_locale=language)
    )
    await bot.start()
    try:
        members = await seeded(bot, fake, 3)
        away = members[1]
        fake.set_blocked(away.user_id)

        async def announce(text: str) -> str:
            await ana.send(f"/announce {text}", chat=BOARD)
            await ana.press(labels["all"], chat=BOARD)
            preview = ana.last_text(chat=BOARD)
            await ana.press(labels["send"], chat=BOARD)
            await bot.deliver()
            return preview

        await announce("Primera")
        assert failed in ana.last_text(chat=BOARD)
        assert returned not in ana.last_text(chat=BOARD)

        # They unblock the bot and write to it: any update from their chat will do.
        fake.set_blocked(away.user_id, blocked=False)
        await fake.get_user(away.user_id).send("/menu")
        clock.advance(minutes=1)

        assert everyone in await announce("Segunda")
        assert fake.messages_to(away.user_id)[-1].text.endswith("Segunda")
        report = ana.last_text(chat=BOARD)
        assert f"{returned}{away.entity_name}" in report
        assert failed.replace("1", "0") in report

        # Named once: the report after that one no longer lists them.
        await announce("Tercera")
        assert returned not in ana.last_text(chat=BOARD)
    finally:
        await bot.stop()
