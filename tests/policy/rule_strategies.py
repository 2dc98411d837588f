"""Hypothesis strategies for the rule language (condition trees, fact values).

Kept beside the policy tests because condition trees are not domain types; the lead may move
them into ``tests/strategies.py``.
"""

from __future__ import annotations

import string

from hypothesis import strategies as st

from smice.policy.conditions import (
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
)

FACT_IDS = ("a", "b", "N.x", "A.y_z")

numbers = st.one_of(
    st.integers(-1000, 1000),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False).filter(
        lambda v: v == 0 or abs(v) >= 1e-12
    ),
)
words = st.text(string.ascii_letters + string.digits + " _-", max_size=8)
facts = st.sampled_from(FACT_IDS).map(Fact)


def values(max_leaves: int = 6) -> st.SearchStrategy[Value]:
    """Value trees (facts, numbers, + - * /, unary minus)."""
    return st.recursive(
        st.one_of(facts, numbers.map(Const)),
        lambda inner: st.one_of(
            st.builds(Arith, st.sampled_from("+-*/"), inner, inner),
            inner.map(Neg),
        ),
        max_leaves=max_leaves,
    )


@st.composite
def comparisons(draw: st.DrawFn, numeric_only: bool = False) -> Condition:
    """A comparison, membership or missing test, as the parser could produce it."""
    kind = draw(st.sampled_from(["order", "order", "eq", "in", "missing"]))
    if numeric_only and kind == "missing":
        kind = "order"
    if kind == "missing":
        return IsMissing(draw(facts), draw(st.booleans()))
    if kind == "in":
        options = draw(
            st.lists(numbers if numeric_only else st.one_of(numbers, words), max_size=4)
        )
        return In(draw(values(4)), tuple(map(Const, options)), draw(st.booleans()))
    op = draw(st.sampled_from(["<", "<=", ">", ">="] if kind == "order" else ["==", "!="]))
    left = draw(values(4))
    if kind == "eq" and not numeric_only and draw(st.booleans()):
        right: Value = Const(draw(st.one_of(st.booleans(), words)))
        left = draw(facts)
    else:
        right = draw(values(4))
    if isinstance(left, Const) and isinstance(right, Const):
        right = draw(facts)
    return Compare(op, left, right)


def conditions(max_leaves: int = 6, numeric_only: bool = False) -> st.SearchStrategy[Condition]:
    """Condition trees (and / or / not over comparisons)."""
    return st.recursive(
        comparisons(numeric_only),
        lambda inner: st.one_of(
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: AllOf(tuple(xs))),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: AnyOf(tuple(xs))),
            inner.map(Not),
        ),
        max_leaves=max_leaves,
    )


fact_values = st.one_of(st.none(), numbers, st.booleans(), words)
snapshots = st.dictionaries(st.sampled_from(FACT_IDS), fact_values)
numeric_snapshots = st.dictionaries(st.sampled_from(FACT_IDS), st.one_of(st.none(), numbers))
