"""Interval reasoning over condition trees.

* :func:`solve`: with every fact but one fixed, the sets of values of that one fact for which
  a condition is true and false (Kleene logic: points where it is unknown are in neither).
* :func:`static` : whether a condition is always true or always false given only the ranges of
  its facts (used by lint).
* :func:`boxes` : a condition over single-fact comparisons as a union of boxes (used by lint to
  find rules shadowed by others).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Final

from smice.policy._compile import compile_condition, compile_value
from smice.policy._intervals import Interval, IntervalSet
from smice.policy.conditions import (
    OPERATORS,
    AllOf,
    AnyOf,
    Arith,
    Compare,
    Condition,
    Const,
    Fact,
    FactValue,
    In,
    IsMissing,
    Neg,
    Not,
    Value,
    facts_of,
    walk,
)

__all__ = ["Unsolvable", "boxes", "solve", "static"]

_INF: Final = math.inf
_ALL: Final = IntervalSet.everything()
_NONE: Final = IntervalSet.nothing()


class Unsolvable(Exception):
    """Interval reasoning cannot separate the fact in this condition."""


def _count(node: Condition | Value, fact: str) -> int:
    return sum(1 for f in _facts_all(node) if f == fact)


def _facts_all(node: Condition | Value) -> list[str]:
    return [n.id for n in walk(node) if isinstance(n, Fact)]


def _number(value: object) -> float | None:
    if value is None or isinstance(value, str):
        return None
    assert isinstance(value, int | float)
    return float(value)


def _preimage(  # noqa: PLR0911
    node: Value, fact: str, target: IntervalSet, values: Mapping[str, FactValue]
) -> IntervalSet:
    """The values of *fact* for which *node* (reading *fact* once) lands in *target*.

    Raises ``_Unknown`` when *node* is unknown whatever the fact's value.
    """
    if isinstance(node, Fact):
        return target
    if isinstance(node, Neg):
        return _preimage(node.operand, fact, target.affine(-1, 0), values)
    assert isinstance(node, Arith)
    fact_left = _count(node.left, fact) > 0
    inner, other = (node.left, node.right) if fact_left else (node.right, node.left)
    k = _number(compile_value(other)(values))
    if k is None:
        raise _Unknown
    op = node.op
    if op == "+":
        return _preimage(inner, fact, target.affine(1, -k), values)
    if op == "-":
        image = target.affine(1, k) if fact_left else target.affine(-1, k)
        return _preimage(inner, fact, image, values)
    if op == "*":
        if k == 0:
            return _ALL if 0 in target else _NONE
        return _preimage(inner, fact, target.affine(1 / k, 0), values)
    # division
    if fact_left:
        if k == 0:
            raise _Unknown
        return _preimage(inner, fact, target.affine(k, 0), values)
    if k == 0:
        image = _ALL.minus(IntervalSet.point(0.0)) if 0 in target else _NONE
        return _preimage(inner, fact, image, values)
    image = target.reciprocal(k)
    return _preimage(inner, fact, image, values)


class _Unknown(Exception):
    pass


def _target(op: str, c: float, fact_on_left: bool) -> IntervalSet:
    return IntervalSet.compare(op if fact_on_left else OPERATORS[op].mirrored, c)


def _atom(  # noqa: PLR0911
    node: Condition, fact: str, values: Mapping[str, FactValue], domain: IntervalSet
) -> tuple[IntervalSet, IntervalSet]:
    occurrences = _count(node, fact)
    if occurrences == 0:
        result = compile_condition(node)(values)
        if result is None:
            return _NONE, _NONE
        return (domain, _NONE) if result else (_NONE, domain)
    if isinstance(node, IsMissing):
        # Every actual value is "not missing".
        return (_NONE, domain) if not node.negated else (domain, _NONE)
    if occurrences > 1:
        raise Unsolvable(f"{fact} appears more than once in one comparison")
    try:
        if isinstance(node, Compare):
            fact_left = _count(node.left, fact) > 0
            side, other = (node.left, node.right) if fact_left else (node.right, node.left)
            c_raw = compile_value(other)(values)
            if isinstance(c_raw, str):
                # A number never equals a string; ordering is unknown.
                if node.op == "==":
                    return _NONE, domain
                if node.op == "!=":
                    return domain, _NONE
                return _NONE, _NONE
            c = _number(c_raw)
            if c is None:
                return _NONE, _NONE
            target = _target(node.op, c, fact_left)
            true = _preimage(side, fact, target, values)
            false = _preimage(side, fact, target.complement(), values)
        else:
            assert isinstance(node, In)
            points = [
                float(o.value)
                for o in node.options
                if isinstance(o.value, int | float) and not isinstance(o.value, bool)
            ]
            target = IntervalSet.of(Interval(p, p) for p in points)
            if node.negated:
                target = target.complement()
            true = _preimage(node.operand, fact, target, values)
            false = _preimage(node.operand, fact, target.complement(), values)
    except _Unknown:
        return _NONE, _NONE
    return true.intersect(domain), false.intersect(domain)


def solve(
    node: Condition, fact: str, values: Mapping[str, FactValue], domain: IntervalSet
) -> tuple[IntervalSet, IntervalSet]:
    """The values of *fact* in *domain* that make *node* true, and those that make it false,
    with every other fact as in *values*.

    Raises
    ------
    Unsolvable
        When *fact* appears more than once inside one comparison.
    """
    if isinstance(node, AllOf | AnyOf):
        parts = [solve(item, fact, values, domain) for item in node.items]
        trues, falses = [p[0] for p in parts], [p[1] for p in parts]
        if isinstance(node, AllOf):
            return _meet(trues, domain), _join(falses)
        return _join(trues), _meet(falses, domain)
    if isinstance(node, Not):
        true, false = solve(node.item, fact, values, domain)
        return false, true
    return _atom(node, fact, values, domain)


def _meet(sets: list[IntervalSet], domain: IntervalSet) -> IntervalSet:
    result = domain
    for item in sets:
        result = result.intersect(item)
    return result


def _join(sets: list[IntervalSet]) -> IntervalSet:
    result = _NONE
    for item in sets:
        result = result.union(item)
    return result


# -- static analysis (lint) ------------------------------------------------------------------

Bounds = Callable[[str], tuple[float, float]]


def _range(node: Value, bounds: Bounds) -> tuple[float, float] | None:  # noqa: PLR0911
    if isinstance(node, Fact):
        return bounds(node.id)
    if isinstance(node, Const):
        if isinstance(node.value, bool | str):
            return None
        return float(node.value), float(node.value)
    if isinstance(node, Neg):
        inner = _range(node.operand, bounds)
        return None if inner is None else (-inner[1], -inner[0])
    left, right = _range(node.left, bounds), _range(node.right, bounds)
    if left is None or right is None:
        return None
    if node.op == "+":
        return left[0] + right[0], left[1] + right[1]
    if node.op == "-":
        return left[0] - right[1], left[1] - right[0]
    if node.op == "/":
        if right[0] <= 0 <= right[1]:
            return -_INF, _INF
        right = (1 / right[1], 1 / right[0])
    products = [a * b for a in left for b in right]
    products = [0.0 if math.isnan(p) else p for p in products]
    return min(products), max(products)


def _static_compare(node: Compare, bounds: Bounds) -> bool | None:  # noqa: PLR0911
    left, right = _range(node.left, bounds), _range(node.right, bounds)
    if left is None or right is None:
        return None
    (a, b), (c, d) = left, right
    op = node.op
    if op in ("<", "<="):
        strict = op == "<"
        if b < c or (not strict and b <= c):
            return True
        if a > d or (strict and a >= d):
            return False
        return None
    if op in (">", ">="):
        return _static_compare(Compare(OPERATORS[op].mirrored, node.right, node.left), bounds)
    disjoint = b < c or d < a
    same_point = a == b == c == d
    if op == "==":
        return False if disjoint else (True if same_point else None)
    return True if disjoint else (False if same_point else None)


def _single(node: Condition, bounds: Bounds) -> tuple[str, IntervalSet] | None:
    """The fact and its true-set when *node* compares one fact with constants only."""
    names = facts_of(node)
    if len(names) != 1 or isinstance(node, IsMissing | AllOf | AnyOf | Not):
        return None
    if any(isinstance(n, Const) and isinstance(n.value, bool | str) for n in walk(node)):
        return None  # booleans and categories are not intervals
    fact = names[0]
    low, high = bounds(fact)
    domain = IntervalSet.of([Interval(low, high, low != -_INF, high != _INF)])
    try:
        true, _ = _atom(node, fact, {}, domain)
    except Unsolvable:
        return None
    return fact, true


def _domain(fact: str, bounds: Bounds) -> IntervalSet:
    low, high = bounds(fact)
    return IntervalSet.of([Interval(low, high, low != -_INF, high != _INF)])


def static(node: Condition, bounds: Bounds) -> bool | None:  # noqa: PLR0911, PLR0912
    """``True`` or ``False`` when *node* has that value whenever its facts are present and
    within *bounds*; ``None`` when it depends on the facts.
    """
    if isinstance(node, Compare):
        return _static_compare(node, bounds)
    if isinstance(node, In):
        single = _single(node, bounds)
        if single is None:
            return None
        fact, true = single
        domain = _domain(fact, bounds)
        if true.empty:
            return False
        return True if true.covers(domain) else None
    if isinstance(node, IsMissing):
        return None
    if isinstance(node, Not):
        inner = static(node.item, bounds)
        return None if inner is None else not inner
    results = [static(item, bounds) for item in node.items]
    conjunction = isinstance(node, AllOf)
    if conjunction and False in results:
        return False
    if not conjunction and True in results:
        return True
    if all(r is conjunction for r in results):
        return conjunction
    # Combine single-fact parts on the same fact.
    per_fact: dict[str, IntervalSet] = {}
    for item in node.items:
        single = _single(item, bounds)
        if single is None:
            continue
        fact, true = single
        if fact not in per_fact:
            per_fact[fact] = true
        elif conjunction:
            per_fact[fact] = per_fact[fact].intersect(true)
        else:
            per_fact[fact] = per_fact[fact].union(true)
    for fact, true in per_fact.items():
        if conjunction and true.empty:
            return False
        if not conjunction and true.covers(_domain(fact, bounds)):
            return True
    return None


# -- boxes (lint: shadowing) -----------------------------------------------------------------

Box = dict[str, IntervalSet]
_MAX_BOXES: Final = 64


def _negate(node: Condition) -> Condition:
    if isinstance(node, AllOf):
        return AnyOf(tuple(_negate(i) for i in node.items))
    if isinstance(node, AnyOf):
        return AllOf(tuple(_negate(i) for i in node.items))
    if isinstance(node, Not):
        return node.item
    if isinstance(node, Compare):
        return Compare(OPERATORS[node.op].negated, node.left, node.right)
    if isinstance(node, In):
        return In(node.operand, node.options, not node.negated)
    return IsMissing(node.fact, not node.negated)


def boxes(node: Condition, bounds: Bounds) -> list[Box] | None:  # noqa: PLR0911
    """*node* as a union of boxes (fact → set of values), or ``None`` when it is not made
    of single-fact comparisons or the union grows too large.
    """
    if isinstance(node, Not):
        return boxes(_negate(node.item), bounds)
    if isinstance(node, AnyOf):
        result: list[Box] = []
        for item in node.items:
            part = boxes(item, bounds)
            if part is None:
                return None
            result.extend(part)
        return result if len(result) <= _MAX_BOXES else None
    if isinstance(node, AllOf):
        product: list[Box] = [{}]
        for item in node.items:
            part = boxes(item, bounds)
            if part is None:
                return None
            product = [_and(a, b) for a in product for b in part]
            if len(product) > _MAX_BOXES:
                return None
        return product
    single = _single(node, bounds)
    if single is None:
        return None
    fact, true = single
    return [{fact: true}]


def _and(a: Box, b: Box) -> Box:
    merged = dict(a)
    for fact, values in b.items():
        merged[fact] = merged[fact].intersect(values) if fact in merged else values
    return merged


def box_within(inner: Box, outer: Box, bounds: Bounds) -> bool:
    """Whether every point of *inner* lies in *outer*."""
    if any(values.empty for values in inner.values()):
        return True
    for fact, allowed in outer.items():
        mine = inner.get(fact, _domain(fact, bounds))
        if not allowed.covers(mine):
            return False
    return True
