"""A notice held back by quiet hours is cancelled when the fee is paid meanwhile."""

from datetime import UTC, datetime

from bot.domain.fees import notice_key
from bot.domain.members import EntityProfile
from bot.domain.outbox import OutboxStatus
from tests.delivery_world import board_member
from tests.fakes import FakeTelegram
from tests.harness import BOARD_CHAT_ID, BotHarness
from tests.seed import seed_entity


async def test_a_queued_notice_is_cancelled_by_the_payment(
    bot: BotHarness, fake: FakeTelegram
) -> None:
    marta = fake.user("marta", language_code="es")
    fake.user_state(marta.id).started = True
    async with bot.store.write() as repos:
        entity_id = await seed_entity(
            repos,
            EntityProfile(
                name="Panadería Común",
                kind="cooperative",
                sectors=["agrifood"],
                municipality="leon",
                description="Pan.",
            ),
            user_id=marta.id,
            first_name="Marta",
            locale="es",
            now=bot.clock(),
        )
    # The bot comes back at 23:30 in León, after the 30-days-before notice fell due: the
    # notice is queued, and waits for the end of quiet hours.
    bot.clock.now = datetime(2027, 3, 1, 22, 30, tzinfo=UTC)
    await bot.run_scans()
    await bot.deliver()
    key = notice_key(2027, entity_id, "before-30d", marta.id)
    async with bot.store.read() as repos:
        queued = await repos.outbox.by_key(key)
    assert queued is not None and queued.status is OutboxStatus.QUEUED
    assert marta.messages() == []

    ana = board_member(fake, "ana_junta")
    await ana.send(f"/paid #{entity_id} 60", chat=BOARD_CHAT_ID)
    bot.clock.now = datetime(2027, 3, 2, 8, 30, tzinfo=UTC)  # quiet hours are over
    await bot.run_scans()
    await bot.deliver()
    async with bot.store.read() as repos:
        cancelled = await repos.outbox.by_key(key)
    assert cancelled is not None and cancelled.status is OutboxStatus.CANCELLED
    texts = [message.text for message in marta.messages()]
    assert len(texts) == 1 and "Gracias" in texts[0]  # the thank-you, never the notice
