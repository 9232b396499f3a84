"""Runs the real `python -m bot` process against the fake Bot API served on 127.0.0.1."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from tests.fakes import FakeTelegram
from tests.harness import BOARD_CHAT_ID

ROOT = Path(__file__).resolve().parents[2]


class BotProcess:
    """One bot process; start() again after stop() or kill() is a restart on the same data."""

    def __init__(self, workdir: Path, fake: FakeTelegram, api_url: str, **env: str) -> None:
        self.workdir = workdir
        self.fake = fake
        self.log_path = workdir / "bot.log"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOARD_"))},
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_URL": api_url,
            "BOARD_CHAT_ID": str(BOARD_CHAT_ID),
            "DATABASE_URL": f"sqlite:///{workdir / 'bot.db'}",
            "LOG_LEVEL": "INFO",
            **env,
        }
        self.proc: subprocess.Popen[bytes] | None = None

    async def start(
        self, timeout: float = 30.0, *, ready: Callable[[], bool] | None = None
    ) -> None:
        """Start the process and wait until it polls for updates (or until `ready()`)."""
        polls_before = len(self.fake.calls_to("getUpdates"))
        if ready is None:

            def ready() -> bool:
                return len(self.fake.calls_to("getUpdates")) > polls_before

        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=self.workdir,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        try:
            await self.fake.wait_for(
                lambda: ready() or (self.proc is not None and self.proc.poll() is not None),
                timeout,
            )
        except AssertionError:
            raise AssertionError(f"bot did not get ready; log:\n{self.log()}") from None
        if self.proc.poll() is not None:
            raise AssertionError(f"bot exited with {self.proc.returncode}; log:\n{self.log()}")

    def log(self) -> str:
        """Everything the process wrote so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    async def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, as a service manager would, and wait for a clean exit."""
        return await self._end(signal.SIGTERM, timeout)

    async def kill(self, timeout: float = 10.0) -> int:
        """SIGKILL: the crash case, nothing gets flushed."""
        return await self._end(signal.SIGKILL, timeout)

    async def _end(self, sig: signal.Signals, timeout: float) -> int:
        assert self.proc is not None
        proc, self.proc = self.proc, None
        proc.send_signal(sig)
        code = await asyncio.to_thread(proc.wait, timeout)
        return code

    def rss_bytes(self) -> int:
        """Resident memory of the running process."""
        assert self.proc is not None
        return int(psutil.Process(self.proc.pid).memory_info().rss)

    def close(self) -> None:
        """Make sure no process outlives the test."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None


async def settle(fake: FakeTelegram, *, quiet: float = 0.4, timeout: float = 15.0) -> None:
    """Wait until the bot took every queued update and made no API call for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    last_count = -1
    last_change = time.monotonic()
    while time.monotonic() < deadline:
        busy = [c for c in fake.calls if c.method != "getUpdates"]
        if len(busy) != last_count or fake.pending_updates:
            last_count = len(busy)
            last_change = time.monotonic()
        elif time.monotonic() - last_change >= quiet:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the bot did not settle")
