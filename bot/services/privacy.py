"""A person's data rights: a copy of everything the bot holds about them, and erasure."""

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from bot.domain.advice import CaseStatus, close
from bot.domain.outbox import Category, Rendered
from bot.i18n import N_
from bot.services.runtime import Runtime
from bot.storage.personal_data import CONVERSATION_STATE
from bot.storage.privacy import Erasure
from bot.storage.repos import Repos

__all__ = ["forget", "my_data"]


async def my_data(
    runtime: Runtime, user_id: int, *, language: str, live_state: Mapping[str, Any] | None
) -> bytes:
    """The person's copy as a JSON document: one key per table of the map, typed values.

    `live_state` is their conversation state as the process holds it now; the stored copy of
    it lags behind by a few seconds, so it takes its place.
    """
    async with runtime.store.read() as repos:
        sections = await repos.privacy.export(user_id)
    if live_state is not None:
        sections[CONVERSATION_STATE] = {"data": dict(live_state)} if live_state else None
    document = {
        "telegram_user_id": user_id,
        "language": language,
        "exported_at": runtime.clock().astimezone(UTC).isoformat(timespec="seconds"),
        **sections,
    }
    # default=str: a conversation state is JSON already; this only guards against a stray type.
    return json.dumps(document, ensure_ascii=False, indent=2, default=str).encode()


async def forget(
    runtime: Runtime, user_id: int, *, actor_name: str, now: datetime
) -> Erasure | None:
    """Erase a member's data, record it for the board and tell it; None if not a member."""
    async with runtime.store.write() as repos:
        cases = [case.id for case in await repos.cases.of_member(user_id)]
        erasure = await repos.privacy.erase(user_id, now=now)
        if erasure is None:
            return None
        await _close_cases(repos, cases, now)
        await repos.audit.record(
            actor_id=user_id,
            actor_name=actor_name,
            action="member.erase",
            subject=f"entity:{erasure.entity_id}",
            now=now,
            details={
                "posts_closed": erasure.posts_closed,
                "last": erasure.entity_left_without_members,
            },
        )
        board = runtime.settings.board_chat_id
        if board is not None:
            key = (
                N_("privacy.board_notice_last")
                if erasure.entity_left_without_members
                else N_("privacy.board_notice")
            )
            await repos.outbox.enqueue(
                dedupe_key=f"erasure:{user_id}:{now.isoformat()}",
                chat_id=board,
                locale=runtime.settings.default_locale,
                message=Rendered(key=key, params={"entity": erasure.entity_name or ""}),
                category=Category.REPLY,
                now=now,
            )
            if cases:
                await repos.outbox.enqueue(
                    dedupe_key=f"erasure-cases:{user_id}:{now.isoformat()}",
                    chat_id=board,
                    locale=runtime.settings.default_locale,
                    message=Rendered(
                        key=N_("advice.board.erased"),
                        params={"cases": ", ".join(f"#{number}" for number in cases)},
                    ),
                    category=Category.REPLY,
                    now=now,
                )
    return erasure


async def _close_cases(repos: Repos, case_ids: list[int], now: datetime) -> None:
    """A forgotten member's cases end: nobody is left to answer, nor to remind about."""
    for case_id in case_ids:
        case = await repos.cases.get(case_id)
        if case is not None and case.status is not CaseStatus.CLOSED:
            await repos.cases.save(close(case, now=now))
