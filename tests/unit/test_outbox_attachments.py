"""Outbox rows that carry a file: made at send time, or sent as text when they cannot be."""

from icalendar import Calendar

from bot.domain.outbox import Category, OutboxStatus, Rendered
from bot.domain.summits import summit_ics
from tests.delivery_world import enqueue, row
from tests.fakes import FakeTelegram
from tests.flows.summits_world import FORM, board, publish
from tests.harness import BotHarness
from tests.seed import seed_members, started_users


async def test_a_file_is_made_when_sent_and_a_missing_one_leaves_the_text(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    (user,) = started_users(fake, 1)
    await seed_members(bot.store, [user], now=bot.clock())
    summit_id = await publish(bot, board(fake), FORM)
    short = Rendered(key="announce.message", params={"text_html": "Hola"})
    long = Rendered(key="announce.message", params={"text_html": "x" * 1100})
    for key, message, ref in (
        ("with-file", short, summit_id),
        ("gone", short, 999),
        ("too-long", long, summit_id),
    ):
        attached = message.model_copy(update={"attachment": summit_ics(ref)})
        await enqueue(
            bot.store, key, user, now=bot.clock(), message=attached, category=Category.REPLY
        )
    stored = await row(bot.store, "with-file")
    assert stored.message.attachment == summit_ics(summit_id)  # it survives the round trip
    await bot.deliver()
    with_file, gone, too_long = fake.messages_to(user)[-3:]
    assert with_file.document is not None and with_file.text.endswith("Hola")
    (event,) = Calendar.from_ical(with_file.document.content).walk("VEVENT")
    assert str(event["UID"]) == f"summit-{summit_id}@cooperactivas"
    assert gone.document is None and gone.text.endswith("Hola")
    assert too_long.document is None and too_long.text.endswith("x" * 1100)
    for key in ("with-file", "gone", "too-long"):
        assert (await row(bot.store, key)).status is OutboxStatus.SENT
