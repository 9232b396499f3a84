"""`python -m bot match`: JSON lines in, JSON lines out, exit 2 on bad input."""

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot import match_cli
from bot.__main__ import main as bot_main

POSTS = [
    {
        "id": "n1",
        "kind": "need",
        "sector": "digital",
        "title": "Necesitamos una página web",
        "description": "Queremos un sitio web con tienda online para la quesería.",
        "municipality": "Ponferrada",
        "lang": "es",
    },
    {
        "id": "o1",
        "kind": "offer",
        "sector": "digital",
        "title": "Web design",
        "description": "We build websites and online shops for small producers.",
        "municipality": "cacabelos",
    },
    {
        "id": "o2",
        "kind": "offer",
        "title": "Diseño web y tiendas online",
        "description": "Páginas web con WordPress para cooperativas.",
    },
    {"id": "n2", "kind": "need", "title": "Afinador de pianos", "description": "Piano viejo."},
    {"id": "o3", "kind": "offer", "title": "Clases de yoga", "description": "Por las tardes."},
]


def write(tmp_path: Path, rows: Sequence[object], name: str = "posts.jsonl") -> Path:
    path = tmp_path / name
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = match_cli.main(argv)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_every_post_gets_one_line_in_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, [POSTS[0], "", *POSTS[1:]])  # blank lines are skipped
    code, lines, err = run(["--input", str(path), "--top", "5"], capsys)
    assert code == 0 and err == ""
    rows = [json.loads(line) for line in lines]
    assert [row["id"] for row in rows] == ["n1", "o1", "o2", "n2", "o3"]
    by_id = {row["id"]: row["matches"] for row in rows}
    assert {m["id"] for m in by_id["n1"]} == {"o1", "o2"}  # Spanish and English offers
    assert by_id["n2"] == [] and by_id["o3"] == []
    for row in rows:
        assert set(row) == {"id", "matches"}
        scores = [m["score"] for m in row["matches"]]
        assert scores == sorted(scores, reverse=True)
        for match in row["matches"]:
            assert set(match) == {"id", "score", "alert"} and isinstance(match["score"], float)
            assert isinstance(match["alert"], bool)
            assert match["id"][0] != row["id"][0]  # only the other kind


def test_alert_tells_a_pushed_match_from_one_only_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        *POSTS,
        # Shares "tienda" with n1, but not its subject (a website): listed, never pushed.
        {"id": "o4", "kind": "offer", "title": "Estanterías para tienda", "description": "Madera."},
    ]
    code, lines, _ = run(["--input", str(write(tmp_path, rows)), "--top", "5"], capsys)
    assert code == 0
    matches = {m["id"]: m["alert"] for m in json.loads(lines[0])["matches"]}
    assert matches == {"o1": True, "o2": True, "o4": False}
    assert list(matches)[-1] == "o4"  # ranked below the fits


def test_top_is_respected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(["--input", str(write(tmp_path, POSTS)), "--top", "1"], capsys)
    assert code == 0
    assert len(json.loads(lines[0])["matches"]) == 1


def test_the_bot_dispatcher_runs_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bot_main(["match", "--input", str(write(tmp_path, POSTS))]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(POSTS)


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("{not json", "invalid JSON"),
        ('["a list"]', "expected a JSON object"),
        ({"id": "x", "kind": "need", "description": "d"}, "missing field 'title'"),
        ({"id": "x", "kind": "wish", "title": "t", "description": "d"}, "kind must be"),
        ({"id": "x", "kind": "need", "title": "t", "description": "d", "sector": "pets"}, "pets"),
        ({"id": "n1", "kind": "need", "title": "t", "description": "d"}, "duplicate id"),
    ],
)
def test_a_bad_line_is_named_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: object, problem: str
) -> None:
    path = write(tmp_path, [POSTS[0], POSTS[1], bad, POSTS[2]])
    code, lines, err = run(["--input", str(path)], capsys)
    assert code == 2
    assert lines == []
    [message] = err.splitlines()
    assert message.startswith(f"{path}:3: ") and problem in message


def test_an_unknown_place_warns_but_still_matches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, [{**POSTS[0], "municipality": "Atlantis"}, *POSTS[1:]])
    code, lines, err = run(["--input", str(path)], capsys)
    assert code == 0 and len(lines) == len(POSTS)
    assert f"{path}:1: warning: unknown municipality 'Atlantis'" in err


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(["--input", str(tmp_path / "nope.jsonl")], capsys)
    assert code == 2 and lines == []
    assert err.startswith("error: cannot read") and "nope.jsonl" in err


@pytest.mark.parametrize("argv", [[], ["--input"], ["--input", "x", "--top", "0"], ["--bogus"]])
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(argv, capsys)
    assert code == 2 and lines == [] and "usage:" in err
