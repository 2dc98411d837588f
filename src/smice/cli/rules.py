"""``smice rules lint|test RULESET``: check a rule set, or run its embedded tests.

``lint`` prints one line per finding and exits 1 when there is an error or a warning (info
lines alone exit 0); ``test`` prints each failing test and the coverage and exits 1 when a
test fails. A rule set that cannot be read exits 2.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import json
import sys

from smice.io.rulesets import load_fact_catalogue, load_ruleset
from smice.policy import Severity, lint, run_tests

__all__ = ["register", "run_lint", "run_test"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``rules`` subcommand with ``lint`` and ``test``."""
    parser = commands.add_parser(
        "rules",
        help="lint a rule set or run its embedded tests",
        description="Quality tools for policy rule sets.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))
    actions.required = True
    lint_parser = actions.add_parser(
        "lint",
        help="report unknown facts, unit mismatches, constant conditions, shadowed rules",
        description="Lint RULESET (a bundled reference such as smice/default, or a file). "
        "Exit 1 when there are errors or warnings.",
    )
    lint_parser.add_argument("ruleset", help="smice/default or a JSON file")
    lint_parser.add_argument(
        "--facts",
        metavar="FILE",
        help="a fact catalogue (JSON, like smice/policy/default_facts.json); "
        "default: the facts of the default rule set",
    )
    lint_parser.add_argument("--json", action="store_true", help="print findings as JSON lines")
    lint_parser.set_defaults(run=run_lint)
    test_parser = actions.add_parser(
        "test",
        help="run the tests embedded in a rule set",
        description="Run the embedded tests of RULESET. Exit 1 when a test fails.",
    )
    test_parser.add_argument("ruleset", help="smice/default or a JSON file")
    test_parser.set_defaults(run=run_test)


def run_lint(args: argparse.Namespace) -> int:
    """Lint ``args.ruleset``; return the exit code."""
    ruleset = load_ruleset(args.ruleset)
    catalogue = load_fact_catalogue(args.facts) if args.facts else None
    findings = lint(ruleset, catalogue)
    for finding in findings:
        if args.json:
            print(
                json.dumps(
                    {
                        "severity": finding.severity.value,
                        "code": finding.code,
                        "rule": finding.rule_id,
                        "pointer": finding.pointer,
                        "message": finding.message,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(f"{args.ruleset}: {finding}")
    serious = [f for f in findings if f.severity is not Severity.INFO]
    if not args.json:
        errors = sum(f.severity is Severity.ERROR for f in findings)
        print(
            f"{args.ruleset}: {errors} error(s), {len(serious) - errors} warning(s), "
            f"{len(findings) - len(serious)} note(s)",
            file=sys.stderr,
        )
    return 1 if serious else 0


def run_test(args: argparse.Namespace) -> int:
    """Run the tests of ``args.ruleset``; return the exit code."""
    ruleset = load_ruleset(args.ruleset)
    report = run_tests(ruleset)
    for failure in report.failures:
        print(f"{args.ruleset}: FAIL {failure}")
    passed = report.tests - len(report.failures)
    print(
        f"{args.ruleset}: {passed}/{report.tests} tests passed; "
        f"{report.coverage:.0%} of rules fired in some test"
        + (f" (never: {', '.join(report.never_fired)})" if report.never_fired else "")
    )
    return 0 if report.passed else 1
