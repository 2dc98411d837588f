"""The Material Circularity Indicator against the EMF methodology.

Reference: Ellen MacArthur Foundation and Granta Design (2015; 2019 edition), *Circularity
Indicators: An Approach to Measuring Circularity. Methodology*. The methodology defines
V = M(1 - F_R - F_U - F_S), W_0 = M(1 - C_R - C_U - C_C - C_E), W_C = M(1 - E_C) C_R,
W_F = M(1 - E_F) F_R / E_F, W = W_0 + (W_F + W_C)/2, LFI = (V + W)/(2M + (W_F - W_C)/2),
X = (L/L_av)(U/U_av), MCI = max(0, 1 - LFI 0.9/X), and states its calibration: a fully
linear product (all virgin feedstock, all to landfill) with average utility X = 1 has
LFI = 1 and MCI = 0.1; a fully restorative product has LFI = 0 and MCI = 1; F(X) = 0.9/X so
that doubling the lifetime of a linear product halves its linear contribution.
"""

from __future__ import annotations

import pytest

from smice.errors import InvalidValue
from smice.indicators import (
    linear_flow_index,
    material_circularity,
    material_flows,
    utility,
)


def test_fully_linear_product_scores_one_tenth() -> None:
    """EMF calibration: LFI = 1, X = 1 gives MCI = 0.1."""
    assert linear_flow_index(mass=5.0) == 1.0
    assert pytest.approx(material_circularity(mass=5.0)) == 0.1


def test_fully_restorative_product_scores_one() -> None:
    """EMF calibration: all recycled in, all collected and recycled perfectly: MCI = 1."""
    assert linear_flow_index(recycled=1.0, to_recycling=1.0) == 0.0
    assert material_circularity(recycled=1.0, to_recycling=1.0) == 1.0
    assert material_circularity(reused=1.0, to_reuse=1.0) == 1.0


def test_utility_scales_the_linear_part() -> None:
    """F(X) = 0.9/X: a linear product used twice as long scores 1 - 0.45 = 0.55; one used
    half as long (X = 0.5) would score 1 - 1.8 < 0, clamped to 0."""
    assert pytest.approx(material_circularity(lifetime=2.0)) == 0.55
    assert pytest.approx(material_circularity(intensity=4.0, average_intensity=2.0)) == 0.55
    assert material_circularity(lifetime=1.0, average_lifetime=2.0) == 0.0
    assert utility(lifetime=10, average_lifetime=5) == 2.0


def test_half_recycled_half_collected() -> None:
    """By hand from the formulas, F_R = C_R = 0.5, E_C = E_F = 1, M = 1: V = 0.5,
    W_0 = 0.5, W_C = W_F = 0, LFI = 1/2, MCI = 1 - 0.45 = 0.55."""
    assert linear_flow_index(recycled=0.5, to_recycling=0.5) == 0.5
    assert pytest.approx(material_circularity(recycled=0.5, to_recycling=0.5)) == 0.55


def test_recycling_losses_enter_the_waste() -> None:
    """By hand, M = 1, F_R = 1, E_F = 0.5, C_R = 1, E_C = 0.5: V = 0, W_0 = 0,
    W_C = 0.5, W_F = 1, W = 0.75, LFI = 0.75 / (2 + 0.25) = 1/3, MCI = 1 - 0.3 = 0.7."""
    flows = material_flows(
        {
            "M": 1,
            "F_R": 1,
            "F_U": 0,
            "F_S": 0,
            "C_R": 1,
            "C_U": 0,
            "C_C": 0,
            "C_E": 0,
            "E_C": 0.5,
            "E_F": 0.5,
        }
    )
    assert (flows.V, flows.W_0, flows.W_C, flows.W_F, flows.W) == (0.0, 0.0, 0.5, 1.0, 0.75)
    kw = {
        "recycled": 1.0,
        "to_recycling": 1.0,
        "collection_efficiency": 0.5,
        "feedstock_efficiency": 0.5,
    }
    assert pytest.approx(linear_flow_index(**kw)) == 1 / 3
    assert pytest.approx(material_circularity(**kw)) == 0.7


def test_biological_inputs_of_the_2019_edition() -> None:
    """2019 edition: sustained biological feedstock (F_S) is not virgin, composted (C_C)
    material is not waste: F_S = C_C = 1 gives V = W = 0 and MCI = 1."""
    assert material_circularity(sustained=1.0, to_composting=1.0) == 1.0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"recycled": 0.7, "reused": 0.5},
        {"to_recycling": 0.6, "to_reuse": 0.6},
        {"recycled": -0.1},
        {"mass": 0.0},
        {"lifetime": 0.0},
        {"recycled": 0.5, "feedstock_efficiency": 0.0},
        {"recycled": float("nan")},
    ],
)
def test_impossible_inputs_are_refused(kwargs: dict[str, float]) -> None:
    """Fractions outside [0, 1] or summing past 1, zero mass or lifetime, and E_F = 0 with
    recycled input raise InvalidValue."""
    with pytest.raises(InvalidValue):
        material_circularity(**kwargs)
