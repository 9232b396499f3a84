"""Advice cases: the life of a case (domain) and the use cases on a real migrated store."""

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain import advice
from bot.domain.advice import Attachment, Case, CaseStatus, CaseType, ContactWay
from bot.domain.files import FileType
from bot.domain.network import load_network
from bot.domain.posts import InvalidInput
from bot.i18n import Catalogs
from bot.services import due
from bot.services.advice import handling, requests
from bot.services.advice.requests import Draft
from bot.services.due.advice import CaseReminderScanner
from bot.services.runtime import Runtime
from bot.storage.db import Database
from bot.storage.repos import Store
from tests.harness import BOARD_CHAT_ID, START, FakeClock, make_settings
from tests.seed import seed_members

MEMBER, OTHER, ANA, BEA = 101, 202, 7, 8
PDF = Attachment(file_id="f-1", kind=FileType.PDF, name="plan.pdf")


def _case(**fields: object) -> Case:
    values: dict[str, object] = {
        "id": 1,
        "member_id": MEMBER,
        "entity_id": 1,
        "type": CaseType.BUSINESS_PLAN,
        "description": "Revisad mi plan",
        "contact": ContactWay.BOT,
        "status": CaseStatus.OPEN,
        "created_at": START,
        "updated_at": START,
        "unanswered_since": START,
    }
    values.update(fields)
    return Case.model_validate(values)


def test_a_case_goes_claimed_waiting_claimed_closed_and_back() -> None:
    case = advice.claim(_case(), by_id=ANA, by_name="Ana", now=START)
    assert (case.status, case.holder_name) == (CaseStatus.CLAIMED, "Ana")
    case = advice.board_replied(case, by_id=ANA, by_name="Ana", now=START)
    assert case.status is CaseStatus.WAITING and case.unanswered_since is None
    later = START + timedelta(hours=1)
    case = advice.member_replied(case, now=later)
    assert case.status is CaseStatus.CLAIMED and case.unanswered_since == later
    case = advice.close(case, now=later)
    assert case.status is CaseStatus.CLOSED
    case = advice.reopen(case, now=later)
    assert (case.status, case.holder_id) == (CaseStatus.CLAIMED, ANA)
    case = advice.unclaim(case, now=later)
    assert (case.status, case.holder_id) == (CaseStatus.OPEN, None)


def test_a_second_claim_names_who_holds_the_case() -> None:
    held = advice.claim(_case(), by_id=ANA, by_name="Ana", now=START)
    with pytest.raises(InvalidInput) as raised:
        advice.claim(held, by_id=BEA, by_name="Bea", now=START)
    assert raised.value.key == "advice.board.held_by"
    assert raised.value.params["holder"] == "Ana"


def test_a_closed_case_takes_no_answer_from_either_side() -> None:
    closed = advice.close(_case(), now=START)
    for act in (
        lambda: advice.board_replied(closed, by_id=ANA, by_name="Ana", now=START),
        lambda: advice.member_replied(closed, now=START),
        lambda: advice.claim(closed, by_id=ANA, by_name="Ana", now=START),
    ):
        with pytest.raises(InvalidInput) as raised:
            act()
        assert raised.value.key == "advice.error.closed"


def test_an_answer_to_an_unheld_case_takes_it() -> None:
    case = advice.board_replied(_case(), by_id=BEA, by_name="Bea", now=START)
    assert (case.status, case.holder_name) == (CaseStatus.WAITING, "Bea")


@pytest.mark.parametrize(
    ("size", "kind", "already", "key"),
    [
        (1000, FileType.PDF, 5, "advice.error.too_many_files"),
        (20 * 1024 * 1024 + 1, FileType.PDF, 0, "advice.error.file_too_big"),
        (1000, None, 0, "advice.error.file_kind"),
    ],
)
def test_attachments_break_rules_with_a_reason(
    size: int, kind: FileType | None, already: int, key: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        advice.check_attachment(size, kind, already)
    assert raised.value.key == key


def test_attachments_within_the_rules_pass() -> None:
    """The fifth file of exactly 20 MB is taken (it would raise if refused); a sixth is not."""
    advice.check_attachment(20 * 1024 * 1024, FileType.DOCX, 4)
    with pytest.raises(InvalidInput):
        advice.check_attachment(20 * 1024 * 1024, FileType.DOCX, 5)


def test_a_description_over_the_limit_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        advice.check_description("x" * 2001)
    assert raised.value.key == "posts.error.too_long"
    assert advice.check_description("  ayuda  ") == "ayuda"


@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[Runtime]:
    settings = make_settings(tmp_path)
    db = Database(settings.database_path)
    await db.open()
    yield Runtime(
        settings=settings,
        network=load_network(),
        catalogs=Catalogs.load(default_locale="es"),
        store=Store(db),
        clock=FakeClock(),
    )
    await db.close()


async def _submit(runtime: Runtime, member: int = MEMBER) -> Case:
    draft = Draft(
        type=CaseType.BUSINESS_PLAN,
        description="Revisad mi plan de empresa",
        files=[PDF],
        contact=ContactWay.PHONE,
    )
    return await requests.submit(runtime, member_id=member, draft=draft, now=runtime.clock())


async def test_a_request_becomes_a_case_with_its_card_and_files_for_the_board(
    runtime: Runtime,
) -> None:
    await seed_members(runtime.store, [MEMBER], now=runtime.clock())
    case = await _submit(runtime)
    async with runtime.store.read() as repos:
        card = await repos.outbox.by_key(f"case:{case.id}:card")
        entries = await repos.cases.entries(case.id)
        file_row = await repos.outbox.by_key(f"case-entry:{entries[0].id}")
    assert card is not None and card.chat_id == BOARD_CHAT_ID
    assert card.message.params["text"] == "Revisad mi plan de empresa"
    assert file_row is not None and file_row.message.media is not None
    assert file_row.message.media.file_id == "f-1"
    assert file_row.message.media.reply_to_key == f"case:{case.id}:card"


async def test_answers_go_to_the_other_side_and_the_status_follows(runtime: Runtime) -> None:
    await seed_members(runtime.store, [MEMBER], now=runtime.clock())
    case = await _submit(runtime)
    now = runtime.clock()
    await handling.change(runtime, "claim", case.id, by_id=ANA, by_name="Ana", now=now)
    waiting = await handling.answer(
        runtime, case_id=case.id, by_id=ANA, by_name="Ana", text="Mirado.", attachment=None, now=now
    )
    assert waiting.status is CaseStatus.WAITING
    back = await requests.answer(
        runtime, member_id=MEMBER, case_id=case.id, text="Gracias", attachment=PDF, now=now
    )
    assert back.status is CaseStatus.CLAIMED
    async with runtime.store.read() as repos:
        entries = await repos.cases.entries(case.id)
        to_member = await repos.outbox.by_key(f"case-entry:{entries[1].id}")
        audit = await repos.audit.recent(subject=f"case:{case.id}")
    assert [e.text for e in entries] == ["", "Mirado.", "Gracias"]
    assert to_member is not None and to_member.chat_id == MEMBER
    assert to_member.message.params["name"] == "Ana"
    assert {a.action for a in audit} == {"case.claim", "case.answer"}


async def test_a_member_cannot_answer_or_see_anothers_case(runtime: Runtime) -> None:
    await seed_members(runtime.store, [MEMBER, OTHER], now=runtime.clock())
    case = await _submit(runtime)
    with pytest.raises(InvalidInput) as raised:
        await requests.answer(
            runtime,
            member_id=OTHER,
            case_id=case.id,
            text="hola",
            attachment=None,
            now=runtime.clock(),
        )
    assert raised.value.key == "advice.error.unknown_case"
    assert await requests.my_case(runtime, OTHER, case.id) is None


async def test_closing_asks_for_a_rating_taken_once(runtime: Runtime) -> None:
    await seed_members(runtime.store, [MEMBER], now=runtime.clock())
    case = await _submit(runtime)
    now = runtime.clock()
    await handling.change(runtime, "close", case.id, by_id=ANA, by_name="Ana", now=now)
    assert await requests.rate(runtime, member_id=MEMBER, case_id=case.id, stars=5, now=now)
    assert not await requests.rate(runtime, member_id=MEMBER, case_id=case.id, stars=1, now=now)
    async with runtime.store.read() as repos:
        audit = await repos.audit.recent(subject=f"case:{case.id}")
    assert [a.action for a in audit if a.action == "case.rate"] == ["case.rate"]


async def test_an_unanswered_case_reminds_the_board_once_after_three_days(
    runtime: Runtime,
) -> None:
    await seed_members(runtime.store, [MEMBER], now=runtime.clock())
    assert isinstance(runtime.clock, FakeClock)
    case = await _submit(runtime)
    scanners = [CaseReminderScanner()]
    runtime.clock.advance(days=2, hours=23)
    assert (await due.run_scans(runtime, scanners))["case_reminders"].enqueued == 0
    runtime.clock.advance(days=1)  # and a day of downtime on top
    assert (await due.run_scans(runtime, scanners))["case_reminders"].enqueued == 1
    assert (await due.run_scans(runtime, scanners))["case_reminders"].enqueued == 0
    async with runtime.store.read() as repos:
        rows = await repos.outbox.count_by_status()
    assert sum(rows.values()) == 3  # the card, the file, one reminder
    await handling.answer(
        runtime,
        case_id=case.id,
        by_id=ANA,
        by_name="Ana",
        text="Ya",
        attachment=None,
        now=runtime.clock(),
    )
    runtime.clock.advance(days=10)
    assert (await due.run_scans(runtime, scanners))["case_reminders"].enqueued == 0


async def test_forgetting_a_member_blanks_their_cases_and_tells_the_board(
    runtime: Runtime,
) -> None:
    from bot.services import privacy

    await seed_members(runtime.store, [MEMBER], now=runtime.clock())
    case = await _submit(runtime)
    now = runtime.clock()
    await requests.answer(
        runtime, member_id=MEMBER, case_id=case.id, text="Mi secreto", attachment=PDF, now=now
    )
    copy = await privacy.my_data(runtime, MEMBER, language="es", live_state=None)
    assert b"Revisad mi plan de empresa" in copy and b"Mi secreto" in copy
    assert b"f-1" not in copy  # Telegram's file handle is withheld
    await privacy.forget(runtime, MEMBER, actor_name="member", now=now)
    async with runtime.store.read() as repos:
        gone = await repos.cases.get(case.id)
        entries = await repos.cases.entries(case.id)
        card = await repos.outbox.by_key(f"case:{case.id}:card")
        rows = await repos.conn.execute_fetchall(
            "SELECT message_key, params FROM outbox WHERE chat_id = ?", (BOARD_CHAT_ID,)
        )
    assert gone is not None and gone.description == "" and gone.status is CaseStatus.CLOSED
    assert all(e.text == "" and e.attachment is None for e in entries)
    assert card is not None and card.message.params == {} and card.message.media is None
    assert any(key == "advice.board.erased" and "#1" in params for key, params in rows)
