"""The board's decision on an application: new status, audit entry and the applicant's message."""

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.buttons.common import OpenMenu
from bot.domain.board import Actor, AuditAction, decision_dedupe_key, entity_subject
from bot.domain.members import Entity, EntityStatus
from bot.domain.outbox import Button, Category, Rendered
from bot.i18n import N_
from bot.storage.repos import Repos

__all__ = ["DecisionResult", "decide_application"]

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DecisionResult:
    """What happened: unknown entity, decided now, or already decided by someone."""

    entity: Entity | None  # None: no such entity (a forged or very old button)
    decided_now: bool  # False: it was no longer pending, entity shows who decided


async def decide_application(
    repos: Repos,
    *,
    entity_id: int,
    status: EntityStatus,
    actor: Actor,
    now: datetime,
    default_locale: str,
    reason: str | None = None,
) -> DecisionResult:
    """Decide a pending application inside the caller's transaction; the first decision wins."""
    if await repos.members.entity(entity_id) is None:
        return DecisionResult(None, decided_now=False)
    won = await repos.members.decide(
        entity_id, status=status, by=actor.user_id, by_name=actor.name, now=now, reason=reason
    )
    entity = await repos.members.entity(entity_id)
    assert entity is not None  # noqa: S101 - read in this same transaction
    if not won:
        return DecisionResult(entity, decided_now=False)
    action = AuditAction.APPROVE if status == EntityStatus.APPROVED else AuditAction.REJECT
    details: dict[str, object] = {"entity": entity.name}
    if reason is not None:
        details["reason"] = reason
    await repos.audit.record(
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=action.value,
        subject=entity_subject(entity_id),
        now=now,
        details=details,
    )
    applicant = await repos.members.member(entity.applied_by)
    if applicant is None:
        # The applicant erased their data meanwhile: there is nobody to tell.
        _LOGGER.info("entity %s decided; its applicant is gone, no message", entity_id)
        return DecisionResult(entity, decided_now=True)
    await repos.outbox.enqueue(
        dedupe_key=decision_dedupe_key(entity_id),
        chat_id=applicant.user_id,
        locale=applicant.locale or default_locale,
        message=_applicant_message(entity),
        category=Category.REPLY,
        now=now,
    )
    return DecisionResult(entity, decided_now=True)


def _applicant_message(entity: Entity) -> Rendered:
    if entity.status == EntityStatus.APPROVED:
        return Rendered(
            key=N_("board.applicant_approved"),
            params={"entity": entity.name},
            keyboard=[[Button(key=N_("board.open_menu"), callback_data=OpenMenu().pack())]],
        )
    return Rendered(
        key=N_("board.applicant_rejected"),
        params={"entity": entity.name, "reason": entity.reject_reason or ""},
    )
