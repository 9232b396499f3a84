"""Proposals: found when a post is published and by the daily rescan, each exactly once."""

from pathlib import Path

import pytest

from bot.domain.matches import PairStatus
from bot.domain.posts import PostKind
from tests.fakes import FakeTelegram
from tests.flows.matching_world import (
    LABELS,
    NEED_TEXT,
    NEED_TITLE,
    OFFER_TEXT,
    OFFER_TITLE,
    counts,
    pair_of_members,
    pairs,
    proposals,
    publish_pair,
    store_post,
)
from tests.flows.posts_world import board_admin, member, post_need, post_offer, running_bot
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock

LANG_PAIRS = [pytest.param("es", "en", id="need-es"), pytest.param("en", "es", id="need-en")]


@pytest.mark.parametrize(("need_lang", "offer_lang"), LANG_PAIRS)
async def test_publishing_a_need_proposes_it_to_both_sides(
    bot: BotHarness, fake: FakeTelegram, need_lang: str, offer_lang: str
) -> None:
    cheese, pixel = await pair_of_members(bot, fake, need_lang=need_lang, offer_lang=offer_lang)
    await publish_pair(cheese, pixel)
    await bot.deliver()
    (to_need,) = proposals(cheese)
    (to_offer,) = proposals(pixel)
    # The terms in common as each author's own post words them.
    for text, lang, words in (
        (to_need, need_lang, "página web, tienda online"),
        (to_offer, offer_lang, "diseño web, tiendas online"),
    ):
        assert LABELS[lang].proposal in text
        assert NEED_TITLE in text and OFFER_TITLE in text
        assert {"es": "en común: ", "en": "in common: "}[lang] + words in text
        assert {"es": "mismo municipio (León)", "en": "same municipality (León)"}[lang] in text
    assert "Píxel Coop" in to_need and "Quesería La Vega" in to_offer
    need_buttons = cheese.messages()[-1].button_texts
    assert need_buttons[:2] == [LABELS[need_lang].interested, LABELS[need_lang].not_relevant]
    (pair,) = await pairs(bot)
    assert pair.status is PairStatus.PROPOSED
    assert pair.pair_key == f"{pair.offer_post_id}-{pair.need_post_id}"


def why(text: str) -> str:
    """The proposal's "why" line, in lower case."""
    (line,) = [line for line in text.splitlines() if line.startswith(("Por qué:", "Why:"))]
    return line.lower()


@pytest.mark.parametrize(
    "offer_first",
    [
        pytest.param(True, id="offer-first"),
        pytest.param(False, id="need-first"),
    ],
)
async def test_why_is_in_the_recipients_own_words(
    bot: BotHarness, fake: FakeTelegram, offer_first: bool
) -> None:
    alicia = fake.user("alicia", language_code="es")
    bob = fake.user("bob", language_code="en")
    await member(bot, alicia, "Cocina Viva")
    await member(bot, bob, "Bakers", municipality="ponferrada")
    posting = [
        lambda: post_offer(
            alicia, LABELS["es"].posts, "Cursos de cocina ecológica", "Talleres los sábados."
        ),
        lambda: post_need(
            bob, LABELS["en"].posts, "Organic cooking courses", "We need training for our bakers."
        ),
    ]
    for post in posting if offer_first else reversed(posting):
        await post()
    await bot.deliver()
    (to_alicia,) = proposals(alicia)
    (to_bob,) = proposals(bob)
    # Each sees the shared terms as their own post words them, never the other language's.
    assert "cursos" in why(to_alicia) and "ecológica" in why(to_alicia)
    assert not any(word in why(to_alicia) for word in ("courses", "organic", "cooking"))
    assert "courses" in why(to_bob) and "organic" in why(to_bob)
    assert not any(word in why(to_bob) for word in ("cursos", "ecológica", "cocina"))


async def test_an_unlisted_entity_is_a_member(bot: BotHarness, fake: FakeTelegram) -> None:
    cheese, pixel = await pair_of_members(bot, fake, need_listed=False)
    await publish_pair(cheese, pixel)
    await bot.deliver()
    (to_offer,) = proposals(pixel)
    assert "Quesería" not in to_offer
    assert "help a member of the network with their need" in to_offer
    (to_need,) = proposals(cheese)
    assert "de Píxel Coop" in to_need  # the offer side is listed


async def test_view_post_opens_the_other_post(bot: BotHarness, fake: FakeTelegram) -> None:
    cheese, pixel = await pair_of_members(bot, fake)
    await publish_pair(cheese, pixel)
    await bot.deliver()
    await pixel.press("👀 View post")
    assert NEED_TEXT in pixel.last_text()


async def test_exactly_once_across_restarts_and_rescans(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    cheese, pixel = await pair_of_members(bot, fake)
    await publish_pair(cheese, pixel)
    await bot.restart()  # before anything was sent
    await bot.deliver()
    for _ in range(2):
        clock.advance(days=1, minutes=1)
        await bot.restart()
        await bot.run_scans()  # the daily rescan looks at the same posts again
        await bot.deliver()
    assert len(proposals(cheese)) == 1 and len(proposals(pixel)) == 1
    assert (await counts(bot)).proposed == 1


async def test_the_daily_rescan_finds_an_older_posts_better_match(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    cheese, pixel = await pair_of_members(bot, fake)
    await cheese.send("/start")
    await pixel.send("/start")
    # Stored directly: published without the hook, as if the bot had missed it.
    await store_post(bot, pixel, PostKind.OFFER, OFFER_TITLE, OFFER_TEXT)
    await store_post(bot, cheese, PostKind.NEED, NEED_TITLE, NEED_TEXT)
    await bot.deliver()
    assert proposals(cheese) == [] and proposals(pixel) == []
    clock.advance(days=1)
    results = await bot.run_scans()
    assert results["match_rescan"].enqueued == 2
    await bot.deliver()
    assert len(proposals(cheese)) == 1 and len(proposals(pixel)) == 1
    clock.advance(hours=1)
    assert (await bot.run_scans())["match_rescan"].enqueued == 0  # once a day


async def test_posts_of_one_entity_are_not_proposed_to_each_other(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    cheese = fake.user("queseria", language_code="es")
    await member(bot, cheese, "Quesería La Vega")
    labels = LABELS["es"].posts
    await post_need(cheese, labels, NEED_TITLE, NEED_TEXT)
    await store_post(bot, cheese, PostKind.OFFER, OFFER_TITLE, OFFER_TEXT)
    await post_need(cheese, labels, "Otra página web", "Una web con tienda online, también.")
    await bot.deliver()
    assert proposals(cheese) == []
    assert await pairs(bot) == []


async def test_at_most_three_proposals_for_one_post(bot: BotHarness, fake: FakeTelegram) -> None:
    cheese = fake.user("queseria", language_code="es")
    await member(bot, cheese, "Quesería La Vega")
    for number in range(5):
        designer = fake.user(f"designer{number}", language_code="es")
        await member(bot, designer, f"Estudio {number}")
        await designer.send("/start")
        await store_post(
            bot, designer, PostKind.OFFER, OFFER_TITLE, f"{OFFER_TEXT} Estudio {number}."
        )
    await post_need(cheese, LABELS["es"].posts, NEED_TITLE, NEED_TEXT)
    await bot.deliver()
    assert len(proposals(cheese)) == 3
    assert (await counts(bot)).proposed == 3


async def test_paused_member_gets_nothing_until_resumed(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    cheese, pixel = await pair_of_members(bot, fake, need_lang="en", offer_lang="es")
    await pixel.send("/settings")
    await pixel.press(LABELS["es"].pause)
    await publish_pair(cheese, pixel)
    await bot.deliver()
    assert proposals(pixel) == [] and proposals(cheese) == []
    assert await pairs(bot) == []  # skipped, not recorded: it can still happen later
    clock.advance(days=1, minutes=1)
    await bot.run_scans()
    await bot.deliver()
    assert proposals(pixel) == []  # still paused
    await pixel.send("/settings")
    await pixel.press(LABELS["es"].resume)
    clock.advance(days=1, minutes=1)
    await bot.run_scans()
    await bot.deliver()
    assert len(proposals(pixel)) == 1 and len(proposals(cheese)) == 1


async def test_paused_across_restarts_and_quiet_hours(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    cheese, pixel = await pair_of_members(bot, fake)
    await pixel.send("/settings")
    await pixel.press(LABELS["en"].pause)
    clock.advance(hours=12, minutes=30)  # 23:30 in León
    await publish_pair(cheese, pixel)
    await bot.restart()
    clock.advance(hours=8, minutes=31)  # 08:01: nothing was waiting for the morning
    await bot.run_scans()
    await bot.deliver()
    for _ in range(2):
        clock.advance(days=1, minutes=1)
        await bot.restart()
        await bot.run_scans()  # the daily rescan skips the paused member too
        await bot.deliver()
    assert proposals(pixel) == [] and proposals(cheese) == [] and await pairs(bot) == []
    await pixel.send("/settings")
    await pixel.press(LABELS["en"].resume)
    await bot.restart()
    clock.advance(days=1, minutes=1)
    await bot.run_scans()
    await bot.deliver()
    assert len(proposals(pixel)) == 1 and len(proposals(cheese)) == 1


async def test_a_paused_authors_new_post_is_proposed_to_nobody(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    cheese, pixel = await pair_of_members(bot, fake)
    await cheese.send("/settings")
    await cheese.press(LABELS["es"].pause)
    await publish_pair(cheese, pixel)
    await bot.deliver()
    assert proposals(pixel) == [] and proposals(cheese) == []


async def test_moderated_post_is_proposed_when_the_board_approves_it(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> None:
    async with running_bot(tmp_path, fake, clock, moderate_posts=True) as bot:
        cheese, pixel = await pair_of_members(bot, fake)
        await publish_pair(cheese, pixel)
        await bot.deliver()
        assert await pairs(bot) == []
        admin = board_admin(fake)
        for card in fake.messages_to(BOARD_CHAT_ID)[-2:]:
            await admin.press("✅ Aprobar", chat=BOARD_CHAT_ID, message=card)
        await bot.deliver()
        assert len(proposals(cheese)) == 1 and len(proposals(pixel)) == 1


async def test_unrelated_posts_are_not_proposed(bot: BotHarness, fake: FakeTelegram) -> None:
    cheese, pixel = await pair_of_members(bot, fake)
    await store_post(bot, pixel, PostKind.OFFER, "Clases de yoga", "Por las tardes, en el centro.")
    await post_need(cheese, LABELS["es"].posts, NEED_TITLE, NEED_TEXT)
    await bot.deliver()
    assert proposals(cheese) == [] and await pairs(bot) == []


async def test_proposals_wait_for_the_end_of_quiet_hours(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    cheese, pixel = await pair_of_members(bot, fake)
    clock.advance(hours=12, minutes=30)  # 23:30 in León
    await publish_pair(cheese, pixel)
    await bot.deliver()
    assert proposals(cheese) == [] and proposals(pixel) == []
    clock.advance(hours=8, minutes=31)  # 08:01
    await bot.deliver()
    assert len(proposals(cheese)) == 1 and len(proposals(pixel)) == 1


async def test_a_matching_failure_never_blocks_publishing(
    bot: BotHarness, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    cheese, pixel = await pair_of_members(bot, fake)

    async def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("the index is broken")

    assert bot.app is not None
    monkeypatch.setattr(bot.app.services.matching, "top", broken)
    await publish_pair(cheese, pixel)
    assert "¡Publicado!" in cheese.last_text()
    assert await pairs(bot) == []
    async with bot.store.read() as repos:
        assert len(await repos.posts.by_author(cheese.id, limit=5, offset=0)) == 1
