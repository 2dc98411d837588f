"""``smice rules lint|test|eval RULESET``: check a rule set, run its embedded tests, or
evaluate it on a facts file.

``lint`` prints one line per finding and a summary, and exits 1 when there is an error or a
warning (info lines alone exit 0); ``test`` prints each failing test and the coverage and
exits 1 when a test fails; ``eval`` prints the rules that fire on the facts with their
evidence and explanation, and those that do not with why not (exit 0 either way). Results go
to standard output (``--format json`` for machines); a rule set that cannot be read exits 2.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from smice.errors import InvalidValue, NotFound
from smice.io.rulesets import load_fact_catalogue, load_ruleset
from smice.policy import (
    Facts,
    NotFired,
    Recommendation,
    Severity,
    Trace,
    evaluate,
    explain,
    lint,
    run_tests,
)

__all__ = ["read_facts", "register", "run_eval", "run_lint", "run_test"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``rules`` subcommand with ``lint`` and ``test``."""
    parser = commands.add_parser(
        "rules",
        help="lint a rule set, run its embedded tests or evaluate it on facts",
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
    lint_parser.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    lint_parser.add_argument(
        "--json", action="store_const", const="json", dest="fmt", help="same as --format json"
    )
    lint_parser.set_defaults(run=run_lint)
    test_parser = actions.add_parser(
        "test",
        help="run the tests embedded in a rule set",
        description="Run the embedded tests of RULESET. Exit 1 when a test fails.",
    )
    test_parser.add_argument("ruleset", help="smice/default or a JSON file")
    test_parser.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    test_parser.set_defaults(run=run_test)
    eval_parser = actions.add_parser(
        "eval",
        help="evaluate a rule set on a facts file, with the explanation",
        description="Evaluate RULESET on FACTS (a JSON object of fact id to value, or to "
        '{"value": ..., "unit": ...}; an assessment written by smice assess --format json '
        "works too) and print the rules that fire with their evidence and explanation, and "
        "the others with why not and the smallest change that would fire them.",
    )
    eval_parser.add_argument("ruleset", help="smice/default or a JSON file")
    eval_parser.add_argument("facts", help="the facts (JSON)")
    eval_parser.add_argument("--rule", help="explain this rule only")
    eval_parser.add_argument("--lang", choices=("en", "nb", "sv"), default="en")
    eval_parser.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    eval_parser.set_defaults(run=run_eval)


def run_lint(args: argparse.Namespace) -> int:
    """Lint ``args.ruleset``; return the exit code."""
    ruleset = load_ruleset(args.ruleset)
    catalogue = load_fact_catalogue(args.facts) if args.facts else None
    findings = lint(ruleset, catalogue)
    for finding in findings:
        if args.fmt == "json":
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
    if args.fmt != "json":
        errors = sum(f.severity is Severity.ERROR for f in findings)
        print(
            f"{args.ruleset}: {errors} error(s), {len(serious) - errors} warning(s), "
            f"{len(findings) - len(serious)} note(s)"
        )
    return 1 if serious else 0


def run_test(args: argparse.Namespace) -> int:
    """Run the tests of ``args.ruleset``; return the exit code."""
    ruleset = load_ruleset(args.ruleset)
    report = run_tests(ruleset)
    if args.fmt == "json":
        document = {
            "ruleset": ruleset.id,
            "tests": report.tests,
            "failures": [str(failure) for failure in report.failures],
            "coverage": report.coverage,
            "never_fired": list(report.never_fired),
            "always_fired": list(report.always_fired),
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0 if report.passed else 1
    for failure in report.failures:
        print(f"{args.ruleset}: FAIL {failure}")
    passed = report.tests - len(report.failures)
    print(
        f"{args.ruleset}: {passed}/{report.tests} tests passed; "
        f"{report.coverage:.0%} of rules fired in some test"
        + (f" (never: {', '.join(report.never_fired)})" if report.never_fired else "")
    )
    return 0 if report.passed else 1


def read_facts(path: str) -> Facts:
    """The facts of a JSON file: fact id → value, fact id → ``{"value", "unit"}``, or an
    assessment document (its ``facts``).

    .. versionadded:: 0.2.0
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound("facts file", path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidValue(path, "a readable UTF-8 JSON file", type(error).__name__) from None
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise InvalidValue(path, "a JSON object of facts", text[:40]) from None
    if isinstance(document, dict) and isinstance(document.get("facts"), dict):
        document = document["facts"]
    if not isinstance(document, dict):
        raise InvalidValue(path, "a JSON object of facts", document)
    values: dict[str, object] = {}
    units: dict[str, str] = {}
    for key, item in document.items():
        if isinstance(item, dict):
            values[key] = item.get("value")
            units[key] = str(item.get("unit", ""))
        else:
            values[key] = item
    return Facts.from_values(values, units=units)


def _trace(trace: Trace) -> dict[str, Any]:
    document: dict[str, Any] = {"text": trace.text, "result": trace.result}
    if trace.values:
        document["values"] = dict(sorted(trace.values.items()))
    if trace.children:
        document["children"] = [_trace(child) for child in trace.children]
    return document


def _outcome(outcome: Recommendation | NotFired, language: str) -> dict[str, Any]:
    document: dict[str, Any] = {
        "rule_id": outcome.rule_id,
        "priority": outcome.priority,
        "fired": isinstance(outcome, Recommendation),
        "evidence": dict(outcome.evidence.items()),
        "thresholds": [str(t) for t in outcome.thresholds],
    }
    if isinstance(outcome, Recommendation):
        document["title"] = outcome.title.get(language) or outcome.title.get("en", "")
        document["text"] = outcome.text.get(language) or outcome.text.get("en", "")
    else:
        document["reason"] = str(outcome.reason)
        document["failing"] = list(outcome.failing)
        document["missing"] = list(outcome.missing)
        document["smallest_change"] = str(outcome.changes[0]) if outcome.changes else None
    document["explanation"] = _trace(outcome.explanation)
    return document


def _finite(value: object) -> object:
    """JSON has no NaN or infinity: such evidence reads as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def run_eval(args: argparse.Namespace) -> int:
    """Evaluate ``args.ruleset`` on ``args.facts``; return the exit code (0)."""
    ruleset = load_ruleset(args.ruleset)
    facts = read_facts(args.facts)
    outcomes: tuple[Recommendation | NotFired, ...]
    if args.rule:
        outcomes = (explain(ruleset, facts, args.rule),)
    else:
        evaluation = evaluate(ruleset, facts)
        outcomes = (*evaluation.recommendations, *evaluation.not_fired)
    fired = [o for o in outcomes if isinstance(o, Recommendation)]
    if args.fmt == "json":
        document = {
            "ruleset": {"id": ruleset.id, "version": ruleset.version},
            "facts": args.facts,
            "fired": [o.rule_id for o in fired],
            "rules": [_outcome(o, args.lang) for o in outcomes],
        }
        print(json.dumps(_finite(document), ensure_ascii=False, indent=2))
        return 0
    for outcome in outcomes:
        print(outcome.describe(args.lang))
        print()
    print(
        f"{args.ruleset} on {args.facts}: {len(fired)} of {len(outcomes)} rule(s) fired"
        + (f" ({', '.join(o.rule_id for o in fired)})" if fired else "")
    )
    return 0
