"""Sending: ``sendMessage``, ``sendPhoto``, ``sendDocument``, ``copyMessage``, ``forwardMessage``
and ``sendChatAction``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from .content import ContentMixin
from .errors import bad_request
from .files import FilesMixin
from .messages import MessagesMixin
from .model import BOT_ID, FakeChat, JSONDict, StoredMessage
from .rate_limits import RateLimitMixin
from .wire import RequestParams

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


@dataclass(frozen=True)
class ChatAction:
    chat_id: int
    action: str
    at: float


class SendingMixin(ContentMixin, MessagesMixin, FilesMixin, RateLimitMixin):
    """The methods that put a new bot message in a chat (and the chat actions)."""

    def __init__(self) -> None:
        super().__init__()
        self._actions: list[ChatAction] = []

    @property
    def chat_actions(self) -> list[ChatAction]:
        with self.lock:
            return list(self._actions)

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
            raise bad_request("message to be replied not found")
        return message_id

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

    def _source_message(self, p: RequestParams, what: str) -> StoredMessage:
        from_chat = self._chats.get(self._resolve_chat_id(p, "from_chat_id"))
        if from_chat is None:
            raise bad_request("chat not found")
        stored = self._find(from_chat.id, p.require_int("message_id"))
        if stored is None:
            raise bad_request(f"message to {what} not found")
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
            raise bad_request("wrong type of action")
        self._actions.append(ChatAction(chat.id, action, self.time_source()))
        return True
