"""Telegram's flood limits, checked after the fact: every send the bot makes is logged and each
one over a limit is recorded as a :class:`RateViolation` (the fake never answers 429 by itself;
tests schedule one with ``FakeTelegram.inject``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import FakeChat
from .state import FakeState

#: Methods whose successful calls are timestamped for the rate-window checker.
SEND_METHODS = frozenset(
    {"sendmessage", "sendphoto", "senddocument", "copymessage", "forwardmessage"}
)


@dataclass(frozen=True)
class SendRecord:
    at: float
    chat_id: int
    chat_type: str
    method: str


@dataclass(frozen=True)
class RateViolation:
    kind: Literal["global", "private", "group"]
    chat_id: int | None
    count: int
    limit: int
    window: float
    at: float
    method: str

    def __str__(self) -> str:
        where = "overall" if self.chat_id is None else f"to chat {self.chat_id}"
        return (
            f"{self.count} sends {where} within {self.window:g}s "
            f"(limit {self.limit}) at t={self.at:.3f} [{self.method}]"
        )


class RateLimitMixin(FakeState):
    """The send log and the violations of the per-chat and global limits."""

    def __init__(self) -> None:
        super().__init__()
        self._send_log: list[SendRecord] = []
        self._violations: list[RateViolation] = []

    @property
    def send_log(self) -> list[SendRecord]:
        with self.lock:
            return list(self._send_log)

    @property
    def rate_violations(self) -> list[RateViolation]:
        with self.lock:
            return list(self._violations)

    def assert_no_rate_violations(self) -> None:
        violations = self.rate_violations
        if violations:
            lines = "\n  ".join(str(v) for v in violations[:20])
            more = f"\n  ... and {len(violations) - 20} more" if len(violations) > 20 else ""
            raise AssertionError(f"{len(violations)} rate-limit violation(s):\n  {lines}{more}")

    def _record_send(self, chat: FakeChat, method: str) -> None:
        now = self.time_source()
        self._send_log.append(SendRecord(now, chat.id, chat.type, method))
        overall = in_chat_second = in_chat_minute = 0
        for record in reversed(self._send_log):
            age = now - record.at
            if age >= 60.0:
                break
            same_chat = record.chat_id == chat.id
            if age < 1.0:
                overall += 1
                in_chat_second += same_chat
            in_chat_minute += same_chat

        def violate(
            kind: Literal["global", "private", "group"],
            chat_id: int | None,
            count: int,
            limit: int,
            window: float,
        ) -> None:
            self._violations.append(RateViolation(kind, chat_id, count, limit, window, now, method))

        if self.global_per_second is not None and overall > self.global_per_second:
            violate("global", None, overall, self.global_per_second, 1.0)
        if chat.type == "private":
            if self.private_per_second is not None and in_chat_second > self.private_per_second:
                violate("private", chat.id, in_chat_second, self.private_per_second, 1.0)
        elif self.group_per_minute is not None and in_chat_minute > self.group_per_minute:
            violate("group", chat.id, in_chat_minute, self.group_per_minute, 60.0)
