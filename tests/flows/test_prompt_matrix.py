"""Every pair of flows that wait for typed input, started one after the other by one person.

In a private chat and in the board group, in Spanish and in English, with and without a
restart between the second prompt and the answer: the answer always reaches the newest prompt
and nothing else (bot/handlers/prompts.py).
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.buttons.advice import AskType
from bot.domain.advice import CaseType
from bot.domain.members import EntityStatus
from tests.fakes import FakeMessage, FakeTelegram, FakeUser
from tests.flows.board_world import BOARD, applicant, apply_and_notify, board_member
from tests.flows.posts_world import EN, ES, Labels, member, network_file, post_offer
from tests.harness import BotHarness, FakeClock, make_settings

ANSWER = "Huerta Nueva"  # a fitting answer for every flow: a name, a title, a message, words
PRIVATE = ["profile", "compose", "contact", "search", "partner", "advice"]
GROUP = ["rejection", "removal", "announce", "summit"]


def _pairs(flows: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for a in flows for b in flows if a != b]


@pytest.fixture(params=["es", "en"])
async def world_bot(
    request: pytest.FixtureRequest, tmp_path: Path, fake: FakeTelegram, clock: FakeClock
) -> AsyncIterator[tuple[BotHarness, str]]:
    """A bot whose board speaks the language of the members in the test."""
    language = str(request.param)
    settings = make_settings(
        tmp_path, network_config=network_file(tmp_path), default_locale=language
    )
    harness = BotHarness(fake=fake, clock=clock, settings=settings)
    await harness.start()
    try:
        yield harness, language
    finally:
        await harness.stop()


@dataclass
class Private:
    """Alice, a member with a live offer, and Bob, another member whose offer she can contact."""

    bot: BotHarness
    alice: FakeUser
    labels: Labels
    entity_id: int = 0

    def t(self, key: str) -> str:
        assert self.bot.app is not None
        return self.bot.app.services.catalogs.translator(self.alice.language_code or "es")(key)

    async def prepare(self, fake: FakeTelegram) -> None:
        bob = fake.user("bob", language_code=self.alice.language_code)
        await member(self.bot, bob, "Cocina Viva")
        await post_offer(
            bob, self.labels, "Cursos de cocina", "Los sábados.", where=self.labels.online
        )
        self.entity_id = await member(self.bot, self.alice, "El Roble")
        await post_offer(
            self.alice, self.labels, "Leña de roble", "Por encargo.", where=self.labels.online
        )
        await self.bot.deliver()

    async def open(self, flow: str) -> None:
        alice, here = self.alice, self.alice.last_message()
        if flow == "profile":
            await alice.send("/profile")
            await alice.press_data("v1:profile:edit:name", message=alice.last_message())
        elif flow == "compose":
            await alice.send("/post")
            await alice.press(self.labels.offer)
            await alice.press(self.labels.sector)  # the next question is the title
        elif flow == "contact":
            await alice.press_data("v1:post:contact:1", message=here)  # Bob's offer
        elif flow == "search":
            await alice.send("/search")
        elif flow == "advice":
            await alice.send("/advice")
            await alice.press_data(AskType(type=CaseType.IDEA).pack())  # then: the description
        else:
            await alice.press_data("v1:mine:done:2", message=here)  # her offer, fulfilled

    async def took(self, flow: str, since: int) -> bool:
        """Whether flow took the answer (since: how many messages Alice had before it)."""
        texts = [m.text for m in self.alice.messages()[since:]]
        if flow == "profile":
            async with self.bot.store.read() as repos:
                entity = await repos.members.entity(self.entity_id)
            return entity is not None and entity.name == ANSWER
        if flow in ("compose", "advice"):
            assert self.bot.app is not None
            key, field = (
                ("post_compose", "title") if flow == "compose" else ("advice_draft", "description")
            )
            draft = self.bot.app.user_data.get(self.alice.id, {}).get(key) or {}
            return draft.get(field) == ANSWER
        key = {
            "contact": "posts.contact.sent",
            "search": "posts.list.empty",
            "partner": "posts.close.name_not_found",
        }[flow]
        return any(self.t(key) in text for text in texts)


@pytest.mark.parametrize("restart", [False, True], ids=["running", "restarted"])
@pytest.mark.parametrize(("first", "second"), _pairs(PRIVATE), ids=lambda f: str(f))
async def test_in_private_the_newest_prompt_takes_the_answer(
    world_bot: tuple[BotHarness, str], fake: FakeTelegram, first: str, second: str, restart: bool
) -> None:
    bot, language = world_bot
    flows = Private(bot, fake.user("alice", language_code=language), EN if language == "en" else ES)
    await flows.prepare(fake)
    await flows.open(first)
    await flows.open(second)
    if restart:
        await bot.restart()
    since = len(flows.alice.messages())
    await flows.alice.send(ANSWER)
    took = [flow for flow in PRIVATE if await flows.took(flow, since)]
    assert took == [second]


@dataclass
class Group:
    """Ana on the board, with an application, a post and /announce a step away."""

    bot: BotHarness
    fake: FakeTelegram
    ana: FakeUser
    entity_id: int = 0
    application_card: FakeMessage | None = None
    post_card: FakeMessage | None = None

    async def prepare(self, language: str) -> None:
        labels = EN if language == "en" else ES
        self.entity_id, self.application_card = await apply_and_notify(
            self.bot, await applicant(self.fake, "pablo", "es")
        )
        carol = self.fake.user("carol", language_code=language)
        await member(self.bot, carol, "Cocina Viva")
        await post_offer(carol, labels, "Cursos", "Los sábados.", where=labels.online)
        await self.bot.deliver()
        self.post_card = self.fake.messages_to(BOARD)[-1]

    async def open(self, flow: str) -> FakeMessage:
        """Start flow; return its prompt."""
        if flow == "rejection":
            data = f"v1:app:reject:{self.entity_id}"
            await self.ana.press_data(data, chat=BOARD, message=self.application_card)
        elif flow == "removal":
            await self.ana.press_data("v1:pmod:remove:1", chat=BOARD, message=self.post_card)
        elif flow == "summit":
            await self.ana.send("/summit", chat=BOARD)
        else:
            await self.ana.send("/announce", chat=BOARD)
        prompt = self.fake.messages_to(BOARD)[-1]
        assert prompt.reply_markup is not None and prompt.reply_markup.get("force_reply")
        return prompt

    async def took(self, flow: str) -> bool:
        if flow == "summit":  # the answer is no summit form: it is answered with what to fix
            assert self.bot.app is not None
            t = self.bot.app.services.catalogs.translator(self.bot.settings.default_locale)
            fix = t("summits.form.problems").split("<b>")[0]
            return any(fix in m.text for m in self.fake.messages_to(BOARD))
        async with self.bot.store.read() as repos:
            if flow == "rejection":
                entity = await repos.members.entity(self.entity_id)
                return entity is not None and entity.status is EntityStatus.REJECTED
            if flow == "removal":
                post = await repos.posts.get(1)
                return post is not None and post.status.value == "removed"
            return await repos.announcements.get(1) is not None


@pytest.mark.parametrize("restart", [False, True], ids=["running", "restarted"])
@pytest.mark.parametrize(("first", "second"), _pairs(GROUP), ids=lambda f: str(f))
async def test_in_the_group_the_newest_prompt_takes_the_reply(
    world_bot: tuple[BotHarness, str], fake: FakeTelegram, first: str, second: str, restart: bool
) -> None:
    bot, language = world_bot
    ana = board_member(fake, "ana", "Ana")
    flows = Group(bot, fake, ana)
    await flows.prepare(language)
    older = await flows.open(first)
    newer = await flows.open(second)
    if restart:
        await bot.restart()

    posted = len(fake.messages_to(BOARD))
    await ana.send(ANSWER, chat=BOARD)  # not a reply: chatter, nobody's answer
    assert len(fake.messages_to(BOARD)) == posted
    await ana.reply_to(older, ANSWER)  # the older prompt was closed by the newer one
    assert [flow for flow in GROUP if await flows.took(flow)] == []
    await ana.reply_to(newer, ANSWER)
    assert [flow for flow in GROUP if await flows.took(flow)] == [second]
