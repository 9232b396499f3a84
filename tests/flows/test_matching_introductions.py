"""Answers to a proposal: the double opt-in introduction, Not relevant, stale buttons."""

import pytest

from bot.domain.matches import Answer, PairStatus
from bot.domain.posts import LIVE_STATUSES, PostStatus
from tests.fakes import FakeMessage, FakeTelegram, FakeUser
from tests.flows.matching_world import (
    EN,
    ES,
    LABELS,
    pair_of_members,
    pairs,
    proposals,
    publish_pair,
)
from tests.flows.posts_world import answer, member, post_need
from tests.harness import BotHarness, FakeClock

LANG_PAIRS = [pytest.param("es", "en", id="need-es"), pytest.param("en", "es", id="need-en")]
EXPIRED = ("Este botón ha caducado", "This button has expired")


async def proposed(
    bot: BotHarness, fake: FakeTelegram, **options: object
) -> tuple[FakeUser, FakeUser]:
    """Both members, their posts, and the proposals delivered."""
    cheese, pixel = await pair_of_members(bot, fake, **options)  # type: ignore[arg-type]
    await publish_pair(cheese, pixel)
    await bot.deliver()
    return cheese, pixel


def proposal_message(user: FakeUser) -> FakeMessage:
    return next(m for m in reversed(user.messages()) if m.text in proposals(user))


@pytest.mark.parametrize(("need_lang", "offer_lang"), LANG_PAIRS)
async def test_both_interested_are_introduced(
    bot: BotHarness, fake: FakeTelegram, need_lang: str, offer_lang: str
) -> None:
    cheese, pixel = await proposed(bot, fake, need_lang=need_lang, offer_lang=offer_lang)
    need, offer = LABELS[need_lang], LABELS[offer_lang]
    await cheese.press(need.interested)
    assert need.noted in cheese.last_text()
    assert cheese.messages()[-2].buttons == []  # the answered proposal lost its buttons
    await bot.deliver()
    assert not any(offer.intro in text for text in pixel.texts())  # no details yet
    await pixel.press(offer.interested)
    assert offer.introduced in pixel.last_text()
    await bot.deliver()
    to_pixel, to_cheese = pixel.last_text(), cheese.last_text()
    assert offer.intro in to_pixel and need.intro in to_cheese
    assert "Quesería La Vega" in to_pixel and "Píxel Coop" in to_cheese
    # No details: each side shares their own, if they want (test_matching_privacy).
    assert "queso@vega.example" not in to_pixel and "@queseria" not in to_pixel
    assert "web@pixel.example" not in to_cheese and "@pixel_ana" not in to_cheese
    assert cheese.last_message().button_texts == [need.write, need.posts.share]
    (pair,) = await pairs(bot)
    assert pair.status is PairStatus.INTRODUCED
    assert pair.need.answer is Answer.INTERESTED and pair.offer.answer is Answer.INTERESTED


async def test_introduction_survives_a_restart_and_happens_once(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    cheese, pixel = await proposed(bot, fake)
    await cheese.press(ES.interested)
    await bot.restart()
    await pixel.press(EN.interested)
    await bot.restart()
    await bot.deliver()
    await bot.run_scans()
    await bot.deliver()
    intros = [t for t in cheese.texts() if ES.intro in t] + [
        t for t in pixel.texts() if EN.intro in t
    ]
    assert len(intros) == 2
    # Pressing again on the old proposal changes nothing.
    await pixel.press_data(proposal_data(await pairs(bot), "yes"), message=proposal_message(pixel))
    assert "already answered" in answer(pixel)
    await bot.deliver()
    assert len([t for t in pixel.texts() if EN.intro in t]) == 1


def proposal_data(found: list, action: str) -> str:  # type: ignore[type-arg]
    return f"v1:match:{action}:{found[0].id}"


@pytest.mark.parametrize(("need_lang", "offer_lang"), LANG_PAIRS)
async def test_not_relevant_closes_the_pair_for_good(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock, need_lang: str, offer_lang: str
) -> None:
    cheese, pixel = await proposed(bot, fake, need_lang=need_lang, offer_lang=offer_lang)
    await pixel.press(LABELS[offer_lang].not_relevant)
    assert LABELS[offer_lang].declined in pixel.last_text()
    await cheese.press(LABELS[need_lang].interested)
    # Told the truth, politely, without naming who declined.
    told = cheese.last_text()
    assert LABELS[need_lang].not_wanted in told and "Píxel" not in told
    await bot.deliver()
    assert not any(LABELS[need_lang].intro in text for text in cheese.texts())
    (pair,) = await pairs(bot)
    assert pair.status is PairStatus.DECLINED
    # Never again: not by the daily rescan, not after a restart; a new need is a new pair.
    for _ in range(2):
        clock.advance(days=1, minutes=1)
        await bot.restart()
        await bot.run_scans()
        await bot.deliver()
    await post_need(cheese, LABELS[need_lang].posts, "Una tienda online", "Web con tienda online.")
    await bot.deliver()
    assert len(proposals(pixel)) == 2  # only the new need was proposed
    assert len(await pairs(bot)) == 2


async def test_without_contact_details_they_still_write_through_the_bot(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    cheese, pixel = await proposed(bot, fake, offer_email=None, offer_phone=None)
    await pixel.press(EN.interested)
    await cheese.press(ES.interested)
    await bot.deliver()
    await cheese.press(ES.write)
    assert "Escribe tu respuesta para <b>Píxel Coop</b>" in (cheese.last_message().source or "")
    await cheese.send("¿Cuándo podemos hablar de la web?")
    await bot.deliver()
    assert "¿Cuándo podemos hablar de la web?" in pixel.last_text()
    introduction = next(m for m in pixel.messages() if EN.intro in m.text)
    await pixel.press(EN.posts.share, message=introduction)
    assert "no email, phone or website" in answer(pixel)
    await pixel.press(EN.posts.reply)
    await pixel.send("Monday at ten?")
    await bot.deliver()
    assert "Monday at ten?" in cheese.last_text()


async def test_a_removed_post_withdraws_the_pair(bot: BotHarness, fake: FakeTelegram) -> None:
    cheese, pixel = await proposed(bot, fake)
    await cheese.press(ES.interested)
    (pair,) = await pairs(bot)
    async with bot.store.write() as repos:
        await repos.posts.decide(
            pair.offer_post_id,
            status=PostStatus.REMOVED,
            reason="spam",
            by=1,
            now=bot.clock(),
            from_statuses=LIVE_STATUSES,
        )
    await pixel.press(EN.interested)
    assert EN.noted in pixel.last_text()
    await bot.deliver()
    assert not any(ES.intro in text for text in cheese.texts())
    assert (await pairs(bot))[0].status is PairStatus.WITHDRAWN


async def test_forged_and_foreign_buttons_change_nothing(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    cheese, _ = await proposed(bot, fake)
    (pair,) = await pairs(bot)
    await cheese.press_data("v1:match:yes:999")
    assert EXPIRED[0] in answer(cheese)
    await cheese.press_data("v1:match:maybe:1")
    assert EXPIRED[0] in answer(cheese)
    await cheese.press_data("v1:match:yes")
    assert EXPIRED[0] in answer(cheese)
    # A third member pressing the pair's data is not part of it.
    carol = fake.user("carol", language_code="en")
    await member(bot, carol, "Carol Coop")
    await carol.send("/start")
    await carol.press_data(f"v1:match:yes:{pair.id}")
    assert EXPIRED[1] in answer(carol)
    # Someone who is not a member at all.
    dave = fake.user("dave", language_code="en")
    await dave.send("/start")
    await dave.press_data(f"v1:match:no:{pair.id}")
    assert "member organisations only" in answer(dave)
    (after,) = await pairs(bot)
    assert after == pair


async def test_answering_twice_keeps_the_first_answer(bot: BotHarness, fake: FakeTelegram) -> None:
    cheese, _ = await proposed(bot, fake)
    (pair,) = await pairs(bot)
    message = proposal_message(cheese)
    await cheese.press(ES.interested)
    await cheese.press_data(f"v1:match:no:{pair.id}", message=message)
    assert "Ya respondiste" in answer(cheese)
    (after,) = await pairs(bot)
    assert after.need.answer is Answer.INTERESTED and after.status is PairStatus.PROPOSED
