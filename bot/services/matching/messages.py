"""The outbox messages of matching: proposal, introduction and follow-up, per recipient.

Parts that depend on the recipient's language (the why line, "a member", the notice of what
mutual interest shares) are rendered in the author's stored language when enqueued and passed
as ``*_html`` parameters.
"""

from collections.abc import Sequence

from bot.buttons.matching import Interested, NotRelevant, WorkedLater, WorkedNo, WorkedYes
from bot.buttons.posts import ReplyInThread, ShareContact, ViewPost
from bot.domain.matches import MatchPair, Side
from bot.domain.outbox import Button, Rendered
from bot.i18n import N_, Safe, Translator
from bot.services.matching.parties import Party
from bot.services.runtime import Runtime

__all__ = [
    "FOLLOWUP_BUTTONS",
    "followup_message",
    "introduction_message",
    "proposal_message",
    "why_html",
    "why_line",
]

_TERMS_SHOWN = 3
_PROPOSAL_KEYS = {
    Side.NEED: N_("matching.proposal.for_need"),
    Side.OFFER: N_("matching.proposal.for_offer"),
}
# Follow-up buttons, in the order shown, with their labels.
FOLLOWUP_BUTTONS = (
    (WorkedYes, N_("matching.button.worked_yes")),
    (WorkedNo, N_("matching.button.worked_no")),
    (WorkedLater, N_("matching.button.worked_not_yet")),
)


def why_html(
    t: Translator, services: Runtime, pair: MatchPair, mine: Party, terms: Sequence[str]
) -> str:
    """'Why: in common: web, online shop · same comarca (El Bierzo)' in t's language.

    `terms` are the shared terms as the recipient's own post words them.
    """
    return why_line(
        t,
        services,
        mine,
        terms,
        same_municipality=pair.same_municipality,
        same_comarca=pair.same_comarca,
    )


def why_line(
    t: Translator,
    services: Runtime,
    mine: Party,
    terms: Sequence[str],
    *,
    same_municipality: bool,
    same_comarca: bool,
) -> str:
    """The why line of a proposal or of a possible match not yet proposed."""
    reasons = []
    if terms:
        reasons.append(t("matching.why.terms", terms=", ".join(terms[:_TERMS_SHOWN])))
    network, place = services.network, mine.post.place
    municipality = network.municipality(place.key or "") if same_municipality else None
    comarca = network.comarca(place.comarca or "") if same_comarca else None
    if municipality is not None:
        reasons.append(t("matching.why.municipality", place=municipality.name))
    elif comarca is not None:
        reasons.append(t("matching.why.comarca", place=comarca.label.get(t.locale)))
    return t("matching.why", reasons=Safe(" · ".join(reasons))) if reasons else ""


def proposal_message(
    services: Runtime,
    pair: MatchPair,
    side: Side,
    mine: Party,
    theirs: Party,
    terms: Sequence[str],
) -> Rendered:
    """'X may be able to help with Y', why, what mutual interest shares, and the buttons."""
    t = services.catalogs.translator(mine.locale(services))
    other = (
        t("matching.entity_named", name=theirs.entity.name)
        if theirs.entity.listed
        else t("matching.entity_unlisted")
    )
    # Pressing "interested" after this notice is what lets the other side learn the name.
    notice = N_("matching.notice.listed") if mine.entity.listed else N_("matching.notice.unlisted")
    return Rendered(
        key=_PROPOSAL_KEYS[side],
        params={
            "own_title": mine.post.title,
            "other_title": theirs.post.title,
            "other_html": other,
            "why_html": why_html(t, services, pair, mine, terms),
            "notice_html": t(notice, entity=mine.entity.name),
        },
        keyboard=[
            [
                Button(
                    key=N_("matching.button.interested"),
                    callback_data=Interested(pair_id=pair.id).pack(),
                ),
                Button(
                    key=N_("matching.button.not_relevant"),
                    callback_data=NotRelevant(pair_id=pair.id).pack(),
                ),
            ],
            [
                Button(
                    key=N_("matching.button.view"),
                    callback_data=ViewPost(post_id=theirs.post.id).pack(),
                )
            ],
        ],
    )


def introduction_message(
    services: Runtime, mine: Party, theirs: Party, *, named: bool, thread_id: int
) -> Rendered:
    """Who is interested too, and buttons to write through the bot or share one's contact.

    Nothing of the other side's contact details is in it: each side's email and phone reach
    the other only when their owner presses Share my contact (the posts' contact threads).
    """
    t = services.catalogs.translator(mine.locale(services))
    other = (
        t("matching.entity_named", name=theirs.entity.name)
        if named
        else t("matching.entity_unlisted")
    )
    return Rendered(
        key=N_("matching.introduction"),
        params={
            "other_html": other,
            "own_title": mine.post.title,
            "other_title": theirs.post.title,
            "days": services.network.reminders.match_followup_days,
        },
        keyboard=[
            [
                Button(
                    key=N_("matching.button.write"),
                    callback_data=ReplyInThread(thread_id=thread_id).pack(),
                )
            ],
            [
                Button(
                    key=N_("matching.button.share"),
                    callback_data=ShareContact(thread_id=thread_id).pack(),
                )
            ],
        ],
    )


def followup_message(
    pair: MatchPair, round_: int, *, own_title: str, other: str, other_title: str
) -> Rendered:
    """'Did you work together?' with Yes / No / Not yet for this round."""
    key = N_("matching.followup.ask") if round_ == 1 else N_("matching.followup.ask_again")
    return Rendered(
        key=key,
        params={"other": other, "own_title": own_title, "other_title": other_title},
        keyboard=[
            [
                Button(key=label, callback_data=kind(pair_id=pair.id, round=round_).pack())
                for kind, label in FOLLOWUP_BUTTONS
            ]
        ],
    )
