"""The board and posts: moderation on and off, reasons, /posts, removal and the channel."""

from pathlib import Path

import pytest

from tests.fakes import FakeTelegram, FakeUser
from tests.flows.posts_world import (
    EN,
    ES,
    Labels,
    answer,
    board_admin,
    member,
    network_file,
    post_offer,
    running_bot,
)
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock, make_settings

CHANNEL_ID = -1009876543210


async def listed_titles(bot: BotHarness) -> list[str]:
    from bot.domain.posts import ListingFilter

    async with bot.store.read() as repos:
        posts = await repos.posts.listing(ListingFilter(), now=bot.clock(), limit=50, offset=0)
    return [post.title for post in posts]


def board_texts(fake: FakeTelegram) -> list[str]:
    return [m.text for m in fake.messages_to(BOARD_CHAT_ID)]


async def test_nothing_is_listed_before_approval(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    async with running_bot(tmp_path, fake, clock, moderate_posts=True) as bot:
        admin, other_admin = board_admin(fake), board_admin(fake, "junta_luis")
        alice, bob = fake.user("alice"), fake.user("bob", language_code="en")
        await member(bot, alice, "Cocina Viva")
        await member(bot, bob, "Green Bakers")
        await post_offer(alice, ES, "Cursos de cocina", "Los sábados.", where=ES.online)
        assert "Enviado a la junta" in alice.last_text()
        await bob.send("/offers")
        assert "Cursos de cocina" not in bob.last_text()
        await bob.send("/search cocina")
        assert "Cursos de cocina" not in bob.last_text()
        await bot.deliver()
        review = fake.messages_to(BOARD_CHAT_ID)[-1]
        assert "Anuncio nuevo nº 1 para revisar" in review.text
        assert review.button_texts == ["✅ Aprobar", "❌ Rechazar con motivo"]
        await admin.press("✅ Aprobar", chat=BOARD_CHAT_ID)
        card = fake.message(BOARD_CHAT_ID, review.message_id)
        assert "publicado" in card.text and "Ana" in card.text and card.button_texts == []
        await other_admin.press_data("v1:pmod:approve:1", chat=BOARD_CHAT_ID)
        assert "ya está" in answer(other_admin)
        assert await listed_titles(bot) == ["Cursos de cocina"]
        await bot.deliver()
        assert "La junta ha publicado tu anuncio «Cursos de cocina»" in alice.last_text()
        async with bot.store.read() as repos:
            audit = await repos.audit.recent(subject="post:1")
        assert [entry.action for entry in audit] == ["post.approve"]


@pytest.mark.parametrize(
    ("labels", "lang", "told"),
    [
        pytest.param(ES, "es", "Motivo: Falta el precio", id="es"),
        pytest.param(EN, "en", "Reason: Falta el precio", id="en"),
    ],
)
async def test_rejection_tells_the_reason(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, labels: Labels, lang: str, told: str
) -> None:
    async with running_bot(tmp_path, fake, clock, moderate_posts=True) as bot:
        admin = board_admin(fake)
        alice = fake.user("alice", language_code=lang)
        await member(bot, alice, "Cocina Viva")
        await post_offer(alice, labels, "Cursos", "Los sábados.", where=labels.online)
        await bot.deliver()
        review = fake.messages_to(BOARD_CHAT_ID)[-1]
        await admin.press("❌ Rechazar con motivo", chat=BOARD_CHAT_ID)
        prompt = fake.messages_to(BOARD_CHAT_ID)[-1]
        assert "responde a este mensaje con el motivo" in prompt.text
        assert "quien lo publicó" in prompt.text
        await admin.send_photo(chat=BOARD_CHAT_ID, reply_to=prompt)
        prompt = fake.messages_to(BOARD_CHAT_ID)[-1]
        assert "con el motivo escrito como texto" in prompt.text
        await admin.reply_to(prompt, "x" * 501)
        prompt = fake.messages_to(BOARD_CHAT_ID)[-1]
        assert "(este tiene 501)" in prompt.text
        await admin.reply_to(prompt, "Falta el precio")
        assert "Hecho: «Cursos»" in board_texts(fake)[-1]
        card = fake.message(BOARD_CHAT_ID, review.message_id).text
        assert "rechazado" in card and "Motivo: Falta el precio" in card
        await bot.deliver()
        assert told in alice.last_text()
        assert await listed_titles(bot) == []
        await alice.send("/myposts")
        assert "No tienes" in alice.last_text() or "no open posts" in alice.last_text()
        async with bot.store.read() as repos:
            audit = await repos.audit.recent(subject="post:1")
        assert audit[0].action == "post.reject" and audit[0].details["reason"] == "Falta el precio"


async def test_reason_cancel_keeps_the_post_pending(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    async with running_bot(tmp_path, fake, clock, moderate_posts=True) as bot:
        admin = board_admin(fake)
        alice = fake.user("alice")
        await member(bot, alice, "Cocina Viva")
        await post_offer(alice, ES, "Cursos", "Los sábados.", where=ES.online)
        await bot.deliver()
        await admin.press("❌ Rechazar con motivo", chat=BOARD_CHAT_ID)
        await bot.restart()
        await admin.send("/cancel", chat=BOARD_CHAT_ID)
        assert "sigue como estaba" in board_texts(fake)[-1]
        async with bot.store.read() as repos:
            post = await repos.posts.get(1)
        assert post is not None and post.status.value == "pending"


async def test_only_current_board_members_decide(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    async with running_bot(tmp_path, fake, clock, moderate_posts=True) as bot:
        alice = fake.user("alice", language_code="en")
        await member(bot, alice, "Cocina Viva")
        await post_offer(alice, EN, "Courses", "Saturdays.", where=EN.online)
        await bot.deliver()
        outsider = fake.user("outsider", language_code="en")
        fake.set_member(BOARD_CHAT_ID, outsider, "left")
        await outsider.press_data("v1:pmod:approve:1", chat=BOARD_CHAT_ID)
        assert outsider.last_callback_answer is not None
        assert outsider.last_callback_answer.show_alert
        await alice.press_data("v1:pmod:approve:1")  # in a private chat
        assert alice.last_callback_answer is not None and alice.last_callback_answer.show_alert
        await alice.send("/posts")
        assert "Courses" not in alice.last_text()
        assert await listed_titles(bot) == []


async def test_board_removes_a_published_post(bot: BotHarness, fake: FakeTelegram) -> None:
    admin = board_admin(fake)
    alice, bob = fake.user("alice"), fake.user("bob", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    await post_offer(alice, ES, "Cursos", "Los sábados.", where=ES.online)
    await bob.send("/offers")
    listing = bob.last_message()
    await bot.deliver()
    feed = fake.messages_to(BOARD_CHAT_ID)[-1]
    await admin.press("🚫 Retirar con motivo", chat=BOARD_CHAT_ID)
    await admin.reply_to(fake.messages_to(BOARD_CHAT_ID)[-1], "Publicidad engañosa")
    card = fake.message(BOARD_CHAT_ID, feed.message_id).text
    assert "retirado por la junta" in card and "Motivo: Publicidad engañosa" in card
    await bot.deliver()
    assert "ha retirado tu anuncio «Cursos»" in alice.last_text()
    assert "Publicidad engañosa" in alice.last_text()
    assert await listed_titles(bot) == []
    await bob.press("1", message=listing)  # a stale button on the removed post
    assert bob.last_callback_answer is not None
    assert bob.last_callback_answer.text == "This post is no longer available."
    async with bot.store.read() as repos:
        audit = await repos.audit.recent(subject="post:1")
    assert audit[0].action == "post.remove" and audit[0].actor_name.startswith("Ana")


async def test_posts_command(tmp_path: Path, fake: FakeTelegram, clock: FakeClock) -> None:
    async with running_bot(tmp_path, fake, clock, moderate_posts=True) as bot:
        admin = board_admin(fake)
        alice = fake.user("alice")
        await member(bot, alice, "Cocina Viva")
        await post_offer(alice, ES, "Pendiente", "Texto", where=ES.online)
        await post_offer(alice, ES, "Aprobado", "Texto", where=ES.online)
        await bot.deliver()
        await admin.press_data("v1:pmod:approve:2", chat=BOARD_CHAT_ID)
        await admin.send("/posts", chat=BOARD_CHAT_ID)
        texts = board_texts(fake)
        assert any("pendientes de revisión:</b> 1" in t or "revisión: 1" in t for t in texts[-4:])
        assert any("Pendiente" in t and "para revisar" in t for t in texts[-3:])
        assert "nº 2 · Aprobado — Cocina Viva" in texts[-1]
        await admin.press("🚫 Retirar nº 2", chat=BOARD_CHAT_ID)
        await admin.reply_to(fake.messages_to(BOARD_CHAT_ID)[-1], "Duplicado")
        assert await listed_titles(bot) == []


async def test_announce_channel_gets_listed_offers(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    fake.channel("Anuncios", chat_id=CHANNEL_ID)
    async with running_bot(tmp_path, fake, clock, announce_channel=str(CHANNEL_ID)) as bot:
        alice, hidden = fake.user("alice"), fake.user("hidden")
        await member(bot, alice, "Cocina Viva")
        await member(bot, hidden, "Cocina Secreta", listed=False)
        await post_offer(alice, ES, "Cursos de cocina", "Los sábados.", where=ES.online)
        await post_offer(hidden, ES, "Hornos", "Leña.", where=ES.online)
        await _need(alice)
        await bot.deliver()
        channel = [m.text for m in fake.messages_to(CHANNEL_ID)]
        assert len(channel) == 1
        assert "Cursos de cocina" in channel[0] and "Cocina Viva" in channel[0]
        assert "Hornos" not in channel[0]


async def _need(user: FakeUser) -> None:
    await user.send("/post")
    await user.press(ES.need)
    await user.press(ES.sector)
    await user.send("Necesito furgoneta")
    await user.send("Para la feria")
    await user.press(ES.online)
    await user.press(ES.urgent)
    await user.press(ES.skip)
    await user.press(ES.days90)
    await user.press(ES.publish)


async def test_a_rejected_post_does_not_count_for_the_daily_quota(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    async with running_bot(tmp_path, fake, clock, moderate_posts=True, posts_per_day=1) as bot:
        admin = board_admin(fake)
        alice = fake.user("alice", language_code="en")
        await member(bot, alice, "Cocina Viva")
        await post_offer(alice, EN, "Courses", "Saturdays.", where=EN.online)
        await bot.deliver()
        await admin.press("❌ Rechazar con motivo", chat=BOARD_CHAT_ID)
        await admin.reply_to(fake.messages_to(BOARD_CHAT_ID)[-1], "Falta el precio")
        await alice.send("/post")  # fixing it and posting again is not a second post today
        assert "What do you want to post?" in alice.last_text()
        await alice.send("/cancel")
        await post_offer(alice, EN, "Courses", "Saturdays, 20 € each.", where=EN.online)
        await alice.send("/post")
        assert "already posted once in the last 24 hours" in alice.last_text()


@pytest.mark.parametrize("language", ["es", "en"])
async def test_the_board_reviews_a_post_with_its_pdf(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, language: str
) -> None:
    labels = EN if language == "en" else ES
    settings = make_settings(
        tmp_path,
        default_locale=language,
        network_config=network_file(tmp_path, moderate_posts=True),
    )
    bot = BotHarness(fake=fake, clock=clock, settings=settings)
    await bot.start()
    try:
        admin = board_admin(fake)
        alice = fake.user("alice", language_code=language)
        await member(bot, alice, "Cocina Viva")
        await alice.send("/post")
        await alice.press(labels.offer)
        await alice.press(labels.sector)
        await alice.send("Catálogo de quesos")
        await alice.send("Precios para tiendas.")
        await alice.press(labels.online)
        await alice.press(labels.skip)  # conditions
        await alice.press(labels.skip)  # discount
        await alice.send_document("catalogo.pdf")
        await alice.press(labels.days90)
        await alice.press(labels.publish)
        await bot.deliver()
        review, pdf = fake.messages_to(BOARD_CHAT_ID)[-2:]
        assert {"es": "para revisar", "en": "to review"}[language] in review.text
        assert pdf.document is not None and "Catálogo de quesos" in pdf.text
        await admin.press(review.button_texts[0], chat=BOARD_CHAT_ID, message=review)
        assert await listed_titles(bot) == ["Catálogo de quesos"]
    finally:
        await bot.stop()
