"""What the fake Telegram knows about: the bot, users, chats, messages and files.

:class:`FakeMessage` and :class:`FileInfo` are the read-only views tests get; the other records
are the fake's own mutable state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeAlias

JSONDict: TypeAlias = dict[str, Any]
ChatType: TypeAlias = Literal["private", "group", "supergroup", "channel"]
MemberStatus: TypeAlias = Literal[
    "creator", "administrator", "member", "restricted", "left", "kicked"
]


BOT_ID = 1000
BOT_USERNAME = "cooperactivas_test_bot"
BOT_FIRST_NAME = "Cooperactivas"
DEFAULT_TOKEN = "123456:TEST-TOKEN"  # the token tests/harness.py gives the bot


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


ChatRef: TypeAlias = "_HasId | int"


def id_of(ref: ChatRef) -> int:
    return ref if isinstance(ref, int) else ref.id


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
class StoredMessage:
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
