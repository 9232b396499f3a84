"""In-memory fake of the Telegram Bot API.

One :class:`FakeTelegram` holds the whole server-side state (users, chats, messages, files,
callback queries, commands, webhook, pending updates) behind a re-entrant lock, so it can be
served from :mod:`tests.fakes.transport` in-process (flow tests) or from a thread over real HTTP
(e2e tests) at the same time as the test inspects it.

Each concern lives in its own module of :mod:`tests.fakes.bot_api` (see there); this module
assembles them, holds the table of Bot API methods, and re-exports the names tests use. How
requests are encoded is described in :mod:`tests.fakes.bot_api.wire`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from .bot_api.callbacks import (
    MAX_CALLBACK_ANSWER_LENGTH,
    MAX_CALLBACK_DATA_BYTES,
    CallbackAnswer,
    CallbacksMixin,
)
from .bot_api.chats import MEMBER_STATUSES, ChatsMixin
from .bot_api.content import MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH
from .bot_api.dispatch import DispatchMixin
from .bot_api.editing import NOT_MODIFIED, EditingMixin
from .bot_api.errors import ApiError
from .bot_api.faults import Fault
from .bot_api.files import MAX_DOWNLOAD_BYTES, MAX_UPLOAD_BYTES
from .bot_api.model import (
    BOT_FIRST_NAME,
    BOT_ID,
    BOT_USERNAME,
    DEFAULT_TOKEN,
    ChatRef,
    ChatType,
    FakeChat,
    FakeMessage,
    FileInfo,
    FileRecord,
    JSONDict,
    MemberStatus,
    MessageSnapshot,
    UserState,
    id_of,
)
from .bot_api.profile import COMMAND_SCOPES, BotProfileMixin
from .bot_api.rate_limits import SEND_METHODS, RateViolation, SendRecord
from .bot_api.sending import CHAT_ACTIONS, ChatAction, SendingMixin
from .bot_api.updates import CONFLICT_POLLING, CONFLICT_WEBHOOK
from .bot_api.wire import ApiCall, Outcome, RequestParams, UploadedFile, parse_request_body

__all__ = [
    "BOT_FIRST_NAME",
    "BOT_ID",
    "BOT_USERNAME",
    "CHAT_ACTIONS",
    "COMMAND_SCOPES",
    "CONFLICT_POLLING",
    "CONFLICT_WEBHOOK",
    "DEFAULT_TOKEN",
    "MAX_CALLBACK_ANSWER_LENGTH",
    "MAX_CALLBACK_DATA_BYTES",
    "MAX_CAPTION_LENGTH",
    "MAX_DOWNLOAD_BYTES",
    "MAX_TEXT_LENGTH",
    "MAX_UPLOAD_BYTES",
    "MEMBER_STATUSES",
    "NOT_MODIFIED",
    "SEND_METHODS",
    "ApiCall",
    "ApiError",
    "CallbackAnswer",
    "ChatAction",
    "ChatRef",
    "ChatType",
    "FakeChat",
    "FakeMessage",
    "FakeTelegram",
    "Fault",
    "FileInfo",
    "FileRecord",
    "JSONDict",
    "MemberStatus",
    "MessageSnapshot",
    "Outcome",
    "RateViolation",
    "RequestParams",
    "SendRecord",
    "UploadedFile",
    "UserState",
    "id_of",
    "parse_request_body",
]


class FakeTelegram(
    DispatchMixin, SendingMixin, EditingMixin, CallbacksMixin, ChatsMixin, BotProfileMixin
):
    """Thread-safe in-memory Bot API server state. See the module docstring."""

    bot_id = BOT_ID
    bot_username = BOT_USERNAME
    bot_first_name = BOT_FIRST_NAME

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        time_source: Callable[[], float] = time.monotonic,
        clock: Callable[[], float] = time.time,
        private_per_second: int | None = 1,
        global_per_second: int | None = 30,
        group_per_minute: int | None = 20,
        strict_html: bool = True,
        privacy_mode: bool = False,
    ) -> None:
        self.token = token
        self.time_source = time_source
        self.clock = clock
        self.private_per_second = private_per_second
        self.global_per_second = global_per_second
        self.group_per_minute = group_per_minute
        self.strict_html = strict_html
        self.privacy_mode = privacy_mode
        super().__init__()  # each concern's own state, along the MRO

        self._methods = {
            "getme": self._m_get_me,
            "logout": self._m_log_out,
            "close": self._m_close,
            "getupdates": self._m_get_updates,
            "setwebhook": self._m_set_webhook,
            "deletewebhook": self._m_delete_webhook,
            "getwebhookinfo": self._m_get_webhook_info,
            "sendmessage": self._m_send_message,
            "sendphoto": self._m_send_photo,
            "senddocument": self._m_send_document,
            "copymessage": self._m_copy_message,
            "forwardmessage": self._m_forward_message,
            "sendchataction": self._m_send_chat_action,
            "editmessagetext": self._m_edit_message_text,
            "editmessagecaption": self._m_edit_message_caption,
            "editmessagereplymarkup": self._m_edit_message_reply_markup,
            "deletemessage": self._m_delete_message,
            "answercallbackquery": self._m_answer_callback_query,
            "getchat": self._m_get_chat,
            "getchatmember": self._m_get_chat_member,
            "getchatadministrators": self._m_get_chat_administrators,
            "getchatmembercount": self._m_get_chat_member_count,
            "getfile": self._m_get_file,
            "setmycommands": self._m_set_my_commands,
            "getmycommands": self._m_get_my_commands,
            "deletemycommands": self._m_delete_my_commands,
            "setmydescription": self._bot_text_setter("description"),
            "getmydescription": self._bot_text_getter("description"),
            "setmyshortdescription": self._bot_text_setter("short_description"),
            "getmyshortdescription": self._bot_text_getter("short_description"),
            "setmyname": self._bot_text_setter("name"),
            "getmyname": self._bot_text_getter("name"),
        }
