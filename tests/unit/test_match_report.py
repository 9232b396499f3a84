"""`python -m bot match-report`: answers by score band, read from a database with proposals."""

import asyncio
from pathlib import Path

import pytest

from bot.__main__ import main as bot_main
from bot.domain.matches import Answer, Outcome, Side
from bot.domain.matching import Match
from bot.storage.db import Database
from bot.storage.repos import Store
from tests.unit.test_matches_storage import NOW, two_posts


async def _empty(path: Path) -> None:
    db = Database(path)
    await db.open()
    await db.close()


async def seed(path: Path) -> None:
    """Three pairs: strong at 0.62 (both interested, worked together), strong at 0.41 (not
    relevant), and a possible one at 0.18 taken up (interested)."""
    db = Database(path)
    await db.open()
    store = Store(db)
    for score, strong, answers in (
        (0.62, True, [(Side.NEED, Answer.INTERESTED), (Side.OFFER, Answer.INTERESTED)]),
        (0.41, True, [(Side.OFFER, Answer.NOT_RELEVANT)]),
        (0.18, False, [(Side.NEED, Answer.INTERESTED)]),
    ):
        need, offer = await two_posts(store)
        match = Match(
            id="x",
            score=score,
            relevance=score - 0.05,
            strong=strong,
            shared_terms=["web"],
            same_municipality=False,
            same_comarca=False,
        )
        async with store.write() as repos:
            pair = await repos.matches.create_pair(
                need=need, offer=offer, match=match, now=NOW, alert_score=0.36
            )
            assert pair is not None
            for side, answer in answers:
                await repos.matches.record_answer(pair.id, side, answer, NOW)
            if score > 0.6:
                await repos.matches.introduce(pair.id, now=NOW, followup_at=NOW)
                [due] = [s for s in await repos.matches.due_followups(NOW) if s.side is Side.NEED]
                assert await repos.matches.mark_asked(due)
                asked = await repos.matches.pair(pair.id)
                assert asked is not None
                await repos.matches.record_outcome(
                    asked.need, 1, Outcome.YES, now=NOW, ask_again_at=None
                )
    await db.close()


async def test_answers_are_kept_with_the_scores_behind_the_proposal(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    await seed(path)
    db = Database(path)
    await db.open()
    async with db.conn.execute(
        "SELECT score, relevance, tier, alert_score FROM match_pairs ORDER BY score"
    ) as cursor:
        rows = [tuple(row) for row in await cursor.fetchall()]
    await db.close()
    assert rows == [
        (0.18, pytest.approx(0.13), "possible", 0.36),
        (0.41, pytest.approx(0.36), "strong", 0.36),
        (0.62, pytest.approx(0.57), "strong", 0.36),
    ]


def test_match_report_prints_answers_by_score_band(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bot.db"
    asyncio.run(seed(path))
    assert bot_main(["match-report", "--database", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "alert score now: 0.36"
    rows = {line.split()[0] + " " + line.split()[1]: line.split()[2:] for line in lines[2:-1]}
    # band, tier: pairs, interested, not relevant, introduced, worked together, did not
    assert rows == {
        "0.10-0.20 possible": ["1", "1", "0", "0", "0", "0"],
        "0.40-0.50 strong": ["1", "0", "1", "0", "0", "0"],
        "0.60-0.70 strong": ["1", "2", "0", "1", "1", "0"],
    }
    assert lines[-1].split() == ["all", "3", "3", "1", "1", "1", "0"]


def test_match_report_on_an_empty_or_missing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.db"
    asyncio.run(_empty(path))
    assert bot_main(["match-report", "--database", str(path)]) == 0
    assert capsys.readouterr().out == "no proposals yet\n"
    assert bot_main(["match-report", "--database", str(tmp_path / "nope.db")]) == 2
    assert "no database at" in capsys.readouterr().err
