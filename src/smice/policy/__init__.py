"""Policy rules: a safe expression language over facts, rule sets, evaluation with
explanations, lint and embedded tests.

Rules see only facts (:class:`Facts`), never arenas. Rule-set documents are read by
:func:`smice.io.load_ruleset` (JSON Schema validation lives in :mod:`smice.io`).

.. versionadded:: 0.1.0
"""

from smice.policy.conditions import FactValue, Threshold, facts_of, to_text
from smice.policy.errors import RuleSyntaxError
from smice.policy.evaluate import (
    Change,
    Evaluation,
    NotFired,
    Reason,
    Recommendation,
    Trace,
    evaluate,
    explain,
    fired,
)
from smice.policy.facts import (
    UNITS,
    Catalogue,
    Fact,
    Facts,
    FactSpec,
    Unit,
    default_facts,
    fact_specs,
)
from smice.policy.lint import Finding, Severity, lint
from smice.policy.parser import parse
from smice.policy.rules import Rule, RuleSet, RuleTest
from smice.policy.testing import TestFailure, TestReport, run_tests

__all__ = [
    "UNITS",
    "Catalogue",
    "Change",
    "Evaluation",
    "Fact",
    "FactSpec",
    "FactValue",
    "Facts",
    "Finding",
    "NotFired",
    "Reason",
    "Recommendation",
    "Rule",
    "RuleSet",
    "RuleSyntaxError",
    "RuleTest",
    "Severity",
    "TestFailure",
    "TestReport",
    "Threshold",
    "Trace",
    "Unit",
    "default_facts",
    "evaluate",
    "explain",
    "fact_specs",
    "facts_of",
    "fired",
    "lint",
    "parse",
    "run_tests",
    "to_text",
]
