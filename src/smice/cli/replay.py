"""``smice replay JOURNAL [--at T]``: the arena a journal (SQLite or JSON Lines) describes."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from smice.cli._output import check_out
from smice.domain import Arena
from smice.errors import DocumentError, DocumentInvalid, EventRefused, InvalidValue
from smice.io import dump_arena, load_arena, save_arena
from smice.io._guard import MAX_YEAR, MIN_YEAR, decode_text, file_head, parse_json, read_file_bytes
from smice.io.events import load_event
from smice.io.journal import Journal
from smice.process import Event, replay

_SQLITE = b"SQLite format 3\x00"


def _moment(text: str | None) -> datetime | int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidValue("--at", "an RFC 3339 date and time or a version number", text) from None
    if moment.utcoffset() is None:
        raise InvalidValue("--at", "a date and time with a UTC offset", text)
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise InvalidValue("--at", f"a moment in the years {MIN_YEAR} to {MAX_YEAR}", text)
    return moment


def _jsonl(path: Path, at: datetime | int | None) -> Arena:
    events: list[Event] = []
    source = str(path)
    text = decode_text(read_file_bytes(path, "journal"), "journal", source)
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            event = load_event(parse_json(line, "event"))
        except DocumentInvalid as invalid:
            errors = [
                DocumentError(e.pointer, f"line {number}: {e.message}", e.keyword)
                for e in invalid.errors
            ]
            raise DocumentInvalid("journal", errors, str(path)) from None
        if isinstance(at, int) and len(events) >= at:
            break
        if isinstance(at, datetime) and event.at > at:
            break
        events.append(event)
    return replay(events)


def load_state(source: str, at: datetime | int | None = None) -> Arena:
    """The arena in *source*: an SQLite journal, a JSON Lines journal or an arena document."""
    path = Path(source)
    head = file_head(path, "journal")
    if head == _SQLITE:
        with Journal.open(path) as journal:
            return journal.state(at)
    if path.suffix == ".jsonl":
        return _jsonl(path, at)
    if at is not None:
        raise InvalidValue("--at", "a journal (an arena document has no history)", source)
    return load_arena(path)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``replay`` subcommand."""
    parser = commands.add_parser(
        "replay",
        help="replay a journal and print the arena it describes",
        description="Replay an SQLite or JSON Lines journal and print the arena document. "
        "Exit 1 when an event is refused, 2 on bad input.",
    )
    parser.add_argument("journal", help="an SQLite journal or a .jsonl file of events")
    parser.add_argument("--at", help="a moment (RFC 3339 with offset) or a number of events")
    parser.add_argument(
        "--out", "--output", "-o", dest="output", help="write the arena to this file instead"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Replay ``args.journal``; return the exit code."""
    if args.output:
        check_out(args.output)
    try:
        arena = load_state(args.journal, _moment(args.at))
    except EventRefused as refused:
        print(f"smice: {args.journal}: {refused}", file=sys.stderr)
        return 1
    if args.output:
        save_arena(arena, args.output)
        print(f"{args.output}: arena {arena.id!r}")
    else:
        print(json.dumps(dump_arena(arena), ensure_ascii=False, indent=2))
    return 0
