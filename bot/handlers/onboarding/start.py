"""/start by who sends it, the privacy notice and consent, /cancel and profile edits."""

import contextlib

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.buttons.onboarding import ClaimConsent, Consent, EditProfileField
from bot.context import BotContext
from bot.domain.members import EntityStatus
from bot.domain.profile import ProfileDraft
from bot.handlers import prompts
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.invite import claim_token, join, join_token
from bot.handlers.menu import show_menu
from bot.handlers.onboarding.finish import show_summary
from bot.handlers.onboarding.questions import END, ask
from bot.handlers.summits import show_from_link, summit_id_of_link
from bot.handlers.ui import send
from bot.i18n import N_
from bot.services import claims, invites
from bot.services.onboarding.session import (
    FIELD_STEPS,
    Mode,
    Session,
    Stage,
    discard,
    load,
)
from bot.services.prompts import Flow

__all__ = ["cancel", "consent", "edit_profile", "in_group", "start"]

_CANCELLED = {
    Mode.APPLY: N_("onboarding.cancelled"),
    Mode.PROFILE: N_("profile.edit_cancelled"),
    Mode.CLAIM: N_("claim.cancelled"),
}
_RESUMING = {
    Mode.APPLY: N_("onboarding.resuming"),
    Mode.CLAIM: N_("claim.resuming"),
}
_STATUS_KEYS = {
    EntityStatus.PENDING: "onboarding.status_pending",
    EntityStatus.SUSPENDED: "onboarding.status_suspended",
}


async def start(update: Update, context: BotContext) -> object:
    """Welcome a newcomer, resume a draft, or tell a member or applicant where they stand."""
    user = update.effective_user
    if user is None:
        return END
    token = join_token(context.args)
    if token is not None:
        return await _offer_invite(update, context, token)
    claim = claim_token(context.args)
    if claim is not None:
        return await _offer_claim(update, context, claim)
    summit_id = summit_id_of_link(context.args)
    if summit_id is not None:  # a summit's poster or shared link
        await show_from_link(update, context, summit_id)
        return END
    async with context.store.read() as repos:
        found = await repos.members.member_with_entity(user.id)
    status = found[1].status if found is not None else None
    if status is EntityStatus.APPROVED:
        discard(context)
        await show_menu(update, context)
        return END
    if status in _STATUS_KEYS:
        discard(context)
        await send(update, context.t(_STATUS_KEYS[status]))
        return END
    session = load(context)
    if session is not None and session.mode in _RESUMING:
        # /start in the middle of an application or a claim picks it up where it was.
        await send(update, context.t(_RESUMING[session.mode]))
        if session.step is Stage.SUMMARY:
            return await show_summary(update, context, session)
        return await ask(update, context, session)
    discard(context)
    await send(update, context.t("onboarding.welcome", network=context.network.settings.name))
    await _ask_consent(update, context, None)
    return None


async def _offer_invite(update: Update, context: BotContext, token: str) -> object:
    """A colleague's invite link: check it, then the privacy notice and consent."""
    user = update.effective_user
    assert user is not None  # noqa: S101 - checked by start()
    check = await invites.check(context.services, token, user.id, context.now())
    if check.entity is None:
        await send(update, context.t(check.problem or "invite.unknown"))
        return END
    discard(context)
    await send(update, context.t("invite.invited", entity=check.entity.name))
    await _ask_consent(update, context, token)
    return None


async def _offer_claim(update: Update, context: BotContext, token: str) -> object:
    """An imported organisation's link: check it, then the privacy notice and consent."""
    user = update.effective_user
    assert user is not None  # noqa: S101 - checked by start()
    check = await claims.check(context.services, token, user.id, context.now())
    if check.entity is None:
        await send(update, context.t(check.problem or "claim.unknown"))
        return END
    discard(context)
    await send(update, context.t("claim.invited", entity=check.entity.name))
    await _ask_consent(update, context, None, claim=token)
    return None


async def _ask_consent(
    update: Update, context: BotContext, token: str | None, *, claim: str | None = None
) -> None:
    """The first-layer privacy notice with explicit accept and decline buttons."""
    t = context.t
    privacy = context.network.settings.privacy
    # The invite token rides on the button so nothing about the person is stored yet.
    accept: Consent | ClaimConsent = Consent(answer="yes", token=token or None)
    if claim is not None:
        accept = ClaimConsent(token=claim)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t("onboarding.consent_yes"), callback_data=accept.pack()),
                InlineKeyboardButton(
                    t("onboarding.consent_no"), callback_data=Consent(answer="no").pack()
                ),
            ]
        ]
    )
    text = t("onboarding.privacy", controller=privacy.controller, email=privacy.contact_email)
    await send(update, text, keyboard)
    # Nothing is stored before consent: the buttons carry what consenting needs, and the
    # prompt (so that typing gets the hint) lives in memory only.
    prompts.arm(update, context, Flow.ONBOARDING, stored=False)
    return None


async def consent(update: Update, context: BotContext) -> object:
    """Accept: join through the invite or start the profile; decline: nothing is kept."""
    query = update.callback_query
    user = update.effective_user
    pressed = Consent.unpack(query.data if query else None)
    if query is None or user is None or pressed is None:
        await stale_button(update, context)
        return None
    with contextlib.suppress(BadRequest):  # already without buttons: nothing to tidy
        await query.edit_message_reply_markup(None)
    if pressed.answer == "no":
        await query.answer()
        discard(context)
        await send(update, context.t("onboarding.declined"))
        return END
    if pressed.token is not None:
        await join(update, context, user, pressed.token)
        return END
    await query.answer()
    return await ask(update, context, Session(step=FIELD_STEPS[0]))


async def edit_profile(update: Update, context: BotContext) -> object:
    """An Edit button of /profile: ask that question, then save it to the entity."""
    query = update.callback_query
    pressed = EditProfileField.unpack(query.data if query else None)
    steps = {step.value: step for step in FIELD_STEPS}
    step = steps.get(pressed.field) if pressed is not None else None
    if query is None or step is None:
        await stale_button(update, context)
        return None
    found = await current_member(update, context)
    if found is None:
        return END
    await query.answer()
    session = Session(
        mode=Mode.PROFILE,
        step=step,
        entity_id=found[1].id,
        draft=ProfileDraft.from_profile(found[1]),
    )
    return await ask(update, context, session)


async def cancel(update: Update, context: BotContext) -> str:
    """/cancel: leave the flow and forget the draft."""
    session = load(context)
    discard(context)
    key = _CANCELLED[session.mode if session is not None else Mode.APPLY]
    await send(update, context.t(key))
    return END


async def in_group(update: Update, context: BotContext) -> None:
    """/start in a group: it works in a private chat."""
    await send(update, context.t("common.private_only"))
