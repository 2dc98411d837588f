"""``smice explain FILE RULE``: why one rule fired or did not, on the arena in ``FILE``.

Prints the rule's outcome, its evidence and thresholds, its explanation tree and, when it did
not fire, the smallest change of one fact that would make it fire. Exit codes: 0 when the
explanation was printed (fired or not), 1 when a journal's event is refused, 2 on bad input
(an unknown rule included).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import json
import sys

from smice.cli.assess import load_source, parse_day, write_output
from smice.domain import Language
from smice.errors import EventRefused
from smice.policy import Recommendation
from smice.policy.texts import localise_condition, phrase
from smice.report.assess import assess
from smice.report.text import pick, words

__all__ = ["register", "run"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``explain`` subcommand."""
    parser = commands.add_parser(
        "explain",
        help="explain why a rule fired or did not",
        description="Assess an arena (or the arena a journal describes) and explain one "
        "rule: its evidence, thresholds and explanation tree, and the smallest change that "
        "would make it fire. Exit 0 when explained, 1 when a journal's event is refused, "
        "2 on bad input.",
    )
    parser.add_argument("file", help="an arena document, a .jsonl journal or an SQLite journal")
    parser.add_argument("rule", help="the rule id, e.g. P1")
    parser.add_argument(
        "--rules", default="smice/default", help="a bundled rule set or a rule-set file"
    )
    parser.add_argument("--lang", choices=[str(lang) for lang in Language], default="en")
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    parser.add_argument("--at", help="the day to assess (YYYY-MM-DD)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Explain ``args.rule`` on ``args.file``; return the exit code."""
    at = parse_day(args.at)
    try:
        arena = load_source(args.file, at)
    except EventRefused as refused:
        print(f"smice: {args.file}: {refused}", file=sys.stderr)
        return 1
    assessment = assess(arena, args.rules, at=at)
    outcome = assessment.explain(args.rule)
    if args.fmt == "json":
        document = assessment.to_json()
        items = [*document["recommendations"], *document["not_fired"]]
        found = next(item for item in items if item["rule_id"] == args.rule)
        found = {"fired": isinstance(outcome, Recommendation), **found}
        write_output(json.dumps(found, ensure_ascii=False, indent=2), None)
        return 0
    rule = assessment.ruleset.rule(args.rule)
    lang = str(args.lang)
    lines = [
        f"{args.rule}: {pick(rule.title, lang)}",
        f"  {phrase('when', lang)}: {localise_condition(rule.when, lang)}",
    ]
    if rule.min_evidence:
        needed = ", ".join(
            f"{fact} >= {value if isinstance(value, str) else format(value, 'g')}"
            for fact, value in rule.min_evidence.items()
        )
        lines.append(f"  {phrase('evidence', lang)}: {localise_condition(needed, lang)}")
    lines.append(outcome.describe(args.lang))
    rationale = pick(rule.rationale, args.lang)
    if rationale:
        lines.append(f"  {words(args.lang)['rationale'].lower()}: {rationale}")
    write_output("\n".join(lines), None)
    return 0
