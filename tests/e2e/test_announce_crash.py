"""SIGKILL the real bot mid-announcement: after a restart nobody gets a message twice."""

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.outbox import OutboxStatus
from bot.domain.pacing import FloodLimits
from bot.storage.db import Database
from bot.storage.repos import Store
from tests.e2e.process import BotProcess
from tests.fakes import FakeTelegram, serve
from tests.fakes.transport import ServerHandle
from tests.harness import BOARD_CHAT_ID
from tests.seed import seed_members, started_users

# Enough that the crash lands mid-announcement at Telegram's 30 messages a second (the bot
# is killed after a third went out), few enough that the test takes seconds, not a minute.
MEMBERS = 300
BATCH = "announce:1"


@pytest.fixture
def fake() -> FakeTelegram:
    telegram = FakeTelegram()
    telegram.group("Junta", chat_id=BOARD_CHAT_ID, bot_status="administrator")
    return telegram


@pytest.fixture
def server(fake: FakeTelegram) -> Iterator[ServerHandle]:
    handle = serve(fake, timeout_hold=5.0)
    yield handle
    handle.close()


@pytest.fixture
def process(tmp_path: Path, fake: FakeTelegram, server: ServerHandle) -> Iterator[BotProcess]:
    bot = BotProcess(tmp_path, fake, server.url)
    yield bot
    bot.close()


async def batch_rows(path: Path) -> list[tuple[int, OutboxStatus]]:
    """(chat id, status) of every copy of the announcement, read with the bot stopped."""
    db = Database(path)
    await db.open()
    try:
        async with Store(db).read() as repos:
            return [(item.chat_id, item.status) for item in await repos.outbox.in_batch(BATCH)]
    finally:
        await db.close()


async def test_sigkill_mid_announcement_then_restart(
    tmp_path: Path, fake: FakeTelegram, process: BotProcess
) -> None:
    members = started_users(fake, MEMBERS)
    db = Database(tmp_path / "bot.db")
    await db.open()
    await seed_members(Store(db), members, now=datetime.now(UTC))
    await db.close()
    ana = fake.user("ana", first_name="Ana")
    fake.set_member(BOARD_CHAT_ID, ana, "administrator")
    member_set = set(members)

    def delivered() -> int:
        return sum(1 for record in fake.send_log if record.chat_id in member_set)

    await process.start()
    before = ana.reply_count(chat=BOARD_CHAT_ID)
    await ana.send("/announce Asamblea general el lunes", chat=BOARD_CHAT_ID)
    menu = await ana.wait_reply(before, chat=BOARD_CHAT_ID)
    await ana.press("Todos los miembros", chat=BOARD_CHAT_ID, message=menu)
    await fake.wait_for(
        lambda: any(
            f"Enviar a {MEMBERS}" in label
            for label in fake.message(BOARD_CHAT_ID, menu.message_id).button_texts
        )
    )
    await ana.press(f"Enviar a {MEMBERS}", chat=BOARD_CHAT_ID, message=menu)

    await fake.wait_for(lambda: delivered() >= MEMBERS // 3, timeout=60)
    assert await process.kill() != 0
    sent_before_crash = delivered()
    assert sent_before_crash < MEMBERS

    await process.start()
    await fake.wait_for(
        lambda: any("Informe de entrega" in m.text for m in fake.messages_to(BOARD_CHAT_ID)),
        timeout=90,
    )
    assert await process.stop() == 0

    rows = await batch_rows(tmp_path / "bot.db")
    copies = Counter(record.chat_id for record in fake.send_log if record.chat_id in member_set)
    statuses = Counter(status for _, status in rows)
    assert sorted(chat for chat, _ in rows) == sorted(members)  # one row per member
    assert set(statuses) <= {OutboxStatus.SENT, OutboxStatus.AMBIGUOUS}
    for chat_id, status in rows:
        if status is OutboxStatus.SENT:
            assert copies[chat_id] == 1, chat_id
        else:  # in flight at the crash: maybe delivered, never twice
            assert copies[chat_id] <= 1, chat_id
    assert statuses[OutboxStatus.AMBIGUOUS] <= FloodLimits().overall.limit  # at most in flight
    assert max(copies.values()) == 1
    report = next(m.text for m in fake.messages_to(BOARD_CHAT_ID) if "Informe" in m.text)
    assert f"Enviados: {statuses[OutboxStatus.SENT]} de {MEMBERS}" in report
    assert f"no se reenvía para no duplicarlo): {statuses[OutboxStatus.AMBIGUOUS]}" in report
    fake.assert_no_rate_violations()
    assert (
        "were in flight at the last stop" in process.log() or not statuses[OutboxStatus.AMBIGUOUS]
    )
