"""Telegram's side of a webhook: push queued updates to the URL the bot registered.

In webhook mode the fake keeps updates queued (nobody polls); :func:`push_updates` does what
Telegram does with them: POST each one as JSON to the registered URL, with the registered
``secret_token`` in ``X-Telegram-Bot-Api-Secret-Token``, and drop it once answered 200.
"""

from __future__ import annotations

import json
import socket

import httpx

from .telegram import FakeTelegram, JSONDict

__all__ = ["SECRET_HEADER", "free_port", "post_raw", "push_updates"]

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (for the bot's webhook server)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


async def push_updates(fake: FakeTelegram) -> list[int]:
    """Deliver every queued update to the webhook, as Telegram would; return the statuses."""
    assert fake.webhook is not None, "the bot registered no webhook"
    url = str(fake.webhook["url"])
    secret = fake.webhook.get("secret_token")
    headers = {"Content-Type": "application/json"}
    if secret:
        headers[SECRET_HEADER] = str(secret)
    statuses: list[int] = []
    async with httpx.AsyncClient(timeout=10) as client:
        for update in fake.pending_updates:
            response = await client.post(url, content=json.dumps(update), headers=headers)
            statuses.append(response.status_code)
            if response.status_code == 200:
                with fake.lock:  # confirmed, as a 200 answer confirms it to Telegram
                    fake._update_queue.remove(update)
    return statuses


async def post_raw(
    url: str, body: bytes | JSONDict, *, headers: dict[str, str] | None = None
) -> int:
    """POST anything to the bot's webhook server, as an attacker could; return the status."""
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    sent = {"Content-Type": "application/json", **(headers or {})}
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(url, content=content, headers=sent)
    return response.status_code
