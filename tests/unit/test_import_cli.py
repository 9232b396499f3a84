"""`python -m bot import-members FILE.csv`: links on stdout, or the problems and exit 1."""

import asyncio
import re
from pathlib import Path

import pytest
from telegram.error import NetworkError

import bot.__main__ as cli
from bot.__main__ import main as bot_main
from bot.config import Settings
from bot.storage.db import Database

LIST = (
    "name,kind,sectors,municipality,email\n"
    "Huerta Común,cooperative,agrifood,Ponferrada,hola@huerta.coop\n"
    "Tejedoras,Asociación,Artesanía,,info@tejedoras.org\n"
)
_LINE = re.compile(r"^(.+)\thttps://t\.me/CoopTestBot\?start=claim_[A-Za-z0-9_-]{20,}$")


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.setenv("DEFAULT_LOCALE", "es")

    async def username(_settings: Settings) -> str:
        return "CoopTestBot"

    monkeypatch.setattr(cli, "_bot_username", username)
    return tmp_path


def _entities(path: Path) -> int:
    async def count() -> int:
        db = Database(path / "bot.db")
        await db.open()
        row = await db.fetchone("SELECT COUNT(*) FROM entities")
        await db.close()
        return int(row[0]) if row else 0

    return asyncio.run(count())


def test_prints_one_line_per_organisation(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = cli_env / "socias.csv"
    csv_file.write_bytes(LIST.encode("cp1252"))
    assert bot_main(["import-members", str(csv_file)]) == 0
    out = capsys.readouterr()
    names = [m.group(1) for line in out.out.splitlines() if (m := _LINE.match(line))]
    assert names == ["Huerta Común", "Tejedoras"]
    assert "imported 2 organisation(s)" in out.err
    # Again: the same two organisations with new links, not two more.
    assert bot_main(["import-members", str(csv_file)]) == 0
    assert "2 of them again" in capsys.readouterr().err
    assert _entities(cli_env) == 2


def test_a_bad_file_exits_1_with_the_problems_by_line(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = cli_env / "socias.csv"
    csv_file.write_text(LIST + "Otra,ovni,agrifood,León,x@y.es\n", encoding="utf-8")
    assert bot_main(["import-members", str(csv_file)]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert "Línea 4, tipo: «ovni» no es un tipo de entidad de la red" in out.err
    assert _entities(cli_env) == 0


def test_a_missing_file(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bot_main(["import-members", str(cli_env / "nope.csv")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_nothing_is_imported_when_telegram_cannot_be_asked(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def unreachable(_settings: Settings) -> str:
        raise NetworkError("connection refused")

    monkeypatch.setattr(cli, "_bot_username", unreachable)
    csv_file = cli_env / "socias.csv"
    csv_file.write_text(LIST, encoding="utf-8")
    assert bot_main(["import-members", str(csv_file)]) == 1
    assert "bot's username" in capsys.readouterr().err
    assert not (cli_env / "bot.db").exists()
