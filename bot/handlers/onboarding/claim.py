"""An imported organisation's link: consent given, fill in what the board's list lacked, check
the prefilled profile with onboarding's own summary and edits, confirm, and be a member."""

import contextlib

from telegram import Update
from telegram.error import BadRequest

from bot.buttons.onboarding import ClaimConsent
from bot.context import BotContext
from bot.domain.members import Entity
from bot.domain.profile import ProfileDraft
from bot.handlers.common import stale_button
from bot.handlers.menu import main_menu
from bot.handlers.onboarding.finish import drop_buttons, show_summary
from bot.handlers.onboarding.questions import END, ask
from bot.handlers.ui import send
from bot.services import claims
from bot.services.invites import Joiner
from bot.services.onboarding.session import Mode, Session, Stage, Step, discard

__all__ = ["claim_consent", "confirm_claim", "draft_of"]


def draft_of(entity: Entity) -> ProfileDraft:
    """The profile the board imported, with what its list cannot say left to answer: the
    description, and whether to appear in the directory (the person's choice)."""
    draft = ProfileDraft.from_profile(entity)
    return draft.model_copy(update={"description": entity.description or None, "listed": None})


async def claim_consent(update: Update, context: BotContext) -> object:
    """Consent given: check the link again, then the missing answers or the summary."""
    query = update.callback_query
    user = update.effective_user
    pressed = ClaimConsent.unpack(query.data if query else None)
    if query is None or user is None or pressed is None:
        await stale_button(update, context)
        return None
    with contextlib.suppress(BadRequest):  # already without buttons: nothing to tidy
        await query.edit_message_reply_markup(None)
    await query.answer()
    check = await claims.check(context.services, pressed.token, user.id, context.now())
    if check.entity is None:
        await send(update, context.t(check.problem or "claim.unknown"))
        return END
    session = Session(
        mode=Mode.CLAIM,
        step=Stage.SUMMARY,
        entity_id=check.entity.id,
        claim_token=pressed.token,
        draft=draft_of(check.entity),
    )
    missing = session.draft.first_missing()
    if missing is None:
        return await show_summary(update, context, session)
    await send(update, context.t("claim.fill_in"))
    session.step = missing
    step: Step = await ask(update, context, session)
    return step


async def confirm_claim(update: Update, context: BotContext, session: Session) -> object:
    """The profile is checked: the person owns the organisation now, no approval needed."""
    query = update.callback_query
    user = update.effective_user
    profile = session.draft.to_profile()
    token = session.claim_token
    if query is None or user is None or profile is None or token is None:
        await stale_button(update, context)
        return None
    await query.answer()
    joiner = Joiner(user.id, user.first_name, user.full_name, user.username, context.locale)
    result = await claims.claim(context.services, token, joiner, profile, context.now())
    discard(context)
    await drop_buttons(update)
    if result.entity is None:
        await send(update, context.t(result.problem or "claim.unknown"))
        return END
    await send(update, context.t("claim.welcome", entity=result.entity.name))
    await send(update, context.t("menu.title"), main_menu(context.t))
    return END
