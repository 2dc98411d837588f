"""``smice validate FILE [--kind K]``: check a document against its schema and the domain."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from smice.errors import DocumentInvalid, InvalidDefinition
from smice.io import KINDS, load_arena, load_ruleset, load_template, validate
from smice.io._guard import read_json_file


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` subcommand."""
    parser = commands.add_parser(
        "validate",
        help="check a document (arena, template, event, rule set, experiment)",
        description="Check a JSON document. Exit 0 when valid; exit 2 with one line per "
        "error, each with its JSON pointer, otherwise.",
    )
    parser.add_argument("file", help="the JSON document")
    parser.add_argument(
        "--kind",
        choices=KINDS,
        help="the kind of document (default: read from its 'smice' member, else arena)",
    )
    parser.set_defaults(run=run)


def _kind_of(document: Any) -> str:
    if isinstance(document, dict) and isinstance(document.get("smice"), str):
        kind: str = document["smice"].split("/")[0]
        if kind in KINDS:
            return kind
    return "arena"


def run(args: argparse.Namespace) -> int:
    """Validate ``args.file``; print every error; return the exit code."""
    try:
        document = read_json_file(args.file, args.kind or "document")
        kind = args.kind or _kind_of(document)
        if kind == "arena":
            load_arena(args.file)
        elif kind == "template":
            load_template(args.file)
        elif kind == "ruleset":
            load_ruleset(args.file)
        else:
            validate(document, kind, source=args.file)
    except DocumentInvalid as invalid:
        for error in invalid.errors:
            print(f"{args.file}: {error.pointer or '/'}: {error.message}", file=sys.stderr)
        return 2
    except InvalidDefinition as invalid:
        for problem in invalid.problems:
            print(f"{args.file}: {problem}", file=sys.stderr)
        return 2
    print(f"{args.file}: valid {kind}")
    return 0
