"""Posting a need or an offer: every step, in es and en, and everything that can go wrong."""

from pathlib import Path

import pytest

from bot.domain.posts import (
    CloseReason,
    ListingFilter,
    Place,
    PlaceKind,
    PostDraft,
    PostKind,
    PostStatus,
)
from tests.fakes import FakeTelegram
from tests.flows.posts_world import EN, ES, Labels, answer, member, post_offer, running_bot
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock

LANGS = [pytest.param(ES, "es", id="es"), pytest.param(EN, "en", id="en")]


async def listed(bot: BotHarness) -> list[str]:
    async with bot.store.read() as repos:
        posts = await repos.posts.listing(ListingFilter(), now=bot.clock(), limit=50, offset=0)
    return [post.title for post in posts]


@pytest.mark.parametrize(("labels", "lang"), LANGS)
async def test_offer_with_everything(
    bot: BotHarness, fake: FakeTelegram, labels: Labels, lang: str
) -> None:
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(labels.offer)
    await alice.press(labels.sector)
    await alice.send("Cursos de cocina ecológica <b>")
    await alice.send("Talleres los sábados.\nPlazas limitadas.")
    await alice.press(labels.province)
    await alice.send("20 € por persona")
    await alice.send("10 %")
    await alice.send_photo()
    await alice.press("180")
    preview = alice.last_text()
    assert "Cursos de cocina ecológica <b>" in preview  # shown back escaped, as typed
    assert "Plazas limitadas." in preview
    assert "20 € por persona" in preview and "10 %" in preview
    assert labels.province in preview
    assert "Cocina Viva" in preview
    assert alice.messages()[-2].photo is not None
    await alice.press(labels.publish)
    assert {"es": "¡Publicado!", "en": "Published!"}[lang] in alice.last_text()
    assert await listed(bot) == ["Cursos de cocina ecológica <b>"]
    async with bot.store.read() as repos:
        post = await repos.posts.get(1)
    assert post is not None and post.file_id and post.expiry_days == 180
    # Moderation is off: the board gets a feed message with a Remove button.
    await bot.deliver()
    feed, photo = fake.messages_to(BOARD_CHAT_ID)[-2:]
    assert "Cursos de cocina ecológica" in feed.text
    assert feed.button_texts == ["🚫 Retirar con motivo"]
    # ...and sees the photo right below it (issue 9 item 10).
    assert photo.photo is not None and "Cursos de cocina ecológica" in photo.text


@pytest.mark.parametrize(("labels", "lang"), LANGS)
async def test_need_with_date_and_comarca(
    bot: BotHarness, fake: FakeTelegram, labels: Labels, lang: str
) -> None:
    bob = fake.user("bob", language_code=lang)
    await member(bot, bob, "Green Bakers")
    await bob.send("/post")
    await bob.press(labels.need)
    await bob.press(labels.sector)
    await bob.send("Van for the fair")
    await bob.send("Two days in March.")
    await bob.press({"es": "Una comarca", "en": "A comarca"}[lang])
    await bob.press("El Bierzo")
    await bob.send("yesterday")
    assert {"es": "dd/mm/aaaa", "en": "dd/mm/yyyy"}[lang] in bob.messages()[-2].text
    await bob.send("01/11/2026")
    assert {"es": "ya ha pasado", "en": "already past"}[lang] in bob.messages()[-2].text
    await bob.send("15/03/2027")
    await bob.press(labels.skip)
    await bob.press(labels.days90)
    preview = bob.last_text()
    assert "15/03/2027" in preview and "El Bierzo" in preview
    await bob.press(labels.publish)
    async with bot.store.read() as repos:
        post = await repos.posts.get(1)
    assert post is not None and post.place.comarca == "bierzo" and not post.urgent
    assert post.needed_by is not None and post.needed_by.isoformat() == "2027-03-15"


async def test_typed_municipality_with_a_typo(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(ES.offer)
    await alice.press(ES.sector)
    await alice.send("Pan")
    await alice.send("Pan de leña")
    await alice.press(ES.another_town)
    await alice.send("ponferada")
    assert "¿Es alguno de estos?" in alice.last_text()
    await alice.press("Ponferrada")
    assert "Condiciones o precio" in alice.last_text()


async def test_typing_a_town_at_the_where_step(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(ES.need)
    await alice.press(ES.sector)
    await alice.send("Local")
    await alice.send("Un local pequeño")
    await alice.send("la bañeza")
    assert "¿Para cuándo" in alice.last_text()
    await alice.press(ES.no_date)
    await alice.press(ES.skip)
    await alice.press(ES.days90)
    assert "La Bañeza" in alice.last_text()


async def test_overlong_title_then_a_good_one(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(EN.offer)
    await alice.press(EN.sector)
    await alice.send("x" * 81)
    assert "81 characters, and the maximum is 80" in alice.messages()[-2].text
    assert "short title" in alice.last_text()
    await alice.send("y" * 80)
    assert "Describe what you offer" in alice.last_text()
    await alice.send("d" * 1001)
    assert "1001 characters, and the maximum is 1000" in alice.messages()[-2].text


async def test_wrong_input_types(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.send("una oferta")  # text where buttons are expected
    assert "Usa los botones" in alice.messages()[-2].text
    await alice.press(ES.offer)
    await alice.press(ES.sector)
    await alice.send_photo()  # a photo where the title is expected
    assert "espero un texto" in alice.messages()[-2].text
    await alice.send_sticker()
    assert "espero un texto" in alice.messages()[-2].text
    await alice.send("Cursos")
    await alice.send("Cursos de cocina")
    await alice.press(ES.online)
    await alice.press(ES.skip)
    await alice.press(ES.skip)
    await alice.send("no tengo foto")  # text where a file is expected
    assert "una foto o un PDF" in alice.messages()[-2].text
    await alice.send_document("notes.txt", b"hello", "text/plain")
    assert "Solo puedo adjuntar una foto o un PDF" in alice.messages()[-2].text
    big = {
        "file_id": "big",
        "file_unique_id": "big",
        "file_name": "big.pdf",
        "mime_type": "application/pdf",
        "file_size": 11 * 1024 * 1024,
    }
    await alice.send_raw({"document": big})
    assert "demasiado grande" in alice.messages()[-2].text
    await alice.send_document()
    await alice.press(ES.days90)
    # The PDF comes right after the preview, which says so; the PDF names the post it is of.
    preview, pdf = alice.messages()[-2:]
    assert "PDF adjunto justo debajo" in preview.text
    assert pdf.document is not None and "Cursos" in pdf.text
    assert alice.last_message().buttons == [] and preview.button_texts[0] == ES.publish
    # Nothing typed earlier was lost along the way.
    assert "Cursos de cocina" in preview.text and ES.online in preview.text


async def test_cancel_leaves_nothing(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(EN.offer)
    await alice.send("/cancel")
    assert "Cancelled. Nothing was published" in alice.last_text()
    await alice.send("Some title")
    assert "post" not in alice.last_text().lower() or "/menu" in alice.last_text()
    assert await listed(bot) == []


async def test_cancel_button(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press("Cancelar")
    assert "Cancelado" in alice.last_text()


async def test_restart_mid_flow_resumes(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    await alice.press(ES.offer)
    await alice.press(ES.sector)
    await alice.send("Cursos de cocina")
    await bot.restart()
    await alice.send("Los sábados")
    assert "¿Dónde?" in alice.last_text()
    await bot.restart()
    await alice.send("/post")  # /post again picks up the draft
    assert "a medias" in alice.messages()[-2].text
    await alice.press(ES.online)
    await alice.press(ES.skip)
    await alice.press(ES.skip)
    await alice.press(ES.skip)
    await alice.press(ES.days90)
    await alice.press(ES.publish)
    assert await listed(bot) == ["Cursos de cocina"]


async def test_stale_buttons(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post")
    kind_message = alice.last_message()
    need = next(data for row in kind_message.buttons for text, data in row if text == ES.need)
    await alice.press(ES.offer)
    assert (
        fake.message(alice.id, kind_message.message_id).buttons == []
    )  # answered: its buttons are gone from the screen
    assert need is not None
    await alice.press_data(need, message=kind_message)  # pressed anyway (an old client)
    assert "caducado" in answer(alice)
    await alice.press_data("v1:pc:sector:no_such_sector")
    assert "caducado" in answer(alice)
    await alice.press(ES.sector)
    await alice.press_data("v1:pc:expiry:45")  # forged at the wrong step
    assert "caducado" in answer(alice)
    assert "título" in alice.last_text()
    await alice.send("/cancel")
    await post_offer(alice, ES, "Uno", "Dos", where=ES.online)
    preview = alice.messages()[-2]
    await alice.press(ES.publish, message=preview)  # the used Publish button
    assert "caducado" in answer(alice)
    assert len(await listed(bot)) == 1


async def test_non_members_cannot_post(bot: BotHarness, fake: FakeTelegram) -> None:
    stranger = fake.user("stranger")
    await stranger.send("/post")
    assert "solo para entidades socias" in stranger.last_text()
    await stranger.press_data("v1:post:new")
    assert "solo para entidades socias" in answer(stranger)
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await alice.send("/post", chat=BOARD_CHAT_ID)
    assert all("¿Qué quieres publicar?" not in m.text for m in fake.messages_to(BOARD_CHAT_ID))


async def test_daily_quota_is_explained(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    async with running_bot(tmp_path, fake, clock, posts_per_day=2) as bot:
        alice = fake.user("alice", language_code="en")
        await member(bot, alice, "Cocina Viva")
        for title in ("One", "Two"):
            await post_offer(alice, EN, title, "Text", where=EN.online)
        await alice.send("/post")
        assert "already posted 2 times in the last 24 hours" in alice.last_text()
        clock.advance(hours=25)
        await alice.send("/post")
        assert "What do you want to post?" in alice.last_text()


async def test_active_cap_keeps_the_draft(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    async with running_bot(tmp_path, fake, clock, max_active_posts=1) as bot:
        alice = fake.user("alice")
        await member(bot, alice, "Cocina Viva")
        await alice.send("/post")  # allowed now: no post yet
        await alice.press(ES.offer)
        await alice.press(ES.sector)
        await alice.send("Second")
        await alice.send("Text")
        await alice.press(ES.online)
        for _ in range(3):
            await alice.press(ES.skip)
        await alice.press(ES.days90)
        first = await _direct_post(bot, alice.id)  # meanwhile another post went live
        await alice.press(ES.publish)
        assert "Ya tienes 1 anuncio activo" in alice.last_text()
        assert "sigue guardado" in alice.last_text()
        assert await listed(bot) == ["First"]
        async with bot.store.write() as repos:
            await repos.posts.close(first, CloseReason.WITHDRAWN, now=clock())
        await alice.press(ES.publish, message=alice.messages()[-2])  # the same preview
        assert "¡Publicado!" in alice.last_text()
        assert await listed(bot) == ["Second"]


async def _direct_post(bot: BotHarness, author_id: int) -> int:
    draft = PostDraft(
        kind=PostKind.OFFER,
        sector="education",
        title="First",
        description="Text",
        place=Place(kind=PlaceKind.ONLINE),
    )
    async with bot.store.write() as repos:
        found = await repos.members.member(author_id)
        assert found is not None
        post = await repos.posts.create(
            draft,
            author_id=author_id,
            entity_id=found.entity_id,
            status=PostStatus.ACTIVE,
            now=bot.clock(),
        )
    return post.id
