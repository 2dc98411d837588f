"""``smice demo [SOURCE]``: the main job end to end on the example arena.

Replays the example journal (or reads an arena document), summarises the arena, measures and
assesses it with the default rule set, prints the key indicators and the recommendations with
their evidence, and writes a self-contained HTML report.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from time import perf_counter
from typing import Final

from smice.cli._output import check_out, write_output
from smice.cli.assess import is_journal, load_source
from smice.domain import Language
from smice.errors import EventRefused, NotFound
from smice.io._guard import read_file_bytes
from smice.io.journal import Journal
from smice.report import summarize
from smice.report.assess import assess
from smice.report.html import render_html
from smice.report.text import render_text

#: The example journal and arena, relative to the repository root.
JOURNAL: Final = Path("examples/journals/jamtland-trondelag.jsonl")
EXAMPLE: Final = Path("examples/arenas/jamtland-trondelag.json")
#: Where the HTML report goes by default.
REPORT: Final = Path("out/report.html")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` subcommand."""
    parser = commands.add_parser(
        "demo",
        help="replay the example journal, assess the arena and write an HTML report",
        description="Replay a journal (the Jämtland–Trøndelag example by default) or read an "
        "arena document, print a summary, the key indicators and the recommendations with "
        "their evidence, and write a self-contained HTML report.",
    )
    parser.add_argument(
        "source", nargs="?", type=Path, default=None, help="a journal or an arena file"
    )
    parser.add_argument("--lang", choices=[str(lang) for lang in Language], default="en")
    parser.add_argument("--rules", default="smice/default", help="the rule set to evaluate")
    parser.add_argument("--out", "-o", type=Path, default=REPORT, help="the HTML report")
    parser.set_defaults(run=run)


def _source(given: Path | None) -> Path:
    if given is not None:
        if not given.exists():
            raise NotFound("journal or arena file", str(given))
        return given
    if JOURNAL.exists():
        return JOURNAL
    if EXAMPLE.exists():
        print(
            f"note: {JOURNAL} is not there; reading the arena document {EXAMPLE} instead",
            file=sys.stderr,
        )
        return EXAMPLE
    raise NotFound(
        f"example journal or arena in {str(Path.cwd())!r} (run 'smice demo' from the "
        "repository root, or name a journal or arena file)",
        f"{JOURNAL} or {EXAMPLE}",
    )


def _count_events(journal: Path) -> int:
    """How many events *journal* (a JSON Lines file, one event a line, or SQLite) holds."""
    if journal.suffix == ".jsonl":
        return len(read_file_bytes(journal, "journal").splitlines())
    with Journal.open(journal) as opened:
        return opened.version


def run(args: argparse.Namespace) -> int:
    """Replay or load, summarise, assess, print and write the report."""
    source = _source(args.source)
    out: Path = args.out
    if out != REPORT:
        check_out(out)
    started = perf_counter()
    try:
        arena = load_source(str(source))
    except EventRefused as refused:
        print(f"smice: {source}: {refused}", file=sys.stderr)
        return 1
    loaded = perf_counter() - started
    if is_journal(source):
        count = _count_events(source)
        how = f"replayed {count} event{'s' if count != 1 else ''} of the journal {source}"
    else:
        how = f"read the arena document {source}"
    started = perf_counter()
    assessment = assess(arena, args.rules)
    assessed = perf_counter() - started
    print(f"{how} in {loaded:.2f} s; assessed in {assessed:.2f} s")
    print()
    print(summarize(arena, language=args.lang, today=assessment.at))
    print()
    print(render_text(assessment, language=args.lang), end="")
    html = render_html(arena, assessment, language=args.lang)
    write_output(html, out, make_folder=out == REPORT)
    print(f"\nreport: {out} (self-contained; open it in a browser)")
    return 0
