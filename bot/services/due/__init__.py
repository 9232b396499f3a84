"""Due scans: read the state, enqueue what has fallen due, drop what is no longer useful.

A scanner looks at stored facts (due dates, summit start times, expiry dates) and offers
each message it finds through ``offer()``. Because every message has a deterministic
dedupe key, a scan can run every minute and at start-up: whatever fell due while the bot
was down is enqueued exactly once, and a reminder whose moment has passed is recorded as
dropped (once, so it is counted once) instead of arriving late.

To add a scanner, implement the protocol and add it to ``SCANNERS``.
"""

import logging
from collections.abc import Iterable

from bot.services.due.advice import CaseReminderScanner
from bot.services.due.fees import FeeNoticeScanner
from bot.services.due.matching import MatchFollowupScanner, MatchRescanScanner
from bot.services.due.post_expiry import PostExpiryScanner
from bot.services.due.scan import DueMessage, Scanner, ScanResult, offer
from bot.services.due.search_index import SearchIndexScanner
from bot.services.due.summits import SummitFeedbackScanner, SummitReminderScanner
from bot.services.runtime import Runtime

__all__ = ["SCANNERS", "DueMessage", "ScanResult", "Scanner", "offer", "run_scans"]

_LOGGER = logging.getLogger(__name__)


# Every scanner the bot runs. Fees, summit reminders, post expiry and follow-ups add theirs;
# the search index's upkeep rides along (it enqueues nothing).
SCANNERS: list[Scanner] = [
    PostExpiryScanner(),
    MatchRescanScanner(),
    MatchFollowupScanner(),
    SearchIndexScanner(),
    FeeNoticeScanner(),
    CaseReminderScanner(),
    SummitReminderScanner(),
    SummitFeedbackScanner(),
]


async def run_scans(
    services: Runtime, scanners: Iterable[Scanner] | None = None
) -> dict[str, ScanResult]:
    """Run each scanner in its own transaction; one failing scanner does not stop the rest."""
    results: dict[str, ScanResult] = {}
    for scanner in SCANNERS if scanners is None else scanners:
        now = services.clock()
        try:
            async with services.store.write() as repos:
                result = await scanner.scan(repos, now, services)
        except Exception:
            _LOGGER.exception("due scan %s failed", scanner.name)
            continue
        results[scanner.name] = result
        if result.enqueued or result.dropped:
            _LOGGER.info(
                "due scan %s: %d enqueued, %d dropped as too late",
                scanner.name,
                result.enqueued,
                result.dropped,
            )
    return results
