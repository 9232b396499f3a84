"""The message store: what was said in each chat, who said it, and how it reads as Bot API JSON
and as :class:`~.model.FakeMessage` views; also the messages users write to the bot."""

from __future__ import annotations

import json
from typing import Any

from .content import button_text
from .model import (
    BOT_ID,
    ChatRef,
    FakeChat,
    FakeMessage,
    FileRecord,
    JSONDict,
    StoredMessage,
    id_of,
)
from .state import FakeState


class MessagesMixin(FakeState):
    """Storing messages, finding them, and showing them to the bot and to tests."""

    def _find(self, chat_id: int, message_id: int) -> StoredMessage | None:
        for stored in self._messages.get(chat_id, []):
            if stored.message_id == message_id and not stored.deleted:
                return stored
        return None

    def _store(self, chat: FakeChat, *, sender_id: int, **fields: Any) -> StoredMessage:
        stored = StoredMessage(
            chat_id=chat.id,
            message_id=chat.next_message_id,
            sender_id=sender_id,
            date=int(self.clock()),
            **fields,
        )
        chat.next_message_id += 1
        self._messages[chat.id].append(stored)
        return stored

    def _message_json(self, stored: StoredMessage, *, with_reply: bool = True) -> JSONDict:
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

    def _view(self, stored: StoredMessage) -> FakeMessage:
        markup = stored.reply_markup or {}
        buttons: list[list[tuple[str, str | None]]] = [
            [(str(b.get("text", "")), b.get("callback_data", b.get("url"))) for b in row]
            for row in markup.get("inline_keyboard", [])
        ]
        reply_keyboard: list[list[str]] | None = None
        if "keyboard" in markup:
            reply_keyboard = [[button_text(b) for b in row] for row in markup["keyboard"]]
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
