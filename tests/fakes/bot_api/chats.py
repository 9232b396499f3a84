"""Users, groups and channels, who is a member of what, and the methods that read it
(``getChat``, ``getChatMember``, ``getChatAdministrators``, ``getChatMemberCount``)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Literal, cast

from .errors import bad_request
from .model import BOT_ID, ChatRef, FakeChat, JSONDict, MemberStatus, UserState, id_of
from .state import FakeState
from .wire import RequestParams

if TYPE_CHECKING:
    from ..driver import FakeUser
    from ..telegram import FakeTelegram


MEMBER_STATUSES = frozenset({"creator", "administrator", "member", "restricted", "left", "kicked"})


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


class ChatsMixin(FakeState):
    """World building (users, groups, channels, membership) and the chat-reading methods."""

    def __init__(self) -> None:
        super().__init__()
        self._handles: dict[int, FakeUser] = {}
        self._user_ids = itertools.count(100_001)
        self._group_ids = itertools.count(1)

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
        from ..driver import FakeUser

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
            handle = FakeUser(cast("FakeTelegram", self), uid)  # only ever a FakeTelegram
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
            raise bad_request("user not found")
        return self._member_json(user_id, chat.members.get(user_id, "left"))

    def _m_get_chat_administrators(self, p: RequestParams) -> list[JSONDict]:
        chat = self._known_chat(p)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
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
