"""Webhook mode of the real process: only Telegram, holding the secret, can post updates.

Without a secret anyone who learns the public URL could post a forged update as a board member.
So the bot never runs a webhook without one: it uses WEBHOOK_SECRET, or a random one it
registers with setWebhook, and answers 403 to a POST that does not carry it.
"""

import asyncio
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.process import BotProcess, settle
from tests.fakes import FakeTelegram, serve
from tests.fakes.transport import ServerHandle
from tests.fakes.webhook import SECRET_HEADER, free_port, post_raw, push_updates
from tests.harness import BOARD_CHAT_ID

SECRET = "board-only_Secret-42"


@pytest.fixture
def fake() -> FakeTelegram:
    telegram = FakeTelegram()
    telegram.group("Junta", chat_id=BOARD_CHAT_ID, bot_status="administrator")
    return telegram


@pytest.fixture
def server(fake: FakeTelegram) -> Iterator[ServerHandle]:
    handle = serve(fake)
    yield handle
    handle.close()


def webhook_bot(
    tmp_path: Path, fake: FakeTelegram, server: ServerHandle, **env: str
) -> tuple[BotProcess, str]:
    port = free_port()
    bot = BotProcess(
        tmp_path,
        fake,
        server.url,
        WEBHOOK_URL=f"http://127.0.0.1:{port}",
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        **env,
    )
    return bot, f"http://127.0.0.1:{port}"


def listening(base: str) -> bool:
    host, port = base.removeprefix("http://").split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=0.2):
            return True
    except OSError:
        return False


async def start_webhook(bot: BotProcess, fake: FakeTelegram, base: str) -> None:
    """Start the bot and wait until it registered its webhook and its server listens."""
    await bot.start(ready=lambda: fake.webhook is not None)
    deadline = time.monotonic() + 15
    while not listening(base):  # the port opens with no further call to the fake to wake on
        assert time.monotonic() < deadline, f"webhook server never listened; log:\n{bot.log()}"
        await asyncio.sleep(0.05)


def forged_start(fake: FakeTelegram, user_id: int) -> dict[str, object]:
    """A made-up /start from an arbitrary user, as someone outside could write it."""
    return {
        "update_id": 990_001,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Mallory"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Mallory"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_only_updates_with_the_secret_are_answered(
    tmp_path: Path, fake: FakeTelegram, server: ServerHandle
) -> None:
    bot, base = webhook_bot(tmp_path, fake, server, WEBHOOK_SECRET=SECRET)
    try:
        await start_webhook(bot, fake, base)
        assert fake.webhook is not None
        assert fake.webhook["url"] == f"{base}/telegram"
        assert fake.webhook["secret_token"] == SECRET

        # Telegram, holding the secret, delivers a member's /start: it is answered.
        alice = fake.user("alice", first_name="Alice", language_code="es")
        await alice.send("/start")
        assert await push_updates(fake) == [200]
        await settle(fake)
        assert "COOPERACTIVAS" in alice.last_text()

        # The same kind of update posted from outside: no header, a wrong one.
        mallory = 4_242_424
        hook = f"{base}/telegram"
        assert await post_raw(hook, forged_start(fake, mallory)) == 403
        wrong = {SECRET_HEADER: "guessed-secret"}
        assert await post_raw(hook, forged_start(fake, mallory), headers=wrong) == 403
        # Only the configured path listens; a body that is not an update is refused.
        right = {SECRET_HEADER: SECRET}
        assert await post_raw(f"{base}/", forged_start(fake, mallory), headers=right) == 404
        assert await post_raw(f"{base}/admin", forged_start(fake, mallory), headers=right) == 404
        # PTB's server answers 500 to a body that is not even JSON: refused all the same.
        assert await post_raw(hook, b"not json at all", headers=right) in {400, 500}
        assert await post_raw(hook, {"hello": "world"}, headers=right) == 400
        await settle(fake)
        assert fake.bot_message_count(mallory) == 0
        assert SECRET not in bot.log()
    finally:
        bot.close()


async def test_without_a_secret_one_is_generated_and_forged_posts_refused(
    tmp_path: Path, fake: FakeTelegram, server: ServerHandle
) -> None:
    bot, base = webhook_bot(tmp_path, fake, server)
    try:
        await start_webhook(bot, fake, base)
        assert fake.webhook is not None
        generated = str(fake.webhook["secret_token"] or "")
        assert len(generated) >= 32

        bob = fake.user("bob", first_name="Bob", language_code="en")
        await bob.send("/start")
        assert await push_updates(fake) == [200]
        await settle(fake)
        assert "COOPERACTIVAS" in bob.last_text()

        mallory = 5_151_515
        assert await post_raw(f"{base}/telegram", forged_start(fake, mallory)) == 403
        await settle(fake)
        assert fake.bot_message_count(mallory) == 0
        assert "WEBHOOK_SECRET is not set" in bot.log()
        assert generated not in bot.log()
    finally:
        bot.close()
