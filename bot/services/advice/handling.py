"""The board's side of a case: claim, hand back, close, reopen, answer the member, and the
lists the group reads. Each change is written to the audit log in its transaction."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.domain.advice import (
    Attachment,
    Case,
    CaseEntry,
    Side,
    board_replied,
    claim,
    close,
    reopen,
    unclaim,
)
from bot.domain.outbox import Category, Rendered
from bot.domain.posts import InvalidInput
from bot.services.advice import messages
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["BoardCase", "answer", "change", "live_cases", "show"]


@dataclass(frozen=True, slots=True)
class BoardCase:
    """A case as the board sees it: its entity and its thread, and the card to show."""

    case: Case
    entity: str
    entries: list[CaseEntry]
    card: Rendered


async def _load(repos: Repos, runtime: Runtime, case_id: int) -> BoardCase:
    case = await repos.cases.get(case_id)
    if case is None:
        raise InvalidInput("advice.error.unknown_case")
    return await _view(repos, runtime, case)


async def _view(repos: Repos, runtime: Runtime, case: Case) -> BoardCase:
    entity = await repos.members.entity(case.entity_id)
    name = entity.name if entity is not None else "?"
    entries = await repos.cases.entries(case.id)
    t = runtime.catalogs.translator(runtime.settings.default_locale)
    files = sum(1 for entry in entries if entry.attachment is not None)
    return BoardCase(case, name, entries, messages.card(t, case, name, files))


_ACTIONS: dict[str, Callable[..., Case]] = {
    "claim": claim,
    "unclaim": lambda case, **kw: unclaim(case, now=kw["now"]),
    "close": lambda case, **kw: close(case, now=kw["now"]),
    "reopen": lambda case, **kw: reopen(case, now=kw["now"]),
}


async def change(
    runtime: Runtime, action: str, case_id: int, *, by_id: int, by_name: str, now: datetime
) -> BoardCase:
    """Claim, unclaim, close or reopen; raises InvalidInput with the reason it cannot be."""
    async with runtime.store.write() as repos:
        current = await repos.cases.get(case_id)
        if current is None:
            raise InvalidInput("advice.error.unknown_case")
        changed = _ACTIONS[action](current, by_id=by_id, by_name=by_name, now=now)
        await repos.cases.save(changed)
        await repos.audit.record(
            actor_id=by_id,
            actor_name=by_name,
            action=f"case.{action}",
            subject=f"case:{case_id}",
            now=now,
            details={"from": current.status.value, "to": changed.status.value},
        )
        if action == "close":
            member = await repos.members.member(changed.member_id)
            if member is not None:
                # Closed again after a reopen: asked again (a rating is taken only once).
                await repos.outbox.enqueue(
                    dedupe_key=f"case-closed:{case_id}:{now.isoformat()}",
                    chat_id=member.user_id,
                    locale=runtime.locale_or_default(member.locale),
                    message=messages.rating_request(changed),
                    category=Category.REPLY,
                    now=now,
                )
        return await _view(repos, runtime, changed)


async def answer(
    runtime: Runtime,
    *,
    case_id: int,
    by_id: int,
    by_name: str,
    text: str,
    attachment: Attachment | None,
    now: datetime,
) -> Case:
    """A board member's answer, relayed to the member with the case's number and their
    first name only; the case then waits for the member."""
    async with runtime.store.write() as repos:
        case = await repos.cases.get(case_id)
        if case is None:
            raise InvalidInput("advice.error.unknown_case")
        changed = board_replied(case, by_id=by_id, by_name=by_name, now=now)
        member = await repos.members.member(case.member_id)
        if member is None:
            raise InvalidInput("advice.board.member_gone", case=case.id)
        entry = await repos.cases.add_entry(
            case.id,
            side=Side.BOARD,
            author_id=by_id,
            author_name=by_name,
            text=text,
            attachment=attachment,
            now=now,
        )
        await repos.cases.save(changed)
        await repos.audit.record(
            actor_id=by_id,
            actor_name=by_name,
            action="case.answer",
            subject=f"case:{case_id}",
            now=now,
            details={"from": case.status.value, "to": changed.status.value},
        )
        await repos.outbox.enqueue(
            dedupe_key=f"case-entry:{entry.id}",
            chat_id=member.user_id,
            locale=runtime.locale_or_default(member.locale),
            message=messages.to_member(entry),
            category=Category.REPLY,
            now=now,
        )
    return changed


async def live_cases(runtime: Runtime, holder_id: int | None = None) -> list[BoardCase]:
    """Cases not closed, oldest first (those holder_id holds, if given)."""
    async with runtime.store.read() as repos:
        return [await _view(repos, runtime, case) for case in await repos.cases.live(holder_id)]


async def card_message_id(runtime: Runtime, case_id: int) -> int | None:
    """The board group's message of the case's card, once the relay has sent it."""
    async with runtime.store.read() as repos:
        row = await repos.outbox.by_key(messages.card_key(case_id))
    return row.sent_message_id if row is not None else None


async def show(runtime: Runtime, case_id: int) -> BoardCase:
    """One case with its whole thread; raises InvalidInput for an unknown number."""
    async with runtime.store.read() as repos:
        return await _load(repos, runtime, case_id)
