"""Command line: ``python -m bot run|migrate|backup|restore|import-members|match|match-report``."""

import argparse
import asyncio
import getpass
import html
import logging
import sys
from pathlib import Path

from telegram import Update

from bot.config import ConfigError, Settings, load_settings
from bot.domain.matching.concepts import ConceptDataError
from bot.domain.network import NetworkConfigError, load_network
from bot.storage.backup import BackupError, backup_database, restore_database

__all__ = ["main"]

_LOGGER = logging.getLogger("bot")


def main(argv: list[str] | None = None) -> int:
    """Dispatch a sub-command; configuration problems exit 2 with one line."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "match":
        from bot import match_cli  # the evaluation tool needs no token or database

        return match_cli.main(args[1:])
    if args and args[0] == "match-report":
        from bot import match_report

        try:
            return match_report.main(args[1:])
        except ConfigError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    parser = argparse.ArgumentParser(prog="python -m bot", description="Cooperactivas bot")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    sub.add_parser("migrate", help="apply database migrations and exit")
    backup = sub.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("path", type=Path)
    restore = sub.add_parser("restore", help="put a backup in place (stop the bot first)")
    restore.add_argument("path", type=Path)
    members = sub.add_parser(
        "import-members", help="import the network's member list (CSV); print each one's link"
    )
    members.add_argument("path", type=Path)
    sub.add_parser("match", help="offline matching evaluation (see --help)")
    sub.add_parser("match-report", help="answers to proposals by score band (see --help)")
    options = parser.parse_args(args)
    try:
        if options.command == "migrate":
            return asyncio.run(_migrate())
        if options.command == "backup":
            return _backup(options.path)
        if options.command == "restore":
            return _restore(options.path)
        if options.command == "import-members":
            return _import_members(options.path)
        return _run()
    except (ConfigError, NetworkConfigError, ConceptDataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _run() -> int:
    settings = load_settings()

    from bot.app import build_application
    from bot.logging_setup import configure_logging

    redacting = configure_logging(
        settings.log_level, settings.telegram_bot_token.get_secret_value()
    )
    application = build_application(settings)
    if settings.board_chat_id is None:
        _LOGGER.warning(
            "BOARD_CHAT_ID is not set: add the bot to the board group and send /chatid there"
        )
    if settings.webhook_url is not None:
        secret = settings.webhook_secret_or_new()
        redacting.add(secret, "<webhook-secret>")
        if settings.webhook_secret is None:
            _LOGGER.info("WEBHOOK_SECRET is not set: using a random one for this run")
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=str(settings.webhook_url).rstrip("/") + "/telegram",
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


async def _migrate() -> int:
    from bot.storage.db import Database

    settings = load_settings()
    db = Database(settings.database_path)
    await db.open()
    version = await db.schema_version()
    await db.close()
    print(f"database {settings.database_path} is at schema version {version}")
    return 0


def _backup(target: Path) -> int:
    copy = backup_database(load_settings().database_path, target)
    print(
        f"backup written to {copy.path} ({copy.size} bytes, schema version {copy.schema_version})"
    )
    return 0


def _restore(backup: Path) -> int:
    restored = restore_database(backup, load_settings().database_path)
    print(f"restored {backup} to {restored.path} (schema version {restored.schema_version})")
    if restored.set_aside is not None:
        print(f"the database it replaced is kept as {restored.set_aside}")
    return 0


async def _bot_username(settings: Settings) -> str:
    """The bot's @username, which the links carry (asked of Telegram, as the bot would)."""
    from telegram import Bot

    token = settings.telegram_bot_token.get_secret_value()
    async with Bot(token, base_url=f"{settings.api_base}/bot") as bot:
        return bot.username


def _import_members(path: Path) -> int:
    """Import the list all or nothing: links on stdout (name, tab, link), problems on stderr."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 1
    return asyncio.run(_import_list(path, data))


async def _import_list(path: Path, data: bytes) -> int:
    from telegram.error import TelegramError

    from bot.clock import utc_now
    from bot.i18n import Catalogs
    from bot.services.member_import import Importer, import_members
    from bot.services.runtime import Runtime
    from bot.storage.db import Database
    from bot.storage.repos import Store
    from bot.views.entities import local_moment
    from bot.views.member_import import claim_link, problem_line

    settings = load_settings()
    network = load_network(settings.network_config)
    catalogs = Catalogs.load(default_locale=settings.default_locale)
    try:
        # Before importing: links that cannot be printed would be links nobody can send.
        username = await _bot_username(settings)
    except TelegramError as exc:
        print(f"error: cannot ask Telegram for the bot's username: {exc}", file=sys.stderr)
        return 1
    db = Database(settings.database_path)
    await db.open()
    try:
        runtime = Runtime(
            settings=settings, network=network, catalogs=catalogs, store=Store(db), clock=utc_now
        )
        importer = Importer(0, f"command line ({getpass.getuser()})")
        result = await import_members(runtime, data, importer, utc_now())
    finally:
        await db.close()
    if result.problems:
        t = catalogs.translator(settings.default_locale)
        print(f"error: nothing imported from {path}:", file=sys.stderr)
        for problem in result.problems:
            print(html.unescape(problem_line(t, network, problem)), file=sys.stderr)
        return 1
    for item in result.imported:
        print(f"{item.name}\t{claim_link(username, item.token)}")
    assert result.expires_at is not None  # noqa: S101 - set whenever something was imported
    until = local_moment(result.expires_at, settings.tz, year=True)
    print(
        f"imported {len(result.imported)} organisation(s), {result.renewed} of them again with a"
        f" new link; each link works once, until {until}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
