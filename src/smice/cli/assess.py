"""``smice assess FILE``: measure an arena, evaluate a rule set, and report the
recommendations with their evidence as text, JSON or a self-contained HTML page.

``FILE`` is an arena document (``.json``), a JSON Lines journal (``.jsonl``) or an SQLite
journal. Exit codes: 0 when the assessment ran (whether or not rules fired), 1 when a
journal's event is refused, 2 on bad input.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

from smice.cli._output import check_out, write_output
from smice.cli.replay import load_state
from smice.domain import Arena, Language
from smice.errors import DocumentInvalid, EventRefused, InvalidValue
from smice.io._guard import MAX_YEAR, MIN_YEAR, file_head
from smice.report.assess import Assessment, assess
from smice.report.html import render_html
from smice.report.text import render_text

__all__ = ["is_journal", "load_source", "parse_day", "register", "run", "write_output"]

_SQLITE = b"SQLite format 3\x00"
FORMATS = ("text", "json", "html")


def parse_day(text: str | None) -> date | None:
    """``--at``: an ISO date (``2020-06-30``), or ``None``.

    Examples
    --------
    >>> parse_day("2020-06-30")
    datetime.date(2020, 6, 30)

    .. versionadded:: 0.1.0
    """
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidValue("--at", "a date such as 2020-06-30", text) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InvalidValue("--at", f"a date in the years {MIN_YEAR} to {MAX_YEAR}", text)
    return day


def is_journal(path: Path) -> bool:
    """Whether *path* is a journal (SQLite, or a ``.jsonl`` file) rather than an arena."""
    if path.suffix == ".jsonl":
        return True
    try:
        return file_head(path, "journal") == _SQLITE
    except DocumentInvalid:
        return False


def load_source(source: str, at: date | None = None) -> Arena:
    """The arena in *source* (an arena document or a journal); for a journal and a day *at*,
    the arena as it stood at the end of that day (UTC).

    .. versionadded:: 0.1.0
    """
    if at is not None and is_journal(Path(source)):
        return load_state(source, datetime.combine(at, time.max, tzinfo=UTC))
    return load_state(source)


def render(arena: Arena, assessment: Assessment, fmt: str, language: str) -> str:
    """The assessment in format *fmt* (``text``, ``json`` or ``html``)."""
    if fmt == "json":
        return json.dumps(assessment.to_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return render_html(arena, assessment, language=language)
    return render_text(assessment, language=language)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``assess`` subcommand."""
    parser = commands.add_parser(
        "assess",
        help="measure an arena and recommend policy instruments",
        description="Compute the indicators of an arena (or of the arena a journal "
        "describes), evaluate a rule set on them and print the recommendations with their "
        "evidence. Exit 0 when the assessment ran, 1 when a journal's event is refused, "
        "2 on bad input.",
    )
    parser.add_argument("file", help="an arena document, a .jsonl journal or an SQLite journal")
    parser.add_argument(
        "--rules", default="smice/default", help="a bundled rule set or a rule-set file"
    )
    parser.add_argument("--lang", choices=[str(lang) for lang in Language], default="en")
    parser.add_argument("--format", choices=FORMATS, default="text", dest="fmt")
    parser.add_argument("--at", help="the day to assess (YYYY-MM-DD)")
    parser.add_argument("--out", "-o", help="write to this file instead of standard output")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Assess ``args.file``; return the exit code."""
    at = parse_day(args.at)
    if args.out is not None:
        check_out(args.out)
    try:
        arena = load_source(args.file, at)
    except EventRefused as refused:
        print(f"smice: {args.file}: {refused}", file=sys.stderr)
        return 1
    assessment = assess(arena, args.rules, at=at)
    write_output(render(arena, assessment, args.fmt, args.lang), args.out)
    return 0
