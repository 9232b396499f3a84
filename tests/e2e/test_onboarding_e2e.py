"""The real bot process, over HTTP on 127.0.0.1: onboarding, board decisions, SIGTERM mid-flow."""

from collections.abc import Awaitable, Iterator
from pathlib import Path

import pytest

from tests.e2e.process import BotProcess, settle
from tests.fakes import FakeMessage, FakeTelegram, FakeUser, serve
from tests.fakes.transport import ServerHandle
from tests.flows.onboarding_steps import EN, ES, Labels
from tests.harness import BOARD_CHAT_ID


@pytest.fixture
def fake() -> FakeTelegram:
    telegram = FakeTelegram()
    telegram.group("Junta", chat_id=BOARD_CHAT_ID, bot_status="administrator")
    return telegram


@pytest.fixture
def server(fake: FakeTelegram) -> Iterator[ServerHandle]:
    handle = serve(fake)
    yield handle
    handle.close()


@pytest.fixture
def process(tmp_path: Path, fake: FakeTelegram, server: ServerHandle) -> Iterator[BotProcess]:
    bot = BotProcess(tmp_path, fake, server.url, PERSISTENCE_INTERVAL="60")
    yield bot
    bot.close()


async def act(fake: FakeTelegram, action: Awaitable[object]) -> None:
    """Do what a user does, then wait until the bot has finished answering.

    Every step of this test gets at least one answer (a message, an edit or a callback
    answer), so waiting for the first one and then for a short quiet is enough.
    """
    answered_before = answers(fake)
    await action
    await fake.wait_for(lambda: answers(fake) > answered_before, timeout=15)
    await settle(fake, quiet=0.2)


def answers(fake: FakeTelegram) -> int:
    """API calls the bot made other than polling for updates."""
    return sum(1 for call in fake.calls if call.method != "getUpdates")


async def first_answers(fake: FakeTelegram, user: FakeUser, labels: Labels, name: str) -> None:
    await act(fake, user.send("/start"))
    await act(fake, user.press(labels.accept))
    await act(fake, user.send(name))
    await act(fake, user.press(labels.kind))


async def remaining_answers(fake: FakeTelegram, user: FakeUser, labels: Labels) -> None:
    await act(fake, user.press(labels.sector))
    await act(fake, user.press(labels.done))
    await act(fake, user.send("Leon"))
    await act(fake, user.send("Hacemos pan y queso."))
    await act(fake, user.press(labels.skip))  # offer
    await act(fake, user.press(labels.skip))  # need
    await act(fake, user.press(labels.skip))  # email
    await act(fake, user.press(labels.skip))  # phone
    await act(fake, user.press(labels.skip))  # website
    await act(fake, user.press(labels.yes))


async def test_onboarding_approval_and_restart_mid_flow(
    fake: FakeTelegram, process: BotProcess
) -> None:
    ana = fake.user("ana", first_name="Ana")
    fake.set_member(BOARD_CHAT_ID, ana, "administrator")
    alice = fake.user("alice", first_name="Alice", language_code="es")
    bob = fake.user("bob", first_name="Bob", language_code="en")
    await process.start()

    # Alice applies in Spanish, all the way.
    await first_answers(fake, alice, ES, "Panadería Común")
    await remaining_answers(fake, alice, ES)
    await act(fake, alice.press(ES.confirm))
    assert ES.sent in alice.last_text()

    # Bob is half-way through in English when the bot is stopped with SIGTERM.
    await first_answers(fake, bob, EN, "Bread Co-op")
    asked_before_stop = bob.last_text()
    assert await process.stop() == 0
    await process.start()
    await remaining_answers(fake, bob, EN)  # continues at the sector step
    summary = bob.last_text()
    assert "Bread Co-op" in summary  # the name given before the restart was kept
    assert "Cooperative" in summary
    await act(fake, bob.press(EN.confirm))
    assert EN.sent in bob.last_text()
    assert asked_before_stop != summary

    # Both applications reach the board (through the outbox relay job).
    await fake.wait_for(lambda: len(cards(fake)) == 2, timeout=15)
    alice_card, bob_card = cards(fake)
    await act(fake, ana.press("✅ Aprobar", chat=BOARD_CHAT_ID, message=alice_card))
    await act(fake, ana.press("❌ Rechazar", chat=BOARD_CHAT_ID, message=bob_card))
    prompt = fake.messages_to(BOARD_CHAT_ID)[-1]
    await act(fake, ana.reply_to(prompt, "Outside our region", chat=BOARD_CHAT_ID))

    await fake.wait_for(lambda: "aprobado" in alice.last_text(), timeout=15)
    await fake.wait_for(lambda: "Outside our region" in bob.last_text(), timeout=15)
    assert "has not approved" in bob.last_text()
    # A second press of the same Approve button changes nothing.
    approve_data = alice_card.buttons[0][0][1]
    assert approve_data is not None
    await act(fake, ana.press_data(approve_data, chat=BOARD_CHAT_ID, message=alice_card))
    answer = ana.last_callback_answer
    assert answer is not None
    assert "decidida" in (answer.text or "")  # "already decided by Ana"
    assert len([m for m in alice.messages() if "aprobado" in m.text]) == 1

    rss = process.rss_bytes()
    assert rss > 0
    print(f"idle bot RSS: {rss / 2**20:.1f} MiB")
    assert await process.stop() == 0
    assert fake.token not in process.log()
    assert "Traceback" not in process.log()


def cards(fake: FakeTelegram) -> list[FakeMessage]:
    """Application cards in the board group (messages with Approve/Reject buttons)."""
    return [
        m
        for m in fake.messages_to(BOARD_CHAT_ID)
        if any("v1:app:approve" in str(data) for row in m.buttons for _, data in row)
    ]
