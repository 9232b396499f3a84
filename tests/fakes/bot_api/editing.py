"""Changing what was sent: ``editMessageText``, ``editMessageCaption``,
``editMessageReplyMarkup`` and ``deleteMessage``."""

from __future__ import annotations

from typing import Any

from .content import ContentMixin
from .errors import ApiError, bad_request
from .messages import MessagesMixin
from .model import BOT_ID, JSONDict, StoredMessage
from .wire import RequestParams

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class EditingMixin(ContentMixin, MessagesMixin):
    """Edits keep each message's earlier versions in its history; deletes only mark it."""

    def _editable(self, p: RequestParams) -> StoredMessage:
        if p.has("inline_message_id") and not p.has("chat_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat = self._known_chat(p)
        stored = self._find(chat.id, p.require_int("message_id"))
        if stored is None:
            raise bad_request("message to edit not found")
        if stored.sender_id != BOT_ID:
            raise bad_request("message can't be edited")
        return stored

    def _apply_edit(self, stored: StoredMessage, **changes: Any) -> JSONDict:
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
            raise bad_request("there is no text in the message to edit")
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
            raise bad_request("there is no caption in the message to edit")
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
            raise bad_request("message to delete not found")
        if (
            stored.sender_id != BOT_ID
            and chat.type != "private"
            and chat.members.get(BOT_ID) not in {"creator", "administrator"}
        ):
            raise bad_request("message can't be deleted")
        stored.deleted = True  # a reply keyboard it showed stays visible, as in Telegram
        return True
