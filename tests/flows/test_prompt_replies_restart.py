"""After a restart the board's newest prompt still takes only replies to itself."""

import pytest

from bot.domain.announcements import TEXT_MAX
from bot.domain.members import EntityStatus
from tests.fakes import FakeMessage, FakeTelegram, FakeUser
from tests.flows.board_world import BOARD, applicant, apply_and_notify, board_member, entity_status
from tests.flows.posts_world import ES, member, post_offer
from tests.harness import BotHarness

# The three flows, in the order app.py registers them (an earlier one sees a reply first).
FLOWS = ["rejection", "announce", "removal"]
PAIRS = [(a, b) for a in FLOWS for b in FLOWS if a != b]


class Flows:
    """One board member with each flow a step away: an application, a post, /announce."""

    def __init__(self, bot: BotHarness, fake: FakeTelegram, ana: FakeUser) -> None:
        self.bot, self.fake, self.ana = bot, fake, ana
        self.entity_id = 0
        self.application_card: FakeMessage | None = None
        self.post_card: FakeMessage | None = None

    async def prepare(self) -> None:
        self.entity_id, self.application_card = await apply_and_notify(
            self.bot, await applicant(self.fake, "pablo", "es")
        )
        carol = self.fake.user("carol")
        await member(self.bot, carol, "Cocina Viva")
        await post_offer(carol, ES, "Cursos", "Los sábados.", where=ES.online)
        await self.bot.deliver()
        self.post_card = self.fake.messages_to(BOARD)[-1]

    async def open(self, flow: str) -> FakeMessage:
        """Start flow; return its prompt."""
        if flow == "rejection":
            await self.ana.press_data(
                f"v1:app:reject:{self.entity_id}", chat=BOARD, message=self.application_card
            )
        elif flow == "removal":
            await self.ana.press_data("v1:pmod:remove:1", chat=BOARD, message=self.post_card)
        else:
            await self.ana.send("/announce", chat=BOARD)
        prompt = self.fake.messages_to(BOARD)[-1]
        assert prompt.reply_markup is not None and prompt.reply_markup.get("force_reply")
        return prompt

    async def done(self, flow: str) -> bool:
        """Whether flow took its reply."""
        async with self.bot.store.read() as repos:
            if flow == "rejection":
                entity = await repos.members.entity(self.entity_id)
                return entity is not None and entity.status is EntityStatus.REJECTED
            if flow == "removal":
                post = await repos.posts.get(1)
                return post is not None and post.status.value == "removed"
            return await repos.announcements.get(1) is not None


@pytest.mark.parametrize(("first", "second"), PAIRS, ids=[f"{a}-then-{b}" for a, b in PAIRS])
async def test_after_a_restart_the_newest_prompt_takes_the_reply(
    bot: BotHarness, fake: FakeTelegram, first: str, second: str
) -> None:
    ana = board_member(fake, "ana", "Ana")
    flows = Flows(bot, fake, ana)
    await flows.prepare()
    prompts = {first: await flows.open(first), second: await flows.open(second)}
    await bot.restart()

    posted = len(fake.messages_to(BOARD))
    await ana.send("¿Lo vemos mañana?", chat=BOARD)  # neither flow's text
    assert len(fake.messages_to(BOARD)) == posted
    # The very first reply after the restart goes to the later prompt: the other flow must not
    # take it and drop it (the one registered first in app.py sees it first).
    await ana.reply_to(prompts[second], "Fuera de la provincia, duplicado.")
    assert await flows.done(second)
    assert not await flows.done(first)
    await ana.reply_to(flows.post_card or prompts[first], "Esto no")  # a bot message, no prompt
    assert not await flows.done(first)
    # The first prompt was closed when the second began: a reply to it is told so, not taken.
    await ana.reply_to(prompts[first], "Fuera de la provincia, duplicado.")
    assert "Esa pregunta ya no está abierta" in fake.messages_to(BOARD)[-1].text
    assert not await flows.done(first)
    if "rejection" not in prompts:
        assert await entity_status(bot, flows.entity_id) is EntityStatus.PENDING


@pytest.mark.parametrize("flow", FLOWS)
async def test_follow_up_prompts_reply_to_the_members_message(
    bot: BotHarness, fake: FakeTelegram, flow: str
) -> None:
    # A selective ForceReply reaches only someone the message mentions or replies to.
    ana = board_member(fake, "ana", "Ana")
    flows = Flows(bot, fake, ana)
    await flows.prepare()
    prompt = await flows.open(flow)
    photo = await ana.send_photo(chat=BOARD, reply_to=prompt)
    text_only = fake.messages_to(BOARD)[-1]
    assert text_only.reply_to_message_id == photo["message_id"]
    too_long = await ana.reply_to(text_only, "x" * (TEXT_MAX + 1))
    again = fake.messages_to(BOARD)[-1]
    assert again.reply_to_message_id == too_long["message_id"]
    assert again.reply_markup is not None and again.reply_markup.get("force_reply")
    await ana.reply_to(again, "Fuera de la provincia, duplicado.")
    assert await flows.done(flow)
