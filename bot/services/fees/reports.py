"""What the treasurer and the members see: a year's fees, income by source, "My fees",
manual reminders, and finding the entity a board member typed."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.board import Actor, match_names, parse_entity_ref
from bot.domain.fees import FeeStatus, Income, IncomeKind, remind_key
from bot.domain.members import Entity, EntityStatus
from bot.domain.outbox import Category
from bot.services.due.fees import notice_message
from bot.services.fees.ledger import FeeAudit, subject
from bot.services.fees.years import Standing, local_today, open_fee, open_year, standing, standings
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = [
    "BEHIND",
    "IncomeSummary",
    "MemberFees",
    "Target",
    "YearSummary",
    "find_entities",
    "income_summary",
    "ledger",
    "member_fees",
    "remind_behind",
    "resolve_target",
    "year_summary",
]

BEHIND = (FeeStatus.OVERDUE, FeeStatus.LAPSED)


async def find_entities(repos: Repos, text: str) -> list[Entity]:
    """Entities a board member means by "#12", "12" or a name (accents and case ignored)."""
    ref = parse_entity_ref(text)
    if ref is not None:
        entity = await repos.members.entity(ref)
        if entity is not None:
            return [entity]
    ids = match_names(text, await repos.members.entity_names())
    return await repos.members.entities_by_ids(ids)


@dataclass(frozen=True, slots=True)
class Target:
    """The entity a board command names, and the words after its name."""

    query: str  # what was taken as the name (echoed when nothing or several match)
    entities: list[Entity]  # none: unknown; several: ambiguous
    rest: list[str]


async def resolve_target(repos: Repos, words: list[str], *, after: int) -> Target:
    """Split "<name words> <at least `after` words>" at the longest name that matches."""
    for cut in range(len(words) - after, 0, -1):
        query = " ".join(words[:cut])
        found = await find_entities(repos, query)
        if found:
            return Target(query, found, words[cut:])
    cut = max(1, len(words) - after)
    return Target(" ".join(words[:cut]), [], words[cut:])


@dataclass(frozen=True, slots=True)
class YearSummary:
    """A year's fees: per status how many entities, what they owe and what they paid."""

    year: int
    counts: dict[FeeStatus, int]
    due_cents: dict[FeeStatus, int]  # the fees' amounts
    paid_cents: int  # every fee payment for the year
    left_cents: int  # what those behind or pending still owe
    behind: list[tuple[Entity, Standing]]


async def year_summary(repos: Repos, runtime: Runtime, year: int, now: datetime) -> YearSummary:
    """Counts and totals of a year's fees, and who is behind (most owed first)."""
    today = local_today(runtime, now)
    rows = await standings(repos, year, today)
    counts: Counter[FeeStatus] = Counter()
    due: dict[FeeStatus, int] = defaultdict(int)
    for state in rows:
        counts[state.status] += 1
        due[state.status] += state.fee.amount_cents
    late = [state for state in rows if state.status in BEHIND]
    entities = {
        e.id: e for e in await repos.members.entities_by_ids([s.fee.entity_id for s in late])
    }
    behind = sorted(
        ((entities[s.fee.entity_id], s) for s in late if s.fee.entity_id in entities),
        key=lambda pair: (-pair[1].left_cents, pair[0].name.casefold()),
    )
    return YearSummary(
        year=year,
        counts=dict(counts),
        due_cents=dict(due),
        paid_cents=sum(state.paid_cents for state in rows),
        left_cents=sum(state.left_cents for state in rows),
        behind=behind,
    )


@dataclass(frozen=True, slots=True)
class IncomeSummary:
    """A year's income by source."""

    year: int
    fees_cents: int
    contributions_cents: int
    subsidies: dict[str, int]  # by funder

    @property
    def total_cents(self) -> int:
        """Everything received."""
        return self.fees_cents + self.contributions_cents + sum(self.subsidies.values())


async def income_summary(repos: Repos, year: int) -> IncomeSummary:
    """Fees, contributions and subsidies recorded for the year."""
    rows = await repos.fees.income_of_year(year)
    subsidies: dict[str, int] = defaultdict(int)
    for row in rows:
        if row.kind is IncomeKind.SUBSIDY:
            subsidies[row.source or "?"] += row.amount_cents
    return IncomeSummary(
        year=year,
        fees_cents=sum(r.amount_cents for r in rows if r.kind is IncomeKind.FEE),
        contributions_cents=sum(r.amount_cents for r in rows if r.kind is IncomeKind.CONTRIBUTION),
        subsidies=dict(sorted(subsidies.items())),
    )


async def ledger(repos: Repos, year: int) -> list[tuple[Income, str]]:
    """Every income row of the year with the entity's name (or the funder), for the CSV."""
    rows = await repos.fees.income_of_year(year)
    ids = sorted({row.entity_id for row in rows if row.entity_id is not None})
    names = {e.id: e.name for e in await repos.members.entities_by_ids(ids)}
    return [
        (row, names.get(row.entity_id, "?") if row.entity_id is not None else row.source or "")
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class MemberFees:
    """A member's "My fees": this year, earlier years and receipts."""

    current: Standing
    history: list[Standing]
    receipts: list[Income] = field(default_factory=list)


async def member_fees(repos: Repos, runtime: Runtime, entity: Entity, now: datetime) -> MemberFees:
    """The entity's fees as its members see them (the year is opened if it was not yet)."""
    today = local_today(runtime, now)
    if await repos.fees.fee(entity.id, today.year) is None:
        await open_fee(repos, runtime, entity, today.year, now)
    history = [await standing(repos, row, today) for row in await repos.fees.of_entity(entity.id)]
    current = next(state for state in history if state.fee.year == today.year)
    receipts = [row for row in await repos.fees.income_of_entity(entity.id) if row.receipt]
    return MemberFees(
        current=current,
        history=[state for state in history if state.fee.year != today.year],
        receipts=receipts,
    )


async def remind_behind(repos: Repos, runtime: Runtime, *, actor: Actor, now: datetime) -> int:
    """Remind every entity behind with this year's fee now; at most once per entity a day.

    Returns how many entities were reminded now (those reminded earlier today are skipped).
    """
    await open_year(repos, runtime, now)
    today = local_today(runtime, now)
    reminded = 0
    for state in await standings(repos, today.year, today):
        if state.status not in BEHIND:
            continue
        entity = await repos.members.entity(state.fee.entity_id)
        if entity is None or entity.status != EntityStatus.APPROVED:
            continue
        queued = False
        for member in await repos.members.members_of(entity.id):
            locale = runtime.locale_or_default(member.locale)
            queued |= await repos.outbox.enqueue(
                dedupe_key=remind_key(today.year, entity.id, today, member.user_id),
                chat_id=member.user_id,
                locale=locale,
                message=notice_message(runtime, entity, state, "remind", locale),
                category=Category.REPLY,
                now=now,
            )
        reminded += int(queued)
    await repos.audit.record(
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=FeeAudit.REMIND.value,
        subject=subject(None),
        now=now,
        details={"year": today.year, "reminded": reminded},
    )
    return reminded
