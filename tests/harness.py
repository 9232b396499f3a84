"""Builds the real bot Application against the fake Bot API, with a fake clock."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.request import HTTPXRequest

from bot.app import build_application
from bot.config import Settings
from bot.context import CoopApplication
from bot.jobs.relay import Relay
from bot.jobs.schedule import make_relay
from bot.services import due as scans
from bot.storage.repos import Store
from tests import prebuilt
from tests.fakes.telegram import FakeTelegram
from tests.fakes.transport import FakeTransport

BOARD_CHAT_ID = -1001234
TOKEN = "123456:TEST-TOKEN"
API_URL = "http://fake.telegram"
START = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # a Friday, 11:00 in León


@dataclass
class FakeClock:
    """A clock that only moves when a test moves it."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for a test: its own database, the fake API and the board group."""
    values: dict[str, Any] = {
        "telegram_bot_token": TOKEN,
        "board_chat_id": BOARD_CHAT_ID,
        "database_url": f"sqlite:///{tmp_path / 'bot.db'}",
        "telegram_api_url": API_URL,
        "default_locale": "es",
        "_env_file": None,
    }
    values.update(overrides)
    return Settings(**values)


@dataclass
class BotHarness:
    """One running (in-process) bot; restart() simulates a SIGTERM and a new process."""

    fake: FakeTelegram
    clock: FakeClock
    settings: Settings
    app: CoopApplication | None = None
    relay: Relay | None = None
    customize: list[Callable[[CoopApplication], Awaitable[None] | None]] = field(
        default_factory=list
    )

    async def start(self) -> CoopApplication:
        request = HTTPXRequest(httpx_kwargs={"transport": FakeTransport(self.fake)})
        updates_request = HTTPXRequest(httpx_kwargs={"transport": FakeTransport(self.fake)})
        network, vocabulary = prebuilt.network(self.settings.network_config)
        app = build_application(
            self.settings,
            network=network,
            catalogs=prebuilt.catalogs(self.settings.default_locale),
            vocabulary=vocabulary,
            request=request,
            get_updates_request=updates_request,
            clock=self.clock,
            rate_limited=False,
        )
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        self.app = app
        # One relay per process, like the job's, so its rate windows span deliver() calls.
        self.relay = make_relay(app, sleep=self.sleep)
        await self.relay.recover()
        self.fake.on_update = self._dispatch
        return app

    async def sleep(self, seconds: float) -> None:
        """What the relay awaits instead of real time: move the fake clock.

        In-process answers are instant in real life's terms, so sends already on their way
        get them before the clock moves (a rate window counts from a send's answer).
        """
        for _ in range(1000):
            if self.relay is None or not self.relay.limiter.in_flight:
                break
            await asyncio.sleep(0)
        self.clock.advance(seconds=seconds)
        await asyncio.sleep(0)

    async def _dispatch(self, payload: dict[str, Any]) -> None:
        assert self.app is not None
        await self.app.process_update(Update.de_json(payload, self.app.bot))

    async def stop(self) -> None:
        """What SIGTERM does: flush persistence, shut down, close the database."""
        if self.app is None:
            return
        app, self.app = self.app, None
        self.fake.on_update = None
        await app.update_persistence()
        await app.shutdown()
        assert app.post_shutdown is not None
        await app.post_shutdown(app)

    async def restart(self) -> CoopApplication:
        await self.stop()
        return await self.start()

    async def deliver(self) -> int:
        """Run the outbox relay until nothing is due; return how many rows it handled."""
        assert self.relay is not None
        total = 0
        # A pass also waits out short pauses (a busy chat, a brief retry_after) on the fake
        # clock; rows put back for longer stay queued until the test moves the clock.
        while (stats := await self.relay.run_once()).handled:
            total += stats.handled
        return total

    async def run_scans(self) -> dict[str, scans.ScanResult]:
        """Run the due scans once, as the every-minute job does."""
        assert self.app is not None
        return await scans.run_scans(self.app.services)

    @property
    def store(self) -> Store:
        assert self.app is not None
        return self.app.services.store
