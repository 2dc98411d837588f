"""Checking a rule set for mistakes before it meets real facts.

Findings (each with a severity, a code, the rule and a pointer into the rule-set document):

========================  ========  ==========================================================
code                      severity  meaning
========================  ========  ==========================================================
``duplicate-id``          error     two rules share an id
``unknown-fact``          error     a condition, evidence requirement or text cites a fact the
                                    catalogue does not list
``unit-mismatch``         error     a comparison or sum mixes units (a share with a count)
``kind-mismatch``         error     a boolean or category used as a number, or the reverse
``never-fires``           error     interval reasoning shows the condition is always false
``always-true``           warning   the whole condition is always true (when its facts exist)
``constant-part``         warning   a part of the condition is always true or always false
``shadowed``              warning   an exclusive higher-priority rule fires whenever this one
                                    would, so this one is never recommended
``missing-translation``   warning   a title or text lacks ``en``, ``nb`` or ``sv``
``weak-evidence``         warning   an evidence requirement reads a fact that is not a count
                                    or a duration
``test-unknown-rule``     error     a test expects a rule the set does not have
``test-unknown-fact``     warning   a test gives a fact the catalogue does not list
``no-evidence``           info      the rule has no evidence requirement
``no-references``         info      the rule cites no references
``untested``              info      no test makes the rule fire, or none makes it not fire
========================  ========  ==========================================================

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Final

import attrs

from smice.policy._reasoning import Bounds, box_within, boxes, static
from smice.policy.conditions import (
    OPERATORS,
    AllOf,
    AnyOf,
    Arith,
    Compare,
    Condition,
    Const,
    Fact,
    In,
    IsMissing,
    Neg,
    Not,
    Value,
    facts_of,
    to_text,
)
from smice.policy.facts import Catalogue, FactSpec, default_facts
from smice.policy.rules import Rule, RuleSet
from smice.policy.testing import run_tests

__all__ = ["Finding", "Severity", "lint"]

_LANGUAGES: Final = ("en", "nb", "sv")
_EVIDENCE_UNITS: Final = frozenset({"count", "months", "days"})


class Severity(StrEnum):
    """How serious a lint finding is.

    .. versionadded:: 0.1.0
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Finding:
    """One lint finding.

    .. versionadded:: 0.1.0
    """

    severity: Severity
    code: str
    rule_id: str | None
    message: str
    pointer: str = ""

    def __str__(self) -> str:
        where = f"{self.pointer}: " if self.pointer else ""
        return f"{self.severity.value}: {where}{self.message} [{self.code}]"


class _Checker:
    def __init__(self, ruleset: RuleSet, catalogue: Catalogue) -> None:
        self.ruleset = ruleset
        self.catalogue = catalogue
        self.findings: list[Finding] = []

    def add(
        self, severity: Severity, code: str, rule: Rule | None, message: str, pointer: str
    ) -> None:
        rule_id = rule.id if rule is not None else None
        self.findings.append(Finding(severity, code, rule_id, message, pointer))

    def bounds(self, fact: str) -> tuple[float, float]:
        spec = self.catalogue.get(fact)
        if spec is None or spec.kind != "number":
            return (-float("inf"), float("inf"))
        return spec.bounds

    def spec(self, fact: str) -> FactSpec | None:
        return self.catalogue.get(fact)

    # -- units and kinds ---------------------------------------------------------------------

    def unit_of(  # noqa: PLR0911
        self, node: Value, rule: Rule, where: str
    ) -> tuple[str, str] | None:
        """(kind, unit) of a value node; ``None`` for a constant number or unknown."""
        if isinstance(node, Fact):
            spec = self.spec(node.id)
            return None if spec is None else (spec.kind, spec.unit)
        if isinstance(node, Const):
            if isinstance(node.value, bool):
                return ("boolean", "boolean")
            if isinstance(node.value, str):
                return ("category", "")
            return None
        if isinstance(node, Neg):
            inner = self.unit_of(node.operand, rule, where)
            self.need_number(inner, node.operand, rule, where)
            return inner
        left = self.unit_of(node.left, rule, where)
        right = self.unit_of(node.right, rule, where)
        self.need_number(left, node.left, rule, where)
        self.need_number(right, node.right, rule, where)
        if node.op in ("+", "-"):
            if left and right and left[1] != right[1]:
                self.add(
                    Severity.ERROR,
                    "unit-mismatch",
                    rule,
                    f"'{to_text(node)}' adds or subtracts a {left[1]} and a {right[1]}",
                    where,
                )
            return left or right
        if left is None or right is None:
            return left or right
        if node.op == "/" and left[1] == right[1]:
            return ("number", "ratio of like units")
        return ("number", f"{left[1]} {node.op} {right[1]}")

    def need_number(
        self, kind: tuple[str, str] | None, node: Value, rule: Rule, where: str
    ) -> None:
        if kind is not None and kind[0] != "number":
            self.add(
                Severity.ERROR,
                "kind-mismatch",
                rule,
                f"'{to_text(node)}' is a {kind[0]}, used in arithmetic",
                where,
            )

    def check_units(self, node: Condition, rule: Rule, where: str) -> None:  # noqa: PLR0912
        if isinstance(node, AllOf | AnyOf):
            for item in node.items:
                self.check_units(item, rule, where)
        elif isinstance(node, Not):
            self.check_units(node.item, rule, where)
        elif isinstance(node, Compare):
            left = self.unit_of(node.left, rule, where)
            right = self.unit_of(node.right, rule, where)
            text = to_text(node)
            if OPERATORS[node.op].kind == "order":
                for side, kind in ((node.left, left), (node.right, right)):
                    self.need_number(kind, side, rule, where)
            if left and right:
                if left[0] != right[0]:
                    self.add(
                        Severity.ERROR,
                        "kind-mismatch",
                        rule,
                        f"'{text}' compares a {left[0]} with a {right[0]}",
                        where,
                    )
                elif left[0] == "number" and left[1] != right[1]:
                    self.add(
                        Severity.ERROR,
                        "unit-mismatch",
                        rule,
                        f"'{text}' compares a {left[1]} with a {right[1]}",
                        where,
                    )
            elif left is not None or right is not None:
                known, other = (left, node.right) if left is not None else (right, node.left)
                assert known is not None
                if known[0] in ("boolean", "category") and isinstance(other, Const | Arith | Neg):
                    self.add(
                        Severity.ERROR,
                        "kind-mismatch",
                        rule,
                        f"'{text}' compares a {known[0]} with a number",
                        where,
                    )
        elif isinstance(node, In):
            kind = self.unit_of(node.operand, rule, where)
            for option in node.options:
                option_kind = self.unit_of(option, rule, where)
                mine = option_kind[0] if option_kind else "number"
                if kind is not None and kind[0] != mine:
                    self.add(
                        Severity.ERROR,
                        "kind-mismatch",
                        rule,
                        f"'{to_text(node)}' lists a {mine} for a {kind[0]}",
                        where,
                    )
                    break

    # -- interval reasoning -----------------------------------------------------------------

    def check_constant(self, rule: Rule, where: str) -> None:
        bounds: Bounds = self.bounds
        whole = static(rule.condition, bounds)
        if whole is False:
            self.add(
                Severity.ERROR,
                "never-fires",
                rule,
                f"the condition '{rule.when}' is always false for facts within their units",
                where,
            )
            return
        if whole is True:
            self.add(
                Severity.WARNING,
                "always-true",
                rule,
                f"the condition '{rule.when}' is always true whenever its facts are present",
                where,
            )
            return
        for part in _constant_parts(rule.condition, bounds):
            value, node = part
            self.add(
                Severity.WARNING,
                "constant-part",
                rule,
                f"the part '{to_text(node)}' is always {'true' if value else 'false'} "
                + _ranges(node, self.catalogue),
                where,
            )

    def check_shadowing(self) -> None:
        ordered = self.ruleset.ordered
        for index, rule in enumerate(ordered):
            if rule.exclusive_group is None:
                continue
            mine = boxes(rule.full_condition, self.bounds)
            if mine is None:
                continue
            for earlier in ordered[:index]:
                if earlier.exclusive_group != rule.exclusive_group or earlier.id == rule.id:
                    continue
                theirs = boxes(earlier.full_condition, self.bounds)
                if theirs is None:
                    continue
                if all(any(box_within(b, t, self.bounds) for t in theirs) for b in mine):
                    self.add(
                        Severity.WARNING,
                        "shadowed",
                        rule,
                        f"rule {rule.id!r} is never recommended: {earlier.id!r} comes first in "
                        f"exclusive group {rule.exclusive_group!r} and fires whenever it would",
                        self.pointer(rule, "exclusive_group"),
                    )
                    break

    # -- one rule ------------------------------------------------------------------------------

    def pointer(self, rule: Rule, *path: str) -> str:
        index = next(i for i, r in enumerate(self.ruleset.rules) if r is rule)
        return "/".join(["", "rules", str(index), *path])

    def check_evidence(self, rule: Rule) -> None:
        """Evidence facts (and facts naming a minimum) are known counts or durations."""
        for fact, minimum in rule.min_evidence.items():
            spec = self.spec(fact)
            where = self.pointer(rule, "min_evidence", fact)
            if isinstance(minimum, str) and minimum not in self.catalogue:
                self.add(
                    Severity.ERROR, "unknown-fact", rule, _unknown(minimum, self.catalogue), where
                )
            if spec is None:
                self.add(
                    Severity.ERROR, "unknown-fact", rule, _unknown(fact, self.catalogue), where
                )
            elif spec.unit not in _EVIDENCE_UNITS:
                self.add(
                    Severity.WARNING,
                    "weak-evidence",
                    rule,
                    f"evidence fact {fact} is a {spec.unit}, not a count or a duration",
                    where,
                )

    def check_rule(self, rule: Rule) -> None:
        when = self.pointer(rule, "when")
        for fact in facts_of(rule.condition):
            if fact not in self.catalogue:
                self.add(
                    Severity.ERROR, "unknown-fact", rule, _unknown(fact, self.catalogue), when
                )
        self.check_evidence(rule)
        for language, template in rule.templates.items():
            for fact in template.facts:
                if fact not in self.catalogue:
                    self.add(
                        Severity.ERROR,
                        "unknown-fact",
                        rule,
                        _unknown(fact, self.catalogue),
                        self.pointer(rule, "recommendation", language),
                    )
        self.check_units(rule.condition, rule, when)
        self.check_constant(rule, when)
        for field in ("title", "recommendation"):
            texts = getattr(rule, field)
            absent = [language for language in _LANGUAGES if not texts.get(language)]
            if absent:
                severity = Severity.ERROR if "en" in absent else Severity.WARNING
                self.add(
                    severity,
                    "missing-translation",
                    rule,
                    f"{field} has no text in {', '.join(absent)}",
                    self.pointer(rule, field),
                )
        if not rule.min_evidence:
            self.add(
                Severity.INFO,
                "no-evidence",
                rule,
                f"rule {rule.id!r} fires without any evidence requirement",
                self.pointer(rule),
            )
        if not rule.references:
            self.add(
                Severity.INFO,
                "no-references",
                rule,
                f"rule {rule.id!r} cites no references",
                self.pointer(rule),
            )

    def check_tests(self) -> None:
        ids = set(self.ruleset.rule_ids)
        for index, test in enumerate(self.ruleset.tests):
            for rule_id in test.expect_fired:
                if rule_id not in ids:
                    self.add(
                        Severity.ERROR,
                        "test-unknown-rule",
                        None,
                        f"test {test.name!r} expects rule {rule_id!r}, which the set lacks",
                        f"/tests/{index}/expect_fired",
                    )
            for fact in test.facts:
                if fact not in self.catalogue:
                    self.add(
                        Severity.WARNING,
                        "test-unknown-fact",
                        None,
                        f"test {test.name!r}: " + _unknown(fact, self.catalogue),
                        f"/tests/{index}/facts/{fact}",
                    )
        if self.ruleset.duplicate_ids:
            return
        if not self.ruleset.tests:
            if self.ruleset.rules:
                self.add(Severity.INFO, "untested", None, "the rule set has no tests", "/tests")
            return
        report = run_tests(self.ruleset)
        for rule_id in report.never_fired:
            rule = self.ruleset.rule(rule_id)
            self.add(
                Severity.INFO,
                "untested",
                rule,
                f"no test makes rule {rule_id!r} fire",
                self.pointer(rule),
            )
        for rule_id in report.always_fired:
            rule = self.ruleset.rule(rule_id)
            self.add(
                Severity.INFO,
                "untested",
                rule,
                f"no test keeps rule {rule_id!r} from firing",
                self.pointer(rule),
            )

    def run(self) -> tuple[Finding, ...]:
        for rule_id in self.ruleset.duplicate_ids:
            indices = [i for i, r in enumerate(self.ruleset.rules) if r.id == rule_id]
            self.add(
                Severity.ERROR,
                "duplicate-id",
                self.ruleset.rules[indices[1]],
                f"rule id {rule_id!r} is used by rules {', '.join(map(str, indices))}",
                f"/rules/{indices[1]}/id",
            )
        for rule in self.ruleset.rules:
            self.check_rule(rule)
        self.check_shadowing()
        self.check_tests()
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        return tuple(sorted(self.findings, key=lambda f: order[f.severity]))


def _unknown(fact: str, catalogue: Catalogue) -> str:
    close = [
        known for known in catalogue if known.split(".")[-1] == fact.rsplit(".", maxsplit=1)[-1]
    ]
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"unknown fact {fact}{hint}"


def _ranges(node: Condition, catalogue: Catalogue) -> str:
    described = []
    for fact in facts_of(node):
        spec = catalogue.get(fact)
        if spec is not None and spec.kind == "number":
            low, high = spec.bounds
            described.append(f"{fact} is a {spec.unit} in [{low:g}, {high:g}]")
    return f"({'; '.join(described)})" if described else ""


def _constant_parts(node: Condition, bounds: Bounds) -> Iterator[tuple[bool, Condition]]:
    items: tuple[Condition, ...] = ()
    if isinstance(node, AllOf | AnyOf):
        items = node.items
    elif isinstance(node, Not):
        items = (node.item,)
    for item in items:
        value = static(item, bounds) if not isinstance(item, IsMissing) else None
        if value is not None:
            yield value, item
        else:
            yield from _constant_parts(item, bounds)


def lint(ruleset: RuleSet, catalogue: Catalogue | None = None) -> tuple[Finding, ...]:
    """Check *ruleset* against *catalogue* (by default the facts of the default rule set,
    :func:`~smice.policy.default_facts`); findings come errors first, then by place.

    Examples
    --------
    >>> from smice.policy import FactSpec, Rule, RuleSet
    >>> catalogue = {"share": FactSpec(id="share", unit="share"),
    ...              "n": FactSpec(id="n", unit="count")}
    >>> rules = RuleSet(id="r", version="1", rules=[
    ...     Rule(id="a", when="share < n and share < 20", title={"en": "A"},
    ...          recommendation={"en": "Do it."}, min_evidence={"n": 10})])
    >>> for finding in lint(rules, catalogue):
    ...     print(finding)
    error: /rules/0/when: 'share < n' compares a share with a count [unit-mismatch]
    warning: /rules/0/when: the part 'share < 20' is always true
        (share is a share in [0, 1]) [constant-part]
    warning: /rules/0/title: title has no text in nb, sv [missing-translation]
    warning: /rules/0/recommendation: recommendation has no text in nb, sv [missing-translation]
    info: /rules/0: rule 'a' cites no references [no-references]
    info: /tests: the rule set has no tests [untested]

    .. versionadded:: 0.1.0
    """
    return _Checker(ruleset, default_facts() if catalogue is None else catalogue).run()
