"""Sets of real numbers as finite unions of intervals, closed under the operations interval
reasoning over conditions needs (union, intersection, complement, affine maps, reciprocal).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Final

import attrs

__all__ = ["Interval", "IntervalSet"]

_INF: Final = math.inf


@attrs.frozen
class Interval:
    """From *low* to *high*; each end included when its ``*_closed`` flag is set."""

    low: float
    high: float
    low_closed: bool = True
    high_closed: bool = True

    @property
    def empty(self) -> bool:
        if self.low > self.high:
            return True
        return self.low == self.high and not (self.low_closed and self.high_closed)

    def __contains__(self, x: float) -> bool:
        if x < self.low or x > self.high:
            return False
        if x == self.low and not self.low_closed:
            return False
        return not (x == self.high and not self.high_closed)

    def text(self) -> str:
        if self.low == self.high:
            return f"= {_num(self.low)}"
        if self.low == -_INF:
            return f"{'≤' if self.high_closed else '<'} {_num(self.high)}"
        if self.high == _INF:
            return f"{'≥' if self.low_closed else '>'} {_num(self.low)}"
        return (
            f"{'[' if self.low_closed else '('}{_num(self.low)}, "
            f"{_num(self.high)}{']' if self.high_closed else ')'}"
        )


def _num(x: float) -> str:
    return f"{x:.12g}"


def _low_key(i: Interval) -> tuple[float, int]:
    return (i.low, 0 if i.low_closed else 1)


@attrs.frozen
class IntervalSet:
    """A union of disjoint, sorted, non-empty intervals."""

    parts: tuple[Interval, ...] = ()

    @classmethod
    def of(cls, intervals: Iterable[Interval]) -> IntervalSet:
        items = sorted((i for i in intervals if not i.empty), key=_low_key)
        merged: list[Interval] = []
        for item in items:
            if merged:
                last = merged[-1]
                touches = item.low < last.high or (
                    item.low == last.high and (item.low_closed or last.high_closed)
                )
                if touches:
                    if item.high > last.high or (
                        item.high == last.high and item.high_closed and not last.high_closed
                    ):
                        merged[-1] = Interval(
                            last.low, item.high, last.low_closed, item.high_closed
                        )
                    continue
            merged.append(item)
        return cls(tuple(merged))

    @classmethod
    def everything(cls) -> IntervalSet:
        return cls((Interval(-_INF, _INF, False, False),))

    @classmethod
    def nothing(cls) -> IntervalSet:
        return cls(())

    @classmethod
    def point(cls, x: float) -> IntervalSet:
        return cls((Interval(x, x),))

    @classmethod
    def compare(cls, op: str, c: float) -> IntervalSet:
        """The set of y with ``y op c``."""
        table = {
            "<": Interval(-_INF, c, False, False),
            "<=": Interval(-_INF, c, False, True),
            ">": Interval(c, _INF, False, False),
            ">=": Interval(c, _INF, True, False),
            "==": Interval(c, c),
        }
        if op == "!=":
            return cls.point(c).complement()
        return cls.of([table[op]])

    @property
    def empty(self) -> bool:
        return not self.parts

    def __contains__(self, x: float) -> bool:
        return any(x in part for part in self.parts)

    def union(self, other: IntervalSet) -> IntervalSet:
        return IntervalSet.of([*self.parts, *other.parts])

    def complement(self) -> IntervalSet:
        result: list[Interval] = []
        low, low_closed = -_INF, False
        for part in self.parts:
            result.append(Interval(low, part.low, low_closed, not part.low_closed))
            low, low_closed = part.high, not part.high_closed
        result.append(Interval(low, _INF, low_closed, False))
        return IntervalSet.of(i for i in result if not (i.low == i.high and abs(i.low) == _INF))

    def intersect(self, other: IntervalSet) -> IntervalSet:
        parts = []
        for a in self.parts:
            for b in other.parts:
                if a.low == b.low:
                    low, low_closed = a.low, a.low_closed and b.low_closed
                else:
                    low, low_closed = (
                        (a.low, a.low_closed) if a.low > b.low else (b.low, b.low_closed)
                    )
                if a.high == b.high:
                    high, high_closed = a.high, a.high_closed and b.high_closed
                else:
                    high, high_closed = (
                        (a.high, a.high_closed) if a.high < b.high else (b.high, b.high_closed)
                    )
                parts.append(Interval(low, high, low_closed, high_closed))
        return IntervalSet.of(parts)

    def minus(self, other: IntervalSet) -> IntervalSet:
        return self.intersect(other.complement())

    def covers(self, other: IntervalSet) -> bool:
        return other.minus(self).empty

    def affine(self, scale: float, shift: float) -> IntervalSet:
        """The image under ``x ↦ scale·x + shift`` (*scale* ≠ 0)."""
        parts = []
        for p in self.parts:
            a, b = p.low * scale + shift, p.high * scale + shift
            if scale > 0:
                parts.append(Interval(a, b, p.low_closed, p.high_closed))
            else:
                parts.append(Interval(b, a, p.high_closed, p.low_closed))
        return IntervalSet.of(parts)

    def reciprocal(self, k: float) -> IntervalSet:
        """``{k / y : y in self, y ≠ 0}`` for *k* ≠ 0."""
        parts = []
        for sign in (-1.0, 1.0):
            side = (
                Interval(0, _INF, False, False) if sign > 0 else Interval(-_INF, 0, False, False)
            )
            for p in self.intersect(IntervalSet((side,))).parts:

                def image(v: float, closed: bool, side_sign: float = sign) -> tuple[float, bool]:
                    if v == 0:
                        return math.copysign(_INF, k) * side_sign, False
                    if abs(v) == _INF:
                        return 0.0, False
                    return k / v, closed

                a, a_closed = image(p.low, p.low_closed)
                b, b_closed = image(p.high, p.high_closed)
                if a <= b:
                    parts.append(Interval(a, b, a_closed, b_closed))
                else:
                    parts.append(Interval(b, a, b_closed, a_closed))
        return IntervalSet.of(parts)

    def nearest(self, x: float, *, integral: bool = False) -> float | None:
        """The point of the set nearest to *x* (for an open end: a point just inside);
        with *integral*, the nearest whole number in the set. Ties go to the smaller point.
        """
        best: float | None = None
        for part in self.parts:
            for candidate in _candidates(part, x, integral):
                if (
                    best is None
                    or abs(candidate - x) < abs(best - x)
                    or (abs(candidate - x) == abs(best - x) and candidate < best)
                ):
                    best = candidate
        return best

    def text(self, within: Interval | None = None) -> str:
        """The set as text; ends that coincide with *within* are left open-ended."""
        if within is None:
            return " or ".join(part.text() for part in self.parts) or "no value"
        shown = []
        for part in self.parts:
            low_open = part.low == within.low and part.low_closed == within.low_closed
            high_open = part.high == within.high and part.high_closed == within.high_closed
            if low_open and high_open:
                return "any value"
            shown.append(
                Interval(
                    -_INF if low_open else part.low,
                    _INF if high_open else part.high,
                    part.low_closed,
                    part.high_closed,
                ).text()
            )
        return " or ".join(shown) or "no value"


def _inside(value: float, toward: float) -> float:
    # A readable point just inside an open end at *value*, moving toward *toward*.
    gap = abs(toward - value)
    if gap == _INF:
        gap = max(abs(value), 1.0)
    step = 10.0 ** (math.floor(math.log10(max(abs(value), gap, 1e-12))) - 3)
    step = min(step, gap / 2)
    candidate = value + math.copysign(step, toward - value)
    rounded = round(candidate, max(0, -math.floor(math.log10(step))))
    if (
        rounded != value
        and (rounded - value) * (toward - value) > 0
        and abs(rounded - value) < abs(toward - value)
    ):
        candidate = rounded
    if candidate == value:
        candidate = math.nextafter(value, toward)
    return candidate


def _candidates(part: Interval, x: float, integral: bool) -> list[float]:
    if integral:
        low = math.ceil(part.low) if part.low != -_INF else -_INF
        if low == part.low and not part.low_closed:
            low += 1
        high = math.floor(part.high) if part.high != _INF else _INF
        if high == part.high and not part.high_closed:
            high -= 1
        if low > high:
            return []
        if low <= round(x) <= high and float(round(x)) in part:
            return [float(round(x))]
        return [float(v) for v in (low, high) if abs(v) != _INF]
    if x in part:
        return [x]
    if x <= part.low:
        return [part.low if part.low_closed else _inside(part.low, part.high)]
    return [part.high if part.high_closed else _inside(part.high, part.low)]
