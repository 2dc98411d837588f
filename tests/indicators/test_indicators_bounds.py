"""Share rules on few subjects read Wilson bounds (issue 12): the bound facts and the
Wilson interval they use."""

from __future__ import annotations

import pytest
from test_indicators_compute import build

from smice.indicators import compute
from smice.indicators._coverage_facts import SMALL_SAMPLE, wilson
from smice.indicators.catalogue import BOUNDED


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        # Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
        # comparison of seven methods. Statistics in Medicine 17, 857-872, Table II,
        # method 3 (Wilson score interval without continuity correction), 95 %.
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_matches_newcombe(successes: int, n: int, low: float, high: float) -> None:
    found = wilson(successes, n, z=1.959964)
    assert (low, high) == pytest.approx(found, abs=6e-5)


def test_bounds_on_the_hand_built_arena_are_one_sided_wilson_bounds() -> None:
    """Every bounded share of the hand-built arena has fewer than 30 subjects, so its _low
    and _high facts are the one-sided 95 % Wilson bounds of the share (z = 1.6449)."""
    facts = compute(build())
    checked = 0
    for fact, subjects in BOUNDED.items():
        share, n = facts.value(fact), facts.value(subjects)
        if share is None:
            assert facts.value(f"{fact}_low") is None
            assert facts.value(f"{fact}_high") is None
            continue
        assert isinstance(n, int)
        assert n < SMALL_SAMPLE
        assert isinstance(share, float | int)
        low, high = wilson(share * n, n, z=1.644854)
        assert low == pytest.approx(facts.value(f"{fact}_low"))
        assert high == pytest.approx(facts.value(f"{fact}_high"))
        assert low <= share <= high
        checked += 1
    assert checked >= 10


def test_from_30_subjects_the_bound_is_the_share_itself() -> None:
    from smice.indicators._context import Missing
    from smice.indicators._coverage_facts import bound_facts

    values = dict.fromkeys(BOUNDED, 0.1) | dict.fromkeys(BOUNDED.values(), 30)
    values["A.female_share"] = Missing("nobody")
    out = bound_facts(dict(values))  # type: ignore[arg-type]
    assert out["N.sme_rnd_linkage_share_high"] == 0.1
    assert out["N.sme_rnd_linkage_share_low"] == 0.1
    assert out["A.female_share_low"] == Missing("nobody")
