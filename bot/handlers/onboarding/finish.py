"""Where answers lead: the next question, the summary, the application or the saved profile."""

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.error import BadRequest

from bot.buttons.onboarding import ConfirmApplication, EditFromSummary
from bot.context import BotContext
from bot.domain.members import CONSENT_VERSION, Entity, EntityProfile, EntityStatus, MemberRole
from bot.domain.outbox import Category, Rendered
from bot.domain.profile import Field
from bot.handlers.board.ui import application_buttons
from bot.handlers.common import stale_button
from bot.handlers.guards import current_member
from bot.handlers.onboarding.questions import END, ask
from bot.handlers.profile import edit_keyboard, render_profile, send_profile
from bot.handlers.ui import send
from bot.i18n import N_
from bot.services.onboarding.session import (
    FIELD_STEPS,
    Mode,
    Session,
    Stage,
    Step,
    discard,
    load,
    save,
)
from bot.views.entities import application_notice_html

__all__ = ["advance", "confirm", "drop_buttons", "edit_from_summary", "show_summary"]

_LOGGER = logging.getLogger(__name__)


async def advance(
    update: Update, context: BotContext, session: Session, *, kept: bool = False
) -> object:
    """After an answer (or «Keep as it is»: kept): save a profile edit, summary, or the next."""
    if session.mode is Mode.PROFILE:
        if kept:
            return await _profile_unchanged(update, context)
        return await _save_profile_field(update, context, session)
    if kept and session.before is not None:
        session.draft = session.before
    if session.mode is Mode.CLAIM and not session.editing:
        # Only what the board's list lacked is asked, then the prefilled profile is checked.
        missing = session.draft.first_missing()
        if missing is None:
            return await show_summary(update, context, session)
        session.step = missing
        return await ask(update, context, session)
    index = FIELD_STEPS.index(session.step)
    if session.editing or index == len(FIELD_STEPS) - 1:
        session.editing, session.before = False, None
        return await show_summary(update, context, session)
    session.step = FIELD_STEPS[index + 1]
    return await ask(update, context, session)


# The summary's title, hint and confirm button: an application's, or a claim's (True).
_SUMMARY_KEYS = {
    False: (
        N_("onboarding.summary_title"),
        N_("onboarding.summary_hint"),
        N_("onboarding.confirm"),
    ),
    True: (N_("claim.summary_title"), N_("claim.summary_hint"), N_("claim.confirm")),
}


async def show_summary(update: Update, context: BotContext, session: Session) -> Step:
    """Show every answer with an Edit button each and a Confirm button."""
    t = context.t
    session.step = Stage.SUMMARY
    save(context, session)
    title, hint, confirm = _SUMMARY_KEYS[session.mode is Mode.CLAIM]
    text = "\n\n".join((t(title), render_profile(t, context.network, session.draft), t(hint)))
    rows = edit_keyboard(t, EditFromSummary)
    rows.append([InlineKeyboardButton(t(confirm), callback_data=ConfirmApplication().pack())])
    await send(update, text, InlineKeyboardMarkup(rows))
    return Stage.SUMMARY


async def edit_from_summary(update: Update, context: BotContext) -> object:
    """An Edit button of the summary: ask that question again, then come back."""
    query = update.callback_query
    pressed = EditFromSummary.unpack(query.data if query else None)
    session = load(context)
    steps = {step.value: step for step in FIELD_STEPS}
    step = steps.get(pressed.field) if pressed else None
    if query is None or session is None or step is None:
        await stale_button(update, context)
        return None
    await query.answer()
    session.step, session.editing, session.before = step, True, session.draft
    return await ask(update, context, session)


async def confirm(update: Update, context: BotContext) -> object:
    """Store the application, queue the board's notice and tell the applicant."""
    query = update.callback_query
    user = update.effective_user
    session = load(context)
    profile = session.draft.to_profile() if session is not None else None
    if query is None or user is None or session is None or profile is None:
        await stale_button(update, context)
        return None
    await query.answer()
    entity = await _apply(context, user, profile)
    discard(context)
    await drop_buttons(update)
    if entity is None:
        await send(update, context.t("onboarding.already_applied"))
    else:
        await send(update, context.t("onboarding.sent"))
    return END


async def _apply(context: BotContext, user: User, profile: EntityProfile) -> Entity | None:
    """Create the pending entity, its owner and the board notice in one transaction."""
    settings, now = context.settings, context.now()
    board_t = context.translator(settings.default_locale)
    async with context.store.write() as repos:
        found = await repos.members.member_with_entity(user.id)
        # One open application or membership per person; a rejected applicant may reapply.
        if found is not None and found[1].status is not EntityStatus.REJECTED:
            return None
        entity = await repos.members.create_application(profile, applied_by=user.id, now=now)
        await repos.members.add_member(
            user_id=user.id,
            entity_id=entity.id,
            role=MemberRole.OWNER,
            first_name=user.first_name,
            username=user.username,
            locale=context.locale,
            consent_version=CONSENT_VERSION,
            now=now,
        )
        if settings.board_chat_id is None:
            _LOGGER.warning("BOARD_CHAT_ID is not set: application %s notifies nobody", entity.id)
        else:
            # The same card as the board's /pending, so decisions append to it alike.
            card = application_notice_html(
                entity,
                await repos.members.member(user.id),
                t=board_t,
                network=context.network,
                tz=settings.tz,
            )
            notice = Rendered(
                key="onboarding.board_notice",
                params={"card_html": card},
                keyboard=application_buttons(entity.id),
            )
            await repos.outbox.enqueue(
                dedupe_key=f"application:{entity.id}",
                chat_id=settings.board_chat_id,
                locale=settings.default_locale,
                message=notice,
                category=Category.REPLY,
                now=now,
            )
    _LOGGER.info("application %s stored", entity.id)
    return entity


async def drop_buttons(update: Update) -> None:
    # The summary's buttons would only offer to edit or send what is already sent.
    query = update.callback_query
    if query is None:
        return
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest:
        _LOGGER.debug("summary buttons already gone", exc_info=True)


async def _profile_unchanged(update: Update, context: BotContext) -> object:
    """«Keep as it is» while editing /profile: say so and show the profile again."""
    discard(context)
    found = await current_member(update, context)
    if found is None:
        return END
    await send(update, context.t("profile.edit_cancelled"))
    await send_profile(update, context, found[1])
    return END


async def _save_profile_field(update: Update, context: BotContext, session: Session) -> object:
    """Write one edited answer to the member's entity and show the profile again."""
    user = update.effective_user
    field = Field(session.step.value)
    discard(context)
    if user is None:
        return END
    async with context.store.write() as repos:
        found = await repos.members.member_with_entity(user.id)
        entity = found[1] if found is not None else None
        # Re-check on save: the member may have left or the entity been suspended meanwhile.
        allowed = (
            entity is not None
            and entity.id == session.entity_id
            and entity.status is EntityStatus.APPROVED
        )
        if entity is not None and allowed:
            # Only this answer: a colleague may have changed other fields meanwhile.
            await repos.members.update_profile(entity.id, session.draft.merged_into(entity, field))
            entity = await repos.members.entity(entity.id)
    if entity is None or not allowed:
        await send(update, context.t("common.members_only"))
        return END
    await send(update, context.t("profile.saved"))
    await send_profile(update, context, entity)
    return END
