"""Only a reply to the bot's prompt rejects or removes a post; other chatter is ignored."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.members import EntityStatus
from tests.fakes import FakeMessage, FakeTelegram, FakeUser
from tests.flows.board_world import BOARD, applicant, apply_and_notify, board_member, entity_status
from tests.flows.posts_world import EN, ES, member, network_file, post_offer
from tests.harness import BotHarness, FakeClock, make_settings

# What the board sees in its own language.
WORDS = {
    "es": {
        "prompt": "responde a este mensaje",
        "others": "Los demás mensajes del grupo no cuentan",
        "again": "Responde a este mensaje",
        "done": "Hecho: «Cursos»",
        "removed": "retirado por la junta",
        "rejected": "rechazado",
        "cancelled": "sigue como estaba",
        "closed": "Esa pregunta ya no está abierta",
    },
    "en": {
        "prompt": "reply to this message",
        "others": "Other messages in the group do not count",
        "again": "Reply to this message",
        "done": 'Done: "Cursos"',
        "removed": "removed by the board",
        "rejected": "rejected",
        "cancelled": "stays as it was",
        "closed": "That question is no longer open",
    },
}


async def start(tmp_path: Path, fake: FakeTelegram, clock: FakeClock, **kw: object) -> BotHarness:
    """A bot whose board works in kw's default_locale, with the network's posts settings."""
    locale = str(kw.pop("default_locale", "es"))
    settings = make_settings(
        tmp_path, default_locale=locale, network_config=network_file(tmp_path, **kw)
    )
    harness = BotHarness(fake=fake, clock=clock, settings=settings)
    await harness.start()
    return harness


@pytest.fixture(params=["es", "en"])
async def board_bot(
    request: pytest.FixtureRequest, tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> AsyncIterator[tuple[BotHarness, str]]:
    """Posts published without review, the board working in Spanish, then in English."""
    language = str(request.param)
    harness = await start(tmp_path, fake, clock, default_locale=language)
    yield harness, language
    await harness.stop()


@pytest.fixture(params=["es", "en"])
async def moderated_bot(
    request: pytest.FixtureRequest, tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> AsyncIterator[tuple[BotHarness, str]]:
    """Posts reviewed by the board, which works in Spanish, then in English."""
    language = str(request.param)
    harness = await start(tmp_path, fake, clock, default_locale=language, moderate_posts=True)
    yield harness, language
    await harness.stop()


async def published(
    bot: BotHarness, fake: FakeTelegram, title: str = "Cursos", author: FakeUser | None = None
) -> FakeMessage:
    """The author's entity posts an offer; return the board's card (the feed or the review)."""
    author = author or fake.user("alice", language_code="es")
    await member(bot, author, f"Cocina de {author.first_name}")
    labels = EN if author.language_code == "en" else ES
    await post_offer(author, labels, title, "Los sábados.", where=labels.online)
    await bot.deliver()
    return fake.messages_to(BOARD)[-1]


async def post_status(bot: BotHarness, post_id: int = 1) -> str:
    async with bot.store.read() as repos:
        post = await repos.posts.get(post_id)
    assert post is not None
    return post.status.value


def last_prompt(fake: FakeTelegram) -> FakeMessage:
    prompt = fake.messages_to(BOARD)[-1]
    assert prompt.reply_markup is not None and prompt.reply_markup.get("force_reply")
    return prompt


async def test_chatter_after_pressing_remove_is_not_the_reason(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram
) -> None:
    bot, language = board_bot
    words = WORDS[language]
    ana = board_member(fake, "ana", "Ana")
    bea = board_member(fake, "bea", "Bea")
    alice = fake.user("alice", language_code=language)
    card = await published(bot, fake, author=alice)

    await ana.press_data("v1:pmod:remove:1", chat=BOARD, message=card)
    ana_prompt = last_prompt(fake)
    assert words["prompt"] in ana_prompt.text and words["others"] in ana_prompt.text
    assert "/cancel" in ana_prompt.text and "Cursos" in ana_prompt.text
    await bea.press_data("v1:pmod:remove:1", chat=BOARD, message=card)
    bea_prompt = last_prompt(fake)
    posted = len(fake.messages_to(BOARD))

    await bea.send("pues a mí me parece bien", chat=BOARD)
    await ana.send("vale, lo dejamos", chat=BOARD)
    await bea.reply_to(ana_prompt, "Yo no")  # Ana's prompt: not Bea's reason
    await ana.reply_to(bea_prompt, "Ni yo")  # nor Ana's
    await ana.send_photo(chat=BOARD)  # a photo that is not a reply: chatter too
    assert len(fake.messages_to(BOARD)) == posted  # ignored: nothing answered
    assert await post_status(bot) == "active"
    assert await bot.deliver() == 0

    await ana.reply_to(ana_prompt, "Publicidad engañosa")
    assert words["done"] in fake.messages_to(BOARD)[-1].text
    assert words["removed"] in fake.message(BOARD, card.message_id).text
    assert await post_status(bot) == "removed"
    assert await bot.deliver() == 1
    assert "Publicidad engañosa" in alice.last_text()
    assert "me parece bien" not in alice.last_text()


async def test_wrong_answers_to_a_rejection_ask_for_a_reply_to_a_new_prompt(
    moderated_bot: tuple[BotHarness, str], fake: FakeTelegram
) -> None:
    bot, language = moderated_bot
    words = WORDS[language]
    ana = board_member(fake, "ana", "Ana")
    card = await published(bot, fake)

    await ana.press_data("v1:pmod:reject:1", chat=BOARD, message=card)
    prompt = last_prompt(fake)
    assert words["prompt"] in prompt.text and words["others"] in prompt.text
    await ana.send_photo(chat=BOARD, reply_to=prompt)
    text_only = last_prompt(fake)
    assert words["again"] in text_only.text and text_only.message_id != prompt.message_id
    await ana.reply_to(text_only, "x" * 501)
    too_long = last_prompt(fake)
    assert words["again"] in too_long.text and "501" in too_long.text
    await ana.send("perdón", chat=BOARD)  # not a reply: ignored
    assert fake.messages_to(BOARD)[-1].message_id == too_long.message_id
    assert await post_status(bot) == "pending"

    await ana.reply_to(too_long, "Falta el precio")
    assert await post_status(bot) == "rejected"
    assert words["rejected"] in fake.message(BOARD, card.message_id).text
    async with bot.store.read() as repos:
        audit = await repos.audit.recent(subject="post:1")
    assert audit[0].details["reason"] == "Falta el precio"


async def test_cancel_leaves_and_a_later_reply_does_nothing(
    board_bot: tuple[BotHarness, str], fake: FakeTelegram
) -> None:
    bot, language = board_bot
    ana = board_member(fake, "ana", "Ana")
    card = await published(bot, fake)

    await ana.press_data("v1:pmod:remove:1", chat=BOARD, message=card)
    prompt = last_prompt(fake)
    await ana.send("/cancel", chat=BOARD)
    assert WORDS[language]["cancelled"] in fake.messages_to(BOARD)[-1].text
    posted = len(fake.messages_to(BOARD))
    late = await ana.reply_to(prompt, "Publicidad engañosa")
    # Not lost without a word: the late reply is told the question is closed.
    assert len(fake.messages_to(BOARD)) == posted + 1
    notice = fake.messages_to(BOARD)[-1]
    assert WORDS[language]["closed"] in notice.text
    assert notice.reply_to_message_id == late["message_id"]
    assert await post_status(bot) == "active"


async def test_the_prompt_survives_a_restart(bot: BotHarness, fake: FakeTelegram) -> None:
    ana = board_member(fake, "ana", "Ana")
    card = await published(bot, fake)

    await ana.press("🚫 Retirar con motivo", chat=BOARD, message=card)
    prompt = last_prompt(fake)
    await bot.restart()
    await ana.send("Un momento, lo miro.", chat=BOARD)
    assert await post_status(bot) == "active"
    await ana.reply_to(prompt, "Duplicado.")
    assert await post_status(bot) == "removed"


async def test_a_reply_to_an_older_prompt_or_another_bot_message_is_ignored(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    ana = board_member(fake, "ana", "Ana")
    first_card = await published(bot, fake, "Primero")
    second_card = await published(bot, fake, "Segundo", fake.user("bob"))

    await ana.press("🚫 Retirar con motivo", chat=BOARD, message=first_card)
    old_prompt = last_prompt(fake)
    await ana.press("🚫 Retirar con motivo", chat=BOARD, message=second_card)  # switches
    prompt = last_prompt(fake)
    await ana.reply_to(old_prompt, "Duplicado.")
    assert WORDS["es"]["closed"] in fake.messages_to(BOARD)[-1].text  # the newest prompt won
    told = fake.messages_to(BOARD)[-1].message_id
    await ana.reply_to(first_card, "Duplicado.")
    assert fake.messages_to(BOARD)[-1].message_id == told  # a card is no prompt: chatter
    assert await post_status(bot, 1) == "active"

    await ana.reply_to(prompt, "Duplicado.")
    assert await post_status(bot, 1) == "active"
    assert await post_status(bot, 2) == "removed"


@pytest.mark.parametrize("post_first", [True, False], ids=["post-first", "application-first"])
async def test_the_newest_prompt_takes_the_reply(
    bot: BotHarness, fake: FakeTelegram, post_first: bool
) -> None:
    ana = board_member(fake, "ana", "Ana")
    card = await published(bot, fake)
    applicant_user = await applicant(fake, "pablo", "es")
    entity_id, application_card = await apply_and_notify(bot, applicant_user)

    async def open_removal() -> FakeMessage:
        await ana.press("🚫 Retirar con motivo", chat=BOARD, message=card)
        return last_prompt(fake)

    async def open_rejection() -> FakeMessage:
        await ana.press_data(f"v1:app:reject:{entity_id}", chat=BOARD, message=application_card)
        return last_prompt(fake)

    if post_first:
        removal_prompt, reject_prompt = await open_removal(), await open_rejection()
    else:
        reject_prompt, removal_prompt = await open_rejection(), await open_removal()
    posted = len(fake.messages_to(BOARD))
    await ana.send("¿Lo vemos mañana?", chat=BOARD)  # neither flow's reason
    assert len(fake.messages_to(BOARD)) == posted
    assert await post_status(bot) == "active"
    assert await entity_status(bot, entity_id) is EntityStatus.PENDING

    # The newest prompt wins: the older one is closed, and a reply to it is told so.
    older, newer = (
        (removal_prompt, reject_prompt) if post_first else (reject_prompt, removal_prompt)
    )
    await ana.reply_to(older, "Fuera de la provincia.")
    assert WORDS["es"]["closed"] in fake.messages_to(BOARD)[-1].text
    assert await post_status(bot) == "active"
    assert await entity_status(bot, entity_id) is EntityStatus.PENDING
    await ana.reply_to(newer, "Publicidad engañosa")
    async with bot.store.read() as repos:
        audit = await repos.audit.recent(subject="post:1")
    if post_first:
        assert await entity_status(bot, entity_id) is EntityStatus.REJECTED
        assert await post_status(bot) == "active" and audit == []
    else:
        assert await post_status(bot) == "removed"
        assert await entity_status(bot, entity_id) is EntityStatus.PENDING
        assert [entry.action for entry in audit] == ["post.remove"]
        assert audit[0].details["reason"] == "Publicidad engañosa"
