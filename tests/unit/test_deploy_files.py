"""The files in deploy/ say what the README promises an operator, and systemd can read them."""

import os
import re
import shlex
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BOT_UNIT = DEPLOY / "cooperactivas-bot.service"
BACKUP_UNIT = DEPLOY / "cooperactivas-backup.service"
BACKUP_TIMER = DEPLOY / "cooperactivas-backup.timer"
UNITS = (BOT_UNIT, BACKUP_UNIT, BACKUP_TIMER)

Unit = dict[str, dict[str, list[str]]]


def parse_unit(path: Path) -> Unit:
    """Sections of a systemd unit, each key with all its values (keys may repeat)."""
    unit: Unit = {}
    section: dict[str, list[str]] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = unit.setdefault(line[1:-1], defaultdict(list))
            continue
        assert section is not None, f"{path.name}:{number}: a setting before any [Section]"
        key, sep, value = line.partition("=")
        assert sep, f"{path.name}:{number}: not key=value: {raw!r}"
        section[key.strip()].append(value.strip())
    return unit


def one(unit: Unit, section: str, key: str) -> str:
    values = unit[section][key]
    assert len(values) == 1, f"[{section}] {key}: {values}"
    return values[0]


def environment(unit: Unit) -> dict[str, str]:
    pairs = (shlex.split(value) for value in unit["Service"]["Environment"])
    return dict(item.split("=", 1) for group in pairs for item in group)


def database_folder(database_url: str) -> PurePosixPath:
    return PurePosixPath(database_url.removeprefix("sqlite:///")).parent


def test_the_bot_unit_runs_as_its_own_user_with_env_restart_and_sigterm() -> None:
    unit = parse_unit(BOT_UNIT)
    service = unit["Service"]
    assert one(unit, "Service", "User") == "cooperactivas"
    assert one(unit, "Service", "EnvironmentFile") == "/opt/cooperactivas/.env"
    assert one(unit, "Service", "WorkingDirectory") == "/opt/cooperactivas"
    assert one(unit, "Service", "ExecStart").endswith("/.venv/bin/python -m bot run")
    assert one(unit, "Service", "Restart") == "on-failure"
    assert one(unit, "Service", "RestartPreventExitStatus") == "2"  # configuration errors
    assert one(unit, "Service", "KillSignal") == "SIGTERM"
    assert int(one(unit, "Service", "TimeoutStopSec")) >= 20
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
    }.items():
        assert service[key] == [value], key
    # ProtectSystem=strict leaves only the state directory writable: the database is in it.
    state = PurePosixPath("/var/lib") / one(unit, "Service", "StateDirectory")
    assert database_folder(environment(unit)["DATABASE_URL"]) == state
    assert one(unit, "Install", "WantedBy") == "multi-user.target"


def test_the_backup_unit_runs_the_script_as_the_bot_on_the_same_database() -> None:
    bot, backup = parse_unit(BOT_UNIT), parse_unit(BACKUP_UNIT)
    assert one(backup, "Service", "Type") == "oneshot"
    for key in ("User", "WorkingDirectory", "EnvironmentFile", "StateDirectory"):
        assert one(backup, "Service", key) == one(bot, "Service", key), key
    env = environment(backup)
    assert env["DATABASE_URL"] == environment(bot)["DATABASE_URL"]
    assert env["BOT_PYTHON"] == one(bot, "Service", "ExecStart").split()[0]
    assert env["BACKUP_DIR"] in backup["Service"]["ReadWritePaths"]
    assert int(env["BACKUP_KEEP"]) >= 1
    script = one(backup, "Service", "ExecStart")
    checkout = one(bot, "Service", "WorkingDirectory")
    assert script.startswith(checkout + "/")
    in_repo = ROOT / script.removeprefix(checkout + "/")
    assert in_repo == DEPLOY / "backup.sh"
    assert os.access(in_repo, os.X_OK), "deploy/backup.sh must be executable"


def test_the_timer_starts_the_backup_daily_and_catches_up_missed_days() -> None:
    timer = parse_unit(BACKUP_TIMER)
    assert BACKUP_TIMER.stem == BACKUP_UNIT.stem  # a timer starts the service of its name
    assert one(timer, "Timer", "Persistent") == "true"
    assert re.fullmatch(r"(daily|\*-\*-\* \d\d:\d\d(:\d\d)?)", one(timer, "Timer", "OnCalendar"))
    assert one(timer, "Install", "WantedBy") == "timers.target"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not here")
@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_systemd_reads_the_unit_without_a_complaint(path: Path) -> None:
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", "--generators=no", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # The programs it starts exist only once installed (README); anything else is a mistake.
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and not re.search(r"Command /opt/cooperactivas/\S+ is not executable", line)
    ]
    assert complaints == []


def containerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of deploy/Containerfile, continuation lines joined."""
    text = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    found = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def test_the_container_runs_the_bot_unprivileged_with_its_database_on_a_volume() -> None:
    steps = containerfile()
    args = defaultdict(list)
    for word, rest in steps:
        args[word].append(rest)
    assert args["FROM"] == ["python:3.11-slim"]
    assert args["USER"] == ["cooperactivas"]
    assert args["STOPSIGNAL"] == ["SIGTERM"]
    assert args["CMD"] == ['["python", "-m", "bot", "run"]']
    database_url = re.search(r"DATABASE_URL=(\S+)", " ".join(args["ENV"]))
    assert database_url is not None
    assert args["VOLUME"] == [f'["{database_folder(database_url.group(1))}"]']
    # The user is switched to after everything that needs root, before the command.
    order = [word for word, _ in steps]
    assert order.index("USER") > max(i for i, word in enumerate(order) if word == "RUN")
    # Every file it copies is in the repository (the build context is its root).
    for rest in args["COPY"]:
        *sources, _ = rest.split()
        for source in sources:
            assert (ROOT / source).exists(), source


def test_compose_keeps_the_database_on_the_containers_volume() -> None:
    compose = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    assert "dockerfile: deploy/Containerfile" in compose
    assert "- data:/data" in compose
    assert "DATABASE_URL: sqlite:////data/cooperactivas.db" in compose
    assert "stop_signal: SIGTERM" in compose
