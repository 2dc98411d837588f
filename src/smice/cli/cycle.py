"""``smice cycle status JOURNAL_OR_ARENA CYCLE``: a cycle's exit report as a table."""

from __future__ import annotations

import argparse
import json

from smice.cli.replay import _moment, load_state
from smice.io import bundled_templates, load_template
from smice.process import allowed_events, exit_report


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``cycle`` subcommand (with ``status``)."""
    parser = commands.add_parser("cycle", help="inspect an AI cycle")
    actions = parser.add_subparsers(dest="cycle_command", metavar="ACTION")
    actions.required = True
    status = actions.add_parser(
        "status",
        help="the exit report of a cycle's current phase",
        description="Print the cycle's phase and the exit criteria of that phase as a table. "
        "Exit 0 when every criterion passes, 1 when some fail, 2 on bad input.",
    )
    status.add_argument("source", help="an SQLite or JSON Lines journal, or an arena document")
    status.add_argument("cycle", help="the cycle's id")
    status.add_argument("--at", help="a moment (RFC 3339 with offset) or a number of events")
    status.add_argument("--template", help="the arena's template (default: the one it names)")
    status.add_argument(
        "--lang", "--language", choices=("en", "nb", "sv"), default="en", dest="lang"
    )
    status.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    status.set_defaults(run=run)


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the exit report; return 0 when every criterion passes, 1 otherwise."""
    arena = load_state(args.source, _moment(args.at))
    ref = args.template or arena.template
    template = load_template(ref) if (args.template or ref in bundled_templates()) else None
    cycle = arena.cycle(args.cycle)
    report = exit_report(arena, cycle.id, template=template, language=args.lang)
    allowed = allowed_events(arena, cycle.id, template=template)
    if args.fmt == "json":
        document = {
            "cycle": cycle.id,
            "variant": str(cycle.variant),
            "phase": cycle.phase,
            "status": str(cycle.status),
            "criteria": [
                {
                    "criterion": r.criterion,
                    "passed": r.passed,
                    "expected": r.expected,
                    "actual": r.actual,
                    "message": r.message,
                }
                for r in report
            ],
            "allowed": list(allowed),
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0 if all(r.passed for r in report) else 1
    print(f"cycle {cycle.id!r} ({cycle.variant}): phase {cycle.phase!r}, {cycle.status}")
    rows: list[tuple[str, ...]] = [("criterion", "ok", "expected", "actual", "message")]
    rows += [
        (r.criterion, "yes" if r.passed else "NO", str(r.expected), str(r.actual), r.message)
        for r in report
    ]
    print(_table(rows))
    print("allowed now: " + ", ".join(allowed))
    return 0 if all(r.passed for r in report) else 1
