"""After an introduction: ask both sides whether they worked together, and record it."""

from dataclasses import dataclass
from datetime import datetime

from bot.domain.matches import MatchPair, MatchSide, Outcome, followup_due
from bot.domain.members import EntityStatus, Member
from bot.domain.outbox import Rendered
from bot.services.matching.messages import followup_message
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["FollowupQuestion", "followup_question", "record_outcome"]


@dataclass(frozen=True, slots=True)
class FollowupQuestion:
    """The next follow-up question of one side, ready for the outbox."""

    dedupe_key: str
    member: Member
    message: Rendered


async def followup_question(
    repos: Repos, services: Runtime, pair: MatchPair, side: MatchSide
) -> FollowupQuestion | None:
    """The question to ask this side now; None when nobody is left to ask."""
    member = await repos.members.member(side.user_id)
    entity = await repos.members.entity(side.entity_id)
    if member is None or member.entity_id != side.entity_id:
        return None  # the member left their entity: nobody to ask
    if entity is None or entity.status is not EntityStatus.APPROVED:
        return None
    other = pair.side(side.side.other)
    own_post = await repos.posts.get(side.post_id)
    other_post = await repos.posts.get(other.post_id)
    other_entity = await repos.members.entity(other.entity_id)
    if own_post is None or other_post is None or other_entity is None:
        return None
    round_ = side.followup_round + 1
    # Named as in the introduction: an unlisted entity only if its proposal said so.
    t = services.catalogs.translator(member.locale or services.settings.default_locale)
    name = other_entity.name if other.may_name(other_entity.listed) else None
    return FollowupQuestion(
        dedupe_key=f"match-followup:{pair.pair_key}:{side.side.value}:{round_}",
        member=member,
        message=followup_message(
            pair,
            round_,
            own_title=own_post.title,
            other=name or t("matching.entity_unlisted"),
            other_title=other_post.title,
        ),
    )


async def record_outcome(
    repos: Repos,
    services: Runtime,
    *,
    pair_id: int,
    round_: int,
    member: Member,
    outcome: Outcome,
    now: datetime,
) -> bool:
    """Store the answer to the current question; False for a stale or foreign button.

    "Yes" is also recorded as a collaboration between the two entities, on the need (once per
    need: the posts' own "fulfilled with" uses the same record).
    """
    pair = await repos.matches.pair(pair_id)
    side = pair.side_of(member.user_id) if pair is not None else None
    if pair is None or side is None or not side.can_answer_followup(round_):
        return False
    days = services.network.reminders.match_followup_days
    again = followup_due(outcome, round_, now, days)
    if not await repos.matches.record_outcome(side, round_, outcome, now=now, ask_again_at=again):
        return False
    if outcome is Outcome.YES:
        await repos.contacts.record_collaboration(
            post_id=pair.need_post_id,
            entity_id=pair.need.entity_id,
            partner_entity_id=pair.offer.entity_id,
            recorded_by=member.user_id,
            now=now,
        )
    return True
