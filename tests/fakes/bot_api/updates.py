"""Updates: numbering them, the queue ``getUpdates`` long-polls, webhook registration, and which
messages the bot gets to see at all (privacy mode)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from .errors import ApiError, bad_request
from .model import BOT_ID, BOT_USERNAME, JSONDict
from .state import FakeState
from .wire import ApiCall, Poll, RequestParams

CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)

CONFLICT_POLLING = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class UpdatesMixin(FakeState):
    """Every update produced, the ones still queued, and the webhook if one is set."""

    def __init__(self) -> None:
        super().__init__()
        #: In-process dispatcher; when ``None`` updates are queued for ``getUpdates``.
        self.on_update: Callable[[JSONDict], Awaitable[None]] | None = None
        self.webhook: JSONDict | None = None
        self._update_queue: list[JSONDict] = []
        self._updates: list[JSONDict] = []
        self._next_update_id = 500_000_001
        self._poll_epoch = 0
        self._interrupt = 0

    def new_update(self, payload: JSONDict) -> JSONDict:
        """Assign an ``update_id``; queue it for ``getUpdates`` unless ``on_update`` is set."""
        with self.lock:
            update = {"update_id": self._next_update_id, **payload}
            self._next_update_id += 1
            self._updates.append(update)
            if self.on_update is None:
                self._update_queue.append(update)
            self._changed()
            return update

    async def deliver_update(self, payload: JSONDict) -> JSONDict:
        """``new_update`` and, in-process, await ``on_update`` with it."""
        update = self.new_update(payload)
        handler = self.on_update
        if handler is not None:
            await handler(update)
        return update

    @property
    def updates(self) -> list[JSONDict]:
        """Every update produced so far (in-process and queued)."""
        with self.lock:
            return list(self._updates)

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Queued updates not yet confirmed by a ``getUpdates`` offset."""
        with self.lock:
            return list(self._update_queue)

    def bot_sees(self, message: JSONDict) -> bool:
        """Whether Telegram would deliver ``message`` to the bot (privacy mode in groups)."""
        if not self.privacy_mode or message["chat"]["type"] == "private":
            return True
        text: str = message.get("text") or message.get("caption") or ""
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            return "@" not in command or command.endswith(f"@{BOT_USERNAME}")
        reply = message.get("reply_to_message")
        if reply is not None and reply.get("from", {}).get("id") == BOT_ID:
            return True
        return f"@{BOT_USERNAME}" in text

    def interrupt_polls(self) -> None:
        """Make pending ``getUpdates`` long polls return ``[]`` now (used on server close)."""
        with self.lock:
            self._interrupt += 1
            self._changed()

    def _confirm(self, offset: int | None) -> None:
        if offset is None or offset == 0:
            return
        if offset > 0:
            self._update_queue = [u for u in self._update_queue if u["update_id"] >= offset]
        else:
            self._update_queue = self._update_queue[offset:]

    def _poll_ready(self, poll: Poll) -> list[JSONDict] | ApiError | None:
        if poll.epoch != self._poll_epoch:
            return ApiError(409, CONFLICT_POLLING)
        if poll.interrupt != self._interrupt:
            return []
        if self._update_queue:
            return self._update_queue[: poll.limit]
        if time.monotonic() >= poll.deadline:
            return []
        return None

    def _m_get_updates(self, p: RequestParams) -> Any:
        if self.webhook is not None:
            raise ApiError(409, CONFLICT_WEBHOOK)
        offset = p.get_int("offset")
        limit = min(max(p.get_int("limit") or 100, 1), 100)
        timeout = max(p.get_float("timeout") or 0.0, 0.0)
        self._confirm(offset)
        self._poll_epoch += 1
        poll = Poll(
            call=ApiCall(method="getUpdates", params={}, files={}, at=0.0),
            offset=offset,
            limit=limit,
            deadline=time.monotonic() + timeout,
            epoch=self._poll_epoch,
            interrupt=self._interrupt,
        )
        ready = self._poll_ready(poll)
        if ready is not None:
            if isinstance(ready, ApiError):
                raise ready
            return ready
        self._changed()  # an older pending poll now sees it was superseded (409)
        return poll

    def _m_set_webhook(self, p: RequestParams) -> bool:
        url = p.get_str("url") or ""
        if not url:
            self.webhook = None
            return True
        if not url.startswith("https://") and not url.startswith("http://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if p.get_bool("drop_pending_updates"):
            self._update_queue.clear()
        self.webhook = {
            "url": url,
            "secret_token": p.get_str("secret_token"),
            "allowed_updates": p.get_json("allowed_updates"),
            "max_connections": p.get_int("max_connections"),
        }
        return True

    def _m_delete_webhook(self, p: RequestParams) -> bool:
        self.webhook = None
        if p.get_bool("drop_pending_updates"):
            self._update_queue.clear()
        return True

    def _m_get_webhook_info(self, p: RequestParams) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._update_queue),
        }
        if self.webhook and self.webhook.get("allowed_updates") is not None:
            info["allowed_updates"] = self.webhook["allowed_updates"]
        return info
