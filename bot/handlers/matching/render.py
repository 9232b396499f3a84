"""The outbox messages of matching: proposal, introduction and follow-up, per recipient.

Parts that depend on the recipient's language (the why line, "a member") are rendered in the
author's stored language when enqueued and passed as ``*_html`` parameters.
"""

import html

from bot.callbacks import pack
from bot.context import Services
from bot.domain.matches import MatchPair, Side
from bot.domain.outbox import Button, Rendered
from bot.handlers.matching.parties import Party
from bot.i18n import N_, Safe, Translator

__all__ = [
    "FOLLOWUP_ACTIONS",
    "followup_message",
    "introduction_message",
    "proposal_message",
    "why_html",
]

_TERMS_SHOWN = 3
_PROPOSAL_KEYS = {
    Side.NEED: N_("matching.proposal.need"),
    Side.OFFER: N_("matching.proposal.offer"),
}
# Follow-up button actions, in the order shown, with their labels.
FOLLOWUP_ACTIONS = {
    "yes": N_("matching.button.worked_yes"),
    "no": N_("matching.button.worked_no"),
    "later": N_("matching.button.worked_not_yet"),
}


def why_html(t: Translator, services: Services, pair: MatchPair, mine: Party) -> str:
    """'Why: in common: web, online shop · same comarca (El Bierzo)' in t's language."""
    reasons = []
    if pair.shared_terms:
        reasons.append(t("matching.why.terms", terms=", ".join(pair.shared_terms[:_TERMS_SHOWN])))
    network, place = services.network, mine.post.place
    municipality = network.municipality(place.key or "") if pair.same_municipality else None
    comarca = network.comarca(place.comarca or "") if pair.same_comarca else None
    if municipality is not None:
        reasons.append(t("matching.why.municipality", place=municipality.name))
    elif comarca is not None:
        reasons.append(t("matching.why.comarca", place=comarca.label.get(t.locale)))
    return t("matching.why", reasons=Safe(" · ".join(reasons))) if reasons else ""


def proposal_message(
    services: Services, pair: MatchPair, side: Side, mine: Party, theirs: Party
) -> Rendered:
    """'X may be able to help with Y', why, and Interested / Not relevant / View post."""
    t = services.catalogs.translator(mine.locale(services))
    other = (
        t("matching.entity_named", name=theirs.entity.name)
        if theirs.entity.listed
        else t("matching.entity_unlisted")
    )
    return Rendered(
        key=_PROPOSAL_KEYS[side],
        params={
            "own_title": mine.post.title,
            "other_title": theirs.post.title,
            "other_html": other,
            "why_html": why_html(t, services, pair, mine),
        },
        keyboard=[
            [
                Button(
                    key=N_("matching.button.interested"),
                    callback_data=pack("match", "yes", pair.id),
                ),
                Button(
                    key=N_("matching.button.not_relevant"),
                    callback_data=pack("match", "no", pair.id),
                ),
            ],
            [
                Button(
                    key=N_("matching.button.view"),
                    callback_data=pack("browse", "view", theirs.post.id),
                )
            ],
        ],
    )


def introduction_message(services: Services, mine: Party, theirs: Party) -> Rendered:
    """The other side's name and the contact details they keep in their profile."""
    entity, username = theirs.entity, theirs.member.username
    lines = [
        f"{icon} {html.escape(value, quote=False)}"
        for icon, value in (("📧", entity.email), ("📞", entity.phone), ("🌐", entity.website))
        if value
    ]
    if username:
        lines.append(f"💬 @{html.escape(username, quote=False)}")
    keyboard = None
    if not (entity.email or entity.phone or entity.website):
        # No details to share: the posts' relay lets them write without any.
        t = services.catalogs.translator(mine.locale(services))
        lines.append(t("matching.intro.no_details"))
        keyboard = [
            [
                Button(
                    key=N_("matching.button.write"),
                    callback_data=pack("post", "contact", theirs.post.id),
                )
            ]
        ]
    return Rendered(
        key=N_("matching.intro"),
        params={
            "other": entity.name,
            "own_title": mine.post.title,
            "other_title": theirs.post.title,
            "contact_html": "\n".join(lines),
            "days": services.network.reminders.match_followup_days,
        },
        keyboard=keyboard,
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
                Button(key=label, callback_data=pack("mfu", action, pair.id, round_))
                for action, label in FOLLOWUP_ACTIONS.items()
            ]
        ],
    )
