"""Due scans of matching: the daily rescan of recent posts, and the follow-up questions."""

from datetime import datetime

from bot.domain.matches import RESCAN_EVERY, RESCAN_WINDOW
from bot.services.due.scan import DueMessage, ScanResult, offer
from bot.services.matching.followups import followup_question
from bot.services.matching.proposals import propose_matches
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["MatchFollowupScanner", "MatchRescanScanner"]


class MatchRescanScanner:
    """Keep the match index current; once a day, propose matches for the week's posts."""

    name = "match_rescan"

    async def scan(self, repos: Repos, now: datetime, services: Runtime) -> ScanResult:
        """Build or catch up the index (the start-up scan builds it), then rescan if due."""

        await services.matching.ensure(repos, services.network, services.clock)
        last = await repos.matches.last_rescan()
        if last is not None and now - last < RESCAN_EVERY:
            return ScanResult()
        post_ids = await repos.matches.recent_post_ids(since=now - RESCAN_WINDOW, now=now)
        proposed = 0
        for post_id in post_ids:
            proposed += await propose_matches(repos, services, post_id, now)
        await repos.matches.record_rescan(now, posts=len(post_ids), proposed=proposed)
        return ScanResult(enqueued=2 * proposed)  # one message to each side


class MatchFollowupScanner:
    """Ask each side of an introduction "Did you work together?" when it falls due, once."""

    name = "match_followup"

    async def scan(self, repos: Repos, now: datetime, services: Runtime) -> ScanResult:
        """Offer each due question and count it as asked in the same transaction."""

        result = ScanResult()
        for side in await repos.matches.due_followups(now):
            pair = await repos.matches.pair(side.pair_id)
            question = await followup_question(repos, services, pair, side) if pair else None
            if question is None or side.followup_due_at is None:
                await repos.matches.drop_followup(side)
                continue
            if not await repos.matches.mark_asked(side):
                continue
            due = DueMessage(
                dedupe_key=question.dedupe_key,
                chat_id=question.member.user_id,
                locale=question.member.locale or services.settings.default_locale,
                message=question.message,
                due_at=side.followup_due_at,
            )
            result += await offer(repos, due, now)
        return result
