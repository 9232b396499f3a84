"""Whether the bot can write to a member: a failed send marks them unreachable (the relay),
and any update from them in their private chat proves they unblocked it again."""

from datetime import datetime

from bot.services.runtime import Runtime

__all__ = ["came_back"]


async def came_back(services: Runtime, user_id: int, now: datetime) -> bool:
    """Make a member who had blocked the bot reachable again (announcements, match alerts);
    whether they had been unreachable. The next announcement's report names them."""
    async with services.store.write() as repos:
        return await repos.members.mark_reachable(user_id, now)
