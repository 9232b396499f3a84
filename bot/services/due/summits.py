"""Due scan of summits: remind those going (and, at some offsets, those who said Maybe).

Each reminder has a key of summit, person, offset and start time, so it is offered once
however often the scan runs and across restarts. It is useful until the next reminder falls
due (after downtime only the latest is sent) and never after the start; someone who
answered after a reminder's moment is not sent that one late.
"""

from datetime import datetime, timedelta

from bot.domain.summits import FEEDBACK_AFTER, FEEDBACK_UNTIL, RsvpState, reminder_key, wants
from bot.i18n import N_
from bot.services.due.scan import DueMessage, ScanResult, offer
from bot.services.runtime import Runtime
from bot.services.summits.after import feedback_question
from bot.services.summits.notices import card_notice
from bot.services.summits.rsvp import moments_of
from bot.storage.repos import Repos

__all__ = ["SummitFeedbackScanner", "SummitReminderScanner"]

_REMINDED = (RsvpState.GOING, RsvpState.MAYBE)


class SummitReminderScanner:
    """Offer each summit reminder that is due, once."""

    name = "summit_reminders"

    async def scan(self, repos: Repos, now: datetime, services: Runtime) -> ScanResult:
        """Look at summits that start within the longest offset (and a day, for DST)."""
        longest = max(services.network.reminders.summit_hours_before, default=0)
        until = now + timedelta(hours=longest, days=1)
        result = ScanResult()
        for summit in await repos.summits.starting_between(now, until):
            moments = moments_of(services, summit)
            attendees = await repos.summits.attendees(summit.id, _REMINDED)
            for moment in moments:
                if now < moment.due_at:
                    continue
                for person in attendees:
                    if not wants(person.state, moment) or person.answered_at > moment.due_at:
                        continue
                    locale = services.locale_or_default(person.locale)
                    due = DueMessage(
                        dedupe_key=reminder_key(
                            summit.id, person.user_id, moment.hours, summit.starts_at
                        ),
                        chat_id=person.user_id,
                        locale=locale,
                        message=card_notice(
                            services,
                            N_("summits.notice.reminder"),
                            summit,
                            locale,
                            state=person.state,
                        ),
                        due_at=moment.due_at,
                        useful_until=moment.useful_until,
                    )
                    result += await offer(repos, due, now)
        return result


class SummitFeedbackScanner:
    """Ask each one who came, once, how the summit was (an hour after its end)."""

    name = "summit_feedback"

    async def scan(self, repos: Repos, now: datetime, services: Runtime) -> ScanResult:
        """Summits that ended in the last two weeks (offer() waits for the hour after)."""
        result = ScanResult()
        for summit in await repos.summits.ended_between(now - FEEDBACK_UNTIL, now):
            for person in await repos.summits.came(summit.id):
                locale = services.locale_or_default(person.locale)
                due = DueMessage(
                    dedupe_key=f"summit:{summit.id}:feedback:{person.user_id}",
                    chat_id=person.user_id,
                    locale=locale,
                    message=feedback_question(summit, locale),
                    due_at=summit.ends_at + FEEDBACK_AFTER,
                    useful_until=summit.ends_at + FEEDBACK_UNTIL,
                )
                result += await offer(repos, due, now)
        return result
