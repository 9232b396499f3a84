"""Button presses: the callback queries users make and ``answerCallbackQuery``."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .errors import bad_request
from .messages import MessagesMixin
from .model import BOT_ID, ChatRef, JSONDict, id_of
from .wire import RequestParams

MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200


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


@dataclass
class _Query:
    user_id: int
    chat_id: int
    message_id: int
    data: str | None
    answered: bool = False


class CallbacksMixin(MessagesMixin):
    """Open callback queries (each answerable once) and the answers the bot gave."""

    def __init__(self) -> None:
        super().__init__()
        self._queries: dict[str, _Query] = {}
        self._answers: list[CallbackAnswer] = []
        self._query_ids = itertools.count(1)

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

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        with self.lock:
            return list(self._answers)

    def _m_answer_callback_query(self, p: RequestParams) -> bool:
        query_id = p.require_str("callback_query_id")
        query = self._queries.get(query_id)
        if query is None or query.answered:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = p.get_str("text")
        if text is not None and len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise bad_request("MESSAGE_TOO_LONG")
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
