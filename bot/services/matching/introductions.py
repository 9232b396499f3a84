"""Answers to a proposal, and the introduction once both sides are interested."""

from datetime import datetime, timedelta

from bot.domain.matches import Answer, AnswerResult, MatchPair, PairStatus, Side, apply_answer
from bot.domain.members import Member
from bot.domain.outbox import Category
from bot.services.matching.messages import introduction_message
from bot.services.matching.parties import load_party
from bot.services.runtime import Runtime
from bot.storage.repos import Repos

__all__ = ["record_answer"]


async def record_answer(
    repos: Repos, services: Runtime, pair_id: int, member: Member, answer: Answer, now: datetime
) -> AnswerResult | None:
    """Store a member's answer and introduce the pair when both are interested.

    None when the member is not a side of that pair (a forged or foreign button).
    """
    pair = await repos.matches.pair(pair_id)
    side = pair.side_of(member.user_id) if pair is not None else None
    if pair is None or side is None or side.entity_id != member.entity_id:
        return None
    result = apply_answer(pair, side.side, answer)
    if result is AnswerResult.ALREADY:
        return result
    await repos.matches.record_answer(pair.id, side.side, answer, now)
    if result is AnswerResult.DECLINED:
        await repos.matches.end(pair.id, PairStatus.DECLINED, now)
    elif result is AnswerResult.INTRODUCE:
        answered = await repos.matches.pair(pair.id)
        if answered is None or not await _introduce(repos, services, answered, side.side, now):
            return AnswerResult.WAITING
    return result


async def _introduce(
    repos: Repos, services: Runtime, pair: MatchPair, presser: Side, now: datetime
) -> bool:
    """Introduce both sides in a conversation through the bot; withdraw the pair if one is gone.

    No contact details are sent: the conversation is a contact thread about the need, whose
    Share my contact button lets each side give theirs. An entity is named only if its
    proposal said it would be (see MatchSide.may_name).
    """
    need = await load_party(repos, pair.need_post_id, now=now, listed=False)
    offer = await load_party(repos, pair.offer_post_id, now=now, listed=False)
    if (
        need is None
        or offer is None
        or need.member.user_id != pair.need.user_id
        or offer.member.user_id != pair.offer.user_id
    ):
        await repos.matches.end(pair.id, PairStatus.WITHDRAWN, now)
        return False
    days = services.network.reminders.match_followup_days
    await repos.matches.introduce(pair.id, now=now, followup_at=now + timedelta(days=days))
    # About the need, opened by the offer's author: the need's author can then name them when
    # closing the need as fulfilled, and an earlier thread between them about it is reused.
    thread = await repos.contacts.open_thread(
        post_id=need.post.id, asker_id=offer.member.user_id, author_id=need.member.user_id, now=now
    )
    for side, mine, theirs in ((Side.NEED, need, offer), (Side.OFFER, offer, need)):
        # The member who pressed expects the introduction now; the other may be in quiet hours.
        category = Category.REPLY if side is presser else Category.SCHEDULED
        named = pair.side(side.other).may_name(theirs.entity.listed)
        await repos.outbox.enqueue(
            dedupe_key=f"match-intro:{pair.pair_key}:{side.value}",
            chat_id=mine.member.user_id,
            locale=mine.locale(services),
            message=introduction_message(services, mine, theirs, named=named, thread_id=thread.id),
            category=category,
            now=now,
        )
    return True
