"""A post's file is taken for what its bytes are, not for its name or claimed type (issue 9
item 16): a renamed program is refused with the types that are accepted, and the draft stays."""

import pytest

from tests.fakes import FakeTelegram, FakeUser
from tests.fakes.driver import SAMPLE_PDF, SAMPLE_PNG
from tests.flows.posts_world import EN, ES, Labels, member
from tests.harness import BotHarness
from tests.unit.test_files import ELF, EXE, JPEG, archive

LANGS = [pytest.param(ES, "es", id="es"), pytest.param(EN, "en", id="en")]
REFUSED = {
    "es": "Ese archivo no es un PDF por dentro",
    "en": "That file is not a PDF inside",
}
ACCEPTED_TYPES = {
    "es": "Solo puedo adjuntar una foto o un PDF",
    "en": "only attach a photo or a PDF",
}
PDF = "application/pdf"

# What the corpus sent as "a PDF": the name and type say PDF, the bytes say otherwise.
NOT_PDF = [
    pytest.param("factura.pdf", EXE, PDF, id="renamed-windows-program"),
    pytest.param("informe.pdf", ELF, PDF, id="renamed-linux-program"),
    pytest.param("script.pdf", b"#!/bin/sh\nrm -rf ~\n", PDF, id="renamed-script"),
    pytest.param("pagina.pdf", b"<html><script>alert(1)</script>", PDF, id="renamed-html"),
    pytest.param("datos.pdf", archive(("a.exe", EXE)), PDF, id="renamed-zip"),
    pytest.param("vacio.pdf", b"", PDF, id="empty"),
    pytest.param("foto.pdf", JPEG, PDF, id="image-named-pdf"),
    pytest.param("logo.png", SAMPLE_PNG, "image/png", id="image-as-a-file"),
]


async def at_the_attachment_step(bot: BotHarness, fake: FakeTelegram, lang: str) -> FakeUser:
    labels = ES if lang == "es" else EN
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(labels.offer)
    await alice.press(labels.sector)
    await alice.send("Cursos de cocina")
    await alice.send("Los sábados.")
    await alice.press(labels.online)
    await alice.press(labels.skip)  # conditions
    await alice.press(labels.skip)  # discount
    return alice


@pytest.mark.parametrize(("name", "content", "mime"), NOT_PDF)
@pytest.mark.parametrize(("labels", "lang"), LANGS)
async def test_a_file_that_is_not_a_pdf_is_refused_and_the_draft_kept(
    bot: BotHarness,
    fake: FakeTelegram,
    labels: Labels,
    lang: str,
    name: str,
    content: bytes,
    mime: str,
) -> None:
    alice = await at_the_attachment_step(bot, fake, lang)
    await alice.send_document(name, content, mime)
    said, asked = alice.texts()[-2:]
    assert REFUSED[lang] in said and ACCEPTED_TYPES[lang] in said
    assert {"es": "envía una foto o un PDF", "en": "send a photo or a PDF"}[lang] in asked
    await alice.press(labels.skip)  # the same question still waits: go on without a file
    await alice.press(labels.days90)
    preview = alice.last_message()
    assert "Cursos de cocina" in preview.text and "Los sábados." in preview.text
    assert "PDF" not in preview.text  # no file was kept
    await alice.press(labels.publish)
    async with bot.store.read() as repos:
        post = await repos.posts.get(1)
    assert post is not None and post.file_id is None


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        pytest.param("catalogo.pdf", PDF, id="named-and-typed"),
        pytest.param("catalogo", "application/octet-stream", id="neither-named-nor-typed"),
    ],
)
@pytest.mark.parametrize(("labels", "lang"), LANGS)
async def test_a_real_pdf_is_attached_whatever_it_is_called(
    bot: BotHarness, fake: FakeTelegram, labels: Labels, lang: str, name: str, mime: str
) -> None:
    alice = await at_the_attachment_step(bot, fake, lang)
    await alice.send_document(name, SAMPLE_PDF, mime)
    await alice.press(labels.days90)
    preview, pdf = alice.messages()[-2:]
    assert pdf.document is not None and "Cursos de cocina" in pdf.text
    await alice.press(labels.publish, message=preview)
    async with bot.store.read() as repos:
        post = await repos.posts.get(1)
    assert post is not None and post.file_id is not None


@pytest.mark.parametrize(("labels", "lang"), LANGS)
async def test_a_file_that_cannot_be_fetched_is_asked_for_again(
    bot: BotHarness, fake: FakeTelegram, labels: Labels, lang: str
) -> None:
    alice = await at_the_attachment_step(bot, fake, lang)
    gone = {"file_id": "gone", "file_unique_id": "gone", "file_name": "a.pdf", "mime_type": PDF}
    await alice.send_raw({"document": gone})
    said = alice.texts()[-2]
    assert {"es": "No he podido leer ese archivo", "en": "I could not read that file"}[lang] in (
        said
    )
    await alice.send_document()
    await alice.press(labels.days90)
    assert alice.messages()[-1].document is not None
