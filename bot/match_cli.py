"""`python -m bot match`: match a JSON-lines file of posts offline, with the bot's engine."""

# Reads posts (one JSON object a line), indexes them all, and prints one JSON line per input
# post, in input order: the ranked list the bot would show under it (posts of the other kind
# that share something specific, best first, at most --top), each with "alert": true when the
# bot would push it as a proposal and false when it would only list it as a possible match.
# It never opens the bot's database, so it can evaluate the engine on labelled sets.

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.domain.matching import ConceptDataError, MatchablePost
from bot.domain.matching.for_network import build_index, network_vocabulary
from bot.domain.network import Network, NetworkConfigError, load_network

__all__ = ["InputError", "main", "read_posts"]


class InputError(Exception):
    """A bad input line, already worded as `path:line: problem`."""


class _InputPost(BaseModel):
    """One input line as documented; unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    kind: Literal["need", "offer"]
    sector: str | None = None
    title: str
    description: str
    municipality: str | None = None
    lang: str | None = None


def read_posts(path: Path, network: Network) -> Iterator[tuple[MatchablePost, str | None]]:
    """Yield each post with a warning (or None); raise InputError on the first bad line."""
    seen: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                raw = _InputPost.model_validate_json(line)
            except ValidationError as exc:
                raise InputError(f"{where}: {_describe(exc)}") from None
            if raw.id in seen:
                raise InputError(f"{where}: duplicate id {raw.id!r}")
            seen.add(raw.id)
            if raw.sector is not None and network.sector(raw.sector) is None:
                known = ", ".join(s.key for s in network.sectors)
                raise InputError(f"{where}: unknown sector {raw.sector!r} (known: {known})")
            municipality, warning = _resolve_place(raw.municipality, network)
            post = MatchablePost(
                id=raw.id,
                kind=raw.kind,
                sector=raw.sector,
                title=raw.title,
                description=raw.description,
                municipality=municipality,
                lang=raw.lang,
            )
            yield post, f"{where}: warning: {warning}" if warning else None


def _resolve_place(text: str | None, network: Network) -> tuple[str | None, str | None]:
    """A municipality key from a key or a name as people write it, or a warning."""
    if not text or not text.strip():
        return None, None
    place = network.municipality(text) or network.find_municipality(text).exact
    if place is None:
        return None, f"unknown municipality {text!r}, matched without a place"
    return place.key, None


def _describe(exc: ValidationError) -> str:
    """One line for the first validation problem of an input line."""
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"])
    if error["type"] == "json_invalid":
        return f"invalid JSON ({error['ctx'].get('error', error['msg'])})"
    if error["type"] == "model_type":
        return "expected a JSON object"
    if error["type"] == "missing":
        return f"missing field {field!r}"
    if field == "kind":
        return f"kind must be 'need' or 'offer', not {error.get('input')!r}"
    return f"{field}: {error['msg']}"


def _positive(text: str) -> int:
    """Argparse type for --top."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: list[str], *, network: Network | None = None) -> int:
    """Run the command; 0 on success, 2 on bad arguments, input or network file."""
    parser = argparse.ArgumentParser(
        prog="python -m bot match",
        description="Match needs and offers from a JSON-lines file; print JSON lines.",
    )
    parser.add_argument("--input", type=Path, required=True, help="posts, one JSON a line")
    parser.add_argument("--top", type=_positive, default=5, help="matches listed per post (5)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed usage or help
        return exc.code if isinstance(exc.code, int) else 2
    try:
        network = network if network is not None else load_network()
        vocabulary = network_vocabulary(network)
    except (NetworkConfigError, ConceptDataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    posts: list[MatchablePost] = []
    try:
        for post, warning in read_posts(args.input, network):
            if warning:
                print(warning, file=sys.stderr)
            posts.append(post)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"error: cannot read {args.input}: {reason}", file=sys.stderr)
        return 2
    index = build_index(network, vocabulary=vocabulary)
    index.add_many(posts)
    out = sys.stdout
    try:
        for post in posts:
            matches = [
                {"id": m.id, "score": round(m.score, 4), "alert": m.alert}
                for m in index.top(post, args.top)
            ]
            out.write(json.dumps({"id": post.id, "matches": matches}, ensure_ascii=False) + "\n")
        out.flush()
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error, and nothing more to say. Point
        # stdout at /dev/null so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
    return 0
