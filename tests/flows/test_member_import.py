"""The network's existing members: the board sends its list, each organisation gets a link, and
the person who opens it consents, checks the prefilled profile and is a member at once."""

import csv
import io
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.domain.members import IMPORT_INVITE_DAYS, EntityStatus, MemberRole
from tests.fakes import BOT_USERNAME, FakeMessage, FakeTelegram, FakeUser
from tests.flows.board_world import BOARD, board_member
from tests.flows.onboarding_steps import EN, ES, count_rows, make_member
from tests.harness import BotHarness, FakeClock, make_settings

LIST_ES = (
    "Nombre;Tipo;Sectores;Municipio;Correo electrónico\n"
    "Huerta Común;Cooperativa;Agroalimentación;Ponferrada;hola@huerta.coop\n"
    "Tejedoras del Bierzo;Asociación;Artesanía;Cacabelos;info@tejedoras.org\n"
)
BAD_LIST = (
    "Nombre;Tipo;Sectores;Municipio;Correo electrónico\n"
    "Huerta Común;Cooperativa;Agroalimentación;Ponferrada;hola@huerta.coop\n"
    "Tejedoras;Ovni;Artesanía;Cacabelos;info@tejedoras.org\n"
    "Huerta comun;Cooperativa;Agroalimentación;León;otra@huerta.coop\n"
)
_LINK = re.compile(rf"https://t\.me/{BOT_USERNAME}\?start=claim_([A-Za-z0-9_-]+)")

# The board's language -> what its answers say.
BOARD_TEXT: dict[str, dict[str, Any]] = {
    "es": {
        "done": "He importado 2 entidades",
        "bad": [
            "No he importado nada: el archivo tiene 2 problemas",
            "Línea 3, tipo: «Ovni» no es un tipo de entidad de la red",
            "Línea 4, nombre: «Huerta comun» ya está en la línea 2",
        ],
        "not_csv": "este no es un archivo .csv",
        "claimed": "ha reclamado «Huerta Común»",
        "renewed": "2 entidades ya estaban importadas",
        "header": ["nombre", "correo", "enlace", "caduca"],
    },
    "en": {
        "done": "I imported 2 organisations",
        "bad": [
            "I imported nothing: the file has 2 problems",
            "Line 3, kind: «Ovni» is not a kind of organisation of the network",
            "Line 4, name: «Huerta comun» is already on line 2",
        ],
        "not_csv": "this is not a .csv file",
        "claimed": "has claimed «Huerta Común»",
        "renewed": "2 organisations were already imported",
        "header": ["name", "email", "link", "expires"],
    },
}
# The person's language -> what they see.
PERSON_TEXT = {
    "es": {
        "invited": "ha dado de alta a Huerta Común",
        "fill_in": "completa lo que no estaba en la lista",
        "summary": "Revisa el perfil de tu entidad",
        "confirm": "✅ Confirmar y entrar",
        "welcome": "Huerta Común ya está en la red",
        "used": "Este enlace ya se ha usado",
        "expired": "Este enlace ha caducado",
        "unknown": "Este enlace no es válido",
        "cancelled": "Tu enlace sigue sirviendo",
        "edit_email": "Correo",
    },
    "en": {
        "invited": "has added Huerta Común",
        "fill_in": "fill in what the board's list did not have",
        "summary": "Check your organisation's profile",
        "confirm": "✅ Confirm and join",
        "welcome": "Huerta Común is in the network",
        "used": "This link has already been used",
        "expired": "This link has expired",
        "unknown": "This link is not valid",
        "cancelled": "Your link still works",
        "edit_email": "Email",
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


def links_of(reply: FakeMessage) -> list[list[str]]:
    """The rows of the links file the bot sent (header first)."""
    assert reply.document is not None, reply.text
    text = reply.document.content.decode("utf-8-sig")
    delimiter = ";" if text.count(";") > text.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


async def send_list(
    fake: FakeTelegram, board: FakeUser, content: str, *, name: str = "socias.csv"
) -> FakeMessage:
    await board.send_document(name, content.encode("cp1252"), "text/csv", chat=BOARD)
    return fake.messages_in(BOARD)[-1]


async def import_list(fake: FakeTelegram) -> tuple[FakeUser, list[str]]:
    """A board member imports LIST_ES; the tokens of its links, in file order."""
    ana = board_member(fake, "ana", "Ana")
    reply = await send_list(fake, ana, LIST_ES)
    tokens = [found.group(1) for row in links_of(reply)[1:] if (found := _LINK.search(row[2]))]
    assert len(tokens) == 2
    return ana, tokens


async def test_the_board_imports_its_list_and_gets_the_links(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram
) -> None:
    bot, language = board_bot
    text = BOARD_TEXT[language]
    ana = board_member(fake, "ana", "Ana")
    reply = await send_list(fake, ana, LIST_ES)
    assert text["done"] in reply.text
    expires = (bot.clock() + timedelta(days=IMPORT_INVITE_DAYS)).strftime("%d/%m/%Y")
    assert expires in reply.text
    header, *rows = links_of(reply)
    assert header == text["header"]
    assert [(row[0], row[1]) for row in rows] == [
        ("Huerta Común", "hola@huerta.coop"),
        ("Tejedoras del Bierzo", "info@tejedoras.org"),
    ]
    assert all(_LINK.fullmatch(row[2]) for row in rows)
    async with bot.store.read() as repos:
        assert await count_rows(repos) == (2, 0)  # organisations, no members yet
        entities = await repos.members.list_entities(
            statuses=(EntityStatus.APPROVED,), limit=10, offset=0
        )
        audit = await repos.audit.recent()
    assert {e.name for e in entities} == {"Huerta Común", "Tejedoras del Bierzo"}
    assert {(a.action, a.actor_id) for a in audit} == {("import", ana.id)}


async def test_a_bad_row_is_named_by_line_and_nothing_is_imported(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram
) -> None:
    bot, language = board_bot
    ana = board_member(fake, "ana", "Ana")
    reply = await send_list(fake, ana, BAD_LIST)
    for fragment in BOARD_TEXT[language]["bad"]:
        assert fragment in reply.text
    assert reply.document is None
    async with bot.store.read() as repos:
        assert await count_rows(repos) == (0, 0)


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("socias.xlsx", b"PK\x03\x04", "application/vnd.ms-excel"),
        ("socias.ods", b"PK\x03\x04", "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
async def test_a_spreadsheet_that_is_not_a_csv_gets_what_to_send(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram, name: str, content: bytes, mime: str
) -> None:
    bot, language = board_bot
    ana = board_member(fake, "ana", "Ana")
    await ana.send_document(name, content, mime, chat=BOARD)
    assert BOARD_TEXT[language]["not_csv"] in fake.messages_in(BOARD)[-1].text
    async with bot.store.read() as repos:
        assert await count_rows(repos) == (0, 0)


async def test_other_files_in_the_board_group_are_the_board_s_own(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    await ana.send_document("acta.pdf", b"%PDF-1.4 minutes", "application/pdf", chat=BOARD)
    assert fake.messages_in(BOARD)[-1].document is not None  # the minutes, unanswered


async def test_a_binary_file_named_csv_is_refused(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram
) -> None:
    _bot, language = board_bot
    ana = board_member(fake, "ana", "Ana")
    await ana.send_document("socias.csv", b"PK\x03\x04\x00\x00zip", "text/csv", chat=BOARD)
    reply = fake.messages_in(BOARD)[-1].text
    assert ("CSV de texto" if language == "es" else "text CSV") in reply


async def test_only_board_members_import(bot: BotHarness, fake: FakeTelegram) -> None:
    # Someone who left the board group by the time the bot reads what they had sent.
    eva = board_member(fake, "eva", "Eva", "member")
    content = LIST_ES.encode()
    record = fake.create_file("document", content, file_name="socias.csv", mime_type="text/csv")
    document = {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_name": "socias.csv",
        "mime_type": "text/csv",
        "file_size": len(content),
    }
    message = fake.incoming_message(
        eva, BOARD, media={"document": document}, files={"document": record}
    )
    fake.set_member(BOARD, eva, "left")
    await fake.deliver_update({"message": message})
    assert "Solo las personas de la junta" in fake.messages_in(BOARD)[-1].text
    async with bot.store.read() as repos:
        assert await count_rows(repos) == (0, 0)


async def test_reimporting_the_same_file_gives_new_links_not_new_entities(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram
) -> None:
    bot, language = board_bot
    ana, old = await import_list(fake)
    reply = await send_list(fake, ana, LIST_ES)
    assert BOARD_TEXT[language]["renewed"] in reply.text
    async with bot.store.read() as repos:
        assert await count_rows(repos) == (2, 0)
    person = fake.user("lia", language_code=language)
    await person.send(f"/start claim_{old[0]}")
    assert PERSON_TEXT[language]["expired"] in person.last_text()


@pytest.mark.parametrize("language", ["es", "en"])
async def test_the_person_consents_checks_the_profile_and_is_a_member(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    text = PERSON_TEXT[language]
    labels = ES if language == "es" else EN
    _ana, tokens = await import_list(fake)
    lia = fake.user("lia", first_name="Lía", language_code=language)
    await lia.send(f"/start claim_{tokens[0]}")
    invited, notice = lia.messages()[-2:]
    assert text["invited"] in invited.text and "AEPD" in notice.text
    async with bot.store.read() as repos:
        assert await repos.members.member(lia.id) is None  # nothing before consent

    await lia.press(labels.accept)
    assert text["fill_in"] in lia.messages()[-2].text
    await lia.send("Verduras de temporada en Ponferrada.")
    await lia.press(labels.yes)  # in the directory
    summary = lia.last_message()
    assert text["summary"] in summary.text
    assert "Huerta Común" in summary.text and "hola@huerta.coop" in summary.text
    assert "Ponferrada" in summary.text

    # The summary's Edit buttons work as in an application.
    await lia.press(text["edit_email"])
    await lia.send("lia@huerta.coop")
    assert text["summary"] in lia.last_text()
    await lia.press(text["confirm"])
    assert text["welcome"] in lia.messages()[-2].text
    async with bot.store.read() as repos:
        member = await repos.members.member(lia.id)
        entity = await repos.members.entity(member.entity_id if member else 0)
    assert member is not None and member.role is MemberRole.OWNER and member.locale == language
    assert entity is not None and entity.status is EntityStatus.APPROVED  # no new approval
    assert entity.description == "Verduras de temporada en Ponferrada."
    assert entity.email == "lia@huerta.coop" and entity.listed
    assert entity.applied_by == lia.id

    # The board is told in its group, through the outbox.
    assert await bot.deliver() >= 1
    assert BOARD_TEXT["es"]["claimed"] in fake.messages_in(BOARD)[-1].text
    await lia.send("/profile")
    assert "Verduras de temporada" in lia.last_text()


@pytest.mark.parametrize("language", ["es", "en"])
async def test_a_link_works_once(bot: BotHarness, fake: FakeTelegram, language: str) -> None:
    labels = ES if language == "es" else EN
    _ana, tokens = await import_list(fake)
    lia, bea = fake.user("lia", language_code=language), fake.user("bea", language_code=language)
    await lia.send(f"/start claim_{tokens[0]}")
    await bea.send(f"/start claim_{tokens[0]}")
    await lia.press(labels.accept)
    await lia.send("Verduras.")
    await lia.press(labels.yes)
    await lia.press(PERSON_TEXT[language]["confirm"])
    # Bea had the notice open: her consent finds the link used.
    await bea.press(labels.accept)
    assert PERSON_TEXT[language]["used"] in bea.last_text()
    await bea.send(f"/start claim_{tokens[0]}")
    assert PERSON_TEXT[language]["used"] in bea.last_text()
    async with bot.store.read() as repos:
        assert await repos.members.member(bea.id) is None


@pytest.mark.parametrize("language", ["es", "en"])
async def test_an_expired_or_unknown_link(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    _ana, tokens = await import_list(fake)
    bot.clock.advance(days=IMPORT_INVITE_DAYS, seconds=1)
    lia = fake.user("lia", language_code=language)
    await lia.send(f"/start claim_{tokens[0]}")
    assert PERSON_TEXT[language]["expired"] in lia.last_text()
    await lia.send("/start claim_not-a-real-token")
    assert PERSON_TEXT[language]["unknown"] in lia.last_text()


@pytest.mark.parametrize("language", ["es", "en"])
async def test_cancel_keeps_the_link_and_a_restart_keeps_the_check(
    bot: BotHarness, fake: FakeTelegram, language: str
) -> None:
    labels = ES if language == "es" else EN
    _ana, tokens = await import_list(fake)
    lia = fake.user("lia", language_code=language)
    await lia.send(f"/start claim_{tokens[0]}")
    await lia.press(labels.accept)
    await lia.send("/cancel")
    assert PERSON_TEXT[language]["cancelled"] in lia.last_text()

    await lia.send(f"/start claim_{tokens[0]}")
    await lia.press(labels.accept)
    await lia.send("Verduras.")
    await bot.restart()
    await lia.press(labels.yes)
    await lia.press(PERSON_TEXT[language]["confirm"])
    assert PERSON_TEXT[language]["welcome"] in lia.messages()[-2].text


async def test_a_member_of_another_entity_cannot_claim(bot: BotHarness, fake: FakeTelegram) -> None:
    _ana, tokens = await import_list(fake)
    dora = fake.user("dora")
    await make_member(bot, dora)
    await dora.send(f"/start claim_{tokens[1]}")
    assert "Ya formas parte de una entidad" in dora.last_text()
