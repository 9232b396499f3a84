"""Due scan of fees: open the year for every entity, and send each notice once per person.

Notices fall due at the network's notice time (local) on their day; one that was superseded
while the bot was down is recorded as dropped, so after a week of downtime a member gets the
latest notice, once, and nothing twice. A fee paid or exempted is settled and no longer
scanned; its queued notices were cancelled by the payment itself.
"""

from datetime import datetime

from bot.buttons.fees import ClaimPaid
from bot.domain.fees import (
    FeeStatus,
    Notice,
    lapsed_board_key,
    notice_key,
    notices,
)
from bot.domain.members import Entity, EntityStatus
from bot.domain.money import format_cents
from bot.domain.outbox import Button, Category, Rendered
from bot.i18n import N_
from bot.services.due.scan import DueMessage, ScanResult, offer
from bot.services.fees.years import Standing, local_today, open_year, standing
from bot.services.runtime import Runtime
from bot.storage.repos import Repos
from bot.views.fees import format_day

__all__ = ["FeeNoticeScanner", "notice_message"]


class FeeNoticeScanner:
    """The year's rollover, then every due notice of every unsettled fee."""

    name = "fee_notices"

    async def scan(self, repos: Repos, now: datetime, services: Runtime) -> ScanResult:
        """Open fees for the year, offer due notices, tell the board once about a lapse."""
        await open_year(repos, services, now)
        today = local_today(services, now)
        schedule, tz = services.network.fees, services.settings.tz
        result = ScanResult()
        for row in await repos.fees.unsettled():
            if row.fee.year < schedule.first_year:
                continue  # opened by hand ("My fees", /paid) before the bot collected fees
            state = await standing(repos, row, today)
            if state.status in (FeeStatus.PAID, FeeStatus.EXEMPT):
                await repos.fees.settle(row.fee.entity_id, row.fee.year, now)
                continue
            entity = await repos.members.entity(row.fee.entity_id)
            if entity is None or entity.status != EntityStatus.APPROVED:
                continue
            for notice in notices(row.fee, schedule, tz):
                if now < notice.due_at:
                    break
                result += await self._offer(repos, services, entity, state, notice, now)
                if notice.final:
                    await _tell_board(repos, services, entity, state, now)
                    await repos.fees.settle(entity.id, row.fee.year, now)
        return result

    async def _offer(
        self,
        repos: Repos,
        services: Runtime,
        entity: Entity,
        state: Standing,
        notice: Notice,
        now: datetime,
    ) -> ScanResult:
        result = ScanResult()
        for member in await repos.members.members_of(entity.id):
            locale = services.locale_or_default(member.locale)
            due = DueMessage(
                dedupe_key=notice_key(state.fee.year, entity.id, notice.code, member.user_id),
                chat_id=member.user_id,
                locale=locale,
                message=notice_message(services, entity, state, notice.code, locale),
                due_at=notice.due_at,
                useful_until=notice.useful_until,
            )
            result += await offer(repos, due, now)
        return result


def notice_message(
    services: Runtime, entity: Entity, state: Standing, code: str, locale: str
) -> Rendered:
    """A fee notice in one language: amount, due date, how to pay, and "I've paid"."""
    schedule = services.network.fees
    days = 0 if code in ("due", "final", "remind") else int(code.split("-")[1].removesuffix("d"))
    key = {
        "due": N_("fees.notice_due"),
        "final": N_("fees.notice_final"),
        "remind": N_("fees.notice_remind"),
    }.get(code, N_("fees.notice_before") if code.startswith("before") else N_("fees.notice_after"))
    return Rendered(
        key=key,
        params={
            "entity": entity.name,
            "year": state.fee.year,
            "amount": format_cents(state.left_cents, locale),
            "due": format_day(state.fee.due_on, locale),
            "days": days,
            "instructions": schedule.payment_instructions.get(locale),
            "reference": schedule.reference(state.fee.year, entity.id),
        },
        keyboard=[
            [
                Button(
                    key=N_("fees.claim_button"), callback_data=ClaimPaid(year=state.fee.year).pack()
                )
            ]
        ],
    )


async def _tell_board(
    repos: Repos, services: Runtime, entity: Entity, state: Standing, now: datetime
) -> None:
    board = services.settings.board_chat_id
    if board is None:
        return
    locale = services.settings.default_locale
    await repos.outbox.enqueue(
        dedupe_key=lapsed_board_key(state.fee.year, entity.id),
        chat_id=board,
        locale=locale,
        message=Rendered(
            key=N_("fees.board_lapsed"),
            params={
                "entity": entity.name,
                "number": entity.id,
                "year": state.fee.year,
                "amount": format_cents(state.left_cents, locale),
            },
        ),
        category=Category.SCHEDULED,
        now=now,
    )
