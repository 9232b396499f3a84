"""Helpers for summit flow tests: the board's form, members in one language, labels."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from icalendar import Calendar

from tests.fakes import FakeMessage, FakeTelegram, FakeUser
from tests.flows.posts_world import board_admin, member
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock, make_settings

BOARD = BOARD_CHAT_ID
# The harness starts on Friday 27 November 2026: "12/3" is 12 March 2027.
FORM = """Título: Cumbre de cooperativas
Title: Cooperatives summit
Descripción: Una tarde para conocernos.
Description: An afternoon to meet.
Inicio: 12/3 18:00
Fin: 20:00
Lugar: Calle Ancha 1, León
"""


@dataclass(frozen=True)
class Labels:
    """What a member or the board sees, in one language."""

    going: str
    maybe: str
    not_going: str
    calendar: str
    publish: str
    edit: str
    cancel: str
    cancel_yes: str
    checkin: str
    export: str
    poster: str
    title: str
    when: str  # how the start is shown back
    new: str
    promoted: str
    changed: str
    cancelled: str
    reminder: str
    waitlisted: str
    your_going: str
    ask_form: str
    problems: str
    menu: str


LABELS = {
    "es": Labels(
        going="✅ Voy",
        maybe="🤔 Quizá",
        not_going="🚫 No voy",
        calendar="📅 Añadir al calendario",
        publish="📣 Publicar",
        edit="✏️ Cambiar",
        cancel="❌ Cancelar la cumbre",
        cancel_yes="❌ Sí, cancelarla",
        checkin="✅ Lista de asistencia",
        export="📄 Lista en CSV",
        poster="🔳 Enlace y QR",
        title="Cumbre de cooperativas",
        when="viernes, 12 de marzo de 2027, 18:00–20:00",
        new="Nueva cumbre de la red",
        promoted="Se ha liberado una plaza y es tuya",
        changed="La cumbre ha cambiado",
        cancelled="Cancelada:",
        reminder="Recordatorio",
        waitlisted="En lista de espera",
        your_going="Tu respuesta: ✅ Voy",
        ask_form="Responde a este mensaje",
        problems="El formulario no se ha guardado",
        menu="📅 Cumbres y eventos",
    ),
    "en": Labels(
        going="✅ Going",
        maybe="🤔 Maybe",
        not_going="🚫 Not going",
        calendar="📅 Add to calendar",
        publish="📣 Publish",
        edit="✏️ Change",
        cancel="❌ Cancel the summit",
        cancel_yes="❌ Yes, cancel it",
        checkin="✅ Check-in list",
        export="📄 List as CSV",
        poster="🔳 Link and QR",
        title="Cooperatives summit",
        when="Friday, March 12, 2027, 18:00–20:00",
        new="New network summit",
        promoted="A place freed up and it is yours",
        changed="The summit has changed",
        cancelled="Cancelled:",
        reminder="Reminder",
        waitlisted="On the waitlist",
        your_going="Your answer: ✅ Going",
        ask_form="Reply to this message",
        problems="The form was not saved",
        menu="📅 Summits and events",
    ),
}


@asynccontextmanager
async def running(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, language: str
) -> AsyncIterator[BotHarness]:
    """A bot whose board speaks language (its default)."""
    bot = BotHarness(
        fake=fake, clock=clock, settings=make_settings(tmp_path, default_locale=language)
    )
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()


async def members(bot: BotHarness, fake: FakeTelegram, language: str, count: int) -> list[FakeUser]:
    """Approved members who speak language and have written to the bot."""
    users = []
    for index in range(count):
        user = fake.user(f"socia{index}_{language}", language_code=language)
        fake.user_state(user.id).started = True
        await member(bot, user, f"Entidad {index}")
        users.append(user)
    return users


def board(fake: FakeTelegram) -> FakeUser:
    """A board member."""
    return board_admin(fake)


async def write_form(ana: FakeUser, form: str) -> FakeMessage:
    """/summit, then the form as a reply to the bot's prompt; the bot's answer."""
    await ana.send("/summit", chat=BOARD)
    prompt = ana.last_message(chat=BOARD)
    await ana.reply_to(prompt, form)
    return ana.last_message(chat=BOARD)


async def publish(bot: BotHarness, ana: FakeUser, form: str = FORM) -> int:
    """Write, preview and publish a summit, and deliver its announcement; its id."""
    preview = await write_form(ana, form)
    await ana.press(board_labels(bot).publish, message=preview, chat=BOARD)
    await bot.deliver()
    async with bot.store.read() as repos:
        cursor = await repos.conn.execute("SELECT MAX(id) FROM summits")
        row = await cursor.fetchone()
    assert row is not None and row[0] is not None
    return int(row[0])


def board_labels(bot: BotHarness) -> Labels:
    """The labels in the board's language."""
    return LABELS[bot.settings.default_locale]


def ics_of(message: FakeMessage) -> Calendar:
    """The calendar file a message carries, parsed back."""
    assert message.document is not None, message.text
    assert (message.document.file_name or "").endswith(".ics")
    return Calendar.from_ical(message.document.content)
