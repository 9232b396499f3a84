"""Possible matches: listed under one's post, never pushed; Interested starts the double opt-in.

And a post matches on its own words: an organisation whose profile offers one service gets
none of its unrelated posts proposed (or listed) against a need for that service.
"""

import pytest

from bot.domain.matches import PairStatus
from bot.domain.posts import PostKind
from tests.fakes import FakeTelegram, FakeUser
from tests.flows.matching_world import LABELS, NEED_TEXT, NEED_TITLE, pairs, proposals, store_post
from tests.flows.posts_world import member, post_need, post_offer
from tests.harness import BotHarness

# Shares "tienda" with the need for a website, but not its subject (the website).
SHELVES_TITLE = "Estanterías de madera para tiendas"
SHELVES_TEXT = "Hacemos estanterías y mostradores a medida para tiendas y obradores."
POSSIBLE = {
    "es": ("🔎 Posibles coincidencias", "1 · Me interesa", "1 · No es relevante", "en común: "),
    "en": ("🔎 Possible matches", "1 · I'm interested", "1 · Not relevant", "in common: "),
}


async def open_possible(user: FakeUser, lang: str) -> str:
    await user.send("/myposts")
    await user.press("1")
    await user.press(POSSIBLE[lang][0])
    return user.last_text()


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_possible_match_is_listed_never_pushed_and_interested_asks_the_other_side(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    cheese = fake.user("queseria", language_code=lang)
    wood = fake.user("carpinteria", language_code=lang)
    await member(bot, cheese, "Quesería La Vega")
    await member(bot, wood, "Carpintería Roble")
    await post_offer(wood, LABELS[lang].posts, SHELVES_TITLE, SHELVES_TEXT)
    await post_need(cheese, LABELS[lang].posts, NEED_TITLE, NEED_TEXT)
    await bot.deliver()
    assert proposals(cheese) == [] and proposals(wood) == []  # never pushed
    assert await pairs(bot) == []

    text = await open_possible(cheese, lang)
    assert SHELVES_TITLE in text
    assert POSSIBLE[lang][3] + "tienda" in text  # the why, in the need's own words
    await cheese.press(POSSIBLE[lang][1])
    assert LABELS[lang].noted in cheese.last_text()
    (pair,) = await pairs(bot)
    assert pair.status is PairStatus.PROPOSED and pair.need.answer is not None
    await bot.deliver()
    (to_wood,) = proposals(wood)  # the same proposal as a pushed one, to the other side only
    assert NEED_TITLE in to_wood and SHELVES_TITLE in to_wood
    assert POSSIBLE[lang][3] + "tiendas" in to_wood  # in the offer's own words
    assert proposals(cheese) == []
    await wood.press(LABELS[lang].interested)
    assert LABELS[lang].introduced in wood.last_text()
    (pair,) = await pairs(bot)
    assert pair.status is PairStatus.INTRODUCED
    # Now a pair: no longer listed as possible, and its button is spent.
    assert SHELVES_TITLE not in await open_possible(cheese, lang)


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_not_relevant_on_a_possible_match_drops_it_for_good(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    cheese = fake.user("queseria", language_code=lang)
    wood = fake.user("carpinteria", language_code=lang)
    await member(bot, cheese, "Quesería La Vega")
    await member(bot, wood, "Carpintería Roble")
    await post_offer(wood, LABELS[lang].posts, SHELVES_TITLE, SHELVES_TEXT)
    await post_need(cheese, LABELS[lang].posts, NEED_TITLE, NEED_TEXT)
    await open_possible(cheese, lang)
    listing = cheese.last_message()
    await cheese.press(POSSIBLE[lang][2])
    assert LABELS[lang].declined in cheese.last_text()
    (pair,) = await pairs(bot)
    assert pair.status is PairStatus.DECLINED
    await bot.deliver()
    assert proposals(wood) == []
    assert SHELVES_TITLE not in await open_possible(cheese, lang)
    await cheese.press(POSSIBLE[lang][1], message=listing)  # the old list's other button
    assert cheese.last_callback_answer is not None and cheese.last_callback_answer.show_alert


ACCOUNTING_NEED = ("Buscamos asesoría contable", "Que nos lleve la contabilidad y los impuestos.")
UNRELATED = [
    ("Mermelada de arándanos", "Mermeladas caseras de arándanos y moras en tarros de cristal."),
    ("Cestas de verduras", "Verduras de temporada de nuestra huerta, reparto los viernes."),
    ("Curso de cocina", "Curso de cocina de aprovechamiento para grupos, en nuestro local."),
]


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_profile_never_lends_its_words_to_unrelated_posts(
    bot: BotHarness, fake: FakeTelegram, lang: str
) -> None:
    senda = fake.user("senda", language_code=lang)
    needy = fake.user("asociacion", language_code=lang)
    await member(bot, senda, "Coop. La Senda")
    await member(bot, needy, "Asociación El Teso")
    async with bot.store.write() as repos:
        found = await repos.members.member_with_entity(senda.id)
        assert found is not None
        profile = found[1].model_copy(
            update={"offer_text": "Asesoría contable y fiscal: contabilidad, impuestos, nóminas."}
        )
        await repos.members.update_profile(found[1].id, profile)
    for title, text in UNRELATED:
        await store_post(bot, senda, PostKind.OFFER, title, text)
    await post_need(needy, LABELS[lang].posts, *ACCOUNTING_NEED)
    await bot.deliver()
    assert proposals(needy) == [] and proposals(senda) == []
    text = await open_possible(needy, lang)
    assert not any(title in text for title, _ in UNRELATED)

    # Their accounting post itself is proposed, and the why names words of both posts only.
    await post_offer(
        senda, LABELS[lang].posts, "Contabilidad para asociaciones", "Llevamos la contabilidad."
    )
    await bot.deliver()
    (to_needy,) = proposals(needy)
    (to_senda,) = proposals(senda)
    for message, own, other in (
        (
            to_needy,
            " ".join(ACCOUNTING_NEED),
            "Contabilidad para asociaciones Llevamos la contabilidad.",
        ),
        (
            to_senda,
            "Contabilidad para asociaciones Llevamos la contabilidad.",
            " ".join(ACCOUNTING_NEED),
        ),
    ):
        (line,) = [x for x in message.splitlines() if x.startswith(("Por qué:", "Why:"))]
        words = line.split(": ", 2)[2].split(" · ")[0].split(", ")
        assert words
        for word in words:
            assert word.casefold() in own.casefold()
        assert not any(w in line for w in ("fiscal", "nóminas", "impuestos") if w not in other)
