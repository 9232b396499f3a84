"""What a proposal promises, and an introduction that shares nothing its owner did not choose."""

import pytest

from bot.domain.matches import Side
from tests.fakes import FakeMessage, FakeTelegram, FakeUser
from tests.flows.matching_world import LABELS, pair_of_members, pairs, proposals, publish_pair
from tests.flows.posts_world import answer
from tests.harness import BotHarness, FakeClock

LANG_PAIRS = [pytest.param("es", "en", id="need-es"), pytest.param("en", "es", id="need-en")]
# What the proposal says happens if both are interested.
PROMISE = {
    "es": ("podréis escribiros a través del bot", "«📇 Compartir mi contacto»"),
    "en": ("write to each other through the bot", "“📇 Share my contact”"),
}
UNLISTED_NOTICE = {"es": "no aparece en el directorio", "en": "not listed in the directory"}
UNNAMED = {"es": "un miembro de la red", "en": "a member of the network"}
WRITE_PROMPT = {"es": "Escribe tu respuesta", "en": "Write your reply"}
# pair_of_members: the cheese dairy's and Píxel Coop's details and Telegram usernames.
CHEESE_DETAILS = ("queso@vega.example", "987 000 111", "@queseria")
PIXEL_DETAILS = ("web@pixel.example", "600 111 222", "@pixel_ana")


def intro(user: FakeUser) -> FakeMessage:
    """The introduction the user received."""
    marks = (LABELS["es"].intro, LABELS["en"].intro)
    (found,) = [m for m in user.messages() if any(mark in m.text for mark in marks)]
    return found


async def both_interested(
    bot: BotHarness, fake: FakeTelegram, need_lang: str, offer_lang: str
) -> tuple[FakeUser, FakeUser]:
    """An unlisted cheese dairy and a listed Píxel Coop, both interested, all delivered."""
    cheese, pixel = await pair_of_members(
        bot, fake, need_lang=need_lang, offer_lang=offer_lang, need_listed=False
    )
    await publish_pair(cheese, pixel)
    await bot.deliver()
    await cheese.press(LABELS[need_lang].interested)
    await pixel.press(LABELS[offer_lang].interested)
    await bot.deliver()
    return cheese, pixel


@pytest.mark.parametrize(("need_lang", "offer_lang"), LANG_PAIRS)
async def test_the_proposal_says_what_mutual_interest_shares(
    bot: BotHarness, fake: FakeTelegram, need_lang: str, offer_lang: str
) -> None:
    cheese, pixel = await pair_of_members(
        bot, fake, need_lang=need_lang, offer_lang=offer_lang, need_listed=False
    )
    await publish_pair(cheese, pixel)
    await bot.deliver()
    (to_cheese,) = proposals(cheese)
    (to_pixel,) = proposals(pixel)
    for text, lang in ((to_cheese, need_lang), (to_pixel, offer_lang)):
        assert all(words in text for words in PROMISE[lang]), text
    # The unlisted side is told its name will be shown, and whose name that is.
    assert UNLISTED_NOTICE[need_lang] in to_cheese and "Quesería La Vega" in to_cheese
    assert UNLISTED_NOTICE[offer_lang] not in to_pixel and "Quesería" not in to_pixel


@pytest.mark.parametrize(("need_lang", "offer_lang"), LANG_PAIRS)
async def test_an_introduction_shares_details_only_when_their_owner_does(
    bot: BotHarness, fake: FakeTelegram, need_lang: str, offer_lang: str
) -> None:
    cheese, pixel = await both_interested(bot, fake, need_lang, offer_lang)
    need, offer = LABELS[need_lang], LABELS[offer_lang]
    to_cheese, to_pixel = intro(cheese), intro(pixel)
    assert "Píxel Coop" in to_cheese.text
    assert "Quesería La Vega" in to_pixel.text  # unlisted, but its proposal said so
    assert not any(detail in to_cheese.text for detail in PIXEL_DETAILS)
    assert not any(detail in to_pixel.text for detail in CHEESE_DETAILS)
    assert to_cheese.button_texts == [need.write, need.posts.share]
    assert to_pixel.button_texts == [offer.write, offer.posts.share]
    # Píxel Coop shares its details; the cheese dairy does not.
    await pixel.press(offer.posts.share, message=to_pixel)
    await bot.deliver()
    assert "web@pixel.example" in cheese.last_text() and "600 111 222" in cheese.last_text()
    # The cheese dairy writes through the bot, still without its details.
    await cheese.press(need.write, message=to_cheese)
    assert WRITE_PROMPT[need_lang] in cheese.last_text()
    await cheese.send("¿Hablamos el lunes?")
    await bot.deliver()
    assert "¿Hablamos el lunes?" in pixel.last_text()
    assert not any(detail in text for text in pixel.texts() for detail in CHEESE_DETAILS)


async def test_an_unlisted_name_stays_hidden_without_the_notice(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    cheese, pixel = await pair_of_members(bot, fake, need_listed=False)
    await publish_pair(cheese, pixel)
    await bot.deliver()
    # As if proposed before proposals said the name is shown: pressing meant no consent.
    (pair,) = await pairs(bot)
    async with bot.store.write() as repos:
        await repos.conn.execute(
            "UPDATE match_sides SET name_notice = 0 WHERE pair_id = ? AND side = ?",
            (pair.id, Side.NEED.value),
        )
    await cheese.press(LABELS["es"].interested)
    await pixel.press(LABELS["en"].interested)
    await bot.deliver()
    to_pixel = intro(pixel).text
    assert "Quesería" not in to_pixel and UNNAMED["en"] in to_pixel
    assert "Píxel Coop" in intro(cheese).text  # listed: named as in the directory
    clock.advance(days=14)
    await bot.run_scans()
    await bot.deliver()
    assert "Did you work together?" in pixel.last_text()
    assert not any("Quesería" in text for text in pixel.texts())


async def test_introduction_buttons_of_someone_else_do_nothing(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    cheese, _ = await both_interested(bot, fake, "es", "en")
    thread_data = [data for row in intro(cheese).buttons for _, data in row if data]
    assert len(thread_data) == 2
    carol = fake.user("carol", language_code="en")
    await carol.send("/start")
    for data in thread_data:
        await carol.press_data(data)
        assert "member organisations only" in answer(carol)
