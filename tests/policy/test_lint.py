"""lint: every kind of finding, on small rule sets made to show it."""

from __future__ import annotations

import pytest

from smice.policy import FactSpec, Finding, Rule, RuleSet, RuleTest, Severity, lint

CATALOGUE = {
    s.id: s
    for s in (
        FactSpec(id="share", unit="share"),
        FactSpec(id="other_share", unit="share"),
        FactSpec(id="n", unit="count"),
        FactSpec(id="months", unit="months"),
        FactSpec(id="cut", unit="boolean"),
        FactSpec(id="helix", unit="category"),
        FactSpec(id="change", unit="index"),
    )
}
TEXTS = {"en": "x", "nb": "x", "sv": "x"}


def _rule(rule_id: str, when: str, **extra: object) -> Rule:
    fields: dict[str, object] = {
        "title": TEXTS,
        "recommendation": TEXTS,
        "min_evidence": {"n": 10, "months": 6},
        "references": ("A reference.",),
    }
    fields.update(extra)
    return Rule(id=rule_id, when=when, **fields)  # type: ignore[arg-type]


def _codes(*rules: Rule, tests: tuple[RuleTest, ...] = ()) -> list[tuple[str, str, str | None]]:
    ruleset = RuleSet(id="t", version="1", rules=rules, tests=tests)
    return [
        (f.severity.value, f.code, f.rule_id)
        for f in lint(ruleset, CATALOGUE)
        if f.code != "untested"
    ]


def test_a_clean_rule_has_no_findings() -> None:
    assert _codes(_rule("a", "share < 0.2 and months >= 12")) == []


@pytest.mark.parametrize(
    ("when", "code", "severity"),
    [
        ("unknown_fact < 0.2", "unknown-fact", "error"),
        ("share < n", "unit-mismatch", "error"),
        ("share + n > 1", "unit-mismatch", "error"),
        ("share < months / 12", "unit-mismatch", "error"),
        ("cut < 1", "kind-mismatch", "error"),
        ("helix == 1", "kind-mismatch", "error"),
        ("share == 'academia'", "kind-mismatch", "error"),
        ("cut + 1 > 0", "kind-mismatch", "error"),
        ("share in ['a']", "kind-mismatch", "error"),
        ("share > 1", "never-fires", "error"),
        ("share < 0.2 and share > 0.5", "never-fires", "error"),
        ("change < -1", "never-fires", "error"),
        ("n < 0", "never-fires", "error"),
        ("share <= 1", "always-true", "warning"),
        ("share < 0.5 or share >= 0.5", "always-true", "warning"),
        ("share < 20 and n > 3", "constant-part", "warning"),
        ("n > 3 and (share > 2 or months > 1)", "constant-part", "warning"),
    ],
)
def test_condition_findings(when: str, code: str, severity: str) -> None:
    assert (severity, code, "a") in _codes(_rule("a", when))


def test_comparisons_within_range_are_not_flagged() -> None:
    for when in (
        "share < 0.2",
        "n >= 3",
        "cut",
        "helix in ['academia']",
        "share * 2 < other_share",
        "n / months > 1",
        "change <= 0",
        "share is missing",
    ):
        assert _codes(_rule("a", when)) == [], when


def test_unknown_facts_in_evidence_and_texts() -> None:
    rule = _rule(
        "a",
        "share < 0.2",
        min_evidence={"ghost": 1},
        recommendation={"en": "{phantom}", "nb": "x", "sv": "x"},
    )
    findings = lint(RuleSet(id="t", version="1", rules=[rule]), CATALOGUE)
    unknown = [f.pointer for f in findings if f.code == "unknown-fact"]
    assert unknown == ["/rules/0/min_evidence/ghost", "/rules/0/recommendation/en"]


def test_evidence_should_be_a_count_or_duration() -> None:
    assert ("warning", "weak-evidence", "a") in _codes(
        _rule("a", "n > 3", min_evidence={"share": 0.5})
    )
    assert ("info", "no-evidence", "a") in _codes(_rule("a", "n > 3", min_evidence={}))


def test_duplicate_ids_are_errors() -> None:
    assert ("error", "duplicate-id", "a") in _codes(_rule("a", "n > 3"), _rule("a", "n > 4"))


def test_missing_translations() -> None:
    codes = _codes(_rule("a", "n > 3", title={"en": "x"}, recommendation={"nb": "x"}))
    assert ("warning", "missing-translation", "a") in codes
    assert ("error", "missing-translation", "a") in codes


def test_a_rule_shadowed_in_its_exclusive_group() -> None:
    broad = _rule("broad", "share < 0.5", priority=1, exclusive_group="g")
    narrow = _rule("narrow", "share < 0.2 and n > 20", priority=2, exclusive_group="g")
    assert ("warning", "shadowed", "narrow") in _codes(broad, narrow)
    # The other way round, the narrow rule comes first: nothing is shadowed.
    first = _rule("narrow", "share < 0.2 and n > 20", priority=1, exclusive_group="g")
    later = _rule("broad", "share < 0.5", priority=2, exclusive_group="g")
    assert not [c for c in _codes(first, later) if c[1] == "shadowed"]
    # Without a shared group, nothing is shadowed.
    free = _rule("narrow", "share < 0.2 and n > 20", priority=2)
    assert not [c for c in _codes(broad, free) if c[1] == "shadowed"]


def test_shadowing_counts_evidence() -> None:
    needs_more = _rule(
        "broad", "share < 0.5", priority=1, exclusive_group="g", min_evidence={"n": 50}
    )
    narrow = _rule("narrow", "share < 0.2", priority=2, exclusive_group="g")
    assert not [c for c in _codes(needs_more, narrow) if c[1] == "shadowed"]


def test_tests_are_checked() -> None:
    tests = (
        RuleTest(
            name="t1",
            facts={"share": 0.1, "n": 20, "months": 9, "ghost": 1},
            expect_fired=["a", "nope"],
        ),
    )
    codes = _codes(_rule("a", "share < 0.2"), tests=tests)
    assert ("error", "test-unknown-rule", None) in codes
    assert ("warning", "test-unknown-fact", None) in codes


def test_untested_rules_are_noted() -> None:
    tests = (RuleTest(name="t", facts={"share": 0.1, "n": 20, "months": 9}, expect_fired=["a"]),)
    ruleset = RuleSet(
        id="t", version="1", rules=[_rule("a", "share < 0.2"), _rule("b", "n > 99")], tests=tests
    )
    notes = [f.message for f in lint(ruleset, CATALOGUE) if f.code == "untested"]
    assert notes == ["no test makes rule 'b' fire", "no test keeps rule 'a' from firing"]


def test_findings_come_errors_first_and_read_well() -> None:
    findings = lint(
        RuleSet(
            id="t",
            version="1",
            rules=[_rule("a", "share < 0.2", min_evidence={}), _rule("b", "ghost > 1")],
        ),
        CATALOGUE,
    )
    assert [f.severity for f in findings] == [Severity.ERROR, Severity.INFO, Severity.INFO]
    assert (
        Finding(Severity.ERROR, "unknown-fact", "b", "unknown fact ghost", "/rules/1/when")
        == findings[0]
    )
    assert str(findings[0]) == "error: /rules/1/when: unknown fact ghost [unknown-fact]"
