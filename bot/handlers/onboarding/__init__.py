"""Member onboarding: /start, consent, the entity profile step by step, and the application."""

import warnings

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.callbacks import pattern
from bot.context import BotContext
from bot.handlers.common import stale_button
from bot.handlers.onboarding.finish import advance, confirm, edit_from_summary
from bot.handlers.onboarding.language import switch_language
from bot.handlers.onboarding.start import cancel, consent, edit_profile, in_group, start
from bot.handlers.onboarding.steps import button_answer, text_answer, wrong_input
from bot.services.onboarding.session import FIELD_STEPS, Step

__all__ = ["Step", "conversation", "handlers"]

# New messages only: an edited earlier answer is not a new answer.
_NEW = filters.UpdateType.MESSAGE
_TEXT = _NEW & filters.TEXT & ~filters.COMMAND
_OTHER = _NEW & ~filters.COMMAND


def _language(step: Step) -> BaseHandler[Update, BotContext, object]:
    """A language chosen with /language mid-flow: the open question is asked again in it."""
    return CallbackQueryHandler(switch_language(step), pattern=pattern("lang", "set"))


def _state(step: Step) -> list[BaseHandler[Update, BotContext, object]]:
    """Handlers of one question: a typed answer or label, its buttons, a language, the rest."""
    return [
        MessageHandler(_TEXT, text_answer(step, advance)),
        CallbackQueryHandler(button_answer(step, advance), pattern=pattern("onb")),
        _language(step),
        MessageHandler(_OTHER, wrong_input(step)),
    ]


def conversation() -> ConversationHandler[BotContext]:
    """The persistent onboarding conversation."""
    states: dict[object, list[BaseHandler[Update, BotContext, object]]] = {
        step: _state(step) for step in FIELD_STEPS
    }
    states[Step.CONSENT] = [
        CallbackQueryHandler(consent, pattern=pattern("onb", "consent")),
        MessageHandler(_OTHER, wrong_input(Step.CONSENT)),
    ]
    states[Step.SUMMARY] = [
        CallbackQueryHandler(edit_from_summary, pattern=pattern("onb", "edit")),
        CallbackQueryHandler(confirm, pattern=pattern("onb", "confirm")),
        _language(Step.SUMMARY),
        MessageHandler(_OTHER, wrong_input(Step.SUMMARY)),
    ]
    with warnings.catch_warnings():
        # Buttons are tracked per chat on purpose (per_message=False): every press is
        # checked against the current state, and older ones get the stale-button answer.
        warnings.filterwarnings("ignore", message=".*per_message=False", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("start", start, filters=filters.ChatType.PRIVATE),
                CallbackQueryHandler(edit_profile, pattern=pattern("profile", "edit")),
            ],
            states=states,
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(stale_button, pattern=pattern("onb")),
            ],
            allow_reentry=True,
            per_message=False,
            name="onboarding",
            persistent=True,
        )


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The onboarding conversation, then /start outside private chats."""
    return [
        conversation(),
        CommandHandler("start", in_group, filters=~filters.ChatType.PRIVATE),
    ]
