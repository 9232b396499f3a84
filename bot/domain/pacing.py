"""Telegram's flood limits as sliding windows: how long to wait before the next send.

A token bucket lets a full bucket burst and then refill, so at a window's edge it allows
twice the limit within one second; Telegram (and our fake of it) count sends in any window
of that length. So each limit keeps the times of its recent sends and answers "wait until
the oldest one that still counts leaves the window".

Which time is a send's? The server counts it when the request arrives, somewhere between
the moment it leaves and the moment its answer comes back, and network delays vary. So a
send counts as in flight from ``begin()`` until ``end()``, and is then stamped with the
answer's time: never earlier than the server's own stamp. A send that waited for that
entry to leave the window therefore reaches the server a full window later, whatever the
delays. A window full of sends still in flight has no known end: ``BUSY``.

Times are plain seconds from any clock the caller chooses; nothing here sleeps.
"""

import math
from bisect import bisect_right, insort
from dataclasses import dataclass

__all__ = ["BUSY", "FloodLimiter", "FloodLimits", "Window"]

BUSY = math.inf  # the window is full of sends still waiting for their answer
# Idle chat windows are forgotten once there are more than this many.
_PRUNE_AT = 2048


@dataclass(frozen=True, slots=True)
class Window:
    """At most `limit` sends within any `seconds`."""

    limit: int
    seconds: float


@dataclass(frozen=True, slots=True)
class FloodLimits:
    """Telegram's documented limits for bots."""

    overall: Window = Window(30, 1.0)
    private_chat: Window = Window(1, 1.0)
    group_chat: Window = Window(20, 60.0)
    # Added to every window: absorbs the rounding of clock ticks and float timestamps.
    guard: float = 0.001


class _Log:
    """Sends that count against one window: answered ones by time, and those in flight."""

    __slots__ = ("in_flight", "limit", "seconds", "times")

    def __init__(self, window: Window, guard: float) -> None:
        self.limit = window.limit
        self.seconds = window.seconds + guard
        self.times: list[float] = []  # sorted
        self.in_flight = 0

    def wait(self, now: float) -> float:
        """Seconds until one more send fits in the window (BUSY: when an answer comes)."""
        self._forget(now)
        excess = self.in_flight + len(self.times) - self.limit + 1
        if excess <= 0:
            return 0.0
        if excess > len(self.times):
            return BUSY
        # A clock that jumped back must not make us wait longer than one window.
        return min(max(self.times[excess - 1] + self.seconds - now, 0.0), self.seconds)

    def record(self, at: float) -> None:
        insort(self.times, at)
        self._forget(at)

    def _forget(self, now: float) -> None:
        gone = bisect_right(self.times, now - self.seconds)
        if gone:
            del self.times[:gone]

    def idle(self, now: float) -> bool:
        return not self.in_flight and (not self.times or self.times[-1] + self.seconds <= now)


class FloodLimiter:
    """Tracks recent sends overall and per chat; negative chat ids are groups and channels."""

    def __init__(self, limits: FloodLimits | None = None) -> None:
        self.limits = limits or FloodLimits()
        self._overall = _Log(self.limits.overall, self.limits.guard)
        self._chats: dict[int, _Log] = {}
        self._paused_until = 0.0

    def chat_wait(self, chat_id: int, now: float) -> float:
        """Seconds until this chat's own window allows another send."""
        log = self._chats.get(chat_id)
        return 0.0 if log is None else log.wait(now)

    def overall_wait(self, now: float) -> float:
        """Seconds until the bot-wide window (and any flood pause) allows another send."""
        return max(self._overall.wait(now), self.paused(now))

    def wait(self, chat_id: int, now: float) -> float:
        """Seconds until a send to chat_id respects every limit."""
        return max(self.chat_wait(chat_id, now), self.overall_wait(now))

    @property
    def in_flight(self) -> int:
        """Sends begun and not yet answered."""
        return self._overall.in_flight

    def paused(self, now: float) -> float:
        """Seconds left of a flood pause Telegram asked for."""
        return max(self._paused_until - now, 0.0)

    def begin(self, chat_id: int) -> None:
        """A send to chat_id leaves now; it counts as in flight until end()."""
        self._overall.in_flight += 1
        self._chat(chat_id).in_flight += 1

    def end(self, chat_id: int, at: float) -> None:
        """The answer to a send begun earlier came at `at` (or we stopped waiting for it)."""
        self._overall.in_flight -= 1
        self._overall.record(at)
        log = self._chat(chat_id)
        log.in_flight -= 1
        log.record(at)

    def record(self, chat_id: int, at: float) -> None:
        """Count a send that was answered at `at` (e.g. by the process before a restart)."""
        self._overall.record(at)
        self._chat(chat_id).record(at)

    def pause(self, until: float) -> None:
        """Telegram answered 429: send nothing at all before until."""
        self._paused_until = max(self._paused_until, until)

    def _chat(self, chat_id: int) -> _Log:
        log = self._chats.get(chat_id)
        if log is None:
            if len(self._chats) >= _PRUNE_AT:
                self._prune()
            window = self.limits.group_chat if chat_id < 0 else self.limits.private_chat
            log = self._chats[chat_id] = _Log(window, self.limits.guard)
        return log

    def _prune(self) -> None:
        newest = max((log.times[-1] for log in self._chats.values() if log.times), default=0.0)
        for chat_id in [chat for chat, log in self._chats.items() if log.idle(newest)]:
            del self._chats[chat_id]
