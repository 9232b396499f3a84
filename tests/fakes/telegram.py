"""In-memory fake of the Telegram Bot API.

One :class:`FakeTelegram` holds the whole server-side state (users, chats, messages, files,
callback queries, commands, webhook, pending updates) behind a re-entrant lock, so it can be
served from :mod:`tests.fakes.transport` in-process (flow tests) or from a thread over real HTTP
(e2e tests) at the same time as the test inspects it.

Requests arrive the way python-telegram-bot sends them: ``POST {base_url}{token}/{method}`` with
``application/x-www-form-urlencoded`` fields, or ``multipart/form-data`` when files are uploaded.
Every field is a string: ``str`` values are sent raw, everything else (ints, bools, dicts, lists)
JSON-encoded, so ``chat_id`` arrives as ``"123"``, ``disable_notification`` as ``"true"`` and
``reply_markup`` as a JSON document. Uploaded files are multipart parts named after the parameter
(``document``) or, for ``attach://<name>`` references, after ``<name>``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import mimetypes
import re
import struct
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeAlias, TypeVar
from urllib.parse import parse_qsl, urlsplit

from ._html import HTMLParseError, parse_html, utf16_len

if TYPE_CHECKING:
    from .driver import FakeUser

JSONDict: TypeAlias = dict[str, Any]
ChatType: TypeAlias = Literal["private", "group", "supergroup", "channel"]
MemberStatus: TypeAlias = Literal[
    "creator", "administrator", "member", "restricted", "left", "kicked"
]
_T = TypeVar("_T")

BOT_ID = 1000
BOT_USERNAME = "cooperactivas_test_bot"
BOT_FIRST_NAME = "Cooperactivas"
DEFAULT_TOKEN = "123456:TEST-TOKEN"  # the token tests/harness.py gives the bot

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

#: Methods whose successful calls are timestamped for the rate-window checker.
SEND_METHODS = frozenset(
    {"sendmessage", "sendphoto", "senddocument", "copymessage", "forwardmessage"}
)
MEMBER_STATUSES = frozenset({"creator", "administrator", "member", "restricted", "left", "kicked"})
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
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
_INLINE_ACTIONS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)
_RESTRICTED_PERMISSIONS = (
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_send_messages",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_manage_topics",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_edit_tag",
    "can_react_to_messages",
)
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_API_PATH = re.compile(r"/bot(?P<token>[^/]+)/(?P<method>[A-Za-z0-9_]+)/?")
_FILE_PATH = re.compile(r"/file/bot(?P<token>[^/]+)/(?P<path>.+)")
_DISPOSITION_PARAM = re.compile(r';\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;\s]+))')

CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
CONFLICT_POLLING = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


ChatRef: TypeAlias = "_HasId | int"


def id_of(ref: ChatRef) -> int:
    return ref if isinstance(ref, int) else ref.id


# --------------------------------------------------------------------------- errors & records


class ApiError(Exception):
    """An error response of the Bot API (``{"ok": false, ...}``)."""

    def __init__(
        self,
        error_code: int,
        description: str,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        super().__init__(f"{error_code} {description}")
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def payload(self) -> JSONDict:
        body: JSONDict = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        parameters: JSONDict = {}
        if self.retry_after is not None:
            parameters["retry_after"] = self.retry_after
        if self.migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = self.migrate_to_chat_id
        if parameters:
            body["parameters"] = parameters
        return body


def _bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


def _forbidden(detail: str) -> ApiError:
    return ApiError(403, f"Forbidden: {detail}")


_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart request."""

    field_name: str
    filename: str | None
    content_type: str | None
    content: bytes


@dataclass
class Fault:
    """A scheduled failure (see ``FakeTelegram.inject`` and ``FakeTelegram.inject_timeout``)."""

    method: str
    chat_id: int | None
    error_code: int | None
    description: str | None
    retry_after: int | None
    remaining: int
    timeout: bool = False
    after_delivery: bool = True
    triggered: int = 0


@dataclass
class ApiCall:
    """One request received by the fake (also failed ones)."""

    method: str
    params: dict[str, str]
    files: dict[str, UploadedFile]
    at: float
    status: int | None = None
    description: str | None = None
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.status == 200


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


@dataclass(frozen=True)
class CallbackAnswer:
    query_id: str
    user_id: int
    chat_id: int | None
    message_id: int | None
    data: str | None
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None


@dataclass(frozen=True)
class ChatAction:
    chat_id: int
    action: str
    at: float


@dataclass(frozen=True)
class FileInfo:
    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    size: int
    content: bytes
    source_url: str | None = None


@dataclass
class FileRecord:
    file_id: str
    file_unique_id: str
    kind: str
    content: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    source_url: str | None = None

    def info(self) -> FileInfo:
        return FileInfo(
            file_id=self.file_id,
            file_unique_id=self.file_unique_id,
            file_name=self.file_name,
            mime_type=self.mime_type,
            size=len(self.content),
            content=self.content,
            source_url=self.source_url,
        )


@dataclass
class UserState:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    phone: str | None = None
    is_bot: bool = False
    started: bool = False
    blocked: bool = False

    def to_dict(self) -> JSONDict:
        data: JSONDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class FakeChat:
    """A chat known to the fake. ``members`` maps user id (bot included) to a status."""

    id: int
    type: ChatType
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    members: dict[int, str] = field(default_factory=dict)
    reply_keyboard: JSONDict | None = None
    reply_keyboard_message_id: int | None = None
    next_message_id: int = 1

    def to_dict(self) -> JSONDict:
        data: JSONDict = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value:
                data[key] = value
        return data

    @property
    def type_name(self) -> str:
        return f"{self.type} chat"


@dataclass(frozen=True)
class MessageSnapshot:
    """A message's content before one edit."""

    text: str | None
    caption: str | None
    source: str | None
    parse_mode: str | None
    entities: list[JSONDict]
    reply_markup: JSONDict | None
    edit_date: int | None


@dataclass
class _StoredMessage:
    chat_id: int
    message_id: int
    sender_id: int
    date: int
    text: str | None = None
    caption: str | None = None
    source: str | None = None
    parse_mode: str | None = None
    entities: list[JSONDict] = field(default_factory=list)
    media: JSONDict = field(default_factory=dict)
    files: dict[str, FileRecord] = field(default_factory=dict)
    reply_markup: JSONDict | None = None
    reply_to_message_id: int | None = None
    edit_date: int | None = None
    history: list[MessageSnapshot] = field(default_factory=list)
    deleted: bool = False
    forward_origin: JSONDict | None = None
    copied_from: tuple[int, int] | None = None
    params: dict[str, str] = field(default_factory=dict)

    def snapshot(self) -> MessageSnapshot:
        return MessageSnapshot(
            text=self.text,
            caption=self.caption,
            source=self.source,
            parse_mode=self.parse_mode,
            entities=list(self.entities),
            reply_markup=self.reply_markup,
            edit_date=self.edit_date,
        )


@dataclass(frozen=True)
class FakeMessage:
    """Read-only view of a message (taken at the time of the call).

    ``text`` is the text *or* caption as Telegram shows it (HTML tags removed, entities decoded);
    ``source`` is exactly what the bot sent. ``buttons`` are the inline keyboard rows as
    ``(text, callback_data)`` pairs (``url`` for URL buttons, ``None`` for other kinds).
    """

    chat_id: int
    message_id: int
    sender_id: int
    from_bot: bool
    date: int
    text: str
    caption: str | None
    source: str | None
    parse_mode: str | None
    entities: list[JSONDict]
    buttons: list[list[tuple[str, str | None]]]
    reply_keyboard: list[list[str]] | None
    reply_markup: JSONDict | None
    document: FileInfo | None
    photo: FileInfo | None
    media: JSONDict
    reply_to_message_id: int | None
    edit_history: list[MessageSnapshot]
    deleted: bool
    copied_from: tuple[int, int] | None
    json: JSONDict

    @property
    def edited(self) -> bool:
        return bool(self.edit_history)

    @property
    def button_texts(self) -> list[str]:
        return [text for row in self.buttons for text, _ in row]


@dataclass
class _Query:
    user_id: int
    chat_id: int
    message_id: int
    data: str | None
    answered: bool = False


@dataclass
class _Poll:
    call: ApiCall
    offset: int | None
    limit: int
    deadline: float
    epoch: int
    interrupt: int


@dataclass
class Outcome:
    """What the HTTP layer must answer: a response, a timeout, or a pending long poll."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    timeout: bool = False
    poll: _Poll | None = None

    @classmethod
    def json(cls, status: int, payload: Any) -> Outcome:
        try:
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate (the user's text echoed in reply_to_message) has no UTF-8
            # form; JSON's \uXXXX escape carries it, as Telegram's own answers would.
            body = json.dumps(payload).encode("ascii")
        return cls(status=status, body=body)


# --------------------------------------------------------------------------- request parsing


class RequestParams:
    """Parameters of one API call as PTB sends them (all values are strings)."""

    def __init__(self, raw: Mapping[str, str], files: Mapping[str, UploadedFile]) -> None:
        self.raw = dict(raw)
        self.files = dict(files)

    def has(self, name: str) -> bool:
        return name in self.raw or name in self.files

    def get_str(self, name: str) -> str | None:
        return self.raw.get(name)

    def require_str(self, name: str, *, error: str | None = None) -> str:
        value = self.raw.get(name)
        if value is None or value == "":
            raise _bad_request(error or f"{name} is empty")
        return value

    def get_int(self, name: str) -> int | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return int(value)
        except ValueError:
            raise _bad_request(f"invalid {name} specified") from None

    def require_int(self, name: str) -> int:
        value = self.get_int(name)
        if value is None:
            raise _bad_request(f"{name} is empty")
        return value

    def get_float(self, name: str) -> float | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except ValueError:
            raise _bad_request(f"invalid {name} specified") from None

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        return value.strip().lower() in {"true", "1", "yes"}

    def get_json(self, name: str) -> Any:
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise _bad_request(f"can't parse {name} JSON object") from None

    def upload(self, name: str) -> UploadedFile | None:
        if name in self.files:
            return self.files[name]
        value = self.raw.get(name)
        if value is not None and value.startswith("attach://"):
            attached = self.files.get(value.removeprefix("attach://"))
            if attached is None:
                raise _bad_request(f"file {value} not found in the request")
            return attached
        return None


def _stringify(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def parse_request_body(
    content_type: str | None, body: bytes
) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Decode a Bot API request body (form, multipart or JSON) into fields and files."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if not body:
        return {}, {}
    if media_type == "multipart/form-data":
        return _parse_multipart(content_type or "", body)
    if media_type == "application/json":
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("JSON body must be an object")
        return {str(key): _stringify(value) for key, value in data.items()}, {}
    text = body.decode("utf-8")
    return dict(parse_qsl(text, keep_blank_values=True)), {}


def _parse_multipart(
    content_type: str, body: bytes
) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    match = re.search(r'boundary=(?:"([^"]+)"|([^;\s]+))', content_type)
    if match is None:
        raise ValueError("multipart body without boundary")
    boundary = (match.group(1) or match.group(2)).encode("latin-1")
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    for part in body.split(b"--" + boundary)[1:]:
        if part.startswith(b"--"):
            break
        part = part.removeprefix(b"\r\n")
        head, separator, content = part.partition(b"\r\n\r\n")
        if not separator:
            raise ValueError("malformed multipart part")
        content = content.removesuffix(b"\r\n")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        params = {
            key.lower(): (quoted if quoted is not None else bare).replace('\\"', '"')
            for key, quoted, bare in (
                (m.group(1), m.group(2), m.group(3))
                for m in _DISPOSITION_PARAM.finditer(headers.get("content-disposition", ""))
            )
        }
        field_name = params.get("name", "").replace("%22", '"')
        if "filename" in params:
            files[field_name] = UploadedFile(
                field_name=field_name,
                filename=params["filename"].replace("%22", '"'),
                content_type=headers.get("content-type"),
                content=content,
            )
        else:
            fields[field_name] = content.decode("utf-8")
    return fields, files


# --------------------------------------------------------------------------- the fake


class FakeTelegram:
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
        #: In-process dispatcher; when ``None`` updates are queued for ``getUpdates``.
        self.on_update: Callable[[JSONDict], Awaitable[None]] | None = None

        self.lock = threading.RLock()
        self._cond = threading.Condition(self.lock)
        self._listeners: list[Callable[[], None]] = []

        self._bot = UserState(
            id=BOT_ID, first_name=BOT_FIRST_NAME, username=BOT_USERNAME, is_bot=True
        )
        self._users: dict[int, UserState] = {}
        self._handles: dict[int, FakeUser] = {}
        self._chats: dict[int, FakeChat] = {}
        self._messages: dict[int, list[_StoredMessage]] = {}
        self._files: dict[str, FileRecord] = {}
        self._files_by_path: dict[str, FileRecord] = {}
        self._queries: dict[str, _Query] = {}
        self._faults: list[Fault] = []
        self._calls: list[ApiCall] = []
        self._send_log: list[SendRecord] = []
        self._violations: list[RateViolation] = []
        self._answers: list[CallbackAnswer] = []
        self._actions: list[ChatAction] = []
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self._bot_texts: dict[tuple[str, str], str] = {}
        self._update_queue: list[JSONDict] = []
        self._updates: list[JSONDict] = []
        self.unknown_methods: list[str] = []
        #: Exceptions raised inside the fake itself (answered as HTTP 500).
        self.internal_errors: list[Exception] = []
        self.webhook: JSONDict | None = None
        self.logged_out = False
        self.closed = False

        self._next_update_id = 500_000_001
        self._user_ids = itertools.count(100_001)
        self._group_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._poll_epoch = 0
        self._interrupt = 0

        self._methods: dict[str, Callable[[RequestParams], Any]] = {
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

    # ------------------------------------------------------------------ notification

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

    def interrupt_polls(self) -> None:
        """Make pending ``getUpdates`` long polls return ``[]`` now (used on server close)."""
        with self.lock:
            self._interrupt += 1
            self._changed()

    # ------------------------------------------------------------------ world building

    def user(
        self,
        username: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        language_code: str | None = "es",
        user_id: int | None = None,
        phone: str | None = None,
    ) -> FakeUser:
        """Create a user (and their private chat, unreachable until they write to the bot)."""
        from .driver import FakeUser

        with self.lock:
            if any(u.username == username for u in self._users.values()):
                raise ValueError(f"user @{username} already exists")
            uid = user_id if user_id is not None else next(self._user_ids)
            if uid in self._users or uid == BOT_ID:
                raise ValueError(f"user id {uid} already exists")
            state = UserState(
                id=uid,
                first_name=first_name or username.capitalize(),
                last_name=last_name,
                username=username,
                language_code=language_code,
                phone=phone or f"+3460{uid % 10_000_000:07d}",
            )
            self._users[uid] = state
            self._chats[uid] = FakeChat(
                id=uid,
                type="private",
                username=username,
                first_name=state.first_name,
                last_name=last_name,
                members={uid: "member", BOT_ID: "member"},
            )
            self._messages[uid] = []
            handle = FakeUser(self, uid)
            self._handles[uid] = handle
            return handle

    def get_user(self, user_id: int) -> FakeUser:
        with self.lock:
            return self._handles[user_id]

    def user_state(self, user_id: int) -> UserState:
        with self.lock:
            return self._users[user_id]

    def group(
        self,
        title: str,
        *,
        chat_id: int | None = None,
        type: Literal["group", "supergroup"] = "supergroup",
        username: str | None = None,
        bot_status: MemberStatus = "member",
    ) -> FakeChat:
        """Create a group/supergroup the bot is in (as ``bot_status``)."""
        with self.lock:
            number = next(self._group_ids)
            if chat_id is None:
                chat_id = -1001000000000 - number if type == "supergroup" else -4000000000 - number
            return self._add_chat(
                FakeChat(id=chat_id, type=type, title=title, username=username), bot_status
            )

    def channel(
        self,
        title: str,
        *,
        chat_id: int | None = None,
        username: str | None = None,
        bot_status: MemberStatus = "administrator",
    ) -> FakeChat:
        with self.lock:
            if chat_id is None:
                chat_id = -1002000000000 - next(self._group_ids)
            return self._add_chat(
                FakeChat(id=chat_id, type="channel", title=title, username=username), bot_status
            )

    def _add_chat(self, chat: FakeChat, bot_status: str) -> FakeChat:
        if chat.id in self._chats:
            raise ValueError(f"chat {chat.id} already exists")
        chat.members[BOT_ID] = bot_status
        self._chats[chat.id] = chat
        self._messages[chat.id] = []
        return chat

    def chat(self, chat: ChatRef) -> FakeChat:
        with self.lock:
            return self._chats[id_of(chat)]

    def set_member(self, chat: ChatRef, user: ChatRef, status: MemberStatus) -> None:
        """Set a member's status (``user`` may be ``fake.bot_id`` for the bot itself)."""
        if status not in MEMBER_STATUSES:
            raise ValueError(f"unknown member status {status!r}")
        with self.lock:
            target = self._chats[id_of(chat)]
            user_id = id_of(user)
            if target.type == "private":
                raise ValueError("private chats have fixed members")
            if user_id != BOT_ID and user_id not in self._users:
                raise ValueError(f"unknown user {user_id}")
            target.members[user_id] = status
            self._changed()

    def member_status(self, chat: ChatRef, user: ChatRef) -> str:
        with self.lock:
            return self._chats[id_of(chat)].members.get(id_of(user), "left")

    def set_blocked(self, user: ChatRef, blocked: bool = True) -> None:
        with self.lock:
            self._users[id_of(user)].blocked = blocked
            self._changed()

    # ------------------------------------------------------------------ fault injection

    def inject(
        self,
        method: str,
        *,
        chat_id: int | None = None,
        error_code: int,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> Fault:
        """Fail the next ``times`` calls of ``method`` (to ``chat_id`` if given).

        A 429 without ``retry_after`` gets ``retry_after=1`` (Telegram always sends one).
        """
        if error_code == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            if error_code == 429:
                description = f"Too Many Requests: retry after {retry_after}"
            else:
                description = _DEFAULT_DESCRIPTIONS.get(error_code, f"Error {error_code}")
        fault = Fault(
            method=method.lower(),
            chat_id=chat_id,
            error_code=error_code,
            description=description,
            retry_after=retry_after,
            remaining=times,
        )
        with self.lock:
            self._faults.append(fault)
        return fault

    def inject_timeout(
        self,
        method: str,
        *,
        chat_id: int | None = None,
        times: int = 1,
        after_delivery: bool = True,
    ) -> Fault:
        """Make the next ``times`` calls time out.

        With ``after_delivery=True`` the call is fully processed (the message exists) and only
        the response is lost: the ambiguous case. In-process the transport raises
        ``httpx.ReadTimeout``; over HTTP the server never answers, so the client's read timeout
        fires.
        """
        fault = Fault(
            method=method.lower(),
            chat_id=chat_id,
            error_code=None,
            description=None,
            retry_after=None,
            remaining=times,
            timeout=True,
            after_delivery=after_delivery,
        )
        with self.lock:
            self._faults.append(fault)
        return fault

    @property
    def pending_faults(self) -> list[Fault]:
        with self.lock:
            return [fault for fault in self._faults if fault.remaining > 0]

    def clear_faults(self) -> None:
        with self.lock:
            self._faults.clear()

    def _take_fault(self, method: str, params: RequestParams) -> Fault | None:
        for fault in self._faults:
            if fault.remaining <= 0 or fault.method != method:
                continue
            if fault.chat_id is not None:
                try:
                    chat_id = self._resolve_chat_id(params, "chat_id")
                except ApiError:
                    continue
                if chat_id != fault.chat_id:
                    continue
            fault.remaining -= 1
            fault.triggered += 1
            return fault
        return None

    # ------------------------------------------------------------------ HTTP entry points

    def handle_http(
        self,
        http_method: str,
        path: str,
        query: str,
        content_type: str | None,
        body: bytes,
        *,
        blocking: bool = True,
    ) -> Outcome:
        """Answer one HTTP request. ``blocking=False`` returns long polls as ``Outcome.poll``."""
        api = _API_PATH.fullmatch(path)
        if api is not None:
            try:
                fields, files = parse_request_body(content_type, body)
            except (ValueError, UnicodeDecodeError):
                return Outcome.json(400, _bad_request("can't parse request body").payload())
            merged = dict(parse_qsl(query, keep_blank_values=True))
            merged.update(fields)
            return self.call(
                api.group("token"), api.group("method"), merged, files, blocking=blocking
            )
        download = _FILE_PATH.fullmatch(path)
        if download is not None and http_method.upper() in {"GET", "HEAD"}:
            return self._download(download.group("token"), download.group("path"))
        return Outcome.json(404, {"ok": False, "error_code": 404, "description": "Not Found"})

    def _download(self, token: str, file_path: str) -> Outcome:
        with self.lock:
            if token != self.token:
                return Outcome.json(401, ApiError(401, "Unauthorized").payload())
            record = self._files_by_path.get(file_path)
            if record is None:
                return Outcome.json(404, ApiError(404, "Not Found: file not found").payload())
            return Outcome(
                status=200,
                body=record.content,
                content_type=record.mime_type or "application/octet-stream",
            )

    def call(
        self,
        token: str,
        method: str,
        raw: Mapping[str, str],
        files: Mapping[str, UploadedFile] | None = None,
        *,
        blocking: bool = True,
    ) -> Outcome:
        """Run one API method and return the HTTP outcome."""
        params = RequestParams(raw, files or {})
        name = method.lower()
        with self.lock:
            call = ApiCall(
                method=method, params=dict(raw), files=dict(files or {}), at=self.time_source()
            )
            self._calls.append(call)
            try:
                if token != self.token:
                    raise ApiError(401, "Unauthorized")
                fault = self._take_fault(name, params)
                if fault is not None and not fault.timeout:
                    raise ApiError(
                        fault.error_code or 500,
                        fault.description or "Internal Server Error",
                        retry_after=fault.retry_after,
                    )
                if fault is not None and not fault.after_delivery:
                    call.timed_out = True
                    return Outcome(timeout=True)
                handler = self._methods.get(name)
                if handler is None:
                    self.unknown_methods.append(method)
                    raise ApiError(404, "Not Found: method not found")
                result = handler(params)
                if isinstance(result, _Poll):
                    result.call = call
                    if not blocking:
                        return Outcome(poll=result)
                    result = self._block_on_poll(result)
                outcome = self._finish(call, result)
                if fault is not None:  # timeout after delivery: processed, answer lost
                    call.timed_out = True
                    outcome = Outcome(timeout=True)
                return outcome
            except ApiError as error:
                return self._finish(call, error)
            except Exception as error:  # a bug in the fake or input it can't handle
                self.internal_errors.append(error)
                return self._finish(
                    call, ApiError(500, f"Internal Server Error: fake Telegram failed: {error!r}")
                )
            finally:
                self._changed()

    def _finish(self, call: ApiCall, result: Any) -> Outcome:
        if isinstance(result, ApiError):
            call.status = result.error_code
            call.description = result.description
            return Outcome.json(result.error_code, result.payload())
        call.status = 200
        return Outcome.json(200, {"ok": True, "result": result})

    def _block_on_poll(self, poll: _Poll) -> Any:
        while True:
            ready = self._poll_ready(poll)
            if ready is not None:
                return ready
            self._cond.wait(max(0.0, poll.deadline - time.monotonic()))

    async def complete_poll(self, poll: _Poll) -> Outcome:
        """Finish a long poll returned by ``handle_http(..., blocking=False)`` asynchronously."""
        ready = await self._await_change(
            lambda: self._poll_ready(poll), max(0.0, poll.deadline - time.monotonic())
        )
        with self.lock:
            if ready is None:
                ready = self._poll_ready(poll) or []
            return self._finish(poll.call, ready)

    # ------------------------------------------------------------------ updates

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

    def _confirm(self, offset: int | None) -> None:
        if offset is None or offset == 0:
            return
        if offset > 0:
            self._update_queue = [u for u in self._update_queue if u["update_id"] >= offset]
        else:
            self._update_queue = self._update_queue[offset:]

    def _poll_ready(self, poll: _Poll) -> list[JSONDict] | ApiError | None:
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
        poll = _Poll(
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

    # ------------------------------------------------------------------ inspection

    @property
    def calls(self) -> list[ApiCall]:
        with self.lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[ApiCall]:
        with self.lock:
            return [call for call in self._calls if call.method.lower() == method.lower()]

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

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        with self.lock:
            return list(self._answers)

    @property
    def chat_actions(self) -> list[ChatAction]:
        with self.lock:
            return list(self._actions)

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

    def file(self, file_id: str) -> FileInfo:
        with self.lock:
            return self._files[file_id].info()

    def messages_to(self, chat: ChatRef, *, include_deleted: bool = False) -> list[FakeMessage]:
        """Messages the bot sent to ``chat`` (current content, oldest first)."""
        with self.lock:
            return [
                self._view(m)
                for m in self._messages.get(id_of(chat), [])
                if m.sender_id == BOT_ID and (include_deleted or not m.deleted)
            ]

    def messages_in(self, chat: ChatRef, *, include_deleted: bool = False) -> list[FakeMessage]:
        """All messages in ``chat`` (users' and bot's)."""
        with self.lock:
            return [
                self._view(m)
                for m in self._messages.get(id_of(chat), [])
                if include_deleted or not m.deleted
            ]

    def bot_message_count(self, chat: ChatRef) -> int:
        """Messages the bot ever sent to ``chat``, deleted ones included (monotonic)."""
        with self.lock:
            return sum(1 for m in self._messages.get(id_of(chat), []) if m.sender_id == BOT_ID)

    def message(self, chat: ChatRef, message_id: int) -> FakeMessage:
        with self.lock:
            stored = self._find(id_of(chat), message_id)
            if stored is None:
                raise KeyError(f"no message {message_id} in chat {id_of(chat)}")
            return self._view(stored)

    def last_inline_message(self, chat: ChatRef) -> FakeMessage | None:
        """Most recent non-deleted bot message in ``chat`` that has an inline keyboard."""
        with self.lock:
            for stored in reversed(self._messages.get(id_of(chat), [])):
                if (
                    stored.sender_id == BOT_ID
                    and not stored.deleted
                    and stored.reply_markup is not None
                    and "inline_keyboard" in stored.reply_markup
                ):
                    return self._view(stored)
            return None

    def reply_keyboard(self, chat: ChatRef) -> tuple[int, JSONDict] | None:
        """``(message_id, markup)`` of the reply keyboard currently shown in ``chat``."""
        with self.lock:
            target = self._chats[id_of(chat)]
            if target.reply_keyboard is None or target.reply_keyboard_message_id is None:
                return None
            return target.reply_keyboard_message_id, target.reply_keyboard

    # ------------------------------------------------------------------ incoming (users → bot)

    def incoming_message(
        self,
        user: ChatRef,
        chat: ChatRef,
        *,
        text: str | None = None,
        caption: str | None = None,
        entities: list[JSONDict] | None = None,
        media: JSONDict | None = None,
        files: dict[str, FileRecord] | None = None,
        reply_to_message_id: int | None = None,
    ) -> JSONDict:
        """Record a message a user writes and return its Bot API JSON (no update yet)."""
        user_id, chat_id = id_of(user), id_of(chat)
        with self.lock:
            state = self._users[user_id]
            target = self._chats.get(chat_id)
            if target is None:
                raise AssertionError(f"unknown chat {chat_id}")
            if target.type == "private":
                if chat_id != user_id:
                    raise AssertionError(f"{state.username} cannot write in another's private chat")
                state.started = True
                state.blocked = False
            else:
                status = target.members.get(user_id)
                if status in {"left", "kicked"}:
                    raise AssertionError(
                        f"@{state.username} is not a member of {target.title!r} ({status})"
                    )
                if target.type == "channel" and status not in {"creator", "administrator"}:
                    raise AssertionError(f"@{state.username} can't post in {target.title!r}")
                if status is None:
                    target.members[user_id] = "member"
            if reply_to_message_id is not None and self._find(chat_id, reply_to_message_id) is None:
                raise AssertionError(f"no message {reply_to_message_id} to reply to in {chat_id}")
            stored = self._store(
                target,
                sender_id=user_id,
                text=text,
                caption=caption,
                entities=entities or [],
                media=media or {},
                files=files or {},
                reply_to_message_id=reply_to_message_id,
            )
            self._changed()
            return self._message_json(stored)

    def incoming_callback(
        self, user: ChatRef, chat: ChatRef, message_id: int, data: str | None
    ) -> JSONDict:
        """Register a callback query for a button press and return its Bot API JSON."""
        user_id, chat_id = id_of(user), id_of(chat)
        with self.lock:
            stored = self._find(chat_id, message_id)
            if stored is None:
                raise AssertionError(f"no message {message_id} in chat {chat_id} to press on")
            query_id = f"{user_id}{next(self._query_ids):06d}"
            self._queries[query_id] = _Query(user_id, chat_id, message_id, data)
            query: JSONDict = {
                "id": query_id,
                "from": self._users[user_id].to_dict(),
                "chat_instance": str(abs(hash((chat_id, BOT_ID))) % 10**18),
                "message": self._message_json(stored),
            }
            if data is not None:
                query["data"] = data
            self._changed()
            return query

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

    def create_file(
        self,
        kind: str,
        content: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        source_url: str | None = None,
    ) -> FileRecord:
        with self.lock:
            number = next(self._file_ids)
            extension = ""
            if file_name and "." in file_name:
                extension = "." + file_name.rsplit(".", 1)[1]
            elif mime_type:
                extension = mimetypes.guess_extension(mime_type) or ""
            elif kind == "photo":
                extension = ".jpg"
            record = FileRecord(
                file_id=f"fake-{kind}-{number:06d}",
                file_unique_id=f"AgAD{number:06d}",
                kind=kind,
                content=content,
                file_path=f"{kind}s/file_{number}{extension}",
                file_name=file_name,
                mime_type=mime_type,
                source_url=source_url,
            )
            self._files[record.file_id] = record
            self._files_by_path[record.file_path] = record
            return record

    def photo_sizes(self, record: FileRecord) -> list[JSONDict]:
        """PhotoSize list for a photo file (small thumbnail + full size, same bytes)."""
        width, height = _image_size(record.content)
        with self.lock:
            thumb = self.create_file("photo", record.content, mime_type=record.mime_type)
        scale = min(1.0, 90 / max(width, height))
        return [
            {
                "file_id": thumb.file_id,
                "file_unique_id": thumb.file_unique_id,
                "width": max(1, int(width * scale)),
                "height": max(1, int(height * scale)),
                "file_size": len(record.content),
            },
            {
                "file_id": record.file_id,
                "file_unique_id": record.file_unique_id,
                "width": width,
                "height": height,
                "file_size": len(record.content),
            },
        ]

    # ------------------------------------------------------------------ internals: chats

    def _resolve_chat_id(self, p: RequestParams, name: str) -> int:
        raw = p.require_str(name, error="chat_id is empty" if name == "chat_id" else None)
        if raw.lstrip("-").isdigit():
            return int(raw)
        if raw.startswith("@"):
            for chat in self._chats.values():
                if chat.type != "private" and chat.username == raw[1:]:
                    return chat.id
        raise _bad_request("chat not found")

    def _known_chat(self, p: RequestParams, name: str = "chat_id") -> FakeChat:
        chat = self._chats.get(self._resolve_chat_id(p, name))
        if chat is None or (chat.type == "private" and not self._users[chat.id].started):
            raise _bad_request("chat not found")
        return chat

    def _writable_chat(self, p: RequestParams, name: str = "chat_id") -> FakeChat:
        chat = self._chats.get(self._resolve_chat_id(p, name))
        if chat is None:
            raise _bad_request("chat not found")
        if chat.type == "private":
            user = self._users[chat.id]
            if user.blocked:
                raise _forbidden("bot was blocked by the user")
            if not user.started:
                raise _forbidden("bot can't initiate conversation with a user")
            return chat
        status = chat.members.get(BOT_ID, "left")
        if status == "kicked":
            raise _forbidden(f"bot was kicked from the {chat.type_name}")
        if status == "left":
            raise _forbidden(f"bot is not a member of the {chat.type_name}")
        if chat.type == "channel" and status not in {"creator", "administrator"}:
            raise _bad_request("need administrator rights in the channel chat")
        return chat

    def _find(self, chat_id: int, message_id: int) -> _StoredMessage | None:
        for stored in self._messages.get(chat_id, []):
            if stored.message_id == message_id and not stored.deleted:
                return stored
        return None

    def _user_dict(self, user_id: int) -> JSONDict:
        return self._bot.to_dict() if user_id == BOT_ID else self._users[user_id].to_dict()

    def _store(self, chat: FakeChat, *, sender_id: int, **fields: Any) -> _StoredMessage:
        stored = _StoredMessage(
            chat_id=chat.id,
            message_id=chat.next_message_id,
            sender_id=sender_id,
            date=int(self.clock()),
            **fields,
        )
        chat.next_message_id += 1
        self._messages[chat.id].append(stored)
        return stored

    def _message_json(self, stored: _StoredMessage, *, with_reply: bool = True) -> JSONDict:
        chat = self._chats[stored.chat_id]
        data: JSONDict = {
            "message_id": stored.message_id,
            "date": stored.date,
            "chat": chat.to_dict(),
        }
        if chat.type == "channel":
            data["sender_chat"] = chat.to_dict()
        else:
            data["from"] = self._user_dict(stored.sender_id)
        if stored.text is not None:
            data["text"] = stored.text
            if stored.entities:
                data["entities"] = stored.entities
        if stored.caption is not None:
            data["caption"] = stored.caption
            if stored.entities:
                data["caption_entities"] = stored.entities
        data.update(stored.media)
        if stored.reply_markup is not None and "inline_keyboard" in stored.reply_markup:
            data["reply_markup"] = stored.reply_markup
        if stored.edit_date is not None:
            data["edit_date"] = stored.edit_date
        if stored.forward_origin is not None:
            data["forward_origin"] = stored.forward_origin
        if with_reply and stored.reply_to_message_id is not None:
            target = self._find(stored.chat_id, stored.reply_to_message_id)
            if target is not None:
                data["reply_to_message"] = self._message_json(target, with_reply=False)
        result: JSONDict = json.loads(json.dumps(data))  # detached deep copy
        return result

    def _view(self, stored: _StoredMessage) -> FakeMessage:
        markup = stored.reply_markup or {}
        buttons: list[list[tuple[str, str | None]]] = [
            [(str(b.get("text", "")), b.get("callback_data", b.get("url"))) for b in row]
            for row in markup.get("inline_keyboard", [])
        ]
        reply_keyboard: list[list[str]] | None = None
        if "keyboard" in markup:
            reply_keyboard = [[_button_text(b) for b in row] for row in markup["keyboard"]]
        document = stored.files.get("document")
        photo = stored.files.get("photo")
        return FakeMessage(
            chat_id=stored.chat_id,
            message_id=stored.message_id,
            sender_id=stored.sender_id,
            from_bot=stored.sender_id == BOT_ID,
            date=stored.date,
            text=stored.text if stored.text is not None else (stored.caption or ""),
            caption=stored.caption,
            source=stored.source,
            parse_mode=stored.parse_mode,
            entities=json.loads(json.dumps(stored.entities)),
            buttons=buttons,
            reply_keyboard=reply_keyboard,
            reply_markup=json.loads(json.dumps(stored.reply_markup)),
            document=document.info() if document else None,
            photo=photo.info() if photo else None,
            media=json.loads(json.dumps(stored.media)),
            reply_to_message_id=stored.reply_to_message_id,
            edit_history=list(stored.history),
            deleted=stored.deleted,
            copied_from=stored.copied_from,
            json=self._message_json(stored),
        )

    # ------------------------------------------------------------------ internals: content

    def _render(
        self, source: str | None, parse_mode: str | None, p: RequestParams, *, caption: bool
    ) -> tuple[str | None, list[JSONDict]]:
        """Validate text/caption per ``parse_mode``; return (plain text, entities)."""
        if source is None:
            if caption:
                return None, []
            raise _bad_request("message text is empty")
        mode = (parse_mode or "").lower()
        entities: list[JSONDict]
        if mode == "html":
            try:
                plain, entities = parse_html(source, strict=self.strict_html)
            except HTMLParseError as error:
                raise _bad_request(f"can't parse entities: {error}") from None
        elif mode in {"", "markdown", "markdownv2"}:
            plain = source
            given = p.get_json("caption_entities" if caption else "entities")
            entities = given if isinstance(given, list) else []
        else:
            raise _bad_request(f"unsupported parse_mode {parse_mode!r}")
        plain, entities = _strip(plain, entities)
        if not plain:
            if caption:
                return None, []
            raise _bad_request("message text is empty")
        limit = MAX_CAPTION_LENGTH if caption else MAX_TEXT_LENGTH
        if len(plain) > limit:
            raise _bad_request("message caption is too long" if caption else "message is too long")
        return plain, entities

    def _markup(self, p: RequestParams, *, inline_only: bool = False) -> JSONDict | None:
        markup = p.get_json("reply_markup")
        if markup is None:
            return None
        invalid = _bad_request("can't parse reply keyboard markup JSON object")
        if not isinstance(markup, dict):
            raise invalid
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad_request('field "inline_keyboard" must be an Array of Arrays')
            for row in rows:
                for button in row:
                    _check_inline_button(button)
            return markup
        if inline_only:
            raise _bad_request("reply markup must be an InlineKeyboardMarkup")
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad_request('field "keyboard" must be an Array of Arrays')
            for row in rows:
                for button in row:
                    if not _button_text(button):
                        raise _bad_request("BUTTON_TEXT_INVALID")
            return markup
        if markup.get("remove_keyboard") or markup.get("force_reply"):
            return markup
        raise invalid

    def _reply_target(self, chat: FakeChat, p: RequestParams) -> int | None:
        parameters = p.get_json("reply_parameters")
        message_id: int | None = None
        allow_missing = p.get_bool("allow_sending_without_reply")
        if isinstance(parameters, dict) and "message_id" in parameters:
            message_id = int(parameters["message_id"])
            allow_missing = bool(parameters.get("allow_sending_without_reply", allow_missing))
            if parameters.get("chat_id") not in (None, chat.id):
                return None
        elif p.has("reply_to_message_id"):
            message_id = p.get_int("reply_to_message_id")
        if message_id is None:
            return None
        if self._find(chat.id, message_id) is None:
            if allow_missing:
                return None
            raise _bad_request("message to be replied not found")
        return message_id

    def _input_file(self, p: RequestParams, name: str, kind: str) -> FileRecord:
        upload = p.upload(name)
        if upload is not None:
            if not upload.content:
                raise _bad_request("file must be non-empty")
            if len(upload.content) > MAX_UPLOAD_BYTES:
                raise ApiError(413, "Request Entity Too Large")
            mime = upload.content_type
            if not mime or mime == "application/octet-stream":
                mime = mimetypes.guess_type(upload.filename or "")[0] or mime
            return self.create_file(
                kind,
                upload.content,
                file_name=upload.filename if kind == "document" else None,
                mime_type=mime,
            )
        value = p.get_str(name)
        if not value:
            raise _bad_request(f"there is no {name} in the request")
        if value.startswith(("http://", "https://")):
            file_name = urlsplit(value).path.rsplit("/", 1)[-1] or None
            return self.create_file(
                kind,
                b"",
                file_name=file_name if kind == "document" else None,
                mime_type=mimetypes.guess_type(file_name or "")[0],
                source_url=value,
            )
        record = self._files.get(value)
        if record is None:
            raise _bad_request("wrong file identifier/HTTP URL specified")
        return record

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

    def _bot_message(
        self, chat: FakeChat, method: str, p: RequestParams, **fields: Any
    ) -> JSONDict:
        stored = self._store(chat, sender_id=BOT_ID, params=dict(p.raw), **fields)
        markup = stored.reply_markup
        if markup is not None:
            if "keyboard" in markup:
                chat.reply_keyboard = markup
                chat.reply_keyboard_message_id = stored.message_id
            elif markup.get("remove_keyboard"):
                chat.reply_keyboard = None
                chat.reply_keyboard_message_id = None
        self._record_send(chat, method)
        return self._message_json(stored)

    # ------------------------------------------------------------------ methods: bot & webhook

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

    def _m_set_webhook(self, p: RequestParams) -> bool:
        url = p.get_str("url") or ""
        if not url:
            self.webhook = None
            return True
        if not url.startswith("https://") and not url.startswith("http://"):
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
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

    def _m_set_my_commands(self, p: RequestParams) -> bool:
        commands = p.get_json("commands")
        if not isinstance(commands, list):
            raise _bad_request("commands is empty" if commands is None else "can't parse commands")
        if len(commands) > 100:
            raise _bad_request("too many commands")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_RE.fullmatch(
                str(command.get("command", ""))
            ):
                raise _bad_request("BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
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
                raise _bad_request("can't parse BotCommandScope")
            if scope["type"].startswith("chat"):
                if "chat_id" not in scope:
                    raise _bad_request("chat_id is empty")
                if self._chats.get(int(scope["chat_id"])) is None:
                    raise _bad_request("chat not found")
        language = p.get_str("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad_request("invalid language code specified")
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

    # ------------------------------------------------------------------ methods: sending

    def _m_send_message(self, p: RequestParams) -> JSONDict:
        chat = self._writable_chat(p)
        source = p.require_str("text", error="message text is empty")
        parse_mode = p.get_str("parse_mode")
        text, entities = self._render(source, parse_mode, p, caption=False)
        markup = self._markup(p)
        reply_to = self._reply_target(chat, p)
        return self._bot_message(
            chat,
            "sendMessage",
            p,
            text=text,
            source=source,
            parse_mode=parse_mode,
            entities=entities,
            reply_markup=markup,
            reply_to_message_id=reply_to,
        )

    def _send_media(self, p: RequestParams, kind: Literal["photo", "document"]) -> JSONDict:
        chat = self._writable_chat(p)
        source = p.get_str("caption") or None
        parse_mode = p.get_str("parse_mode")
        caption, entities = self._render(source, parse_mode, p, caption=True)
        markup = self._markup(p)
        reply_to = self._reply_target(chat, p)
        record = self._input_file(p, kind, kind)
        media: JSONDict
        if kind == "photo":
            media = {"photo": self.photo_sizes(record)}
        else:
            document: JSONDict = {
                "file_id": record.file_id,
                "file_unique_id": record.file_unique_id,
                "file_size": len(record.content),
            }
            if record.file_name:
                document["file_name"] = record.file_name
            if record.mime_type:
                document["mime_type"] = record.mime_type
            media = {"document": document}
        return self._bot_message(
            chat,
            "sendPhoto" if kind == "photo" else "sendDocument",
            p,
            caption=caption,
            source=source,
            parse_mode=parse_mode,
            entities=entities,
            media=media,
            files={kind: record},
            reply_markup=markup,
            reply_to_message_id=reply_to,
        )

    def _m_send_photo(self, p: RequestParams) -> JSONDict:
        return self._send_media(p, "photo")

    def _m_send_document(self, p: RequestParams) -> JSONDict:
        return self._send_media(p, "document")

    def _source_message(self, p: RequestParams, what: str) -> _StoredMessage:
        from_chat = self._chats.get(self._resolve_chat_id(p, "from_chat_id"))
        if from_chat is None:
            raise _bad_request("chat not found")
        stored = self._find(from_chat.id, p.require_int("message_id"))
        if stored is None:
            raise _bad_request(f"message to {what} not found")
        return stored

    def _m_copy_message(self, p: RequestParams) -> JSONDict:
        chat = self._writable_chat(p)
        original = self._source_message(p, "copy")
        text, caption, source = original.text, original.caption, original.source
        parse_mode, entities = original.parse_mode, list(original.entities)
        if p.has("caption") and original.text is None:
            source = p.get_str("caption") or None
            parse_mode = p.get_str("parse_mode")
            caption, entities = self._render(source, parse_mode, p, caption=True)
        markup = self._markup(p)
        reply_to = self._reply_target(chat, p)
        copied = self._bot_message(
            chat,
            "copyMessage",
            p,
            text=text,
            caption=caption,
            source=source,
            parse_mode=parse_mode,
            entities=entities,
            media=json.loads(json.dumps(original.media)),
            files=dict(original.files),
            reply_markup=markup,
            reply_to_message_id=reply_to,
            copied_from=(original.chat_id, original.message_id),
        )
        return {"message_id": copied["message_id"]}

    def _m_forward_message(self, p: RequestParams) -> JSONDict:
        chat = self._writable_chat(p)
        original = self._source_message(p, "forward")
        source_chat = self._chats[original.chat_id]
        origin: JSONDict
        if source_chat.type == "channel":
            origin = {
                "type": "channel",
                "date": original.date,
                "chat": source_chat.to_dict(),
                "message_id": original.message_id,
            }
        else:
            origin = {
                "type": "user",
                "date": original.date,
                "sender_user": self._user_dict(original.sender_id),
            }
        return self._bot_message(
            chat,
            "forwardMessage",
            p,
            text=original.text,
            caption=original.caption,
            source=original.source,
            parse_mode=original.parse_mode,
            entities=list(original.entities),
            media=json.loads(json.dumps(original.media)),
            files=dict(original.files),
            forward_origin=origin,
            copied_from=(original.chat_id, original.message_id),
        )

    def _m_send_chat_action(self, p: RequestParams) -> bool:
        chat = self._writable_chat(p)
        action = p.require_str("action")
        if action not in CHAT_ACTIONS:
            raise _bad_request("wrong type of action")
        self._actions.append(ChatAction(chat.id, action, self.time_source()))
        return True

    # ------------------------------------------------------------------ methods: editing

    def _editable(self, p: RequestParams) -> _StoredMessage:
        if p.has("inline_message_id") and not p.has("chat_id"):
            raise _bad_request("MESSAGE_ID_INVALID")
        chat = self._known_chat(p)
        stored = self._find(chat.id, p.require_int("message_id"))
        if stored is None:
            raise _bad_request("message to edit not found")
        if stored.sender_id != BOT_ID:
            raise _bad_request("message can't be edited")
        return stored

    def _apply_edit(self, stored: _StoredMessage, **changes: Any) -> JSONDict:
        comparable = {k: v for k, v in changes.items() if k not in {"source", "parse_mode"}}
        if all(getattr(stored, key) == value for key, value in comparable.items()):
            raise ApiError(400, NOT_MODIFIED)
        stored.history.append(stored.snapshot())
        for key, value in changes.items():
            setattr(stored, key, value)
        stored.edit_date = int(self.clock())
        return self._message_json(stored)

    def _m_edit_message_text(self, p: RequestParams) -> JSONDict:
        stored = self._editable(p)
        if stored.text is None:
            raise _bad_request("there is no text in the message to edit")
        source = p.require_str("text", error="message text is empty")
        parse_mode = p.get_str("parse_mode")
        text, entities = self._render(source, parse_mode, p, caption=False)
        # Like Telegram: omitting reply_markup removes the inline keyboard.
        markup = self._markup(p, inline_only=True)
        return self._apply_edit(
            stored,
            text=text,
            entities=entities,
            reply_markup=markup,
            source=source,
            parse_mode=parse_mode,
        )

    def _m_edit_message_caption(self, p: RequestParams) -> JSONDict:
        stored = self._editable(p)
        if not stored.media:
            raise _bad_request("there is no caption in the message to edit")
        source = p.get_str("caption") or None
        parse_mode = p.get_str("parse_mode")
        caption, entities = self._render(source, parse_mode, p, caption=True)
        markup = self._markup(p, inline_only=True)
        return self._apply_edit(
            stored,
            caption=caption,
            entities=entities,
            reply_markup=markup,
            source=source,
            parse_mode=parse_mode,
        )

    def _m_edit_message_reply_markup(self, p: RequestParams) -> JSONDict:
        stored = self._editable(p)
        return self._apply_edit(stored, reply_markup=self._markup(p, inline_only=True))

    def _m_delete_message(self, p: RequestParams) -> bool:
        chat = self._known_chat(p)
        stored = self._find(chat.id, p.require_int("message_id"))
        if stored is None:
            raise _bad_request("message to delete not found")
        if (
            stored.sender_id != BOT_ID
            and chat.type != "private"
            and chat.members.get(BOT_ID) not in {"creator", "administrator"}
        ):
            raise _bad_request("message can't be deleted")
        stored.deleted = True  # a reply keyboard it showed stays visible, as in Telegram
        return True

    # ------------------------------------------------------------------ methods: callbacks

    def _m_answer_callback_query(self, p: RequestParams) -> bool:
        query_id = p.require_str("callback_query_id")
        query = self._queries.get(query_id)
        if query is None or query.answered:
            raise _bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = p.get_str("text")
        if text is not None and len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad_request("MESSAGE_TOO_LONG")
        query.answered = True
        self._answers.append(
            CallbackAnswer(
                query_id=query_id,
                user_id=query.user_id,
                chat_id=query.chat_id,
                message_id=query.message_id,
                data=query.data,
                text=text,
                show_alert=p.get_bool("show_alert"),
                url=p.get_str("url"),
                cache_time=p.get_int("cache_time"),
            )
        )
        return True

    # ------------------------------------------------------------------ methods: chats & files

    def _m_get_chat(self, p: RequestParams) -> JSONDict:
        chat = self._known_chat(p)
        return {
            **chat.to_dict(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _member_json(self, user_id: int, status: str) -> JSONDict:
        data: JSONDict = {"status": status, "user": self._user_dict(user_id)}
        if status == "creator":
            data["is_anonymous"] = False
        elif status == "administrator":
            data.update(
                {
                    "can_be_edited": False,
                    "is_anonymous": False,
                    "can_manage_chat": True,
                    "can_delete_messages": True,
                    "can_manage_video_chats": True,
                    "can_restrict_members": True,
                    "can_promote_members": False,
                    "can_change_info": True,
                    "can_invite_users": True,
                    "can_post_stories": False,
                    "can_edit_stories": False,
                    "can_delete_stories": False,
                    "can_pin_messages": True,
                }
            )
        elif status == "kicked":
            data["until_date"] = 0
        elif status == "restricted":
            data.update(dict.fromkeys(_RESTRICTED_PERMISSIONS, False))
            data.update({"is_member": True, "until_date": 0})
        return data

    def _m_get_chat_member(self, p: RequestParams) -> JSONDict:
        chat = self._known_chat(p)
        user_id = p.require_int("user_id")
        if user_id != BOT_ID and user_id not in self._users:
            raise _bad_request("user not found")
        return self._member_json(user_id, chat.members.get(user_id, "left"))

    def _m_get_chat_administrators(self, p: RequestParams) -> list[JSONDict]:
        chat = self._known_chat(p)
        if chat.type == "private":
            raise _bad_request("there are no administrators in the private chat")
        return [
            self._member_json(user_id, status)
            for user_id, status in chat.members.items()
            if status in {"creator", "administrator"}
        ]

    def _m_get_chat_member_count(self, p: RequestParams) -> int:
        chat = self._known_chat(p)
        return sum(
            1
            for status in chat.members.values()
            if status in {"creator", "administrator", "member", "restricted"}
        )

    def _m_get_file(self, p: RequestParams) -> JSONDict:
        record = self._files.get(p.require_str("file_id"))
        if record is None:
            raise _bad_request("invalid file_id")
        if len(record.content) > MAX_DOWNLOAD_BYTES:
            raise _bad_request("file is too big")
        return {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "file_size": len(record.content),
            "file_path": record.file_path,
        }


# --------------------------------------------------------------------------- helpers


def _scope_key(scope: JSONDict | None, language_code: str) -> tuple[str, str]:
    return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code


def _button_text(button: Any) -> str:
    if isinstance(button, str):
        return button
    if isinstance(button, dict):
        return str(button.get("text", ""))
    return ""


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not button.get("text"):
        raise _bad_request("BUTTON_TEXT_INVALID")
    actions = _INLINE_ACTIONS.intersection(button)
    if not actions:
        raise _bad_request("text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise _bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        scheme = urlsplit(url).scheme if isinstance(url, str) else ""
        if scheme not in {"http", "https", "tg"} or (scheme != "tg" and not urlsplit(url).netloc):
            raise _bad_request("BUTTON_URL_INVALID")


def _strip(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Trim surrounding whitespace like Telegram does, shifting/clipping entities."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    adjusted: list[JSONDict] = []
    for entity in entities:
        start = max(int(entity.get("offset", 0)) - lead, 0)
        end = min(int(entity.get("offset", 0)) + int(entity.get("length", 0)) - lead, total)
        if end > start:
            adjusted.append({**entity, "offset": start, "length": end - start})
    return stripped, adjusted


def _image_size(content: bytes) -> tuple[int, int]:
    if content[:8] == b"\x89PNG\r\n\x1a\n" and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return int(width), int(height)
    return 800, 600
