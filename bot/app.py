"""The composition root: build_application() wires settings, storage and every handler."""

import logging
from typing import Any

from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from bot.board_access import BoardAccess
from bot.clock import Clock, utc_now
from bot.config import Settings
from bot.context import BotContext, CoopApplication, CoopBot, Services
from bot.domain.matching.vocabulary import Vocabulary
from bot.domain.network import Network, load_network
from bot.handlers import (
    advice,
    announce,
    board,
    common,
    fees,
    invite,
    matching,
    menu,
    onboarding,
    posts,
    privacy,
    profile,
    summits,
)
from bot.handlers.guards import in_private, on_board
from bot.handlers.prompts import prompt_step, resume_step
from bot.i18n import Catalogs
from bot.jobs.ratelimit import SharedRateLimiter
from bot.jobs.schedule import schedule_jobs
from bot.services.prompts import migrate_legacy
from bot.storage.db import Database
from bot.storage.match_index import LiveMatchIndex
from bot.storage.persistence import SQLitePersistence
from bot.storage.repos import Store

__all__ = ["build_application"]

_LOGGER = logging.getLogger(__name__)

# Handler groups run in this order; within a group the first matching handler wins.
GROUP_LOCALE = -10  # work out the user's language before anything else
GROUP_PROMPT = -5  # the chat's prompt gets the next message, or is dropped as people move on
# PTB runs the first matching handler of EVERY group, so the fallbacks share the features'
# group and come after them: they only run when no feature took the update.
GROUP_FEATURES = 0  # conversations, commands and buttons of every feature, then fallbacks
GROUP_RESUME = 5  # the chat's open question again, once the help or a new language is shown


def build_application(
    settings: Settings,
    *,
    network: Network | None = None,
    catalogs: Catalogs | None = None,
    vocabulary: Vocabulary | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    clock: Clock = utc_now,
    rate_limited: bool = True,
) -> CoopApplication:
    """Build the bot's Application; tests pass a fake request and clock.

    The network, catalogs and match vocabulary are read-only once built, so a test session
    builds them once and passes them to every Application (tests/prebuilt.py).
    """
    db = Database(settings.database_path)
    services = Services(
        settings=settings,
        network=network or load_network(settings.network_config),
        catalogs=catalogs or Catalogs.load(default_locale=settings.default_locale),
        store=Store(db),
        clock=clock,
        board=BoardAccess(settings.board_chat_id, clock),
        matching=LiveMatchIndex(vocabulary),
    )
    # Our own bot class, so every outgoing text is fitted to Telegram's limits (CoopBot).
    bot = CoopBot(
        token=settings.telegram_bot_token.get_secret_value(),
        base_url=f"{settings.api_base}/bot",
        base_file_url=f"{settings.api_base}/file/bot",
        defaults=Defaults(parse_mode=ParseMode.HTML),
        # The pool sizes ApplicationBuilder would choose: many sends, one long poll.
        request=request or HTTPXRequest(connection_pool_size=256),
        get_updates_request=get_updates_request or HTTPXRequest(connection_pool_size=1),
        # One flood budget shared by replies and the outbox relay (bot/jobs/ratelimit.py).
        rate_limiter=SharedRateLimiter.for_telegram(clock) if rate_limited else None,
    )
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .application_class(CoopApplication, kwargs={"services": services})
        .bot(bot)
        .context_types(ContextTypes(context=BotContext))
        .persistence(SQLitePersistence(db, update_interval=settings.persistence_interval))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    application = builder.build()
    assert isinstance(application, CoopApplication)  # noqa: S101 - application_class above
    _register(application)
    return application


def _register(app: CoopApplication) -> None:
    # Language first, so every later handler answers in the user's language.
    app.add_handler(common.locale_step(), group=GROUP_LOCALE)
    # The newest prompt wins: while a flow waits for typed input in a chat, its prompt gets
    # the next message; any other command or flow's button drops it first
    # (bot/handlers/prompts.py).
    owners = {
        **onboarding.prompt_owners(),
        **posts.prompt_owners(),
        **board.prompt_owners(),
        **announce.prompt_owners(),
        **fees.prompt_owners(),
        **advice.prompt_owners(),
        **summits.prompt_owners(),
    }
    # Telegram's own reply to a relayed message goes to its thread, as its Reply button would.
    reply_targets = [*posts.reply_targets(), *advice.reply_targets()]
    app.add_handler(prompt_step(owners, reply_targets), group=GROUP_PROMPT)

    # Features, then the fallbacks, in one group: the first that matches wins. Access is
    # applied here, per group of handlers: in_private (elsewhere the user is told where it
    # works) and on_board (the board group, and only its current members, checked at the
    # time of each action). Onboarding and the shared commands sort out chats themselves.
    features = [
        onboarding.handlers(),  # /start, consent, the questions, profile edits
        common.start_handlers(),  # /help, /chatid
        board.handlers(),  # the membership-cache keeper, /cancel in groups
        in_private(common.language_handlers()),
        in_private(posts.member_handlers()),  # compose, search, contact, listings, my posts
        in_private(menu.handlers()),
        in_private(profile.handlers()),
        in_private(invite.handlers()),
        in_private(matching.member_handlers()),  # proposals, follow-ups, /settings
        in_private(advice.member_handlers()),  # /advice, /requests, answers to the board
        in_private(privacy.handlers()),  # /mydata, /forgetme
        in_private(fees.member_handlers()),  # My fees, receipts, "I've paid"
        in_private(summits.member_handlers()),  # /summits, answers, calendar files
        on_board(board.board_handlers()),  # applications, /board, /members
        on_board(board.member_list_handlers(app.services.settings.board_chat_id)),  # CSV import
        on_board(posts.board_handlers()),  # moderation, /posts
        on_board(announce.board_handlers()),  # /announce, audience, confirm, stop
        on_board(matching.board_handlers()),  # /matches
        on_board(fees.board_handlers()),  # /paid, /fees, /income, claims' Confirm
        on_board(advice.board_handlers()),  # cases: claim, replies, /cases, /case
        on_board(summits.board_handlers()),  # /summit, /summits, check-in, CSV, poster
    ]
    for handlers in features:
        app.add_handlers(handlers, group=GROUP_FEATURES)

    # Nothing above matched: unknown commands, stray input, expired or forged buttons.
    app.add_handlers(common.fallback_handlers(), group=GROUP_FEATURES)
    # After /help or a new language, the open question is asked again.
    app.add_handler(resume_step(owners), group=GROUP_RESUME)
    app.add_error_handler(common.error_handler)


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    """Open the database and publish the command menus."""
    assert isinstance(application, CoopApplication)  # noqa: S101
    await application.services.store.db.open()
    await _migrate_prompts(application)
    await schedule_jobs(application)
    await common.publish_commands(application)
    me = application.bot
    _LOGGER.info("bot @%s ready", me.username)


# The conversations of versions before bot/services/prompts.py (their rows are dropped here).
_LEGACY_CONVERSATIONS = ("onboarding", "board_reject", "announce", "post_moderation")


async def _migrate_prompts(application: CoopApplication) -> None:
    """Prompts stored by an earlier version still get their answer after the upgrade."""
    persistence = application.persistence
    onboarding: set[int] = set()
    if persistence is not None:
        for name in _LEGACY_CONVERSATIONS:
            for key, state in (await persistence.get_conversations(name)).items():
                if name == "onboarding" and state is not None and isinstance(key[-1], int):
                    onboarding.add(key[-1])  # (chat id, user id)
                await persistence.update_conversation(name, key, None)
    migrated = migrate_legacy(
        application.user_data,
        board_chat_id=application.services.settings.board_chat_id,
        onboarding=frozenset(onboarding),
        now=application.services.clock(),
    )
    if migrated:
        _LOGGER.info("moved the prompts of %d people to the one prompt slot", len(migrated))
        application.mark_data_for_update_persistence(user_ids=migrated)


async def _post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    """Close the database."""
    assert isinstance(application, CoopApplication)  # noqa: S101
    await application.services.store.db.close()
