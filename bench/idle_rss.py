"""Resident memory of the idle bot: the real process polling the fake Bot API on 127.0.0.1.

Run by hand: `.venv/bin/python -m bench.idle_rss`.
"""

import asyncio
import tempfile
from pathlib import Path

from tests.e2e.process import BotProcess
from tests.fakes import FakeTelegram, serve
from tests.harness import BOARD_CHAT_ID


async def measure(idle_seconds: float = 10.0) -> None:
    fake = FakeTelegram()
    fake.group("Junta", chat_id=BOARD_CHAT_ID, bot_status="administrator")
    with tempfile.TemporaryDirectory() as folder, serve(fake) as server:
        process = BotProcess(Path(folder), fake, server.url)
        try:
            await process.start()
            user = fake.user("alice", language_code="es")
            await user.send("/start")  # one real exchange, so handlers and catalogs are warm
            await user.wait_reply(0)
            await asyncio.sleep(idle_seconds)
            rss = process.rss_bytes()
            print(f"idle bot RSS after {idle_seconds:.0f} s: {rss / 2**20:.1f} MiB")
            await process.stop()
        finally:
            process.close()


if __name__ == "__main__":
    asyncio.run(measure())
