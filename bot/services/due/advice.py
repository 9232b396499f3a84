"""Due scan of advice cases: remind the board group, once, of a member left unanswered."""

from datetime import datetime, timedelta

from bot.domain.advice import reminder_due_at
from bot.services.advice import messages
from bot.services.due.scan import DueMessage, ScanResult, offer
from bot.services.runtime import Runtime
from bot.storage.codec import ts
from bot.storage.repos import Repos

__all__ = ["CaseReminderScanner"]


class CaseReminderScanner:
    """One reminder per case and unanswered stretch: the key holds when the stretch began,
    so a later stretch (after a board answer and a new member message) reminds again."""

    name = "case_reminders"

    async def scan(self, repos: Repos, now: datetime, services: Runtime) -> ScanResult:
        """Offer the reminders of cases whose member has waited long enough."""
        board = services.settings.board_chat_id
        if board is None:
            return ScanResult()
        days = services.network.reminders.case_unanswered_days
        after = timedelta(days=days)
        result = ScanResult()
        for case in await repos.cases.unanswered_before(now - after):
            due_at = reminder_due_at(case, after)
            if due_at is None or case.unanswered_since is None:
                continue
            due = DueMessage(
                dedupe_key=f"case-reminder:{case.id}:{ts(case.unanswered_since)}",
                chat_id=board,
                locale=services.settings.default_locale,
                message=messages.reminder(case, days),
                due_at=due_at,
            )
            result += await offer(repos, due, now)
        return result
