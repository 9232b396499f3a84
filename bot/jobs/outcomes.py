"""What a failed send means for its outbox row: retry, give up, or never try again."""

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

import httpx
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

__all__ = ["Failure", "Verdict", "classify", "retry_after"]

# httpx errors raised before the request left: resending cannot duplicate anything.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# httpx errors raised after the request was written: Telegram may have acted on it.
_ANSWER_LOST = (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError)


class Verdict(StrEnum):
    """How the relay treats a failed send."""

    FLOOD = "flood"  # 429: wait retry_after, then send again
    RETRY = "retry"  # not delivered for a passing reason: back off and send again
    UNREACHABLE = "unreachable"  # the user blocked the bot or the chat is gone
    FAILED = "failed"  # Telegram refused this message; sending it again would not help
    AMBIGUOUS = "ambiguous"  # the request went out and no answer came: it may have arrived


@dataclass(frozen=True, slots=True)
class Failure:
    """A verdict with the error text to store and, for 429, how long to wait."""

    verdict: Verdict
    error: str
    wait: timedelta = timedelta(0)


def retry_after(exc: RetryAfter) -> timedelta:
    """How long Telegram asked us to wait (bot/__init__ opts into timedelta durations)."""
    wait = exc.retry_after
    return wait if isinstance(wait, timedelta) else timedelta(seconds=wait)


def classify(exc: TelegramError) -> Failure:
    """Decide what a send error means; only a lost answer after sending is ambiguous."""
    text = str(exc)
    if isinstance(exc, RetryAfter):
        wait = retry_after(exc)
        return Failure(Verdict.FLOOD, f"429 retry after {wait.total_seconds():g}s", wait)
    if isinstance(exc, Forbidden):
        return Failure(Verdict.UNREACHABLE, text)
    if isinstance(exc, TimedOut):
        if isinstance(exc.__cause__, _NOT_SENT):
            return Failure(Verdict.RETRY, f"not sent: {text}")
        return Failure(Verdict.AMBIGUOUS, f"timeout: {text}")
    if isinstance(exc, BadRequest):
        verdict = Verdict.UNREACHABLE if "chat not found" in text.lower() else Verdict.FAILED
        return Failure(verdict, text)
    if isinstance(exc, NetworkError):
        if isinstance(exc.__cause__, _ANSWER_LOST):
            return Failure(Verdict.AMBIGUOUS, f"connection lost: {text}")
        return Failure(Verdict.RETRY, text)  # 5xx, refused connection
    if isinstance(exc, InvalidToken):
        return Failure(Verdict.RETRY, text)  # our configuration, not the message, is wrong
    return Failure(Verdict.FAILED, text)
