"""What every concern of the fake shares: configuration, the lock, change notification, and the
users, chats and messages (with the lookups that resolve a request's ``chat_id``)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from .errors import bad_request, forbidden
from .model import (
    BOT_FIRST_NAME,
    BOT_ID,
    BOT_USERNAME,
    FakeChat,
    JSONDict,
    StoredMessage,
    UserState,
)
from .wire import RequestParams

_T = TypeVar("_T")


class FakeState:
    """The shared core of ``FakeTelegram``.

    Each concern (the mixins next to this module) adds its own state in its ``__init__``; the
    configuration below is set by ``FakeTelegram.__init__`` (see its parameters).
    """

    token: str
    time_source: Callable[[], float]
    clock: Callable[[], float]
    private_per_second: int | None
    global_per_second: int | None
    group_per_minute: int | None
    strict_html: bool
    privacy_mode: bool

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._cond = threading.Condition(self.lock)
        self._listeners: list[Callable[[], None]] = []

        self._bot = UserState(
            id=BOT_ID, first_name=BOT_FIRST_NAME, username=BOT_USERNAME, is_bot=True
        )
        self._users: dict[int, UserState] = {}
        self._chats: dict[int, FakeChat] = {}
        self._messages: dict[int, list[StoredMessage]] = {}

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` (under the lock, from any thread) after every state change."""
        with self.lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self.lock:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return unsubscribe

    def _changed(self) -> None:
        self._cond.notify_all()
        for listener in list(self._listeners):
            listener()

    async def _await_change(self, check: Callable[[], _T | None], timeout: float) -> _T | None:
        """Re-run ``check`` (under the lock) on every change until it returns non-None."""
        loop = asyncio.get_running_loop()
        event = asyncio.Event()

        def wake() -> None:
            with contextlib.suppress(RuntimeError):  # the loop is already closed
                loop.call_soon_threadsafe(event.set)

        unsubscribe = self.subscribe(wake)
        deadline = time.monotonic() + timeout
        try:
            while True:
                event.clear()
                with self.lock:
                    result = check()
                if result is not None:
                    return result
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), remaining)
        finally:
            unsubscribe()

    async def wait_for(
        self, predicate: Callable[[], bool], timeout: float = 10.0, *, message: str = ""
    ) -> None:
        """Wait (without polling) until ``predicate()`` holds; AssertionError on timeout.

        Real waiting is only meaningful in e2e mode: in-process the bot's replies already
        exist when ``send``/``press`` return.
        """
        result = await self._await_change(lambda: True if predicate() else None, timeout)
        if result is None:
            raise AssertionError(message or f"condition not met within {timeout}s")

    def _resolve_chat_id(self, p: RequestParams, name: str) -> int:
        raw = p.require_str(name, error="chat_id is empty" if name == "chat_id" else None)
        if raw.lstrip("-").isdigit():
            return int(raw)
        if raw.startswith("@"):
            for chat in self._chats.values():
                if chat.type != "private" and chat.username == raw[1:]:
                    return chat.id
        raise bad_request("chat not found")

    def _known_chat(self, p: RequestParams, name: str = "chat_id") -> FakeChat:
        chat = self._chats.get(self._resolve_chat_id(p, name))
        if chat is None or (chat.type == "private" and not self._users[chat.id].started):
            raise bad_request("chat not found")
        return chat

    def _writable_chat(self, p: RequestParams, name: str = "chat_id") -> FakeChat:
        chat = self._chats.get(self._resolve_chat_id(p, name))
        if chat is None:
            raise bad_request("chat not found")
        if chat.type == "private":
            user = self._users[chat.id]
            if user.blocked:
                raise forbidden("bot was blocked by the user")
            if not user.started:
                raise forbidden("bot can't initiate conversation with a user")
            return chat
        status = chat.members.get(BOT_ID, "left")
        if status == "kicked":
            raise forbidden(f"bot was kicked from the {chat.type_name}")
        if status == "left":
            raise forbidden(f"bot is not a member of the {chat.type_name}")
        if chat.type == "channel" and status not in {"creator", "administrator"}:
            raise bad_request("need administrator rights in the channel chat")
        return chat

    def _user_dict(self, user_id: int) -> JSONDict:
        return self._bot.to_dict() if user_id == BOT_ID else self._users[user_id].to_dict()
