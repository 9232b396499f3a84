"""Fake Telegram Bot API for flow (in-process) and e2e (HTTP) tests."""

from .driver import FakeUser
from .telegram import (
    BOT_ID,
    BOT_USERNAME,
    DEFAULT_TOKEN,
    ApiCall,
    ApiError,
    CallbackAnswer,
    ChatAction,
    FakeChat,
    FakeMessage,
    FakeTelegram,
    Fault,
    FileInfo,
    RateViolation,
)
from .transport import FakeTransport, ServerHandle, serve

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "DEFAULT_TOKEN",
    "ApiCall",
    "ApiError",
    "CallbackAnswer",
    "ChatAction",
    "FakeChat",
    "FakeMessage",
    "FakeTelegram",
    "FakeTransport",
    "FakeUser",
    "Fault",
    "FileInfo",
    "RateViolation",
    "ServerHandle",
    "serve",
]
