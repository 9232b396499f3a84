"""Search posts by words: /search words, or /search alone (or the button) asks for them."""

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.buttons.posts import BrowseSearch
from bot.context import BotContext
from bot.domain.search import MAX_QUERY_CHARS, match_expression
from bot.handlers import prompts
from bot.handlers.posts.browse import Browse, is_member, show
from bot.handlers.prompts import PromptOwner
from bot.handlers.ui import send
from bot.services.prompts import Flow

__all__ = ["OWNER", "handlers"]


async def search_command(update: Update, context: BotContext) -> None:
    """/search words: results at once; /search alone asks for the words."""
    if not await is_member(update, context):
        return
    words = " ".join(context.args or [])
    if words.strip():
        await _search(update, context, words)
    else:
        await ask_words(update, context)


async def ask_words(update: Update, context: BotContext) -> None:
    """Ask which words to look for; the next message is taken as them."""
    if not await is_member(update, context):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    prompts.arm(update, context, Flow.SEARCH)
    await send(update, context.t("posts.search.ask"))


async def on_message(update: Update, context: BotContext) -> None:
    """The words to look for, in needs and offers alike (anything but text: say so)."""
    message = update.effective_message
    if message is None:
        return
    if message.text is None:
        await send(update, context.t("posts.search.text_expected"))
        return
    await _search(update, context, message.text)


async def _search(update: Update, context: BotContext, words: str) -> None:
    if match_expression(words) is None:
        prompts.arm(update, context, Flow.SEARCH)  # the next message may have the words
        await send(update, context.t("posts.search.no_words"))
        return
    prompts.clear(update, context, Flow.SEARCH)
    await show(update, context, Browse(words=words.strip()[:MAX_QUERY_CHARS]))


async def cancel(update: Update, context: BotContext) -> None:
    """Leave the search prompt."""
    prompts.clear(update, context, Flow.SEARCH)
    await send(update, context.t("posts.search.cancelled"))


OWNER = PromptOwner(answer=on_message, cancel=cancel)


def handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/search and the listing's Search button (the typed words come via the router)."""
    return [
        CommandHandler("search", search_command, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(ask_words, pattern=BrowseSearch.pattern()),
    ]
