"""Effect estimates: difference in means, bootstrap interval, Hedges' g."""

from __future__ import annotations

import pytest

from smice.errors import InvalidValue
from smice.experiments import estimate_effect

# Lakens (2013), "Calculating and reporting effect sizes to facilitate cumulative science",
# Frontiers in Psychology 4:863, Table 1: ratings of two movies by two groups of 10; the paper
# reports means 8.7 and 7.7, Cohen's d_s = 1.13 and Hedges' g_s = 1.08.
MOVIE_1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9]
MOVIE_2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7]


def rows() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for label, values in (("movie-1", MOVIE_1), ("movie-2", MOVIE_2)):
        out += [
            {"label": label, "condition": {"movie": label}, "outcomes": {"rating": float(v)}}
            for v in values
        ]
    return out


def test_difference_and_hedges_g_match_lakens_2013_table_1() -> None:
    effect = estimate_effect(rows(), "rating", "movie-1", "movie-2", seed=1)
    assert (effect.treatment_mean, effect.control_mean) == pytest.approx((8.7, 7.7))
    assert effect.difference == pytest.approx(1.0)
    assert effect.effect_size is not None
    # Lakens (2013) Table 1: Cohen's d_s = 1.13 and, with the small-sample correction
    # J = 1 - 3 / (4 (n1 + n2) - 9) = 0.958, Hedges' g = 1.08.
    correction = 1 - 3 / (4 * 20 - 9)
    assert round(effect.effect_size / correction, 2) == 1.13
    assert round(effect.effect_size, 2) == 1.08
    assert effect.low < 1.0 < effect.high
    assert (effect.n_treatment, effect.n_control) == (10, 10)


def test_the_interval_is_reproducible_for_a_seed_and_selectors_may_be_conditions() -> None:
    a = estimate_effect(rows(), "rating", {"movie": "movie-1"}, {"movie": "movie-2"}, seed=7)
    b = estimate_effect(rows(), "rating", "movie-1", "movie-2", seed=7)
    assert a == b
    wider = estimate_effect(rows(), "rating", "movie-1", "movie-2", seed=7, confidence=0.99)
    assert wider.low <= a.low
    assert wider.high >= a.high


def test_an_empty_group_is_refused() -> None:
    with pytest.raises(InvalidValue, match="control"):
        estimate_effect(rows(), "rating", "movie-1", "movie-3", seed=1)


@pytest.mark.parametrize(("df", "exact"), [(2, 0.5642), (4, 0.7979), (10, 0.9227)])
def test_exact_hedges_j_matches_hedges_and_olkin_table(df: int, exact: float) -> None:
    """Hedges & Olkin (1985), Table 2: exact J(m) = Γ(m/2) / (sqrt(m/2) Γ((m-1)/2)), the form
    metafor's escalc() uses; the approximation 1 - 3 / (4m - 1) is close but not equal."""
    from smice.experiments.analysis import hedges_j

    assert round(hedges_j(df, "exact"), 4) == exact
    assert round(hedges_j(df), 4) != exact


def test_exact_correction_changes_g_by_the_ratio_of_the_two_js() -> None:
    from smice.experiments.analysis import hedges_j

    rows = [{"label": "a", "outcomes": {"x": v}} for v in (1.0, 2.0, 3.0, 5.0)]
    rows += [{"label": "b", "outcomes": {"x": v}} for v in (2.0, 3.0, 4.0, 7.0)]
    approximate = estimate_effect(rows, "x", "b", "a", seed=1).effect_size
    exact = estimate_effect(rows, "x", "b", "a", seed=1, correction="exact").effect_size
    assert approximate is not None
    assert exact is not None
    assert exact / approximate == pytest.approx(hedges_j(6, "exact") / hedges_j(6))
    with pytest.raises(InvalidValue):
        estimate_effect(rows, "x", "b", "a", seed=1, correction="gamma")
