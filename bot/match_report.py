"""`python -m bot match-report`: how members answered proposals, by score band, from a database.

The board reads it to see whether the alert cut suits their network: if the pairs just above
the cut are mostly "not relevant", it is too low; if possible matches just below it are often
taken up and lead to work together, it is too high.
"""

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.domain.matching import DEFAULT_TUNING
from bot.storage.db import Database
from bot.storage.matches import BandAnswers, MatchesRepo

__all__ = ["format_report", "main"]

_HEADER = (
    f"{'score band':<12} {'tier':<9} {'pairs':>6} {'interested':>11} {'not relevant':>13} "
    f"{'introduced':>11} {'worked together':>16} {'did not':>8}"
)


def format_report(bands: Sequence[BandAnswers], alert_score: float) -> list[str]:
    """The report's lines: one per score band and tier, then the totals."""
    if not bands:
        return ["no proposals yet"]
    lines = [f"alert score now: {alert_score:.2f}", _HEADER]
    for band in bands:
        lines.append(
            f"{band.low:.2f}-{band.high:.2f}{'':<3} {band.tier:<9} {band.pairs:>6} "
            f"{band.interested:>11} {band.not_relevant:>13} {band.introduced:>11} "
            f"{band.worked_together:>16} {band.did_not:>8}"
        )
    lines.append(
        f"{'all':<12} {'':<9} {sum(b.pairs for b in bands):>6} "
        f"{sum(b.interested for b in bands):>11} {sum(b.not_relevant for b in bands):>13} "
        f"{sum(b.introduced for b in bands):>11} {sum(b.worked_together for b in bands):>16} "
        f"{sum(b.did_not for b in bands):>8}"
    )
    return lines


async def _bands(path: Path, width: float) -> list[BandAnswers]:
    db = Database(path)
    await db.open()
    try:
        return await MatchesRepo(db.conn).answers_by_band(width)
    finally:
        await db.close()


def main(argv: list[str], *, database: Path | None = None) -> int:
    """Print the report; 0 on success, 2 on bad arguments or a missing database."""
    parser = argparse.ArgumentParser(
        prog="python -m bot match-report",
        description="How proposals were answered, by score band (from the bot's database).",
    )
    parser.add_argument("--database", type=Path, help="the SQLite file (default: DATABASE_URL)")
    parser.add_argument("--band", type=float, default=0.1, help="band width (0.1)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    path = args.database or database
    if path is None:
        from bot.config import load_settings

        path = load_settings().database_path
    if not path.is_file():
        print(f"error: no database at {path}", file=sys.stderr)
        return 2
    if not 0 < args.band <= 1:
        print("error: --band must be between 0 and 1", file=sys.stderr)
        return 2
    for line in format_report(asyncio.run(_bands(path, args.band)), DEFAULT_TUNING.alert_score):
        print(line)
    return 0
