"""Member onboarding: /start, consent, the entity profile step by step, and the application.

The flow waits as the chat's prompt (bot/handlers/prompts.py, flow ONBOARDING), and the
session in user_data says at which step (bot/services/onboarding/session.py). Before consent
nothing about the person is stored: the privacy notice's buttons carry what consenting needs,
and its prompt lives in memory only. A handler returns the Step the flow now waits at, ``END``
when it is over, or None when nothing changed; ``_step`` arms or disarms the prompt from that.
"""

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.buttons.onboarding import (
    ClaimConsent,
    ConfirmApplication,
    Consent,
    EditFromSummary,
    EditProfileField,
)
from bot.callbacks import parse
from bot.context import BotContext
from bot.handlers import prompts
from bot.handlers.common import stale_button
from bot.handlers.onboarding.claim import claim_consent, confirm_claim
from bot.handlers.onboarding.finish import advance, confirm, edit_from_summary
from bot.handlers.onboarding.language import ask_again
from bot.handlers.onboarding.questions import END
from bot.handlers.onboarding.start import cancel, consent, edit_profile, in_group, start
from bot.handlers.onboarding.steps import button_answer, text_answer, wrong_input
from bot.handlers.prompts import PromptOwner
from bot.handlers.ui import send
from bot.i18n import N_
from bot.services.onboarding.session import FIELD_STEPS, Mode, Stage, Step, discard, load
from bot.services.prompts import Flow, Prompt

__all__ = ["handlers", "prompt_owners"]

Callback = Callable[[Update, BotContext], Coroutine[Any, Any, object]]


def _step(callback: Callback) -> Callback:
    """callback, then arm the prompt if the flow waits at a step, or disarm it if it ended."""

    async def run(update: Update, context: BotContext) -> object:
        result = await callback(update, context)
        if isinstance(result, Step):
            prompt = prompts.current(update, context, Flow.ONBOARDING)
            if prompt is None or not prompt.stored:  # consented now: the prompt is kept
                prompts.arm(update, context, Flow.ONBOARDING)
        elif result == END:
            prompts.clear(update, context, Flow.ONBOARDING)
        return result

    return run


def _waiting_at(context: BotContext) -> Step:
    session = load(context)
    return session.step if session is not None else Stage.CONSENT


async def _message(update: Update, context: BotContext) -> object:
    """A new message while the flow waits: the answer to its step, or say what is expected."""
    step = _waiting_at(context)
    message = update.effective_message
    if step in FIELD_STEPS and message is not None and message.text is not None:
        return await text_answer(step, advance)(update, context)
    return await wrong_input(step)(update, context)


async def _button(update: Update, context: BotContext) -> object:
    """A button of the flow: only the open step's buttons count, others are stale."""
    pressed = update.callback_query.data if update.callback_query else None
    step = _waiting_at(context)
    if Consent.unpack(pressed) is not None and step is Stage.CONSENT:
        return await consent(update, context)  # the notice's buttons carry all it needs
    if ClaimConsent.unpack(pressed) is not None and step is Stage.CONSENT:
        return await claim_consent(update, context)
    if parse(pressed) is None or prompts.current(update, context, Flow.ONBOARDING) is None:
        await stale_button(update, context)
        return None
    if step is Stage.SUMMARY and EditFromSummary.unpack(pressed) is not None:
        return await edit_from_summary(update, context)
    if step is Stage.SUMMARY and ConfirmApplication.unpack(pressed) is not None:
        session = load(context)
        if session is not None and session.mode is Mode.CLAIM:
            return await confirm_claim(update, context, session)
        return await confirm(update, context)
    if step in FIELD_STEPS:
        return await button_answer(step, advance)(update, context)
    await stale_button(update, context)
    return None


async def _set_aside(update: Update, context: BotContext, _prompt: Prompt) -> None:
    """Moved on: an application waits for /start, an unsaved profile edit is dropped."""
    session = load(context)
    if session is None:
        return
    if session.mode is Mode.PROFILE:
        discard(context)
        await send(update, context.t("profile.edit_set_aside"))
        return
    key = N_("claim.set_aside") if session.mode is Mode.CLAIM else N_("onboarding.set_aside")
    await send(update, context.t(key))


def _profile_edit(data: str, _prompt: Prompt) -> bool:
    return EditProfileField.unpack(data) is not None


_OWNER = PromptOwner(
    answer=_step(_message),
    cancel=_step(cancel),
    keeps=_profile_edit,
    # Help, a language and /start (which resumes the application) do not leave the flow.
    keeps_commands=frozenset({"help", "language", "start"}),
    keeps_features=frozenset({ConfirmApplication.FEATURE, "help", "lang"}),
    set_aside=_set_aside,
    resume=ask_again,
)


def prompt_owners() -> dict[Flow, PromptOwner]:
    """The onboarding flow's answers (bot/handlers/prompts.py)."""
    return {Flow.ONBOARDING: _OWNER}


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/start and a profile's Edit buttons open the flow; its buttons; /start in groups."""
    return [
        CommandHandler("start", _step(start), filters=filters.ChatType.PRIVATE),
        CommandHandler("start", in_group, filters=~filters.ChatType.PRIVATE),
        CallbackQueryHandler(_step(edit_profile), pattern=EditProfileField.pattern()),
        CallbackQueryHandler(_step(_button), pattern=ConfirmApplication.feature_pattern()),
    ]
