"""A backup taken by deploy/backup.sh while the real bot writes, restored into a fresh folder.

What the README's operating section tells an operator to do, done to the real process: the
daily script backs up mid-announcement, `python -m bot restore` refuses while the bot runs,
and a bot started on the restored copy in an empty folder has the members' changes and
finishes the announcement that was on its way.
"""

import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.outbox import OutboxStatus
from bot.storage.db import Database
from bot.storage.repos import Store
from tests.e2e.process import ROOT, BotProcess
from tests.fakes import FakeTelegram, FakeUser, serve
from tests.fakes.transport import ServerHandle
from tests.harness import BOARD_CHAT_ID
from tests.seed import seed_members, started_users

SCRIPT = ROOT / "deploy" / "backup.sh"
# At Telegram's 30 messages a second this takes about ten seconds: long enough that the backup
# lands while the relay is still writing, short enough for a test.
MEMBERS = 300
BATCH = "announce:1"
NEW_NAMES = {"es": "Cooperativa Antes de la Copia", "en": "Co-op Before the Backup"}
EDIT_NAME = {"es": "✏️ Nombre", "en": "✏️ Name"}
PROFILE_TITLE = {"es": "Perfil de tu entidad", "en": "Your organisation's profile"}


@pytest.fixture
def fake() -> FakeTelegram:
    telegram = FakeTelegram()
    telegram.group("Junta", chat_id=BOARD_CHAT_ID, bot_status="administrator")
    return telegram


@pytest.fixture
def server(fake: FakeTelegram) -> Iterator[ServerHandle]:
    handle = serve(fake)
    yield handle
    handle.close()


@pytest.fixture
def processes(fake: FakeTelegram, server: ServerHandle) -> Iterator[list[BotProcess]]:
    """Every bot process the test starts; none outlives it."""
    started: list[BotProcess] = []
    yield started
    for process in started:
        process.close()


def run(args: list[str], bot: BotProcess, **env: str) -> subprocess.CompletedProcess[str]:
    """A command as the operator runs it: in the bot's folder, with the bot's settings."""
    return subprocess.run(
        args,
        cwd=bot.workdir,
        env={**bot.env, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def say(user: FakeUser, text: str, expected: str, *, press: bool = False) -> None:
    """Send (or press) `text` and wait for a bot message that contains `expected`."""
    before = user.reply_count()
    await (user.press(text) if press else user.send(text))
    await user.fake.wait_for(
        lambda: any(expected in m.text for m in user.messages()[before:]), timeout=15
    )


def backup_statuses(path: Path) -> Counter[OutboxStatus]:
    """How the announcement's copies stood in a backup, read without changing the file."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT status FROM outbox WHERE batch = ?", (BATCH,)).fetchall()
    finally:
        conn.close()
    return Counter(OutboxStatus(status) for (status,) in rows)


async def test_a_backup_taken_while_writing_restores_into_a_fresh_folder(
    tmp_path: Path, fake: FakeTelegram, server: ServerHandle, processes: list[BotProcess]
) -> None:
    members = started_users(fake, MEMBERS)
    live = BotProcess(tmp_path / "server", fake, server.url)
    processes.append(live)
    live.workdir.mkdir()
    db = Database(live.workdir / "bot.db")
    await db.open()
    await seed_members(Store(db), members, now=datetime.now(UTC))
    await db.close()
    ana = fake.user("ana", first_name="Ana")
    fake.set_member(BOARD_CHAT_ID, ana, "administrator")
    # member0 is Spanish and member1 English (seed_members alternates).
    people = {"es": fake.get_user(members[0]), "en": fake.get_user(members[1])}
    await live.start()

    # Each of them renames their entity through the bot: data the running bot wrote.
    for lang, person in people.items():
        await say(person, "/profile", PROFILE_TITLE[lang])
        await say(person, EDIT_NAME[lang], "", press=True)
        await say(person, NEW_NAMES[lang], NEW_NAMES[lang])

    # The board sends an announcement to everyone; the relay writes every copy's status.
    before = ana.reply_count(chat=BOARD_CHAT_ID)
    await ana.send("/announce Asamblea general el lunes", chat=BOARD_CHAT_ID)
    menu = await ana.wait_reply(before, chat=BOARD_CHAT_ID)
    await ana.press("Todos los miembros", chat=BOARD_CHAT_ID, message=menu)
    await fake.wait_for(
        lambda: any(
            f"Enviar a {MEMBERS}" in label
            for label in fake.message(BOARD_CHAT_ID, menu.message_id).button_texts
        )
    )
    await ana.press(f"Enviar a {MEMBERS}", chat=BOARD_CHAT_ID, message=menu)
    member_set = set(members)

    def delivered() -> int:
        return sum(1 for record in fake.send_log if record.chat_id in member_set)

    # The daily backup runs in the middle of it.
    backups = tmp_path / "backups"
    backups.mkdir()
    await fake.wait_for(lambda: delivered() >= 30, timeout=30)
    result = run([str(SCRIPT)], live, BACKUP_DIR=str(backups), BOT_PYTHON=sys.executable)
    assert result.returncode == 0, result.stderr
    assert delivered() < MEMBERS, "the announcement ended before the backup: not mid-write"
    (backup,) = backups.glob("cooperactivas-*.db")
    statuses = backup_statuses(backup)
    assert sum(statuses.values()) == MEMBERS  # the announcement's rows came in whole
    assert statuses[OutboxStatus.SENT] > 0
    assert statuses[OutboxStatus.QUEUED] > 0

    # Restoring over the database of a running bot is refused and changes nothing.
    refused = run([sys.executable, "-m", "bot", "restore", str(backup)], live)
    assert refused.returncode == 1
    assert "stop it first" in refused.stderr
    assert not (live.workdir / "bot.db.before-restore").exists()
    assert await live.stop() == 0

    # A new machine: an empty folder, the backup restored into it, the bot started there.
    restored = BotProcess(tmp_path / "restored", fake, server.url)
    processes.append(restored)
    restored.workdir.mkdir()
    put_back = run([sys.executable, "-m", "bot", "restore", str(backup)], restored)
    assert put_back.returncode == 0, put_back.stderr
    assert "restored" in put_back.stdout
    reports_before = len(reports(fake))
    await restored.start()

    # It finishes the announcement that was on its way at the backup...
    await fake.wait_for(lambda: len(reports(fake)) > reports_before, timeout=90)
    # ...and each member finds the name they gave, in their language.
    for lang, person in people.items():
        await say(person, "/profile", PROFILE_TITLE[lang])
        assert NEW_NAMES[lang] in person.last_text()
    assert await restored.stop() == 0
    for process in (live, restored):
        assert "Traceback" not in process.log()


def reports(fake: FakeTelegram) -> list[str]:
    return [m.text for m in fake.messages_to(BOARD_CHAT_ID) if "Informe de entrega" in m.text]


async def test_the_backup_script_keeps_the_newest_backups_only(tmp_path: Path) -> None:
    bot = BotProcess(tmp_path, FakeTelegram(), "http://127.0.0.1:9")  # only its settings
    db = Database(tmp_path / "bot.db")
    await db.open()
    await db.close()
    backups = tmp_path / "backups"
    backups.mkdir()
    older = [backups / f"cooperactivas-2024010{day}T033000Z.db" for day in (1, 2, 3)]
    for path in older:
        path.write_bytes(b"an older backup")
    unrelated = backups / "notes.txt"
    unrelated.write_text("kept")
    env = {"BACKUP_DIR": str(backups), "BOT_PYTHON": sys.executable}

    refused = run([str(SCRIPT)], bot, **env, BACKUP_KEEP="none")
    assert refused.returncode == 2
    assert "BACKUP_KEEP" in refused.stderr
    assert sorted(backups.iterdir()) == sorted([*older, unrelated])

    result = run([str(SCRIPT)], bot, **env, BACKUP_KEEP="2")
    assert result.returncode == 0, result.stderr
    kept = sorted(backups.glob("cooperactivas-*.db"))
    assert len(kept) == 2
    assert kept[0] == older[-1]  # the newest older one stays, beside today's
    assert kept[1].stat().st_size > len(b"an older backup")
    assert unrelated.exists()
    assert kept[1].stat().st_mode & 0o007 == 0  # members' data: not for other users
