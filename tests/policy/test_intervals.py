"""The interval sets behind smallest changes and lint: set algebra checked pointwise."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smice.policy._intervals import Interval, IntervalSet

ends = st.integers(-5, 5).map(float)
intervals = st.builds(Interval, ends, ends, st.booleans(), st.booleans())
sets = st.lists(intervals, max_size=4).map(IntervalSet.of)
points = st.integers(-14, 14).map(lambda v: v / 2)


@given(sets, sets, points)
def test_set_operations_agree_with_membership(a: IntervalSet, b: IntervalSet, x: float) -> None:
    assert (x in a.union(b)) == (x in a or x in b)
    assert (x in a.intersect(b)) == (x in a and x in b)
    assert (x in a.complement()) == (x not in a)
    assert (x in a.minus(b)) == (x in a and x not in b)


@given(sets, points, st.sampled_from([-2.0, -0.5, 0.5, 3.0]), st.sampled_from([-1.0, 0.0, 2.0]))
def test_affine_images(a: IntervalSet, x: float, scale: float, shift: float) -> None:
    assert (x in a) == (x * scale + shift in a.affine(scale, shift))


@given(sets, points.filter(lambda v: v != 0), st.sampled_from([-2.0, 1.0, 4.0]))
def test_reciprocal_images(a: IntervalSet, y: float, k: float) -> None:
    assert (y in a) == (k / y in a.reciprocal(k))


@given(sets, points)
def test_nearest_point_is_in_the_set_and_no_farther_than_a_member(
    a: IntervalSet, x: float
) -> None:
    found = a.nearest(x)
    if found is None:
        assert a.empty
        return
    assert found in a
    members = [p / 4 for p in range(-24, 25) if p / 4 in a]
    assert all(abs(found - x) <= abs(m - x) + 0.01 for m in members)


@given(sets, points)
def test_nearest_whole_number(a: IntervalSet, x: float) -> None:
    found = a.nearest(x, integral=True)
    wholes = [float(v) for v in range(-6, 7) if float(v) in a]
    if not wholes:
        assert found is None or abs(found) > 5
        return
    assert found in wholes
    assert all(abs(found - x) <= abs(w - x) for w in wholes)
