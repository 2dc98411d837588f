"""``smice validate FILE [--kind K]``: check a document against its schema and the domain."""

from __future__ import annotations

import argparse
import json
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
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        dest="fmt",
        help="json: one document on standard output with the verdict and every error",
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
        errors = [{"pointer": e.pointer, "message": e.message} for e in invalid.errors]
        return _report(args, args.kind or invalid.kind, errors)
    except InvalidDefinition as invalid:
        return _report(args, args.kind or "template", [{"message": p} for p in invalid.problems])
    return _report(args, kind, [])


def _report(args: argparse.Namespace, kind: str, errors: list[dict[str, str]]) -> int:
    """Print the verdict (text: errors on stderr, one a line) and return the exit code."""
    if args.fmt == "json":
        document = {"file": args.file, "kind": kind, "valid": not errors, "errors": errors}
        print(json.dumps(document, ensure_ascii=False, indent=2))
    elif errors:
        for error in errors:
            where = f"{error['pointer'] or '/'}: " if "pointer" in error else ""
            print(f"{args.file}: {where}{error['message']}", file=sys.stderr)
    else:
        print(f"{args.file}: valid {kind}")
    return 2 if errors else 0
