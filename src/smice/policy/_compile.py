"""Compiling condition trees, once, into plain closures over a dict of fact values.

Value closures return a number, string or boolean, or ``None`` for unknown (a missing fact,
division by zero, a string in arithmetic, a non-finite result). Condition closures return
``True``, ``False`` or ``None`` (unknown) by Kleene's three-valued logic; comparing a string
with a number is unknown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

from smice.policy.conditions import (
    OPERATORS,
    AllOf,
    AnyOf,
    Compare,
    Condition,
    Const,
    Fact,
    FactValue,
    In,
    Neg,
    Not,
    Value,
)

__all__ = ["Test", "compile_condition", "compile_value"]

Values: TypeAlias = Mapping[str, FactValue]
#: A compiled condition.
Test: TypeAlias = Callable[[Values], "bool | None"]
_Get: TypeAlias = Callable[[Values], object]


def _arith(op: str, left: _Get, right: _Get) -> _Get:
    apply = OPERATORS[op].apply
    divide = op == "/"

    def compute(values: Values) -> object:
        a = left(values)
        if a is None or isinstance(a, str):
            return None
        b = right(values)
        if b is None or isinstance(b, str) or (divide and b == 0):
            return None
        try:
            result = apply(a, b)
            # An int product beyond the float range is as unknown as an infinite float.
            return result if math.isfinite(result) else None
        except OverflowError:
            return None

    return compute


def compile_value(node: Value) -> _Get:
    """A closure computing *node* from a dict of fact values."""
    if isinstance(node, Fact):
        fid = node.id

        def fact(values: Values) -> object:
            return values.get(fid)

        return fact
    if isinstance(node, Const):
        constant = node.value

        def const(_: Values) -> object:
            return constant

        return const
    if isinstance(node, Neg):
        inner = compile_value(node.operand)

        def negate(values: Values) -> object:
            a = inner(values)
            return None if a is None or isinstance(a, str) else -a  # type: ignore[operator]

        return negate
    return _arith(node.op, compile_value(node.left), compile_value(node.right))


# -- the fast path: a comparison of a fact with a number is a range check ---------------------
#
# ``x < c`` holds exactly when ``-inf <= x <= nextafter(c, -inf)``: numbers written in rules
# are at most 1e15 in magnitude, where adjacent floats are closer than 1, so no int or float
# lies strictly between ``c`` and its neighbour. A range check is one chained comparison in
# byte code, with no call through the operator table.

Range: TypeAlias = tuple[str, float, float]
_INF = math.inf


def _range(node: Condition) -> Range | None:
    if not isinstance(node, Compare):
        return None
    left, right, op = node.left, node.right, node.op
    if isinstance(left, Const) and isinstance(right, Fact):
        left, right, op = right, left, OPERATORS[op].mirrored
    if not (isinstance(left, Fact) and isinstance(right, Const)):
        return None
    c = right.value
    if isinstance(c, bool | str):
        return None
    bounds = {
        "<": (-_INF, math.nextafter(c, -_INF)),
        "<=": (-_INF, c),
        ">": (math.nextafter(c, _INF), _INF),
        ">=": (c, _INF),
        "==": (c, c),
    }.get(op)
    return None if bounds is None else (left.id, bounds[0], bounds[1])


def _in_range(fid: str, low: float, high: float) -> Test:
    if high == _INF:

        def at_least(values: Values) -> bool | None:
            try:
                x: Any = values[fid]
                return None if x is None else x >= low
            except (KeyError, TypeError):
                return None

        return at_least
    if low == -_INF:

        def at_most(values: Values) -> bool | None:
            try:
                x: Any = values[fid]
                return None if x is None else x <= high
            except (KeyError, TypeError):
                return None

        return at_most

    def within(values: Values) -> bool | None:
        try:
            x: Any = values[fid]
            return None if x is None else low <= x <= high
        except (KeyError, TypeError):
            return None

    return within


def _all_ranges(ranges: tuple[Range, ...]) -> Test:
    # Ranges on one fact are intersected first; the first range decides most evaluations and
    # is tested on its own, the others in a loop.
    merged: dict[str, tuple[float, float]] = {}
    for fid, low, high in ranges:
        old_low, old_high = merged.get(fid, (-_INF, _INF))
        merged[fid] = (max(old_low, low), min(old_high, high))
    (fid, low, high), *others = [(f, lo, hi) for f, (lo, hi) in merged.items()]
    if not others:
        return _in_range(fid, low, high)
    rest = tuple(others)

    def all_of(values: Values) -> bool | None:
        unknown = False
        try:
            x: Any = values[fid]
            if x is None:
                unknown = True
            elif not low <= x <= high:
                return False
        except (KeyError, TypeError):
            unknown = True
        for other, lo, hi in rest:
            try:
                y: Any = values[other]
                if y is None:
                    unknown = True
                elif not lo <= y <= hi:
                    return False
            except (KeyError, TypeError):
                unknown = True
        return None if unknown else True

    return all_of


def _any_ranges(ranges: tuple[Range, ...]) -> Test:
    def any_of(values: Values) -> bool | None:
        unknown = False
        for fid, low, high in ranges:
            try:
                x: Any = values[fid]
                if x is None:
                    unknown = True
                elif low <= x <= high:
                    return True
            except (KeyError, TypeError):
                unknown = True
        return None if unknown else False

    return any_of


def _equals(fid: str, constant: object, negated: bool) -> Test:
    text = isinstance(constant, str)

    def equals(values: Values) -> bool | None:
        x = values.get(fid)
        if x is None or isinstance(x, str) is not text:
            return None
        return (x == constant) is not negated

    return equals


def _compare(node: Compare) -> Test:
    found = _range(node)
    if found is not None:
        return _in_range(*found)
    if (
        OPERATORS[node.op].kind == "equality"
        and isinstance(node.left, Fact)
        and isinstance(node.right, Const)
    ):
        return _equals(node.left.id, node.right.value, node.op == "!=")
    apply = OPERATORS[node.op].apply
    left, right = compile_value(node.left), compile_value(node.right)

    def compare(values: Values) -> bool | None:
        a = left(values)
        if a is None:
            return None
        b = right(values)
        if b is None or isinstance(a, str) is not isinstance(b, str):
            return None  # a missing value, or a category compared with a number
        try:
            return apply(a, b)  # type: ignore[no-any-return]
        except TypeError:
            return None

    return compare


def _all(tests: tuple[Test, ...]) -> Test:
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests

        def both(values: Values) -> bool | None:
            a = first(values)
            if a is False:
                return False
            b = second(values)
            if b is False:
                return False
            return None if a is None or b is None else True

        return both

    def all_of(values: Values) -> bool | None:
        unknown = False
        for test in tests:
            result = test(values)
            if result is False:
                return False
            if result is None:
                unknown = True
        return None if unknown else True

    return all_of


def _any(tests: tuple[Test, ...]) -> Test:
    def any_of(values: Values) -> bool | None:
        unknown = False
        for test in tests:
            result = test(values)
            if result is True:
                return True
            if result is None:
                unknown = True
        return None if unknown else False

    return any_of


def compile_condition(node: Condition) -> Test:  # noqa: PLR0911
    """A closure computing *node* (``True``, ``False`` or ``None`` for unknown)."""
    if isinstance(node, AllOf):
        # Runs of range checks become one fused closure each.
        tests: list[Test] = []
        run: list[Range] = []
        for item in node.items:
            found = _range(item)
            if found is not None:
                run.append(found)
                continue
            if run:
                tests.append(_all_ranges(tuple(run)))
                run = []
            tests.append(compile_condition(item))
        if run:
            tests.append(_all_ranges(tuple(run)))
        return _all(tuple(tests))
    if isinstance(node, AnyOf):
        ranges = [_range(item) for item in node.items]
        if all(found is not None for found in ranges):
            return _any_ranges(tuple(found for found in ranges if found is not None))
        return _any(tuple(compile_condition(item) for item in node.items))
    if isinstance(node, Not):
        inner = compile_condition(node.item)

        def negate(values: Values) -> bool | None:
            result = inner(values)
            return None if result is None else not result

        return negate
    if isinstance(node, Compare):
        return _compare(node)
    if isinstance(node, In):
        get = compile_value(node.operand)
        options = tuple(option.value for option in node.options)
        negated = node.negated

        def member(values: Values) -> bool | None:
            x = get(values)
            if x is None:
                return None
            return (x in options) is not negated

        return member
    fid, negated = node.fact.id, node.negated

    def missing(values: Values) -> bool | None:
        return (values.get(fid) is None) is not negated

    return missing
