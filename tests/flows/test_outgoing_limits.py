"""Every outgoing text fits Telegram's limits once HTML-escaped (issue 9 item 17): a post,
a relayed message or an announcement that grows past 4096 units when escaped ("<" becomes
"&lt;") is shortened with an ellipsis, never cut inside a tag or an escape, and goes out."""

from pathlib import Path

import pytest

from bot.domain.announcements import TEXT_MAX
from bot.domain.limits import CAPTION_LIMIT, ELLIPSIS, TEXT_LIMIT, utf16_length
from bot.domain.posts import CONDITIONS_MAX, DESCRIPTION_MAX, MESSAGE_MAX, TITLE_MAX
from tests.fakes import FakeMessage, FakeTelegram
from tests.fakes._html import parse_html
from tests.flows.board_world import BOARD, board_member
from tests.flows.posts_world import EN, ES, Labels, member
from tests.flows.test_posts_browse import direct
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock, make_settings

LANGS = [pytest.param(ES, "es", id="es"), pytest.param(EN, "en", id="en")]
# What the corpus typed: characters that grow when escaped, and ones of two UTF-16 units.
GROWING = [
    pytest.param("<", id="less-than"),
    pytest.param("&", id="ampersand"),
    pytest.param("<&>", id="mixed"),
    pytest.param("😀<", id="emoji-and-less-than"),
]


def fits(message: FakeMessage, limit: int = TEXT_LIMIT) -> bool:
    """What the bot sent is within limit once escaped, and is Telegram HTML that parses."""
    assert message.source is not None
    parse_html(message.source, strict=True)
    return utf16_length(message.source) <= limit


def long_text(unit: str, limit: int) -> str:
    return (unit * limit)[:limit] if len(unit) == 1 else unit * (limit // len(unit))


@pytest.mark.parametrize("unit", GROWING)
@pytest.mark.parametrize(("labels", "lang"), LANGS)
async def test_a_post_that_grows_when_escaped_is_previewed_published_and_shown(
    bot: BotHarness, fake: FakeTelegram, labels: Labels, lang: str, unit: str
) -> None:
    alice = fake.user("alice", language_code=lang)
    bob = fake.user("bob", language_code="en" if lang == "es" else "es")
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    title = "Curso " + long_text(unit, TITLE_MAX - 6)
    description = long_text(unit, DESCRIPTION_MAX)
    await alice.send("/post")
    await alice.press(labels.offer)
    await alice.press(labels.sector)
    await alice.send(title)
    await alice.send(description)
    await alice.press(labels.online)
    await alice.send(long_text(unit, CONDITIONS_MAX))
    await alice.press(labels.skip)  # discount
    await alice.press(labels.skip)  # attachment
    await alice.press(labels.days90)
    preview = alice.last_message()
    assert fits(preview)
    assert title in preview.text  # the start of the card is whole
    assert ELLIPSIS in preview.text
    assert preview.button_texts[0] == labels.publish
    await alice.press(labels.publish)
    await bot.deliver()  # the board's copy of the post, through the outbox relay
    assert fits(fake.messages_to(BOARD_CHAT_ID)[-1])
    await bob.send("/offers")
    await bob.press("1")
    assert fits(bob.last_message())
    assert title in bob.last_text()


@pytest.mark.parametrize("unit", GROWING)
@pytest.mark.parametrize(("labels", "lang"), LANGS)
async def test_a_relayed_message_that_grows_when_escaped_reaches_the_author(
    bot: BotHarness, fake: FakeTelegram, labels: Labels, lang: str, unit: str
) -> None:
    alice = fake.user("alice", language_code=lang)
    bob = fake.user("bob", language_code=lang)
    await member(bot, alice, "Cocina Viva")
    await member(bot, bob, "Green Bakers")
    await alice.send("/help")  # she has written to the bot, so it may write to her
    await direct(bot, alice, "Cursos de cocina")
    await bob.send("/offers")
    await bob.press("1")
    await bob.press(labels.contact)
    await bob.send(long_text(unit, MESSAGE_MAX))
    assert {"es": "Enviado", "en": "Sent"}[lang] in bob.last_text()
    assert await bot.deliver() >= 1
    relayed = alice.last_message()
    assert fits(relayed)
    assert "Green Bakers" in relayed.text and ELLIPSIS in relayed.text
    assert relayed.button_texts[0] == labels.reply


@pytest.mark.parametrize("unit", GROWING)
@pytest.mark.parametrize("language", ["es", "en"])
async def test_an_announcement_that_grows_when_escaped_is_previewed_and_sent(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, language: str, unit: str
) -> None:
    bot = BotHarness(
        fake=fake, clock=clock, settings=make_settings(tmp_path, default_locale=language)
    )
    await bot.start()
    try:
        ana = board_member(fake, "ana", "Ana")
        alice = fake.user("alice", language_code=language)
        await member(bot, alice, "Cocina Viva")
        await alice.send("/help")
        await ana.send("/announce", chat=BOARD)
        await ana.reply_to(fake.messages_to(BOARD)[-1], long_text(unit, TEXT_MAX))
        await ana.press({"es": "Todos los miembros", "en": "All members"}[language], chat=BOARD)
        preview = ana.last_message(chat=BOARD)
        assert fits(preview) and ELLIPSIS in preview.text
        await ana.press({"es": "Enviar a", "en": "Send to"}[language], chat=BOARD)
        await bot.deliver()
        received = alice.last_message()
        assert fits(received) and ELLIPSIS in received.text
    finally:
        await bot.stop()


@pytest.mark.parametrize(
    "caption",
    [
        pytest.param("&amp;" * 400, id="escapes"),
        pytest.param("<b>" + "&lt;" * 400 + "</b>", id="bold-escapes"),
        pytest.param("😀" * 600, id="emoji"),
    ],
)
async def test_every_caption_fits_whoever_sends_it(
    bot: BotHarness, fake: FakeTelegram, caption: str
) -> None:
    assert bot.app is not None
    alice = fake.user("alice")
    await alice.send("/help")
    record = fake.create_file("document", b"%PDF-1.4\n", file_name="a.pdf")
    await bot.app.bot.send_document(alice.chat_id, record.file_id, caption=caption)
    sent = alice.last_message()
    assert fits(sent, CAPTION_LIMIT) and sent.text.endswith(ELLIPSIS)
