"""Who is on the board: current members of the configured board group, checked live."""

import logging
from datetime import datetime, timedelta

from telegram import Bot, ChatMember
from telegram.error import TelegramError

from bot.clock import Clock

__all__ = ["CACHE_TTL", "BoardAccess"]

_LOGGER = logging.getLogger(__name__)
CACHE_TTL = timedelta(minutes=5)
_BOARD_STATUSES = {ChatMember.OWNER, ChatMember.ADMINISTRATOR, ChatMember.MEMBER}


class BoardAccess:
    """Answers 'may this user act for the board?' with getChatMember, cached 5 minutes."""

    def __init__(self, board_chat_id: int | None, clock: Clock) -> None:
        self.chat_id = board_chat_id
        self._clock = clock
        self._cache: dict[int, tuple[bool, datetime]] = {}

    def is_board_chat(self, chat_id: int | None) -> bool:
        """Whether chat_id is the configured board group."""
        return self.chat_id is not None and chat_id == self.chat_id

    async def is_member(self, bot: Bot, user_id: int) -> bool:
        """Whether the user currently belongs to the board group."""
        if self.chat_id is None:
            return False
        now = self._clock()
        cached = self._cache.get(user_id)
        if cached is not None and now - cached[1] < CACHE_TTL:
            return cached[0]
        try:
            member = await bot.get_chat_member(self.chat_id, user_id)
        except TelegramError as exc:
            _LOGGER.warning("board membership check failed for %s: %s", user_id, exc)
            return False
        allowed = member.status in _BOARD_STATUSES or (
            member.status == ChatMember.RESTRICTED and bool(getattr(member, "is_member", False))
        )
        allowed = allowed and not member.user.is_bot
        self._cache[user_id] = (allowed, now)
        return allowed

    def forget(self, user_id: int) -> None:
        """Drop a cached answer (the user joined or left the board group)."""
        self._cache.pop(user_id, None)
