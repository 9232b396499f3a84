"""Summits through the bot, as the board and members use them, in Spanish and English."""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.buttons.summits import Rsvp
from bot.documents.ics import summit_uid
from bot.domain.summits import Answer
from tests.fakes import FakeTelegram, FakeUser
from tests.flows.board_world import board_member, leave_board
from tests.flows.summits_world import (
    BOARD,
    FORM,
    LABELS,
    board,
    ics_of,
    members,
    publish,
    running,
    write_form,
)
from tests.harness import FakeClock
from tests.seed import seed_members, started_users

TZ = ZoneInfo("Europe/Madrid")
LANGUAGES = ["es", "en"]


def texts_with(user: FakeUser, needle: str) -> list[str]:
    return [text for text in user.texts() if needle in text]


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_the_board_publishes_a_summit_and_members_answer_it(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        (bea,) = await members(bot, fake, lang, 1)
        preview = await write_form(ana, FORM)
        assert labels.when in preview.text  # the times shown back, in words
        await ana.press(labels.publish, message=preview, chat=BOARD)
        await bot.deliver()
        (announced,) = bea.messages()
        assert labels.new in announced.text and labels.title in announced.text
        await bea.press(labels.going)
        assert labels.your_going in bea.last_text()
        await bea.send("/summits")
        assert labels.title in bea.last_text() and labels.going in bea.last_text()
        await bea.press(labels.calendar, message=announced)
        calendar = ics_of(bea.last_message())
        (event,) = calendar.walk("VEVENT")
        assert event.decoded("DTSTART") == datetime(2027, 3, 12, 18, 0, tzinfo=TZ)
        assert event["DTSTART"].params["TZID"] == "Europe/Madrid"
        assert str(event["SUMMARY"]) == labels.title
        assert calendar.walk("VTIMEZONE")


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_full_summit_waitlists_and_a_freed_place_goes_to_the_first_waiting(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        first, second, third = await members(bot, fake, lang, 3)
        await publish(bot, ana, FORM + "Plazas: 2\n")
        for user in (first, second, third):
            await user.press(labels.going)
        assert labels.waitlisted in third.last_text()
        await second.press(labels.not_going)
        await bot.deliver()
        (told,) = texts_with(third, labels.promoted)
        assert labels.title in told
        assert not texts_with(first, labels.promoted) and not texts_with(second, labels.promoted)
        async with bot.store.read() as repos:
            counts = await repos.summits.counts(1)
        assert (counts.going, counts.waitlisted, counts.not_going) == (2, 0, 1)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_changing_the_time_tells_each_attendee_once_with_a_new_ics(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        going, away = await members(bot, fake, lang, 2)
        await publish(bot, ana)
        await going.press(labels.going)
        await away.press(labels.not_going)
        await ana.send("/summits", chat=BOARD)
        await ana.press(labels.edit, chat=BOARD)
        prompt = ana.last_message(chat=BOARD)
        await ana.reply_to(prompt, "Inicio: 13/3 17:00\nFin: 19:00")
        await ana.press(labels.edit, chat=BOARD)  # a second edit that changes nothing told
        await ana.reply_to(ana.last_message(chat=BOARD), "Inicio: 13/3 17:00")
        await bot.deliver()
        (changed,) = [m for m in going.messages() if labels.changed in m.text]
        assert "17:00" in changed.text
        assert not texts_with(away, labels.changed)
        (event,) = ics_of(changed).walk("VEVENT")  # the new .ics goes with the notice
        assert event.decoded("DTSTART") == datetime(2027, 3, 13, 17, 0, tzinfo=TZ)
        assert str(event["UID"]) == summit_uid(1) and event.decoded("SEQUENCE") == 1
        await going.press(labels.calendar)
        (event,) = ics_of(going.last_message()).walk("VEVENT")
        assert event.decoded("DTSTART") == datetime(2027, 3, 13, 17, 0, tzinfo=TZ)
        assert str(event["UID"]) == summit_uid(1) and event.decoded("SEQUENCE") == 1


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_cancelling_tells_attendees_once_and_closes_answers(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        (bea,) = await members(bot, fake, lang, 1)
        await publish(bot, ana)
        announced = bea.last_message()
        await bea.press(labels.maybe)
        await ana.send("/summits", chat=BOARD)
        await ana.press(labels.cancel, chat=BOARD)
        await ana.press(labels.cancel_yes, chat=BOARD)
        await bot.deliver()
        (cancelled,) = [m for m in bea.messages() if labels.cancelled in m.text]
        assert labels.title in cancelled.text
        cancelling = ics_of(cancelled)
        assert str(cancelling["METHOD"]) == "CANCEL"
        (event,) = cancelling.walk("VEVENT")
        assert str(event["STATUS"]) == "CANCELLED" and event.decoded("SEQUENCE") == 1
        await bea.press(labels.going, message=announced)  # an old card's button
        answer = bea.last_callback_answer
        assert answer is not None and answer.show_alert
        assert ("cancelado" if lang == "es" else "cancelled") in (answer.text or "")
        bea_calendar = bea.last_message()
        await bea.press_data("v1:summit:ics:1", message=bea_calendar)
        calendar = ics_of(bea.last_message())
        assert str(calendar["METHOD"]) == "CANCEL"
        async with bot.store.read() as repos:
            assert await repos.summits.state_of(1, bea.id) is not None  # Maybe, unchanged
            counts = await repos.summits.counts(1)
        assert counts.going == 0


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_reminders_arrive_once_at_the_local_time_across_a_restart(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        going, unsure = await members(bot, fake, lang, 2)
        # 30 March 2027, just after the last Sunday of March.
        form = FORM.replace("12/3 18:00", "30/3 18:00")
        clock.now = datetime(2027, 3, 15, 12, 0, tzinfo=TZ)
        await publish(bot, ana, form)
        await going.press(labels.going)
        await unsure.press(labels.maybe)
        start = datetime(2027, 3, 30, 18, 0, tzinfo=TZ)
        arrived: dict[str, list[datetime]] = {"going": [], "unsure": []}
        moment = clock.now
        step = 0
        while moment < start + timedelta(hours=3):
            moment += timedelta(minutes=20)
            clock.now = moment
            step += 1
            if step % 50 == 0:
                await bot.restart()
            before = (len(going.messages()), len(unsure.messages()))
            await bot.run_scans()
            await bot.deliver()
            for name, user, count in (("going", going, before[0]), ("unsure", unsure, before[1])):
                new = [m for m in user.messages()[count:] if labels.reminder in m.text]
                arrived[name] += [clock.now.astimezone(TZ)] * len(new)
        assert len(texts_with(going, labels.reminder)) == 3
        assert len(texts_with(unsure, labels.reminder)) == 1
        week, day, hours = arrived["going"]
        assert (week.date().isoformat(), week.hour) == ("2027-03-23", 18)
        assert (day.date().isoformat(), day.hour) == ("2027-03-29", 18)
        assert (hours.hour, hours.minute) == (16, 0)
        assert all(when < start for when in arrived["going"] + arrived["unsure"])


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_bad_forms_are_named_and_nothing_is_kept(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    expected = {
        "Fin: 17:00": {"es": "antes del inicio", "en": "before the start"},
        "Inicio: 1/1/2026 18:00": {"es": "ya ha pasado", "en": "already passed"},
        "Inicio: el jueves": {"es": "No entiendo el inicio", "en": "can't read the start"},
        "Plazas: 0": {"es": "mayor que 0", "en": "above 0"},
        "Capacity: many": {"es": "«many» no vale", "en": '"many" won\'t do'},
    }
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        for change, problem in expected.items():
            name = change.split(":")[0]
            lines = [line for line in FORM.splitlines() if not line.startswith(name)]
            answer = await write_form(ana, "\n".join([*lines, change]))
            assert labels.problems in answer.text, change
            assert problem[lang] in answer.text, (change, answer.text)
            await ana.send("/cancel", chat=BOARD)
        async with bot.store.read() as repos:
            cursor = await repos.conn.execute("SELECT COUNT(*) FROM summits")
            row = await cursor.fetchone()
        assert row is not None and row[0] == 0


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_answers_after_the_deadline_and_forged_buttons_change_nothing(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        (bea,) = await members(bot, fake, lang, 1)
        await publish(bot, ana, FORM + "Límite: 1/3\n")
        clock.advance(days=100)  # 7 March 2027: after the deadline
        await bea.press(labels.going)
        answer = bea.last_callback_answer
        assert answer is not None and answer.show_alert
        assert ("plazo" if lang == "es" else "deadline") in (answer.text or "")
        await bea.press_data(Rsvp(summit_id=99, answer=Answer.GOING).pack())
        await bea.press_data("v1:summit:rsvp:1:sure")
        async with bot.store.read() as repos:
            assert await repos.summits.state_of(1, bea.id) is None
            assert await repos.summits.state_of(99, bea.id) is None


async def test_board_actions_from_outside_the_board_change_nothing(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    async with running(tmp_path, fake, clock, "es") as bot:
        ana = board_member(fake, "ana", "Ana", "member")
        (bea,) = await members(bot, fake, "es", 1)
        await publish(bot, ana)
        await bea.send("/summit")  # a member, in private
        assert "grupo de la junta" in bea.last_text()
        await ana.send("/summits", chat=BOARD)
        tools = ana.last_message(chat=BOARD)
        await leave_board(fake, ana)
        await ana.press_data("v1:summit:cancel_yes:1", message=tools, chat=BOARD)
        answer = ana.last_callback_answer
        assert answer is not None and answer.show_alert
        assert "Solo las personas de la junta" in (answer.text or "")
        async with bot.store.read() as repos:
            summit = await repos.summits.get(1)
        assert summit is not None and summit.status.value == "published"


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_deep_link_opens_the_summit_and_the_board_gets_a_qr(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        (bea,) = await members(bot, fake, lang, 1)
        await publish(bot, ana)
        await bea.send("/start summit_1")
        assert labels.title in bea.last_text()
        await bea.press(labels.going)
        assert labels.your_going in bea.last_text()
        await ana.send("/summits", chat=BOARD)
        await ana.press(labels.poster, chat=BOARD)
        poster = ana.last_message(chat=BOARD)
        assert poster.photo is not None and "?start=summit_1" in poster.text
        await ana.send("/summits", chat=BOARD)
        await ana.press(labels.checkin, chat=BOARD)
        await ana.press("⬜", chat=BOARD)
        assert ana.last_message(chat=BOARD).buttons[0][0][0].startswith("✅")
        await ana.send("/summits", chat=BOARD)
        await ana.press(labels.export, chat=BOARD)
        exported = ana.last_message(chat=BOARD)
        assert exported.document is not None
        assert exported.document.content.decode().splitlines()[1].endswith(",yes")


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_the_menu_lists_summits(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        (bea,) = await members(bot, fake, lang, 1)
        await bea.send("/menu")
        await bea.press(labels.menu)
        assert ("No hay cumbres" if lang == "es" else "No summits") in bea.last_text()
        await publish(bot, ana)
        await bea.send("/menu")
        await bea.press(labels.menu)
        assert labels.title in bea.last_text()


PROPOSE = {"es": "➕ Proponer un evento", "en": "➕ Propose an event"}
OWN_FORM = FORM.replace("Cumbre de cooperativas", "Taller de compostaje").replace(
    "Cooperatives summit", "Composting workshop"
)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_members_own_event_is_approved_listed_with_its_entity_and_rsvped(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    title = "Taller de compostaje" if lang == "es" else "Composting workshop"
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        organiser, guest = await members(bot, fake, lang, 2)
        await organiser.send("/summits")
        await organiser.press(PROPOSE[lang])
        await organiser.send(OWN_FORM.replace("Fin: 20:00", "Fin: 17:00"))  # a wrong end first
        assert ("antes del inicio" if lang == "es" else "before the start") in (
            organiser.last_text()
        )
        await organiser.send(OWN_FORM)
        assert ("Enviado a la junta" if lang == "es" else "Sent to the board") in (
            organiser.last_text()
        )
        assert not guest.messages()  # not announced before the board approves
        await bot.deliver()
        card = ana.last_message(chat=BOARD)
        assert title in card.text and "Entidad 0" in card.text
        await ana.press("✅", message=card, chat=BOARD)
        await bot.deliver()
        announced = guest.last_message()
        assert title in announced.text and "Entidad 0" in announced.text
        approved = "ha aprobado tu evento" if lang == "es" else "approved your event"
        assert texts_with(organiser, approved)
        await guest.press(labels.going, message=announced)
        await organiser.send("/summits")
        listing = organiser.last_text()
        assert title in listing
        assert ("Van: 1" if lang == "es" else "Going: 1") in listing


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_members_event_rejected_with_a_reason_is_never_announced(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        organiser, guest = await members(bot, fake, lang, 2)
        await organiser.send("/summits")
        await organiser.press(PROPOSE[lang])
        await organiser.send(OWN_FORM)
        await bot.deliver()
        card = ana.last_message(chat=BOARD)
        await ana.press("❌", message=card, chat=BOARD)
        await ana.reply_to(ana.last_message(chat=BOARD), "Coincide con la asamblea")
        await bot.deliver()
        (told,) = texts_with(organiser, "Coincide con la asamblea")
        assert ("no ha aprobado" if lang == "es" else "did not approve") in told
        assert not guest.messages()
        await ana.press_data("v1:summit:approve:1", message=card, chat=BOARD)  # too late
        await bot.deliver()
        assert not guest.messages()
        async with bot.store.read() as repos:
            summit = await repos.summits.get(1)
        assert summit is not None and summit.status.value == "rejected"


SHARE = {"es": "📎 Compartir materiales", "en": "📎 Share materials"}
FEEDBACK = {"es": "¿Qué tal", "en": "How was"}
COMMENT_SAVED = {"es": "Comentario guardado", "en": "Comment saved"}


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_after_the_summit_materials_reach_those_who_came_and_feedback_is_asked_once(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        came, stayed_away, missed = await members(bot, fake, lang, 3)
        await publish(bot, ana)
        await came.press(labels.going)
        await stayed_away.press(labels.going)
        clock.now = datetime(2027, 3, 12, 18, 30, tzinfo=TZ)  # during the summit
        await ana.send("/summits", chat=BOARD)
        await ana.press(labels.checkin, chat=BOARD)
        await ana.press("Entidad 0", chat=BOARD)  # only the first one is ticked as having come
        clock.now = datetime(2027, 3, 12, 21, 30, tzinfo=TZ)  # after the end
        await ana.send("/summits", chat=BOARD)
        await ana.press(SHARE[lang], chat=BOARD)
        prompt = ana.last_message(chat=BOARD)
        await ana.send_document("slides.pdf", chat=BOARD, reply_to=prompt)
        await ana.press(SHARE[lang], chat=BOARD)
        await ana.reply_to(ana.last_message(chat=BOARD), "Vídeo: https://video.example.org/1")
        await bot.run_scans()
        await bot.deliver()
        files = [m for m in came.messages() if m.document is not None]
        assert [f.document.file_name for f in files if f.document] == ["slides.pdf"]
        assert texts_with(came, "https://video.example.org/1")
        assert not texts_with(stayed_away, "video.example.org")  # not ticked: did not come
        # Whoever missed it asks from /summits.
        await missed.send("/summits")
        await missed.press("📎")
        assert [m.document.file_name for m in missed.messages() if m.document] == ["slides.pdf"]
        assert texts_with(missed, "https://video.example.org/1")
        # Feedback: asked once of the one who came, a score and a comment.
        (question,) = [m for m in came.messages() if FEEDBACK[lang] in m.text]
        assert not texts_with(stayed_away, FEEDBACK[lang])
        await came.press("4", message=question)
        await came.send("Muy útil")
        assert COMMENT_SAVED[lang] in came.last_text()
        await came.press_data("v1:summit:score:1:5", message=question)  # a second score
        answer = came.last_callback_answer
        assert answer is not None and answer.show_alert
        before = len(came.messages())
        await bot.restart()
        await bot.run_scans()
        await bot.deliver()
        assert len(came.messages()) == before  # not asked again after a restart
        async with bot.store.read() as repos:
            assert await repos.summits.feedback(1) == (4.0, 1, ["Muy útil"])
        await ana.send("/summits", chat=BOARD)
        assert "4.0" in ana.last_text(chat=BOARD)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_reminder_due_in_quiet_hours_waits_for_their_end_but_not_past_the_start(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        (bea,) = await members(bot, fake, lang, 1)
        # 09:00 on 12 March: the 2-hour reminder falls due at 07:00, inside quiet hours.
        await publish(bot, ana, FORM.replace("12/3 18:00", "12/3 09:00").replace("20:00", "11:00"))
        await bea.press(labels.going)
        clock.now = datetime(2027, 3, 12, 6, 50, tzinfo=TZ)
        received = len(bea.messages())
        while clock.now < datetime(2027, 3, 12, 9, 30, tzinfo=TZ):
            clock.advance(minutes=10)
            await bot.run_scans()
            await bot.deliver()
            if len(bea.messages()) > received:
                break
        local = clock.now.astimezone(TZ)
        assert (local.hour, local.minute) == (8, 0)
        assert labels.reminder in bea.last_text()


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_summit_can_be_announced_to_one_sector(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        seeded = await seed_members(bot.store, started_users(fake, 10), now=clock())
        preview = await write_form(ana, FORM)
        assert ("10 personas" if lang == "es" else "10 people") in preview.text
        await ana.press("Por sector" if lang == "es" else "By sector", chat=BOARD)
        assert bot.app is not None
        agrifood = bot.app.services.network.sector("agrifood")
        assert agrifood is not None
        await ana.press(agrifood.label.get(lang), chat=BOARD)
        chosen = [m for m in seeded if m.sector == "agrifood"]
        preview = ana.last_message(chat=BOARD)
        assert agrifood.label.get(lang) in preview.text
        people = "personas" if lang == "es" else "people"
        assert f"({len(chosen)} {people})" in preview.text
        await ana.press(labels.publish, chat=BOARD)
        await bot.deliver()
        told = {m.user_id for m in seeded if fake.messages_to(m.user_id)}
        assert told == {m.user_id for m in chosen}


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_the_form_prompt_survives_a_restart_and_cancel_leaves_it(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, lang: str
) -> None:
    labels = LABELS[lang]
    async with running(tmp_path, fake, clock, lang) as bot:
        ana = board(fake)
        await ana.send("/summit", chat=BOARD)
        prompt = ana.last_message(chat=BOARD)
        assert labels.ask_form in prompt.text
        await ana.send(FORM, chat=BOARD)  # not a reply: ordinary chatter in the group
        await bot.restart()
        await ana.reply_to(prompt, FORM)
        assert labels.when in ana.last_text(chat=BOARD)
        await ana.send("/summit", chat=BOARD)
        await ana.send("/cancel", chat=BOARD)
        assert ("no se guarda nada" if lang == "es" else "nothing is saved") in (
            ana.last_text(chat=BOARD)
        )
        await ana.reply_to(ana.last_message(chat=BOARD), FORM)
        async with bot.store.read() as repos:
            cursor = await repos.conn.execute("SELECT COUNT(*) FROM summits")
            row = await cursor.fetchone()
        assert row is not None and row[0] == 1  # the one before the restart only


async def test_a_long_check_in_list_turns_pages(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    labels = LABELS["es"]
    async with running(tmp_path, fake, clock, "es") as bot:
        ana = board(fake)
        people = await members(bot, fake, "es", 25)
        await publish(bot, ana)
        for person in people:
            await person.press(labels.going)
        await ana.send("/summits", chat=BOARD)
        await ana.press(labels.checkin, chat=BOARD)
        listing = ana.last_message(chat=BOARD)
        assert len(listing.buttons) == 21 and listing.buttons[-1][0][0] == "▶️"
        await ana.press("▶️", message=listing, chat=BOARD)
        listing = ana.last_message(chat=BOARD)
        assert len(listing.buttons) == 6  # five people and ◀️
        await ana.press("Entidad 24", message=listing, chat=BOARD)
        listing = ana.last_message(chat=BOARD)
        assert listing.buttons[4][0][0].startswith("✅") and len(listing.buttons) == 6
        await ana.press("◀️", message=listing, chat=BOARD)
        assert len(ana.last_message(chat=BOARD).buttons) == 21
