"""Shared fixtures: a fake Bot API, a fake clock and the real bot wired to both."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.telegram import FakeTelegram
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock, make_settings


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake() -> FakeTelegram:
    """A fake Bot API where the configured board group exists (with only the bot in it)."""
    telegram = FakeTelegram()
    telegram.group("Junta", chat_id=BOARD_CHAT_ID, bot_status="administrator")
    return telegram


@pytest.fixture
async def bot(tmp_path: Path, fake: FakeTelegram, clock: FakeClock) -> AsyncIterator[BotHarness]:
    harness = BotHarness(fake=fake, clock=clock, settings=make_settings(tmp_path))
    await harness.start()
    yield harness
    await harness.stop()


@pytest.fixture
def board_id() -> int:
    return BOARD_CHAT_ID
