"""My posts: pause, resume, extend, edit, close (with a collaboration) and expiry warnings."""

from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.posts import ListingFilter, PostStatus
from tests.fakes import FakeTelegram, FakeUser
from tests.flows.posts_world import (
    EN,
    ES,
    Labels,
    answer,
    board_admin,
    member,
    post_offer,
    running_bot,
)
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock


async def listed(bot: BotHarness) -> list[str]:
    async with bot.store.read() as repos:
        posts = await repos.posts.listing(ListingFilter(), now=bot.clock(), limit=50, offset=0)
    return [post.title for post in posts]


async def status(bot: BotHarness, post_id: int = 1) -> PostStatus:
    async with bot.store.read() as repos:
        post = await repos.posts.get(post_id)
    assert post is not None
    return post.status


async def open_mine(user: FakeUser) -> None:
    await user.send("/myposts")
    await user.press("1")


@pytest.mark.parametrize(
    ("labels", "lang", "words"),
    [
        pytest.param(ES, "es", ("⏸ Pausar", "▶️ Reanudar", "180 días", "hasta el"), id="es"),
        pytest.param(EN, "en", ("⏸ Pause", "▶️ Resume", "180 days", "until"), id="en"),
    ],
)
async def test_pause_resume_extend(
    bot: BotHarness, fake: FakeTelegram, labels: Labels, lang: str, words: tuple[str, ...]
) -> None:
    pause, resume, days180, until = words
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await post_offer(alice, labels, "Cursos", "Los sábados.", where=labels.online)
    await open_mine(alice)
    assert "Cursos" in alice.last_text()
    assert alice.last_message().button_texts[0].startswith("✏️")
    await alice.press(pause)
    assert await listed(bot) == []
    await alice.press(pause, message=alice.messages()[-2])  # pressed twice
    assert alice.last_callback_answer is not None and alice.last_callback_answer.show_alert
    await alice.press(resume)
    assert await listed(bot) == ["Cursos"]
    await alice.press(labels.extend)
    await alice.press(days180)
    assert until in alice.last_text() and "2027" in alice.last_text()


async def test_edit_one_field(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await post_offer(alice, ES, "Cursos", "Los sábados.", where=ES.online)
    await open_mine(alice)
    await alice.press("✏️ Editar")
    await alice.press("Título")
    assert "Ahora mismo: Cursos" in alice.last_text()
    await alice.send("Talleres de pan")
    assert "Talleres de pan" in alice.last_text() and "Los sábados." in alice.last_text()
    await alice.press("✅ Guardar cambios")
    assert "Cambios guardados" in alice.last_text()
    assert await listed(bot) == ["Talleres de pan"]
    await alice.send("/search talleres")
    assert "Talleres de pan" in alice.last_text()
    await open_mine(alice)
    await alice.press("✏️ Editar")
    await alice.press("Necesidad / oferta")
    await alice.press(ES.need)
    await alice.press(ES.urgent)
    assert "Urgente" in alice.last_text()
    await alice.send("/cancel")
    async with bot.store.read() as repos:
        post = await repos.posts.get(1)
    assert post is not None and post.kind.value == "offer"  # cancelled: unchanged


async def test_edit_under_moderation_goes_back_to_review(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    async with running_bot(tmp_path, fake, clock, moderate_posts=True) as bot:
        admin = board_admin(fake)
        alice = fake.user("alice", language_code="en")
        await member(bot, alice, "Cocina Viva")
        await post_offer(alice, EN, "Courses", "Saturdays.", where=EN.online)
        await bot.deliver()
        await admin.press("✅ Aprobar", chat=BOARD_CHAT_ID)
        assert await listed(bot) == ["Courses"]
        await open_mine(alice)
        await alice.press("✏️ Edit")
        await alice.press("Description")
        await alice.send("Saturdays and Sundays.")
        await alice.press("✅ Save changes")
        assert "review the post again" in alice.last_text()
        assert await listed(bot) == []
        await bot.deliver()
        assert "Saturdays and Sundays." in fake.messages_to(BOARD_CHAT_ID)[-1].text


async def test_close_as_withdrawn(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await post_offer(alice, EN, "Courses", "Saturdays.", where=EN.online)
    await open_mine(alice)
    await alice.press(EN.close)
    await alice.press("I withdraw it")
    assert "no longer shows up" in alice.last_text()
    assert await status(bot) is PostStatus.CLOSED
    await alice.press("I withdraw it", message=alice.messages()[-2])
    assert "expired" in answer(alice)


async def test_fulfilled_with_a_member_who_wrote(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = fake.user("alice"), fake.user("bob", language_code="en")
    await member(bot, alice, "Cocina Viva")
    bakers = await member(bot, bob, "Green Bakers")
    await post_offer(alice, ES, "Cursos", "Los sábados.", where=ES.online)
    await bob.send("/offers")
    await bob.press("1")
    await bob.press(EN.contact)
    await bob.send("Interested!")
    await open_mine(alice)
    await alice.press(ES.close)
    await alice.press("Se ha resuelto")
    assert "Cerrado como resuelto" in alice.last_text()
    assert await status(bot) is PostStatus.CLOSED  # closed at once, whatever comes next
    await alice.press("Green Bakers")
    assert "colaboración con Green Bakers" in alice.last_text()
    async with bot.store.read() as repos:
        collaborations = await repos.contacts.collaborations_of(bakers)
    assert [(c.post_id, c.partner_entity_id) for c in collaborations] == [(1, bakers)]
    assert await status(bot) is PostStatus.CLOSED


async def test_fulfilled_partner_found_by_name(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = fake.user("alice", language_code="en"), fake.user("bob")
    await member(bot, alice, "Cocina Viva")
    bakers = await member(bot, bob, "Panadería Ñandú")
    await post_offer(alice, EN, "Courses", "Saturdays.", where=EN.online)
    await open_mine(alice)
    await alice.press(EN.close)
    await alice.press("It's been fulfilled")
    assert "Type its name" in alice.last_text()
    assert alice.last_message().button_texts == ["I'd rather not say"]
    await alice.send_photo()
    assert "Type the name" in alice.last_text()
    await bot.restart()
    await alice.send("Cocina")  # one's own entity is not a partner
    assert "can't find a member organisation" in alice.last_text()
    await alice.send("panaderia")
    await alice.press("Panadería Ñandú")
    assert "collaboration with Panadería Ñandú" in alice.last_text()
    async with bot.store.read() as repos:
        assert len(await repos.contacts.collaborations_of(bakers)) == 1


async def test_fulfilled_without_saying_with_whom(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await post_offer(alice, ES, "Cursos", "Los sábados.", where=ES.online)
    await open_mine(alice)
    await alice.press(ES.close)
    await alice.press("Se ha resuelto")
    await alice.press("Prefiero no decirlo")
    assert "Nos alegra" in alice.last_text()
    assert await status(bot) is PostStatus.CLOSED
    async with bot.store.read() as repos:
        post = await repos.posts.get(1)
    assert post is not None and post.close_reason is not None
    assert post.close_reason.value == "fulfilled"


async def test_expiry_warning_once_then_extend(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await post_offer(alice, EN, "Courses", "Saturdays.", where=EN.online)
    await bot.deliver()
    bot.clock.advance(days=82)
    await bot.run_scans()
    await bot.deliver()
    assert "expires on" not in alice.last_text()
    bot.clock.advance(days=1, minutes=1)
    await bot.run_scans()
    await bot.deliver()
    warning = alice.last_message()
    assert 'Your post "Courses" expires on 25/02/2027' in warning.text
    assert warning.button_texts == [EN.extend, EN.close]
    for _ in range(3):
        await bot.run_scans()
        await bot.deliver()
    assert sum("expires on" in text for text in alice.texts()) == 1
    await alice.press(EN.extend)
    await alice.press("90 days")
    assert "Extended" in alice.last_text()
    bot.clock.advance(days=10)
    await bot.run_scans()
    assert await listed(bot) == ["Courses"]


async def test_posts_expire_and_come_back(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await post_offer(alice, ES, "Cursos", "Los sábados.", where=ES.online)
    bot.clock.advance(days=91)
    assert await listed(bot) == []
    await bot.run_scans()
    assert await status(bot) is PostStatus.EXPIRED
    await bot.deliver()
    assert not any("caduca el" in text for text in alice.texts())  # too late to warn
    await open_mine(alice)
    assert "caducado" in alice.last_text()
    assert alice.last_message().button_texts == [ES.extend, ES.close]
    await alice.press(ES.extend)
    await alice.press("30 días")
    assert await listed(bot) == ["Cursos"]


async def test_other_members_cannot_touch_my_posts(bot: BotHarness, fake: FakeTelegram) -> None:
    alice, bob = fake.user("alice"), fake.user("bob", language_code="en")
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    await post_offer(alice, ES, "Cursos", "Los sábados.", where=ES.online)
    await bob.send("/myposts")
    assert "no open posts" in bob.last_text()
    for data in (
        "v1:mine:pause:1",
        "v1:mine:close:1",
        "v1:mine:extend:1:90",
        "v1:pc:edit:1:title",
        "v1:mine:partner:1:2",
    ):
        await bob.press_data(data)
        assert "expired" in answer(bob), data
    assert await listed(bot) == ["Cursos"]


@pytest.mark.parametrize(
    ("labels", "lang", "days30", "told"),
    [
        pytest.param(
            ES, "es", "30 días", "Ampliado 30 días más: publicado hasta el 27/03", id="es"
        ),
        pytest.param(
            EN, "en", "30 days", "Extended by 30 more days: published until 27/03", id="en"
        ),
    ],
)
async def test_extend_adds_days_to_the_current_end(
    bot: BotHarness, fake: FakeTelegram, labels: Labels, lang: str, days30: str, told: str
) -> None:
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await post_offer(alice, labels, "Cursos", "Los sábados.", where=labels.online)
    published = bot.clock()
    bot.clock.advance(days=10)
    await open_mine(alice)
    await alice.press(labels.extend)
    await alice.press(days30)
    assert told in alice.last_text() and "/2027" in alice.last_text()
    async with bot.store.read() as repos:
        post = await repos.posts.get(1)
    assert post is not None and post.expires_at == published + timedelta(days=90 + 30)


async def test_an_expired_post_is_extended_from_now(bot: BotHarness, fake: FakeTelegram) -> None:
    alice = fake.user("alice")
    await member(bot, alice, "Cocina Viva")
    await post_offer(alice, ES, "Cursos", "Los sábados.", where=ES.online)
    bot.clock.advance(days=100)
    await bot.run_scans()
    await open_mine(alice)
    await alice.press(ES.extend)
    await alice.press("30 días")
    async with bot.store.read() as repos:
        post = await repos.posts.get(1)
    assert post is not None and post.expires_at == bot.clock() + timedelta(days=30)
    assert await listed(bot) == ["Cursos"]


@pytest.mark.parametrize(
    ("labels", "lang", "resolved", "pick"),
    [
        pytest.param(ES, "es", "Se ha resuelto", "¿Es alguna de estas?", id="es"),
        pytest.param(EN, "en", "It's been fulfilled", "Is it one of these?", id="en"),
    ],
)
async def test_partner_typed_at_once_with_typos(
    bot: BotHarness, fake: FakeTelegram, labels: Labels, lang: str, resolved: str, pick: str
) -> None:
    alice, bob = fake.user("alice", language_code=lang), fake.user("bob")
    await member(bot, alice, "Cocina Viva")
    bakers = await member(bot, bob, "Green Bakers")
    await post_offer(alice, labels, "Cursos", "Los sábados.", where=labels.online)
    await open_mine(alice)
    await alice.press(labels.close)
    await alice.press(resolved)
    await alice.send("Grean Bakrs")  # typed right away, two typos
    assert pick in alice.last_text()
    assert alice.last_message().button_texts[0] == "Green Bakers"
    await alice.press("Green Bakers")
    async with bot.store.read() as repos:
        assert [c.partner_entity_id for c in await repos.contacts.collaborations_of(bakers)] == [
            bakers
        ]
    await alice.send("Green Bakers")  # answered: nothing is waiting any more
    assert {"es": "No estaba esperando", "en": "wasn't expecting"}[lang] in alice.last_text()


@pytest.mark.parametrize(
    ("labels", "lang", "resolved", "closed", "kept"),
    [
        pytest.param(
            ES, "es", "Se ha resuelto", "queda cerrado igualmente", "sigue cerrado", id="es"
        ),
        pytest.param(
            EN, "en", "It's been fulfilled", "stays closed either way", "stays closed", id="en"
        ),
    ],
)
async def test_walking_away_from_the_partner_question_leaves_it_closed(
    bot: BotHarness,
    fake: FakeTelegram,
    labels: Labels,
    lang: str,
    resolved: str,
    closed: str,
    kept: str,
) -> None:
    alice = fake.user("alice", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await post_offer(alice, labels, "Cursos", "Los sábados.", where=labels.online)
    await post_offer(alice, labels, "Talleres", "Los domingos.", where=labels.online)
    await alice.send("/myposts")
    await alice.press("2")  # "Cursos", the older one
    await alice.press(labels.close)
    await alice.press(resolved)
    assert closed in alice.last_text()
    await alice.send("/offers")  # walks away: the post does not stay published
    assert await listed(bot) == ["Talleres"]
    assert await status(bot, 1) is PostStatus.CLOSED
    await alice.send("/myposts")
    await alice.press("1")
    await alice.press(labels.close)
    await alice.press(resolved)
    await alice.send("/cancel")
    assert kept in alice.last_text()
    assert await listed(bot) == []
