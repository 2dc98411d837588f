"""run_tests: failures and coverage."""

from __future__ import annotations

from smice.policy import Rule, RuleSet, RuleTest, run_tests


def test_report_lists_failures_and_coverage() -> None:
    rules = RuleSet(
        id="t",
        version="1",
        rules=[
            Rule(id="low", when="x < 1"),
            Rule(id="high", when="x > 2"),
            Rule(id="never", when="x is missing and x > 1"),
        ],
        tests=[
            RuleTest(name="low", facts={"x": 0}, expect_fired=["low"]),
            RuleTest(name="wrong", facts={"x": 5}, expect_fired=["low"]),
        ],
    )
    report = run_tests(rules)
    assert report.tests == 2
    assert not report.passed
    [failure] = report.failures
    assert (failure.test, failure.expected, failure.actual) == ("wrong", ("low",), ("high",))
    assert (failure.unexpected, failure.absent) == (("high",), ("low",))
    assert str(failure) == "test 'wrong': expected low to fire; did not expect high to fire"
    assert report.coverage == 2 / 3
    assert report.never_fired == ("never",)
    assert report.always_fired == ()


def test_expectations_are_sets() -> None:
    rules = RuleSet(
        id="t",
        version="1",
        rules=[Rule(id="a", when="x > 0"), Rule(id="b", when="x > 0")],
        tests=[RuleTest(name="both", facts={"x": 1}, expect_fired=["b", "a"])],
    )
    report = run_tests(rules)
    assert report.passed
    assert report.always_fired == ("a", "b")


def test_no_tests_no_coverage() -> None:
    report = run_tests(RuleSet(id="t", version="1", rules=[Rule(id="a", when="x > 0")]))
    assert (report.tests, report.coverage, report.never_fired) == (0, 0.0, ("a",))
