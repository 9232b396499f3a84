"""Conversation driver: lets a test read like a user story.

::

    alice = fake.user("alice", first_name="Alice", language_code="es")
    board = fake.group("Junta", chat_id=-1001234)
    fake.set_member(board, alice, "administrator")

    await alice.send("/start")
    assert "Bienvenida" in alice.last_text()
    await alice.press("Aceptar")
    assert alice.last_callback_answer is not None

In-process (``fake.on_update`` set) every ``send``/``press`` awaits the bot's handling of the
update, so its replies exist when the call returns. In e2e mode (no ``on_update``) the update is
queued for ``getUpdates`` and the test waits with :meth:`FakeUser.wait_reply` or
:meth:`FakeTelegram.wait_for`.
"""

from __future__ import annotations

import re
import struct
import zlib
from typing import Literal, TypeAlias

from ._html import utf16_len
from .telegram import (
    CallbackAnswer,
    ChatRef,
    FakeMessage,
    FakeTelegram,
    JSONDict,
    UserState,
    id_of,
)

MessageRef: TypeAlias = "FakeMessage | JSONDict | int"

LEON = (42.5987, -5.5671)


def _png(width: int, height: int) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\x2e\x8b\x57" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


#: A valid 4x3 PNG, the default content of ``send_photo``.
SAMPLE_PNG = _png(4, 3)
SAMPLE_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
SAMPLE_WEBP = (
    b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00"
    b"\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
)
_COMMAND = re.compile(r"/\S+")


def _message_chat(message: MessageRef | None) -> int | None:
    if isinstance(message, FakeMessage):
        return message.chat_id
    if isinstance(message, dict):
        return int(message["chat"]["id"])
    return None


def _message_id(message: MessageRef) -> int:
    if isinstance(message, int):
        return message
    if isinstance(message, FakeMessage):
        return message.message_id
    return int(message["message_id"])


class FakeUser:
    """A Telegram user talking to the bot through a :class:`FakeTelegram`."""

    def __init__(self, fake: FakeTelegram, user_id: int) -> None:
        self.fake = fake
        self._id = user_id

    # ------------------------------------------------------------------ identity

    @property
    def id(self) -> int:
        return self._id

    @property
    def chat_id(self) -> int:
        """Id of the private chat with the bot (equal to the user id)."""
        return self._id

    @property
    def state(self) -> UserState:
        return self.fake.user_state(self._id)

    @property
    def username(self) -> str | None:
        return self.state.username

    @property
    def first_name(self) -> str:
        return self.state.first_name

    @property
    def language_code(self) -> str | None:
        return self.state.language_code

    @property
    def phone(self) -> str | None:
        return self.state.phone

    def to_dict(self) -> JSONDict:
        return self.state.to_dict()

    def __repr__(self) -> str:
        return f"FakeUser(@{self.username}, id={self._id})"

    def block_bot(self) -> None:
        """Block the bot: sends to this user now fail with 403 (until the user writes again)."""
        self.fake.set_blocked(self, True)

    def unblock_bot(self) -> None:
        self.fake.set_blocked(self, False)

    # ------------------------------------------------------------------ writing to the bot

    def _chat_id(self, chat: ChatRef | None) -> int:
        return self._id if chat is None else id_of(chat)

    async def _deliver(self, message: JSONDict) -> JSONDict:
        if self.fake.bot_sees(message):
            key = "channel_post" if message["chat"]["type"] == "channel" else "message"
            await self.fake.deliver_update({key: message})
        return message

    async def send(
        self, text: str, *, chat: ChatRef | None = None, reply_to: MessageRef | None = None
    ) -> JSONDict:
        """Write ``text`` (a leading ``/command`` gets a bot_command entity)."""
        entities: list[JSONDict] = []
        command = _COMMAND.match(text)
        if command is not None:
            entities.append(
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}
            )
        message = self.fake.incoming_message(
            self,
            self._chat_id(chat),
            text=text,
            entities=entities,
            reply_to_message_id=None if reply_to is None else _message_id(reply_to),
        )
        return await self._deliver(message)

    async def reply_to(
        self, message: MessageRef, text: str, *, chat: ChatRef | None = None
    ) -> JSONDict:
        """Reply to ``message`` (in its chat when it is a FakeMessage or message dict)."""
        if chat is None and isinstance(message, FakeMessage):
            chat = message.chat_id
        elif chat is None and isinstance(message, dict):
            chat = int(message["chat"]["id"])
        return await self.send(text, chat=chat, reply_to=message)

    async def send_photo(
        self,
        caption: str | None = None,
        *,
        content: bytes = SAMPLE_PNG,
        mime: str = "image/png",
        chat: ChatRef | None = None,
        reply_to: MessageRef | None = None,
    ) -> JSONDict:
        record = self.fake.create_file("photo", content, mime_type=mime)
        message = self.fake.incoming_message(
            self,
            self._chat_id(chat),
            caption=caption,
            media={"photo": self.fake.photo_sizes(record)},
            files={"photo": record},
            reply_to_message_id=None if reply_to is None else _message_id(reply_to),
        )
        return await self._deliver(message)

    async def send_document(
        self,
        name: str = "document.pdf",
        content: bytes = SAMPLE_PDF,
        mime: str = "application/pdf",
        *,
        caption: str | None = None,
        chat: ChatRef | None = None,
        reply_to: MessageRef | None = None,
    ) -> JSONDict:
        record = self.fake.create_file("document", content, file_name=name, mime_type=mime)
        document = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "file_name": name,
            "mime_type": mime,
            "file_size": len(content),
        }
        message = self.fake.incoming_message(
            self,
            self._chat_id(chat),
            caption=caption,
            media={"document": document},
            files={"document": record},
            reply_to_message_id=None if reply_to is None else _message_id(reply_to),
        )
        return await self._deliver(message)

    async def send_contact(
        self,
        phone: str | None = None,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        user_id: int | Literal["self"] | None = "self",
        chat: ChatRef | None = None,
    ) -> JSONDict:
        """Share a contact; by default one's own (``user_id`` = own id, own phone)."""
        contact: JSONDict = {
            "phone_number": phone or self.phone or "+34600000000",
            "first_name": first_name or self.first_name,
        }
        if last_name:
            contact["last_name"] = last_name
        owner = self._id if user_id == "self" else user_id
        if owner is not None:
            contact["user_id"] = owner
        message = self.fake.incoming_message(self, self._chat_id(chat), media={"contact": contact})
        return await self._deliver(message)

    async def send_location(
        self,
        latitude: float = LEON[0],
        longitude: float = LEON[1],
        *,
        chat: ChatRef | None = None,
    ) -> JSONDict:
        message = self.fake.incoming_message(
            self,
            self._chat_id(chat),
            media={"location": {"latitude": latitude, "longitude": longitude}},
        )
        return await self._deliver(message)

    async def send_sticker(self, emoji: str = "👍", *, chat: ChatRef | None = None) -> JSONDict:
        content = SAMPLE_WEBP
        record = self.fake.create_file("sticker", content, mime_type="image/webp")
        sticker = {
            "file_id": record.file_id,
            "file_unique_id": record.file_unique_id,
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
            "emoji": emoji,
            "file_size": len(content),
        }
        message = self.fake.incoming_message(self, self._chat_id(chat), media={"sticker": sticker})
        return await self._deliver(message)

    async def send_raw(self, fields: JSONDict, *, chat: ChatRef | None = None) -> JSONDict:
        """Send a message with arbitrary extra Bot API fields (e.g. ``{"voice": {...}}``)."""
        message = self.fake.incoming_message(self, self._chat_id(chat), media=dict(fields))
        return await self._deliver(message)

    # ------------------------------------------------------------------ buttons

    async def press(
        self, text: str, *, message: MessageRef | None = None, chat: ChatRef | None = None
    ) -> JSONDict:
        """Press the button labelled ``text`` (exact match, else unique substring).

        Looks at the inline keyboard of the most recent bot message that has one (or of
        ``message``) and at the reply keyboard currently shown in the chat. An inline button
        sends a callback query (returned); a reply-keyboard button sends its text as a message
        (or the user's contact/location for ``request_contact``/``request_location`` buttons).
        """
        if chat is None:
            chat = _message_chat(message)
        chat_id = self._chat_id(chat)
        inline: FakeMessage | None
        reply_markup: JSONDict | None
        reply_message_id: int | None
        if message is not None:
            try:
                target = self.fake.message(chat_id, _message_id(message))
            except KeyError:
                raise AssertionError(
                    f"no message {_message_id(message)} in chat {chat_id}"
                ) from None
            inline = target if target.buttons else None
            markup = target.reply_markup or {}
            reply_markup = markup if "keyboard" in markup else None
            reply_message_id = target.message_id
        else:
            inline = self.fake.last_inline_message(chat_id)
            shown = self.fake.reply_keyboard(chat_id)
            reply_message_id, reply_markup = shown if shown is not None else (None, None)

        inline_buttons: list[JSONDict] = []
        if inline is not None and inline.reply_markup is not None:
            inline_buttons = [b for row in inline.reply_markup["inline_keyboard"] for b in row]
        reply_buttons: list[JSONDict] = []
        if reply_markup is not None:
            reply_buttons = [
                b if isinstance(b, dict) else {"text": b}
                for row in reply_markup["keyboard"]
                for b in row
            ]

        def exact(buttons: list[JSONDict]) -> list[JSONDict]:
            return [b for b in buttons if b.get("text") == text]

        def partial(buttons: list[JSONDict]) -> list[JSONDict]:
            return [b for b in buttons if text in str(b.get("text", ""))]

        inline_hits, reply_hits = exact(inline_buttons), exact(reply_buttons)
        if not inline_hits and not reply_hits:
            inline_hits, reply_hits = partial(inline_buttons), partial(reply_buttons)
            labels = {str(b["text"]) for b in inline_hits + reply_hits}
            if len(labels) > 1:
                raise AssertionError(
                    f"{text!r} matches several buttons {sorted(labels)}; be more specific.\n"
                    + self._describe(
                        chat_id, inline, inline_buttons, reply_message_id, reply_buttons
                    )
                )
        if not inline_hits and not reply_hits:
            raise AssertionError(
                f"no button {text!r} for @{self.username} in chat {chat_id}.\n"
                + self._describe(chat_id, inline, inline_buttons, reply_message_id, reply_buttons)
            )
        use_inline = bool(inline_hits) and (
            not reply_hits
            or inline is None
            or reply_message_id is None
            or inline.message_id >= reply_message_id
        )
        if use_inline and inline is not None:
            button = inline_hits[0]
            if "callback_data" not in button:
                kind = next((k for k in button if k != "text"), "unknown")
                raise AssertionError(
                    f"button {button['text']!r} is a {kind} button ({button.get(kind)!r}); "
                    "pressing it sends nothing to the bot"
                )
            return await self._callback(chat_id, inline.message_id, str(button["callback_data"]))
        button = reply_hits[0]
        if button.get("request_contact"):
            return await self.send_contact(chat=chat)
        if button.get("request_location"):
            return await self.send_location(chat=chat)
        return await self.send(str(button["text"]), chat=chat)

    async def press_data(
        self, data: str, *, message: MessageRef | None = None, chat: ChatRef | None = None
    ) -> JSONDict:
        """Send a callback query with arbitrary (possibly forged) ``data``.

        Targets ``message``, else the last bot message with an inline keyboard, else the last
        bot message in the chat.
        """
        if chat is None:
            chat = _message_chat(message)
        chat_id = self._chat_id(chat)
        if message is not None:
            message_id = _message_id(message)
        else:
            target = self.fake.last_inline_message(chat_id)
            if target is None:
                sent = self.fake.messages_to(chat_id)
                if not sent:
                    raise AssertionError(f"no bot message in chat {chat_id} to press on")
                target = sent[-1]
            message_id = target.message_id
        return await self._callback(chat_id, message_id, data)

    async def _callback(self, chat_id: int, message_id: int, data: str) -> JSONDict:
        query = self.fake.incoming_callback(self, chat_id, message_id, data)
        await self.fake.deliver_update({"callback_query": query})
        return query

    @staticmethod
    def _describe(
        chat_id: int,
        inline: FakeMessage | None,
        inline_buttons: list[JSONDict],
        reply_message_id: int | None,
        reply_buttons: list[JSONDict],
    ) -> str:
        lines = []
        if inline is not None:
            lines.append(
                f"  inline keyboard of message #{inline.message_id}: "
                f"{[str(b.get('text')) for b in inline_buttons]}"
            )
        else:
            lines.append(f"  no bot message with an inline keyboard in chat {chat_id}")
        if reply_buttons:
            lines.append(
                f"  reply keyboard (message #{reply_message_id}): "
                f"{[str(b.get('text')) for b in reply_buttons]}"
            )
        else:
            lines.append("  no reply keyboard shown")
        return "\n".join(lines)

    # ------------------------------------------------------------------ reading

    def messages(self, chat: ChatRef | None = None) -> list[FakeMessage]:
        """Bot messages in this user's private chat (or ``chat``), current content."""
        return self.fake.messages_to(self._chat_id(chat))

    def texts(self, chat: ChatRef | None = None) -> list[str]:
        return [m.text for m in self.messages(chat)]

    def last_message(self, chat: ChatRef | None = None) -> FakeMessage:
        sent = self.messages(chat)
        if not sent:
            raise AssertionError(f"the bot sent nothing to chat {self._chat_id(chat)}")
        return sent[-1]

    def last_text(self, chat: ChatRef | None = None) -> str:
        """Text (or caption) of the bot's last message there, after edits."""
        return self.last_message(chat).text

    def reply_count(self, chat: ChatRef | None = None) -> int:
        """Bot messages ever sent there (deleted included); pass to :meth:`wait_reply`."""
        return self.fake.bot_message_count(self._chat_id(chat))

    async def wait_reply(
        self,
        count_before: int | None = None,
        *,
        chat: ChatRef | None = None,
        timeout: float = 10.0,
    ) -> FakeMessage:
        """Wait until the bot sent more than ``count_before`` messages there; return the next.

        Take ``count_before = alice.reply_count()`` *before* sending, or a fast reply may be
        counted already.
        """
        chat_id = self._chat_id(chat)
        before = self.reply_count(chat) if count_before is None else count_before

        def describe() -> str:
            recent = ", ".join(f"{c.method}->{c.status}" for c in self.fake.calls[-8:])
            return (
                f"@{self.username}: no new bot message in chat {chat_id} within {timeout}s "
                f"(had {before}); recent API calls: [{recent}]"
            )

        try:
            await self.fake.wait_for(lambda: self.fake.bot_message_count(chat_id) > before, timeout)
        except AssertionError:
            raise AssertionError(describe()) from None
        return self.fake.messages_to(chat_id, include_deleted=True)[before]

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """The bot's answers to this user's callback queries, oldest first."""
        return [a for a in self.fake.callback_answers if a.user_id == self._id]

    @property
    def last_callback_answer(self) -> CallbackAnswer | None:
        answers = self.callback_answers
        return answers[-1] if answers else None
