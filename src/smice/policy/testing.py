"""Running the tests embedded in a rule set.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import attrs

from smice.policy.evaluate import fired
from smice.policy.facts import Facts
from smice.policy.rules import RuleSet

__all__ = ["TestFailure", "TestReport", "run_tests"]


@attrs.frozen
class TestFailure:
    """A test whose fired rules differ from what it expects.

    .. versionadded:: 0.1.0
    """

    __test__ = False  # not a pytest test class

    test: str
    expected: tuple[str, ...]
    actual: tuple[str, ...]

    @property
    def unexpected(self) -> tuple[str, ...]:
        """Rules that fired but were not expected to."""
        return tuple(r for r in self.actual if r not in self.expected)

    @property
    def absent(self) -> tuple[str, ...]:
        """Rules expected to fire that did not."""
        return tuple(r for r in self.expected if r not in self.actual)

    def __str__(self) -> str:
        parts = []
        if self.absent:
            parts.append(f"expected {', '.join(self.absent)} to fire")
        if self.unexpected:
            parts.append(f"did not expect {', '.join(self.unexpected)} to fire")
        return f"test {self.test!r}: " + "; ".join(parts)


@attrs.frozen(kw_only=True)
class TestReport:
    """The outcome of :func:`run_tests`.

    Attributes
    ----------
    tests : int
        How many tests ran.
    failures : tuple of TestFailure
    coverage : float
        The share of rules that fired in some test (1.0 for a set without rules).
    never_fired : tuple of str
        Rules that fired in no test.
    always_fired : tuple of str
        Rules that fired in every test (so no test shows them not firing).

    .. versionadded:: 0.1.0
    """

    __test__ = False

    tests: int
    failures: tuple[TestFailure, ...]
    coverage: float
    never_fired: tuple[str, ...]
    always_fired: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """Whether every test passed."""
        return not self.failures


def run_tests(ruleset: RuleSet) -> TestReport:
    """Run the embedded tests of *ruleset*: each lists exactly the rules that must fire on
    its facts (missing facts are ``null``).

    Examples
    --------
    >>> from smice.policy import Rule, RuleSet, RuleTest
    >>> rules = RuleSet(id="r", version="1", rules=[Rule(id="low", when="x < 1")], tests=[
    ...     RuleTest(name="fires", facts={"x": 0.5}, expect_fired=["low"]),
    ...     RuleTest(name="silent", facts={"x": 5}, expect_fired=["low"])])
    >>> report = run_tests(rules)
    >>> report.coverage, [str(f) for f in report.failures]
    (1.0, ["test 'silent': expected low to fire"])

    .. versionadded:: 0.1.0
    """
    failures: list[TestFailure] = []
    ids = list(dict.fromkeys(ruleset.rule_ids))
    seen_fired: set[str] = set()
    seen_silent: set[str] = set()
    for test in ruleset.tests:
        actual = fired(ruleset, Facts.from_values(test.facts))
        seen_fired.update(actual)
        seen_silent.update(r for r in ids if r not in actual)
        if sorted(actual) != sorted(set(test.expect_fired)):
            failures.append(TestFailure(test.name, tuple(test.expect_fired), actual))
    coverage = len(seen_fired & set(ids)) / len(ids) if ids else 1.0
    return TestReport(
        tests=len(ruleset.tests),
        failures=tuple(failures),
        coverage=coverage,
        never_fired=tuple(r for r in ids if r not in seen_fired),
        always_fired=tuple(r for r in ids if r not in seen_silent and ruleset.tests),
    )
