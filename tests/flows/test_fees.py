"""Fees through the bot: notices, "I've paid", Confirm, receipts, the treasurer's commands."""

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.buttons.fees import ConfirmClaim
from bot.domain.members import EntityProfile
from bot.domain.outbox import OutboxStatus
from tests.delivery_world import board_member
from tests.fakes import FakeTelegram, FakeUser
from tests.flows.board_world import leave_board
from tests.harness import BOARD_CHAT_ID, BotHarness, FakeClock, make_settings
from tests.seed import seed_entity

BOARD = BOARD_CHAT_ID
TEXTS = {
    "es": {
        "claim": "✅ He pagado",
        "skip": "Enviar sin referencia",
        "confirm": "✅ Confirmar",
        "missing": "❌ No recibido",
        "before": "Quedan 30 días",
        "says": "dice que ha pagado",
        "thanks": "Gracias: hemos recibido 60,00 €",
        "receipt": "📄 Recibo 2027-0001",
        "pdf": "Recibo nº 2027-0001",
        "concept": "Cuota de socia 2027",
        "already": "ya se resolvió",
        "not_number": "no es un importe",
        "not_positive": "mayor que cero",
        "unknown": "Ninguna entidad se llama",
        "ambiguous": "Varias entidades coinciden",
        "only_board": "grupo de la junta",
        "not_board": "Solo las personas de la junta",
        "paid_total": "Cobrado: 90,00 €",
        "income_total": "Total: 3.115,00 €",
        "lapsed": "ha terminado el plazo de gracia",
    },
    "en": {
        "claim": "✅ I've paid",
        "skip": "Send without a reference",
        "confirm": "✅ Confirm",
        "missing": "❌ Not received",
        "before": "due in 30 days",
        "says": "says they paid",
        "thanks": "we have received €60.00",
        "receipt": "📄 Receipt 2027-0001",
        "pdf": "Receipt no. 2027-0001",
        "concept": "Membership fee 2027",
        "already": "already dealt with",
        "not_number": "is not an amount",
        "not_positive": "more than zero",
        "unknown": "No organisation is called",
        "ambiguous": "Several organisations match",
        "only_board": "board",
        "not_board": "board",
        "paid_total": "Received: €90.00",
        "income_total": "Total: €3,115.00",
        "lapsed": "the grace period is over",
    },
}
# 1 March 2027 10:00 in León (UTC+1): the 30-days-before notice of a fee due 31 March.
BEFORE_NOTICE = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def member_user(fake: FakeTelegram, name: str, language: str) -> FakeUser:
    user = fake.user(name, first_name=name.capitalize(), language_code=language)
    fake.user_state(user.id).started = True
    return user


async def seed(bot: BotHarness, user: FakeUser, name: str, kind: str = "cooperative") -> int:
    async with bot.store.write() as repos:
        return await seed_entity(
            repos,
            EntityProfile(
                name=name,
                kind=kind,
                sectors=["agrifood"],
                municipality="leon",
                description="Hacemos pan.",
            ),
            user_id=user.id,
            first_name=user.first_name,
            username=user.username,
            locale=user.language_code,
            now=bot.clock(),
        )


async def start(tmp_path: Path, fake: FakeTelegram, clock: FakeClock, language: str) -> BotHarness:
    bot = BotHarness(
        fake=fake, clock=clock, settings=make_settings(tmp_path, default_locale=language)
    )
    await bot.start()
    return bot


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))


@pytest.mark.parametrize("language", ["es", "en"])
async def test_ive_paid_reaches_the_board_and_confirm_sends_the_receipt_once(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, language: str
) -> None:
    words = TEXTS[language]
    bot = await start(tmp_path, fake, clock, language)
    try:
        ana = board_member(fake, "ana_junta", language)
        marta = member_user(fake, "marta", language)
        entity_id = await seed(bot, marta, "Panadería Común")
        clock.now = BEFORE_NOTICE
        await bot.run_scans()
        await bot.deliver()
        notice = marta.last_message()
        assert words["before"] in notice.text and "Panadería Común" in notice.text
        assert f"CUOTA 2027 {entity_id}" in notice.text

        await marta.press(words["claim"], message=notice)
        await marta.send("TRF-2027-<12>")
        assert await bot.deliver() >= 1
        card = fake.messages_to(BOARD)[-1]
        assert words["says"] in card.text and "TRF-2027-<12>" in card.text
        assert [label for row in card.buttons for label, _ in row] == [
            words["confirm"],
            words["missing"],
        ]

        await ana.press(words["confirm"], chat=BOARD, message=card)
        await bot.deliver()
        thanks = marta.last_message()
        assert words["thanks"] in thanks.text and "2027-0001" in thanks.text
        await marta.press(words["receipt"], message=thanks)
        pdf = marta.last_message()
        assert pdf.document is not None and pdf.document.file_name == "receipt-2027-0001.pdf"
        text = PdfReader(io.BytesIO(pdf.document.content)).pages[0].extract_text()
        assert words["pdf"] in text and words["concept"] in text
        assert "Panadería Común" in text and "Asociación Red COOPERACTIVAS" in text
        assert "G24000002" in text and "€" in text and "TRF-2027-<12>" in text

        # A second Confirm (an old copy of the card, say) records nothing more.
        await ana.press_data(card.buttons[0][0][1] or "", message=card, chat=BOARD)
        answer = ana.last_callback_answer
        assert answer is not None and words["already"] in (answer.text or "")
        async with bot.store.read() as repos:
            paid = await repos.fees.paid_cents(entity_id, 2027)
            audit = [entry.action for entry in await repos.audit.recent()]
        assert paid == 6000
        assert audit.count("fee.payment") == 1 and audit.count("fee.claim_confirmed") == 1

        # Paid: the later notices never come.
        for days in (30, 15, 30, 16):
            clock.advance(days=days)
            await bot.run_scans()
            assert await bot.deliver() == 0
    finally:
        await bot.stop()


@pytest.mark.parametrize("language", ["es", "en"])
async def test_bad_input_to_paid_changes_nothing(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, language: str
) -> None:
    words = TEXTS[language]
    bot = await start(tmp_path, fake, clock, language)
    try:
        ana = board_member(fake, "ana_junta", language)
        stranger = member_user(fake, "pablo", language)
        await seed(bot, member_user(fake, "marta", language), "Panadería Común")
        await seed(bot, member_user(fake, "luis", language), "Panadería Norte")
        for command, expected in (
            ("/paid Panadería Común sesenta", words["not_number"]),
            ("/paid Panadería Común 60,5,0", words["not_number"]),
            ("/paid Panadería Común -60", words["not_positive"]),
            ("/paid Nadie 60", words["unknown"]),
            ("/paid Panadería 60", words["ambiguous"]),
        ):
            await ana.send(command, chat=BOARD)
            assert expected in ana.last_text(BOARD), command
        await ana.send("/paid Panadería Común 60")  # a private chat, not the board group
        assert words["only_board"] in ana.last_text()
        # Someone who has just left the board presses a Confirm: refused, nothing recorded.
        fake.set_member(BOARD, stranger, "member")
        await leave_board(fake, stranger)
        await stranger.press_data(
            ConfirmClaim(claim_id=1).pack(), chat=BOARD, message=fake.messages_to(BOARD)[-1]
        )
        answer = stranger.last_callback_answer
        assert answer is not None and answer.show_alert
        assert words["not_board"] in (answer.text or "")
        async with bot.store.read() as repos:
            assert await repos.fees.income_of_year(2026) == []
    finally:
        await bot.stop()


@pytest.mark.parametrize("language", ["es", "en"])
async def test_fees_income_and_csv_totals_match(
    tmp_path: Path, fake: FakeTelegram, clock: FakeClock, language: str
) -> None:
    words = TEXTS[language]
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=UTC)
    bot = await start(tmp_path, fake, clock, language)
    try:
        ana = board_member(fake, "ana_junta", language)
        a = await seed(bot, member_user(fake, "marta", language), "Panadería Común")
        await seed(bot, member_user(fake, "luis", language), "Huerta Viva", kind="company")
        await seed(bot, member_user(fake, "eva", language), "Tejidos Eva", kind="association")
        clock.now = datetime(2027, 4, 10, 10, 0, tzinfo=UTC)  # past the due date
        await ana.send(f"/paid #{a} 60 TRF-1", chat=BOARD)
        await ana.send("/paid Huerta Viva 30", chat=BOARD)  # 30 of 90: still behind
        await ana.send("/exempt Tejidos Eva convenio municipal", chat=BOARD)
        await ana.send(f"/contribution #{a} 25 encuentro", chat=BOARD)
        await ana.send("/subsidy 3000 Diputación de León; convocatoria", chat=BOARD)

        await ana.send("/fees", chat=BOARD)
        summary = ana.last_text(BOARD)
        assert words["paid_total"] in summary and "Huerta Viva" in summary
        assert "Panadería Común" not in summary.split("\n\n")[-1]  # not behind
        await ana.send("/income", chat=BOARD)
        income = ana.last_text(BOARD)
        assert words["income_total"] in income and "Diputación de León" in income

        await ana.send("/fees_csv", chat=BOARD)
        sheet = fake.messages_to(BOARD)[-1]
        assert sheet.document is not None
        rows = list(csv.DictReader(io.StringIO(sheet.document.content.decode("utf-8-sig"))))
        total = sum(int(row["amount_eur"].replace(".", "")) for row in rows)
        assert total == 311500
        assert {row["kind"] for row in rows} == {"fee", "contribution", "subsidy"}

        await ana.send("/fees_remind", chat=BOARD)
        await ana.send("/fees_remind", chat=BOARD)  # the same day: nobody twice
        async with bot.store.read() as repos:
            counts = await repos.outbox.count_by_status()
            reminders = [e for e in await repos.audit.recent() if e.action == "fee.remind"]
        assert [e.details["reminded"] for e in reminders] == [0, 1]
        assert counts.get(OutboxStatus.QUEUED, 0) >= 1
    finally:
        await bot.stop()


async def test_a_year_of_fifty_entities_with_restarts_and_a_week_down(
    bot: BotHarness, fake: FakeTelegram, clock: FakeClock
) -> None:
    clock.now = datetime(2027, 1, 1, 9, 0, tzinfo=UTC)
    users = [member_user(fake, f"m{index}", "es" if index % 2 else "en") for index in range(50)]
    ids = [await seed(bot, user, f"Entidad {index}") for index, user in enumerate(users)]
    ana = board_member(fake, "ana_junta")
    payer = users[0]
    day = 0
    while clock.now < datetime(2028, 1, 1, tzinfo=UTC):
        day += 1
        if day in (40, 100, 200):
            await bot.restart()
        if datetime(2027, 4, 10, tzinfo=UTC) <= clock.now < datetime(2027, 4, 17, tzinfo=UTC):
            clock.advance(days=1)  # a week of downtime: nothing runs
            continue
        await bot.run_scans()
        await bot.run_scans()  # twice in a minute: still once
        await bot.deliver()
        if clock.now.date() == datetime(2027, 3, 2).date():
            await ana.send(f"/paid #{ids[0]} 60", chat=BOARD)
            await bot.deliver()
        clock.advance(days=1)

    def notices_to(user: FakeUser) -> list[str]:
        return [m.text for m in user.messages() if "2027" in m.text and "Entidad" in m.text]

    # The payer got the first notice, then the thank-you, and nothing more.
    paid_texts = notices_to(payer)
    assert len(paid_texts) == 2 and "60" in paid_texts[1]
    # The others: 30 days before, on the day, 15 after, 45 after and the final notice, each
    # once. 31 March + 15 = 15 April falls in the week down: it goes out once the bot is back,
    # as the 45-day notice is not due yet.
    for user in users[1:]:
        assert len(notices_to(user)) == 5, notices_to(user)
    board = [m.text for m in fake.messages_to(BOARD) if "plazo de gracia" in m.text]
    assert len(board) == 49
    assert len(set(board)) == 49
