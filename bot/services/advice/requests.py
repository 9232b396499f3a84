"""The member's side of advice: the request being composed, sending it, following one's
cases, answering the board in a case's thread, and rating the help once it is closed."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel

from bot.domain.advice import (
    Attachment,
    Case,
    CaseEntry,
    CaseType,
    ContactWay,
    Side,
    member_replied,
)
from bot.domain.outbox import Category
from bot.domain.posts import InvalidInput
from bot.services.advice import messages
from bot.services.runtime import Runtime
from bot.services.state import StoredRecord
from bot.storage.repos import Repos

__all__ = [
    "DRAFT",
    "Draft",
    "MyCase",
    "Step",
    "answer",
    "answerable",
    "case_replied_to",
    "my_case",
    "my_cases",
    "rate",
    "submit",
    "was_about_a_case",
]


class Step(StrEnum):
    """Steps of asking for advice; values are stored, so never rename them."""

    TYPE = "advice_type"
    DESCRIPTION = "advice_description"
    FILES = "advice_files"
    CONTACT = "advice_contact"
    SUMMARY = "advice_summary"


class Draft(BaseModel):
    """The request being composed, with its step (kept in user_data across restarts)."""

    step: Step = Step.TYPE
    type: CaseType | None = None
    description: str | None = None
    files: list[Attachment] = []
    contact: ContactWay | None = None
    editing: bool = False  # changing one part from the summary: back to it afterwards


DRAFT = StoredRecord("advice_draft", Draft)


async def submit(runtime: Runtime, *, member_id: int, draft: Draft, now: datetime) -> Case:
    """Open case #N from a complete draft: its card and files go to the board group."""
    if draft.type is None or draft.description is None or draft.contact is None:
        raise InvalidInput("advice.error.incomplete")
    async with runtime.store.write() as repos:
        found = await repos.members.member_with_entity(member_id)
        if found is None:
            raise InvalidInput("common.members_only")
        entity = found[1]
        case = await repos.cases.create(
            member_id=member_id,
            entity_id=entity.id,
            type=draft.type,
            description=draft.description,
            contact=draft.contact,
            now=now,
        )
        entries = [
            await repos.cases.add_entry(
                case.id,
                side=Side.MEMBER,
                author_id=member_id,
                author_name=entity.name,
                text="",
                attachment=file,
                now=now,
            )
            for file in draft.files
        ]
        board = runtime.settings.board_chat_id
        if board is not None:
            locale = runtime.settings.default_locale
            t = runtime.catalogs.translator(locale)
            await repos.outbox.enqueue(
                dedupe_key=messages.card_key(case.id),
                chat_id=board,
                locale=locale,
                message=messages.card(t, case, entity.name, len(entries)),
                category=Category.REPLY,
                now=now,
            )
            for entry in entries:
                await repos.outbox.enqueue(
                    dedupe_key=f"case-entry:{entry.id}",
                    chat_id=board,
                    locale=locale,
                    message=messages.board_file(entry, entity.name),
                    category=Category.REPLY,
                    now=now,
                )
    return case


async def my_cases(runtime: Runtime, member_id: int) -> list[Case]:
    """The cases the member asked for, newest first."""
    async with runtime.store.read() as repos:
        return await repos.cases.of_member(member_id)


@dataclass(frozen=True, slots=True)
class MyCase:
    """One of the member's cases with its thread."""

    case: Case
    entries: list[CaseEntry]


async def my_case(runtime: Runtime, member_id: int, case_id: int) -> MyCase | None:
    """A case of the member's, with its thread; None for anyone else's."""
    async with runtime.store.read() as repos:
        case = await repos.cases.get(case_id)
        if case is None or case.member_id != member_id:
            return None
        return MyCase(case, await repos.cases.entries(case_id))


async def _own_live_case(repos: Repos, member_id: int, case_id: int) -> Case:
    case = await repos.cases.get(case_id)
    if case is None or case.member_id != member_id:
        raise InvalidInput("advice.error.unknown_case")
    if case.status.value == "closed":
        raise InvalidInput("advice.error.closed", case=case.id)
    return case


async def answerable(runtime: Runtime, member_id: int, case_id: int) -> Case:
    """The member's case that is still open to answers; raises InvalidInput if not."""
    async with runtime.store.read() as repos:
        return await _own_live_case(repos, member_id, case_id)


async def answer(
    runtime: Runtime,
    *,
    member_id: int,
    case_id: int,
    text: str,
    attachment: Attachment | None,
    now: datetime,
) -> Case:
    """The member's answer goes into the case's thread in the board group."""
    async with runtime.store.write() as repos:
        case = await _own_live_case(repos, member_id, case_id)
        found = await repos.members.member_with_entity(member_id)
        entity = found[1].name if found is not None else "?"
        entry = await repos.cases.add_entry(
            case.id,
            side=Side.MEMBER,
            author_id=member_id,
            author_name=entity,
            text=text,
            attachment=attachment,
            now=now,
        )
        changed = member_replied(case, now=now)
        await repos.cases.save(changed)
        board = runtime.settings.board_chat_id
        if board is not None:
            await repos.outbox.enqueue(
                dedupe_key=f"case-entry:{entry.id}",
                chat_id=board,
                locale=runtime.settings.default_locale,
                message=messages.member_answer(entry),
                category=Category.REPLY,
                now=now,
            )
    return changed


async def case_replied_to(runtime: Runtime, chat_id: int, message_id: int) -> int | None:
    """The case of the bot's message that was answered with Telegram's reply, or None."""
    async with runtime.store.read() as repos:
        return messages.case_of(await repos.outbox.sent_as(chat_id, message_id))


async def was_about_a_case(runtime: Runtime, chat_id: int, message_id: int) -> bool:
    """Whether the bot's message was about a case that can no longer be answered from it
    (its member was forgotten, so what it said is blanked)."""
    async with runtime.store.read() as repos:
        item = await repos.outbox.sent_as(chat_id, message_id)
    return item is not None and messages.is_about_cases(item)


async def rate(
    runtime: Runtime, *, member_id: int, case_id: int, stars: int, now: datetime
) -> bool:
    """Record the member's 1-5 rating of a closed case of theirs, once (audit log too)."""
    if not 1 <= stars <= 5:
        return False
    async with runtime.store.write() as repos:
        case = await repos.cases.get(case_id)
        if case is None or case.member_id != member_id:
            return False
        if not await repos.cases.rate(case_id, stars, now):
            return False
        await repos.audit.record(
            actor_id=member_id,
            actor_name="member",
            action="case.rate",
            subject=f"case:{case_id}",
            now=now,
            details={"stars": stars},
        )
    return True
