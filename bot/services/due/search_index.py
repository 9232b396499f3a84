"""Every minute, a step of keeping the posts' full-text index in one segment (no messages)."""

from datetime import datetime

from bot.services.due.scan import ScanResult
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["SearchIndexScanner"]

# About 2 MB of index a minute: a few ms when posts come one by one, and a freshly imported
# 100 000 posts are merged within minutes without holding writers up for long.
_PAGES_A_STEP = 500


class SearchIndexScanner:
    """Merges what the last minute's posts added to the full-text index, so search stays fast."""

    name = "search_index"

    async def scan(self, repos: Repos, now: datetime, services: Runtime) -> ScanResult:
        """Do one bounded step of merging; nothing is ever due to anyone."""
        await repos.posts.compact_search_index(_PAGES_A_STEP)
        return ScanResult()
