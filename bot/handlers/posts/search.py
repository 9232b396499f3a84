"""Search posts by words: /search words, or /search alone (or the button) asks for them."""

import warnings

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.callbacks import pattern
from bot.context import BotContext
from bot.domain.search import MAX_QUERY_CHARS, match_expression
from bot.handlers.guards import private_only
from bot.handlers.posts.browse import Browse, is_member, show
from bot.handlers.posts.steps import send

__all__ = ["conversation"]

END = ConversationHandler.END
_WORDS = "post_browse_words"  # the conversation's one state (stored: never rename)
_TEXT = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
_OTHER = filters.UpdateType.MESSAGE & ~filters.COMMAND


@private_only
async def search_command(update: Update, context: BotContext) -> object:
    """/search words: results at once; /search alone asks for the words."""
    if not await is_member(update, context):
        return END
    words = " ".join(context.args or [])
    if words.strip():
        return await _search(update, context, words)
    return await ask_words(update, context)


@private_only
async def ask_words(update: Update, context: BotContext) -> object:
    """Ask which words to look for."""
    if not await is_member(update, context):
        return END
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send(update, context.t("posts.search.ask"))
    return _WORDS


async def take_words(update: Update, context: BotContext) -> object:
    """The words to look for, in needs and offers alike."""
    message = update.effective_message
    if message is None or message.text is None:
        return _WORDS
    return await _search(update, context, message.text)


async def _search(update: Update, context: BotContext, words: str) -> object:
    if match_expression(words) is None:
        await send(update, context.t("posts.search.no_words"))
        return _WORDS
    await show(update, context, Browse(words=words.strip()[:MAX_QUERY_CHARS]))
    return END


async def words_expected(update: Update, context: BotContext) -> object:
    """A photo or sticker instead of the search words."""
    await send(update, context.t("posts.search.text_expected"))
    return _WORDS


async def cancel(update: Update, context: BotContext) -> int:
    """Leave the search prompt."""
    await send(update, context.t("posts.search.cancelled"))
    return END


def conversation() -> ConversationHandler[BotContext]:
    """The search prompt: /search without words, or the listing's Search button."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*per_message=False", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("search", search_command, filters=filters.ChatType.PRIVATE),
                CallbackQueryHandler(ask_words, pattern=pattern("browse", "ask")),
            ],
            states={
                _WORDS: [MessageHandler(_TEXT, take_words), MessageHandler(_OTHER, words_expected)]
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            allow_reentry=True,
            per_message=False,
            name="post_browse",
            persistent=True,
        )
