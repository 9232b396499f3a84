"""An announcement to 3000 members, with real time, against the fake Bot API over 127.0.0.1.

The real `python -m bot` process sends it (as in production: SharedRateLimiter, the relay
job, SQLite with synchronous=FULL); the fake Bot API is served over HTTP from a thread of
this process and checks every rate window. A board member confirms the announcement through
the fake; the clock runs from that press to the last member's copy.

Run by hand: `.venv/bin/python -m bench.announce [members]` (default 3000). Prints wall time
against the floor of 30 messages a second, the bot process's CPU seconds and peak RSS, and the
rate windows exceeded (none expected).
"""

import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil

from bot.storage.db import Database
from bot.storage.repos import Store
from tests.e2e.process import BotProcess
from tests.fakes import FakeTelegram, serve
from tests.harness import BOARD_CHAT_ID
from tests.seed import seed_members, started_users

PER_SECOND = 30


def peak_rss_bytes(pid: int) -> int:
    """The process's high-water mark of resident memory (Linux VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return int(psutil.Process(pid).memory_info().rss)


async def run(members: int) -> None:
    fake = FakeTelegram()
    fake.group("Junta", chat_id=BOARD_CHAT_ID, bot_status="administrator")
    ana = fake.user("ana", first_name="Ana")
    fake.set_member(BOARD_CHAT_ID, ana, "administrator")
    ids = started_users(fake, members)
    wanted = set(ids)
    with tempfile.TemporaryDirectory() as folder, serve(fake) as server:
        workdir = Path(folder)
        db = Database(workdir / "bot.db")
        await db.open()
        await seed_members(Store(db), ids, now=datetime.now(UTC))
        await db.close()
        process = BotProcess(workdir, fake, server.url, LOG_LEVEL="WARNING")
        try:
            await process.start()
            assert process.proc is not None
            bot = psutil.Process(process.proc.pid)
            before = ana.reply_count(chat=BOARD_CHAT_ID)
            await ana.send("/announce Asamblea general el lunes a las 18:00", chat=BOARD_CHAT_ID)
            menu = await ana.wait_reply(before, chat=BOARD_CHAT_ID)
            await ana.press("Todos los miembros", chat=BOARD_CHAT_ID, message=menu)
            await fake.wait_for(
                lambda: any(
                    "Enviar a" in label
                    for label in fake.message(BOARD_CHAT_ID, menu.message_id).button_texts
                )
            )
            cpu_before = sum(bot.cpu_times()[:2])
            started = time.monotonic()
            await ana.press(f"Enviar a {members}", chat=BOARD_CHAT_ID, message=menu)
            while (done := sum(1 for r in fake.send_log if r.chat_id in wanted)) < members:
                await asyncio.sleep(0.25)
                if time.monotonic() - started > members / PER_SECOND * 3:
                    raise SystemExit(f"stalled at {done}/{members}; log:\n{process.log()}")
            wall = time.monotonic() - started
            cpu = sum(bot.cpu_times()[:2]) - cpu_before
            peak = peak_rss_bytes(bot.pid)
            await process.stop()
        finally:
            process.close()
    floor = members / PER_SECOND
    records = [r for r in fake.send_log if r.chat_id in wanted]
    sends = [r.at for r in records]
    copies = len(records)
    duplicates = copies - len({r.chat_id for r in records})
    print(f"announcement to {members} members, fake Bot API served over 127.0.0.1")
    print(f"  wall time        {wall:7.1f} s   (floor {floor:.0f} s at {PER_SECOND}/s)")
    print(f"  wall / floor     {wall / floor:7.3f}")
    print(f"  first to last    {sends[-1] - sends[0]:7.1f} s")
    print(f"  bot CPU          {cpu:7.1f} s   ({cpu / wall * 100:.0f}% of one core)")
    print(f"  bot peak RSS     {peak / 2**20:7.1f} MiB")
    print(f"  copies received  {copies:7d}   (duplicates: {duplicates})")
    print(f"  rate violations  {len(fake.rate_violations):7d}")
    for violation in fake.rate_violations[:5]:
        print(f"    {violation}")


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 3000))
