"""The one prompt slot per chat: newest wins, closed prompts remembered, unstored never written."""

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.services import prompts
from bot.services.prompts import Flow
from bot.storage.db import Database
from bot.storage.persistence import SQLitePersistence

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
ME = 42  # a private chat's id is its person's
BOARD = -100


@dataclass
class Someone:
    """A Person for the services: plain user_data and a clock that can move."""

    user_data: MutableMapping[str, Any] | None = field(default_factory=dict)
    at: datetime = NOW

    def now(self) -> datetime:
        return self.at


def test_arming_replaces_the_chats_previous_prompt_only() -> None:
    ana = Someone()
    prompts.arm(ana, Flow.SEARCH, ME)
    prompts.arm(ana, Flow.ANNOUNCE, BOARD)
    prompts.arm(ana, Flow.CONTACT, ME, subject_id=7)

    mine = prompts.current(ana, ME)
    assert mine is not None and mine.flow is Flow.CONTACT and mine.subject_id == 7
    assert prompts.current(ana, ME, Flow.SEARCH) is None
    board = prompts.current(ana, BOARD)
    assert board is not None and board.flow is Flow.ANNOUNCE


def test_a_replaced_group_prompt_is_remembered_as_closed() -> None:
    ana = Someone()
    older = prompts.arm(ana, Flow.REJECT_APPLICATION, BOARD, subject_id=3)
    prompts.asked(ana, older, 501)
    newer = prompts.arm(ana, Flow.ANNOUNCE, BOARD)
    prompts.asked(ana, newer, 502)

    assert prompts.was_closed(ana, BOARD, 501)
    assert not prompts.was_closed(ana, BOARD, 502)
    assert not prompts.was_closed(ana, ME, 501)
    assert prompts.clear(ana, BOARD, Flow.REJECT_APPLICATION) is None  # not that flow's now
    assert prompts.clear(ana, BOARD) is not None
    assert prompts.was_closed(ana, BOARD, 502)


def test_only_the_last_closed_prompts_are_remembered() -> None:
    ana = Someone()
    for message_id in range(1, 31):
        prompt = prompts.arm(ana, Flow.ANNOUNCE, BOARD)
        prompts.asked(ana, prompt, message_id)
    prompts.clear(ana, BOARD)

    assert prompts.was_closed(ana, BOARD, 30)
    assert prompts.was_closed(ana, BOARD, 11)
    assert not prompts.was_closed(ana, BOARD, 10)


def test_clearing_the_last_prompt_leaves_user_data_as_it_was() -> None:
    ana = Someone(user_data={"locale": "en"})
    prompts.arm(ana, Flow.SEARCH, ME)
    prompts.clear(ana, ME)
    assert ana.user_data == {"locale": "en"}


def test_asked_and_update_do_not_revive_a_replaced_prompt() -> None:
    ana = Someone()
    stale = prompts.arm(ana, Flow.CONTACT, ME, subject_id=1)
    prompts.arm(ana, Flow.SEARCH, ME)
    stale.unsent = "hola"
    prompts.update(ana, stale)
    prompts.asked(ana, stale, 9)
    now = prompts.current(ana, ME)
    assert now is not None and now.flow is Flow.SEARCH and now.asked == []


def test_short_lived_prompts_expire_and_drafts_wait() -> None:
    ana = Someone()
    contact = prompts.arm(ana, Flow.CONTACT, ME)
    assert not prompts.expired(contact, NOW + timedelta(minutes=30))
    assert prompts.expired(contact, NOW + timedelta(minutes=31))
    compose = prompts.arm(ana, Flow.COMPOSE, ME)
    assert not prompts.expired(compose, NOW + timedelta(days=60))
    assert prompts.minutes(Flow.CONTACT) == 30
    assert prompts.minutes(Flow.COMPOSE) == 0


def test_an_unreadable_slot_counts_as_none_and_is_dropped() -> None:
    ana = Someone(user_data={prompts.SLOT_KEY: {str(ME): {"flow": "gone", "chat_id": ME}}})
    assert prompts.current(ana, ME) is None
    assert ana.user_data == {prompts.SLOT_KEY: {}}
    prompts.arm(ana, Flow.SEARCH, ME)
    assert prompts.current(ana, ME) is not None


def test_no_user_data_means_no_prompt_and_no_error() -> None:
    nobody = Someone(user_data=None)
    prompt = prompts.arm(nobody, Flow.SEARCH, ME)
    prompts.asked(nobody, prompt, 1)
    assert prompts.current(nobody, ME) is None
    assert prompts.clear(nobody, ME) is None
    assert not prompts.was_closed(nobody, ME, 1)


async def test_an_unstored_prompt_is_never_written(tmp_path: Path) -> None:
    ana = Someone()
    prompts.arm(ana, Flow.ONBOARDING, ME, stored=False)
    prompts.arm(ana, Flow.ANNOUNCE, BOARD)
    held = prompts.current(ana, ME)
    assert held is not None and held.flow is Flow.ONBOARDING and not held.stored

    db = Database(tmp_path / "p.db")
    assert ana.user_data is not None
    await SQLitePersistence(db).update_user_data(ME, dict(ana.user_data))
    await db.close()
    db = Database(tmp_path / "p.db")
    reopened = Someone(user_data=(await SQLitePersistence(db).get_user_data())[ME])
    await db.close()
    assert prompts.current(reopened, ME) is None  # a restart forgets it: nothing was consented
    assert prompts.current(reopened, BOARD) is not None


def test_legacy_prompts_move_into_the_slot() -> None:
    everyone: dict[int, MutableMapping[str, Any]] = {
        1: {"posts_pending": {"owner": "contact", "post_id": 5, "unsent": "hola"}},
        2: {"board_rejecting": {"entity_id": 8, "message_id": 70, "prompts": [71, "x"]}},
        3: {"announce_prompts": [90, 91], "locale": "en"},
        4: {},
        5: {"locale": "es"},
    }
    changed = prompts.migrate_legacy(
        everyone, board_chat_id=BOARD, onboarding=frozenset({4}), now=NOW
    )

    assert sorted(changed) == [1, 2, 3, 4]
    contact = prompts.current(Someone(user_data=everyone[1]), 1)
    assert contact is not None and contact.flow is Flow.CONTACT
    assert (contact.subject_id, contact.unsent) == (5, "hola")
    reject = prompts.current(Someone(user_data=everyone[2]), BOARD)
    assert reject is not None and reject.flow is Flow.REJECT_APPLICATION
    assert (reject.subject_id, reject.card_message_id, reject.asked) == (8, 70, [71])
    announce = prompts.current(Someone(user_data=everyone[3]), BOARD)
    assert announce is not None and announce.asked == [90, 91]
    assert everyone[3]["locale"] == "en" and "announce_prompts" not in everyone[3]
    applying = prompts.current(Someone(user_data=everyone[4]), 4)
    assert applying is not None and applying.flow is Flow.ONBOARDING
    assert everyone[5] == {"locale": "es"}


def test_legacy_group_prompts_without_a_board_are_dropped() -> None:
    everyone: dict[int, MutableMapping[str, Any]] = {1: {"announce_prompts": [90]}}
    assert prompts.migrate_legacy(
        everyone, board_chat_id=None, onboarding=frozenset(), now=NOW
    ) == [1]
    assert everyone[1] == {}
