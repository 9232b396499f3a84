"""Access is applied where handlers are registered: every board feature's handler runs only in
the board group, every member feature's handler only in private chats, and nothing a board
module handles slips through unguarded."""

from pathlib import Path
from typing import Any

from telegram.ext import BaseHandler

from bot.app import GROUP_FEATURES, build_application
from tests.harness import make_settings

# Modules whose registered callbacks act for the board / for a member in their private chat.
BOARD_MODULES = (
    "bot.handlers.board.applications",
    "bot.handlers.board.rejection",
    "bot.handlers.board.directory",
    "bot.handlers.announce.",
    "bot.handlers.posts.moderation",
    "bot.handlers.matching.board",
)
PRIVATE_MODULES = (
    "bot.handlers.posts.",
    "bot.handlers.matching.",
    "bot.handlers.menu",
    "bot.handlers.profile",
    "bot.handlers.invite",
    "bot.handlers.privacy",
)


def _guard_and_target(handler: BaseHandler[Any, Any, Any]) -> tuple[str, str]:
    callback = handler.callback
    target = getattr(callback, "__wrapped__", None)
    if target is None:
        return "", f"{callback.__module__}.{callback.__qualname__}"
    return getattr(callback, "access", "?"), f"{target.__module__}.{target.__qualname__}"


def test_each_feature_handler_has_its_chats_guard(tmp_path: Path) -> None:
    app = build_application(make_settings(tmp_path))
    seen: dict[str, str] = {}
    for handler in app.handlers[GROUP_FEATURES]:
        guard, target = _guard_and_target(handler)
        seen[target] = guard
    board = {t: g for t, g in seen.items() if t.startswith(BOARD_MODULES)}
    private = {t: g for t, g in seen.items() if t.startswith(PRIVATE_MODULES) and t not in board}

    assert board and all(guard == "board" for guard in board.values()), board
    assert private and all(guard == "private" for guard in private.values()), private
    assert seen["bot.handlers.common.choose_language"] == "private"
    assert seen["bot.handlers.common.show_help"] == ""  # help answers in any chat
