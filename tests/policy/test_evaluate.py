"""Evaluation: three-valued semantics, evidence, ordering, exclusive groups, explanations
and smallest changes."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from tests.policy.rule_strategies import conditions, numeric_snapshots, snapshots

from smice.errors import InvalidDefinition, UnknownId
from smice.policy import Facts, Reason, Rule, RuleSet, evaluate, explain, fired, parse
from smice.policy._compile import compile_condition
from smice.policy.conditions import (
    AllOf,
    AnyOf,
    Condition,
    Const,
    Fact,
    FactValue,
    In,
    IsMissing,
    Neg,
    Not,
    Value,
)

# -- an independent reference interpreter of the semantics (Kleene logic) --------------------


def _value(node: Value, facts: dict[str, FactValue]) -> object:
    if isinstance(node, Fact):
        return facts.get(node.id)
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Neg):
        inner = _value(node.operand, facts)
        return None if inner is None or isinstance(inner, str) else -inner  # type: ignore[operator]
    a, b = _value(node.left, facts), _value(node.right, facts)
    if a is None or b is None or isinstance(a, str) or isinstance(b, str):
        return None
    if node.op == "/" and b == 0:
        return None
    result = {"+": a + b, "-": a - b, "*": a * b}.get(node.op) if node.op != "/" else a / b  # type: ignore[operator]
    return result if math.isfinite(result) else None  # type: ignore[arg-type]


def _truth(node: Condition, facts: dict[str, FactValue]) -> bool | None:  # noqa: PLR0911
    if isinstance(node, AllOf):
        results = [_truth(i, facts) for i in node.items]
        return False if False in results else (None if None in results else True)
    if isinstance(node, AnyOf):
        results = [_truth(i, facts) for i in node.items]
        return True if True in results else (None if None in results else False)
    if isinstance(node, Not):
        inner = _truth(node.item, facts)
        return None if inner is None else not inner
    if isinstance(node, IsMissing):
        return (facts.get(node.fact.id) is None) != node.negated
    if isinstance(node, In):
        v = _value(node.operand, facts)
        return None if v is None else (v in [o.value for o in node.options]) != node.negated
    a, b = _value(node.left, facts), _value(node.right, facts)
    if a is None or b is None or isinstance(a, str) != isinstance(b, str):
        return None
    try:
        return {
            "<": lambda: a < b,
            "<=": lambda: a <= b,
            ">": lambda: a > b,  # type: ignore[operator]
            ">=": lambda: a >= b,
            "==": lambda: a == b,
            "!=": lambda: a != b,  # type: ignore[operator]
        }[node.op]()
    except TypeError:
        return None


@given(conditions(), snapshots)
def test_compiled_conditions_agree_with_the_reference_semantics(
    tree: Condition, facts: dict[str, FactValue]
) -> None:
    assert _truth(tree, facts) is compile_condition(tree)(facts)


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        ("x < 1 and y < 1", {"x": 0, "y": None}, None),
        ("x < 1 and y < 1", {"x": 5, "y": None}, False),
        ("x < 1 or y < 1", {"x": 0, "y": None}, True),
        ("x < 1 or y < 1", {"x": 5, "y": None}, None),
        ("not x < 1", {}, None),
        ("x / y > 1", {"x": 1, "y": 0}, None),
        ("x is missing", {}, True),
        ("x is not missing", {"x": 0}, True),
        ("x in ['a', 'b']", {"x": "b"}, True),
        ("x not in [1, 2]", {"x": 3}, True),
        ("x == 'a'", {"x": 1}, None),
        ("x == 'a'", {"x": "b"}, False),
        ("x == 0", {"x": "0"}, None),
        ("x < 1", {"x": "text"}, None),
    ],
)
def test_three_valued_logic(text: str, facts: dict[str, FactValue], expected: bool | None) -> None:
    assert expected is compile_condition(parse(text))(facts)


def _rules(*rules: Rule) -> RuleSet:
    return RuleSet(id="t", version="1", rules=rules)


def test_a_rule_fires_only_with_enough_evidence() -> None:
    rules = _rules(Rule(id="P", when="x < 0.2", min_evidence={"n": 10, "months": 6}))
    assert evaluate(rules, {"x": 0.1, "n": 10, "months": 6}).fired == ("P",)
    for facts in ({"x": 0.1, "n": 9, "months": 6}, {"x": 0.1, "months": 6}):
        result = evaluate(rules, facts)
        assert result.fired == ()
        assert result.not_fired[0].reason == Reason.INSUFFICIENT_EVIDENCE


def test_not_fired_reasons() -> None:
    rules = _rules(Rule(id="P", when="x < 0.2"))
    assert evaluate(rules, {"x": 0.3}).not_fired[0].reason == Reason.CONDITION_FALSE
    unknown = evaluate(rules, {}).not_fired[0]
    assert unknown.reason == Reason.CONDITION_UNKNOWN
    assert unknown.missing == ("x",)


def test_recommendations_are_ordered_by_priority_then_natural_id() -> None:
    rules = _rules(
        Rule(id="P10", when="x > 0", priority=1),
        Rule(id="P4", when="x > 0", priority=1),
        Rule(id="A", when="x > 0", priority=2),
        Rule(id="Z", when="x > 0", priority=0),
    )
    assert evaluate(rules, {"x": 1}).fired == ("Z", "P4", "P10", "A")
    assert fired(rules, {"x": 1}) == ("Z", "P4", "P10", "A")


def test_only_the_first_rule_of_an_exclusive_group_is_recommended() -> None:
    rules = _rules(
        Rule(id="late", when="x > 0", priority=9, exclusive_group="g"),
        Rule(id="early", when="x > 0", priority=1, exclusive_group="g"),
        Rule(id="other", when="x > 0", priority=5),
    )
    result = evaluate(rules, {"x": 1})
    assert result.fired == ("early", "other")
    late = result.result("late")
    assert late.reason == Reason.SUPERSEDED  # type: ignore[union-attr]
    assert late.superseded_by == "early"  # type: ignore[union-attr]
    assert fired(rules, {"x": 1}) == ("early", "other")


@given(st.randoms(use_true_random=False), st.integers(0, 51))
def test_evaluation_does_not_depend_on_the_order_of_rules(random: object, test_index: int) -> None:
    from smice.io.rulesets import load_ruleset

    default = load_ruleset("smice/default")
    shuffled = list(default.rules)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    facts = default.tests[test_index % len(default.tests)].facts
    a, b = evaluate(default, facts), evaluate(default.with_rules(shuffled), facts)
    assert a.fired == b.fired
    assert [n.rule_id for n in a.not_fired] == [n.rule_id for n in b.not_fired]
    assert a == b


def test_recommendation_carries_evidence_thresholds_and_text() -> None:
    rules = _rules(
        Rule(
            id="P1",
            when="share < 0.2 and months >= 12",
            min_evidence={"n": 10},
            recommendation={"en": "{share:.0%} after {months:d} months", "sv": "{share:.1%}"},
        )
    )
    [rec] = evaluate(rules, {"share": 0.125, "months": 14, "n": 11, "other": 3}).recommendations
    assert dict(rec.evidence) == {"share": 0.125, "months": 14, "n": 11}
    assert [str(t) for t in rec.thresholds] == ["share < 0.2", "months >= 12", "n >= 10"]
    assert rec.text["en"] == "12% after 14 months"
    assert rec.text["sv"] == "12,5\u00a0%"
    assert rec.explanation.result is True
    assert "✓ share < 0.2   [share = 0.125]" in rec.explanation.render()


def test_failing_parts_name_the_blocking_leaves() -> None:
    rules = _rules(Rule(id="P", when="a < 1 and (b < 1 or c < 1) and not d < 1"))
    [nf] = evaluate(rules, {"a": 0, "b": 5, "c": 5, "d": 0}).not_fired
    assert nf.failing == ("b < 1 (b = 5)", "c < 1 (c = 5)", "d < 1 (d = 0)")


def test_smallest_change_takes_the_nearest_side_of_a_band() -> None:
    rules = _rules(Rule(id="P15", when="f < 0.4 or f > 0.6"))
    facts = Facts.from_values({"f": 0.58}, units={"f": "share"})
    change = evaluate(rules, facts).not_fired[0].smallest_change
    assert change is not None
    assert change.fact == "f"
    assert 0.6 < change.proposed < 0.61  # type: ignore[operator]
    assert change.needed == "< 0.4 or > 0.6"


def test_smallest_change_respects_units() -> None:
    rules = _rules(Rule(id="P", when="n >= 3 and share < 0.2"))
    facts = Facts.from_values({"n": 1, "share": 0.1}, units={"n": "count", "share": "share"})
    change = evaluate(rules, facts).not_fired[0].smallest_change
    assert change is not None
    assert (change.fact, change.proposed) == ("n", 3)
    impossible = Facts.from_values({"share": 0.5}, units={"share": "share"})
    nf = evaluate(_rules(Rule(id="P", when="share > 1.5")), impossible).not_fired[0]
    assert nf.changes == ()
    assert "no value of share" in nf.no_change


def test_when_two_facts_must_change_it_says_so() -> None:
    nf = evaluate(_rules(Rule(id="P", when="a < 1 and b < 1")), {"a": 2, "b": 2}).not_fired[0]
    assert nf.changes == ()
    assert "at least two of a, b" in nf.no_change


def test_a_missing_fact_can_be_supplied() -> None:
    nf = evaluate(_rules(Rule(id="P", when="a < 1 and b < 1")), {"a": 0}).not_fired[0]
    assert nf.smallest_change is not None
    assert (nf.smallest_change.fact, nf.smallest_change.current) == ("b", None)
    assert nf.smallest_change.proposed < 1  # type: ignore[operator]


def test_changes_through_arithmetic_and_negation() -> None:
    rules = _rules(Rule(id="P", when="not (2 / (x - 1) >= 1) and y is not missing"))
    facts = Facts.from_values({"x": 2, "y": 0})
    change = evaluate(rules, facts).not_fired[0].smallest_change
    assert change is not None
    assert rules.rules[0].fires(facts.with_value("x", change.proposed).raw)


def test_boolean_and_category_changes() -> None:
    rules = _rules(Rule(id="P", when="cut or helix in ['academia']"))
    facts = Facts.from_values({"cut": False, "helix": "industry"})
    changes = {c.fact: c.proposed for c in evaluate(rules, facts).not_fired[0].changes}
    assert changes == {"cut": True, "helix": "academia"}


@given(conditions(numeric_only=True), numeric_snapshots)
def test_suggested_changes_really_make_the_rule_fire(
    tree: Condition, values: dict[str, FactValue]
) -> None:
    from smice.policy import to_text

    rule = Rule(id="r", when=to_text(tree))
    facts = Facts.from_values(values)
    assume(not rule.fires(facts.raw))
    [nf] = evaluate(_rules(rule), facts).not_fired
    for change in nf.changes:
        assert rule.fires(facts.with_value(change.fact, change.proposed).raw), change
    if not nf.changes:
        assert nf.no_change


@given(
    st.sampled_from(["<", "<=", ">", ">="]),
    st.floats(0, 1).map(lambda v: round(v, 6)),
    st.floats(0, 1),
)
def test_the_suggestion_for_one_threshold_is_the_nearest_value_that_fires(
    op: str, threshold: float, current: float
) -> None:
    rule = Rule(id="r", when=f"s {op} {threshold!r}")
    facts = Facts.from_values({"s": current}, units={"s": "share"})
    assume(not rule.fires(facts.raw))
    nf = evaluate(_rules(rule), facts).not_fired[0]
    if nf.smallest_change is None:  # only when no share satisfies it
        assert (op, threshold) in {("<", 0.0), (">", 1.0)}
        return
    distance = abs(nf.smallest_change.proposed - current)  # type: ignore[operator]
    assert distance <= abs(threshold - current) + 2e-3


def test_explain_returns_one_rule_and_refuses_unknown_ids() -> None:
    rules = _rules(Rule(id="a", when="x > 1"), Rule(id="b", when="x < 1"))
    assert explain(rules, {"x": 0}, "b").rule_id == "b"
    assert explain(rules, {"x": 0}, "a").rule_id == "a"
    with pytest.raises(UnknownId):
        explain(rules, {"x": 0}, "c")


def test_duplicate_ids_cannot_be_evaluated() -> None:
    rules = _rules(Rule(id="a", when="x > 1"), Rule(id="a", when="x < 1"))
    with pytest.raises(InvalidDefinition, match="'a' is used more than once"):
        evaluate(rules, {})
    with pytest.raises(InvalidDefinition):
        fired(rules, {})


def test_describe_is_readable() -> None:
    rules = _rules(
        Rule(
            id="a",
            when="x > 1",
            title={"en": "A", "nb": "A-nb"},
            recommendation={"en": "x is {x}"},
        )
    )
    result = evaluate(rules, {"x": 2})
    text = result.recommendations[0].describe("nb")
    assert text.startswith("a slo til: A-nb\n  x is 2")
    assert "lower x" not in text
    assert "raise x from 0 to > 1" in evaluate(rules, {"x": 0}).not_fired[0].describe()


def test_facts_refuse_values_that_are_not_json_scalars() -> None:
    from smice.errors import InvalidValue

    with pytest.raises(InvalidValue):
        Facts.from_values({"x": float("nan")})
    with pytest.raises(InvalidValue):
        Facts.from_values({"x": [1]})
