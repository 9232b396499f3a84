"""The bot's own profile: ``getMe``, its commands, name and descriptions, ``logOut``/``close``."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from .errors import bad_request
from .model import BOT_FIRST_NAME, JSONDict
from .state import FakeState
from .wire import RequestParams

COMMAND_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)


_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")


class BotProfileMixin(FakeState):
    """Command lists per scope and language, and the bot's texts per language."""

    def __init__(self) -> None:
        super().__init__()
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self._bot_texts: dict[tuple[str, str], str] = {}
        self.logged_out = False
        self.closed = False

    def commands(
        self, scope: JSONDict | None = None, language_code: str = ""
    ) -> list[tuple[str, str]]:
        """Commands set for exactly this scope/language (no fallback, like getMyCommands)."""
        with self.lock:
            stored = self._commands.get(_scope_key(scope, language_code), [])
            return [(c["command"], c["description"]) for c in stored]

    @property
    def command_sets(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """All command lists keyed by (canonical scope JSON, language_code)."""
        with self.lock:
            return {
                key: [(c["command"], c["description"]) for c in value]
                for key, value in self._commands.items()
            }

    def _m_get_me(self, p: RequestParams) -> JSONDict:
        return {
            **self._bot.to_dict(),
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _m_log_out(self, p: RequestParams) -> bool:
        self.logged_out = True
        return True

    def _m_close(self, p: RequestParams) -> bool:
        self.closed = True
        return True

    def _m_set_my_commands(self, p: RequestParams) -> bool:
        commands = p.get_json("commands")
        if not isinstance(commands, list):
            raise bad_request("commands is empty" if commands is None else "can't parse commands")
        if len(commands) > 100:
            raise bad_request("too many commands")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_RE.fullmatch(
                str(command.get("command", ""))
            ):
                raise bad_request("BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._command_key(p)
        if commands:
            self._commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        else:
            self._commands.pop(key, None)
        return True

    def _m_get_my_commands(self, p: RequestParams) -> list[JSONDict]:
        return list(self._commands.get(self._command_key(p), []))

    def _m_delete_my_commands(self, p: RequestParams) -> bool:
        self._commands.pop(self._command_key(p), None)
        return True

    def _command_key(self, p: RequestParams) -> tuple[str, str]:
        scope = p.get_json("scope")
        if scope is not None:
            if not isinstance(scope, dict) or scope.get("type") not in COMMAND_SCOPES:
                raise bad_request("can't parse BotCommandScope")
            if scope["type"].startswith("chat"):
                if "chat_id" not in scope:
                    raise bad_request("chat_id is empty")
                if self._chats.get(int(scope["chat_id"])) is None:
                    raise bad_request("chat not found")
        language = p.get_str("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        return _scope_key(scope, language)

    def _bot_text_setter(self, attribute: str) -> Callable[[RequestParams], bool]:
        def setter(p: RequestParams) -> bool:
            key = (attribute, p.get_str("language_code") or "")
            value = p.get_str(attribute) or ""
            if value:
                self._bot_texts[key] = value
            else:
                self._bot_texts.pop(key, None)
            return True

        return setter

    def _bot_text_getter(self, attribute: str) -> Callable[[RequestParams], JSONDict]:
        def getter(p: RequestParams) -> JSONDict:
            language = p.get_str("language_code") or ""
            value = self._bot_texts.get((attribute, language), self._bot_texts.get((attribute, "")))
            if value is None and attribute == "name":
                value = BOT_FIRST_NAME
            return {attribute: value or ""}

        return getter


def _scope_key(scope: JSONDict | None, language_code: str) -> tuple[str, str]:
    return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code
