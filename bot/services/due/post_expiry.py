"""Due scan of posts: warn authors before their post expires, and record expiries."""

from datetime import datetime, timedelta

from bot.buttons.posts import ClosePost, ExtendPost
from bot.domain.outbox import Button, Rendered
from bot.domain.posts import Post, expiry_warning_key
from bot.services.due.scan import DueMessage, ScanResult, offer
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["PostExpiryScanner"]


class PostExpiryScanner:
    """One warning per post and expiry date (Extend / Close), then the expiry itself."""

    name = "post_expiry"

    async def scan(self, repos: Repos, now: datetime, services: Runtime) -> ScanResult:
        """Record passed expiries and offer the warnings that are due."""

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


def _warning(post: Post, services: Runtime) -> Rendered:
    assert post.expires_at is not None  # noqa: S101 - only published posts expire
    return Rendered(
        key="posts.expiry.warning",
        params={
            "title": post.title,
            "date": post.expires_at.astimezone(services.settings.tz).strftime("%d/%m/%Y"),
        },
        keyboard=[
            [
                Button(key="posts.mine.extend", callback_data=ExtendPost(post_id=post.id).pack()),
                Button(key="posts.mine.close", callback_data=ClosePost(post_id=post.id).pack()),
            ]
        ],
    )
