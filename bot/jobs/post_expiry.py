"""Due scan of posts: warn authors before their post expires, and record expiries."""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.callbacks import pack
from bot.context import Services
from bot.domain.outbox import Button, Rendered
from bot.domain.posts import Post, expiry_warning_key
from bot.storage.repos import Repos

if TYPE_CHECKING:
    from bot.jobs.scans import ScanResult

__all__ = ["PostExpiryScanner"]


class PostExpiryScanner:
    """One warning per post and expiry date (Extend / Close), then the expiry itself."""

    name = "post_expiry"

    async def scan(self, repos: Repos, now: datetime, services: Services) -> "ScanResult":
        """Record passed expiries and offer the warnings that are due."""
        # Imported here: bot.jobs.scans lists this scanner, so it imports this module first.
        from bot.jobs.scans import DueMessage, ScanResult, offer

        await repos.posts.expire_due(now)
        ahead = timedelta(days=services.network.reminders.post_expiry_warning_days)
        result = ScanResult()
        for post in await repos.posts.expiring(now=now, until=now + ahead):
            author = await repos.members.member(post.author_id)
            if author is None or post.expires_at is None:
                continue  # the author left the network: nobody to warn
            due = DueMessage(
                dedupe_key=expiry_warning_key(post.id, post.expires_at),
                chat_id=author.user_id,
                locale=author.locale or services.settings.default_locale,
                message=_warning(post, services),
                due_at=post.expires_at - ahead,
                useful_until=post.expires_at,
            )
            result += await offer(repos, due, now)
        return result


def _warning(post: Post, services: Services) -> Rendered:
    assert post.expires_at is not None  # noqa: S101 - only published posts expire
    return Rendered(
        key="posts.expiry.warning",
        params={
            "title": post.title,
            "date": post.expires_at.astimezone(services.settings.tz).strftime("%d/%m/%Y"),
        },
        keyboard=[
            [
                Button(key="posts.mine.extend", callback_data=pack("mine", "extend", post.id)),
                Button(key="posts.mine.close", callback_data=pack("mine", "close", post.id)),
            ]
        ],
    )
