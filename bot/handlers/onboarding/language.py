"""The open question again, once /help was read or a new language chosen mid-flow."""

from telegram import Update

from bot.context import BotContext
from bot.handlers.onboarding.finish import show_summary
from bot.handlers.onboarding.questions import ask
from bot.services.onboarding.session import Stage, load

__all__ = ["ask_again"]


async def ask_again(update: Update, context: BotContext) -> None:
    """Ask the step the flow waits at again (the summary at the end), in today's language."""
    session = load(context)
    if session is None or session.step is Stage.CONSENT:
        return  # before consent nothing is stored, and the notice's buttons still work
    if session.step is Stage.SUMMARY:
        await show_summary(update, context, session)
        return
    await ask(update, context, session)
