"""``smice network FILE``: the stakeholder network of an arena (a document or a journal),
measured, exported, and contacts suggested; as text or, with ``--format json``, as one JSON
document."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from datetime import date

from smice.cli._output import check_out
from smice.cli.assess import load_source
from smice.errors import InvalidValue
from smice.io._files import storage_error
from smice.io._guard import MAX_YEAR, MIN_YEAR
from smice.network import (
    arena_metrics,
    flow_graph,
    organisation_graph,
    suggest_contacts,
    to_graph,
    write_gexf,
    write_graphml,
    write_json,
)

__all__ = ["register", "run"]

_WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "json": write_json}


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            f"expected a date in the years {MIN_YEAR} to {MAX_YEAR}, got {text!r}"
        )
    return day


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}")
    return value


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``network`` subcommand."""
    parser = commands.add_parser(
        "network",
        help="measure, export and suggest contacts in an arena's stakeholder network",
        description="Build the stakeholder network of an arena on a day and print its "
        "metrics (the default), export it, or suggest contacts that bridge helices or the "
        "border. Persons without consent to network analysis are left out.",
    )
    parser.add_argument("file", help="an arena document, a .jsonl journal or an SQLite journal")
    parser.add_argument(
        "--at", type=_day, help="the day to look at, YYYY-MM-DD (default: all ties)"
    )
    parser.add_argument("--metrics", action="store_true", help="print the network report")
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    parser.add_argument(
        "--export",
        nargs=2,
        metavar=("FORMAT", "OUT"),
        help="write the graph as graphml, gexf (with time intervals) or json to OUT",
    )
    parser.add_argument("--suggest", type=_count, metavar="K", help="print K contact suggestions")
    parser.add_argument(
        "--persons",
        action="store_true",
        help="measure persons as nodes (default: persons folded into their employers)",
    )
    parser.add_argument(
        "--pseudonymise",
        action="store_true",
        help="export with keyed-hash pseudonyms; the key is read from --key-env",
    )
    parser.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="ATTR",
        help="with --pseudonymise, also keep this node or edge attribute (repeatable; e.g. "
        "role); by default persons keep only helix and country",
    )
    parser.add_argument(
        "--key-env",
        default="SMICE_PSEUDONYM_KEY",
        metavar="VAR",
        help="environment variable holding the pseudonymisation key "
        "(default: SMICE_PSEUDONYM_KEY)",
    )
    parser.set_defaults(run=run)


def _format(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    return f"{value:g}" if value == int(value) else f"{value:.4f}"


def run(args: argparse.Namespace) -> int:
    """Run ``smice network``; return the exit code."""
    if args.export is not None:
        if args.export[0] not in _WRITERS:
            raise InvalidValue("--export FORMAT", "one of graphml, gexf, json", args.export[0])
        check_out(args.export[1])
    arena = load_source(args.file, args.at)
    G = to_graph(arena, at=args.at)
    measured = G if args.persons else organisation_graph(G)
    document: dict[str, object] = {"arena": arena.id, "at": args.at and args.at.isoformat()}
    lines: list[str] = []
    if args.export is not None:
        fmt, out = args.export
        key = os.environ.get(args.key_env) if args.pseudonymise else None
        if args.pseudonymise and not key:
            raise InvalidValue(f"environment variable {args.key_env}", "a secret key", None)
        try:
            _WRITERS[fmt](G, out, pseudonymise=args.pseudonymise, key=key, keep=args.keep)
        except OSError as error:
            raise storage_error("write", out, error) from None
        nodes, ties = G.number_of_nodes(), G.number_of_edges()
        lines.append(f"{out}: wrote {fmt} ({nodes} nodes, {ties} ties)")
        document["export"] = {"format": fmt, "out": out, "nodes": nodes, "ties": ties}
    if args.metrics or (args.export is None and args.suggest is None):
        samples = 500 if measured.number_of_nodes() > 5000 else None
        report = arena_metrics(
            measured, flows=flow_graph(arena, at=args.at), betweenness_samples=samples
        )
        lines += [f"{name}: {_format(value)}" for name, value in report.items()]
        document["metrics"] = {
            name: None if math.isnan(value) else value for name, value in report.items()
        }
    if args.suggest is not None:
        suggestions = suggest_contacts(
            measured, k=args.suggest, flows=flow_graph(arena, at=args.at)
        )
        if not suggestions:
            lines.append(
                "no suggestion: no untied pair with shared contacts or complementary resources"
            )
        lines += [
            f"{rank}. {item.source} — {item.target} (score {item.score:.3f}): "
            + "; ".join(item.reasons)
            for rank, item in enumerate(suggestions, 1)
        ]
        document["suggestions"] = [
            {
                "source": str(item.source),
                "target": str(item.target),
                "score": item.score,
                "reasons": list(item.reasons),
            }
            for item in suggestions
        ]
    if args.fmt == "json":
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print("\n".join(lines))
    sys.stdout.flush()
    return 0
