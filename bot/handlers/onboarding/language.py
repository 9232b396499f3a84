"""A new language chosen mid-flow: switch, then ask the same question again in it."""

from telegram import Update

from bot.buttons.common import SetLanguage
from bot.context import BotContext
from bot.handlers.common import set_language, stale_button
from bot.handlers.onboarding.finish import show_summary
from bot.handlers.onboarding.questions import ask
from bot.handlers.onboarding.steps import Answer
from bot.handlers.ui import send
from bot.services.onboarding.session import Stage, Step, load

__all__ = ["switch_language"]


def switch_language(step: Step) -> Answer:
    """The handler of a language button pressed while step's question is open."""

    async def answer(update: Update, context: BotContext) -> object:
        query = update.callback_query
        pressed = SetLanguage.unpack(query.data if query else None)
        locale = pressed.locale if pressed else None
        if query is None or locale not in context.services.catalogs.locales:
            await stale_button(update, context)
            return None
        await set_language(update, context)
        session = load(context)
        if session is None:
            await send(update, context.t("onboarding.lost"))
            return None
        # The question on screen, and its buttons, are in the old language: ask it again.
        if step is Stage.SUMMARY:
            return await show_summary(update, context, session)
        session.step = step
        return await ask(update, context, session)

    return answer
