"""Configuration errors stop the bot with one clear line and exit code 2."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def run_bot(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOARD_"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,  # no .env there
        env={**clean, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_missing_token_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run_bot({}, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "TELEGRAM_BOT_TOKEN" in lines[0]
    assert "BotFather" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("env", "field"),
    [
        ({"BOARD_CHAT_ID": "not-a-number"}, "BOARD_CHAT_ID"),
        ({"TIMEZONE": "Mars/Olympus"}, "TIMEZONE"),
        ({"TELEGRAM_API_URL": "not a url"}, "TELEGRAM_API_URL"),
        ({"DATABASE_URL": "postgres://x"}, "DATABASE_URL"),
        # Telegram takes 1-256 characters of A-Z, a-z, 0-9, _ and - as a webhook secret.
        ({"WEBHOOK_SECRET": "has a space"}, "WEBHOOK_SECRET"),
        ({"WEBHOOK_SECRET": "contraseña"}, "WEBHOOK_SECRET"),
        ({"WEBHOOK_SECRET": "semi;colon"}, "WEBHOOK_SECRET"),
        ({"WEBHOOK_SECRET": "x" * 257}, "WEBHOOK_SECRET"),
    ],
)
def test_invalid_value_names_the_field(env: dict[str, str], field: str, tmp_path: Path) -> None:
    result = run_bot({"TELEGRAM_BOT_TOKEN": "123:abc", **env}, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert field in lines[0]


def test_bad_token_shape_is_refused() -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        load_settings(telegram_bot_token="nocolon", _env_file=None)


def test_token_is_secret_in_repr() -> None:
    settings = load_settings(telegram_bot_token="123:supersecret", _env_file=None)
    assert "supersecret" not in repr(settings)
    assert "supersecret" not in str(settings.model_dump())


def test_bad_network_file_exits_2_naming_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "network.toml"
    bad.write_text("[network]\nname = 3\n", encoding="utf-8")
    result = run_bot({"TELEGRAM_BOT_TOKEN": "123:abc", "NETWORK_CONFIG": str(bad)}, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "network.toml" in lines[0]


@pytest.mark.parametrize("secret", ["a", "A-z_09-Secret", "x" * 256])
def test_a_webhook_secret_telegram_accepts_is_used_as_given(secret: str) -> None:
    settings = load_settings(telegram_bot_token="1:a", webhook_secret=secret, _env_file=None)
    assert settings.webhook_secret_or_new() == secret
    assert len(secret) < 5 or secret not in repr(settings)


@pytest.mark.parametrize("secret", [None, ""])
def test_without_a_webhook_secret_each_run_gets_a_strong_random_one(secret: str | None) -> None:
    settings = load_settings(telegram_bot_token="1:a", webhook_secret=secret, _env_file=None)
    assert settings.webhook_secret is None
    first, second = settings.webhook_secret_or_new(), settings.webhook_secret_or_new()
    assert first != second
    for generated in (first, second):
        assert len(generated) >= 32
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", generated)
