"""The Ellen MacArthur Foundation's Material Circularity Indicator (MCI) of a product.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import attrs

from smice.errors import InvalidValue

__all__ = [
    "MaterialFlows",
    "linear_flow_index",
    "material_circularity",
    "material_flows",
    "product_circularity",
    "utility",
]

_FRACTIONS = ("F_R", "F_U", "F_S", "C_R", "C_U", "C_C", "C_E", "E_C", "E_F")


@attrs.frozen(kw_only=True)
class MaterialFlows:
    """The mass flows of a product in the EMF methodology, from its inputs.

    Attributes
    ----------
    V : float
        Virgin feedstock, ``M (1 - F_R - F_U - F_S)``.
    W_0 : float
        Unrecoverable waste after use, ``M (1 - C_R - C_U - C_C - C_E)``.
    W_C : float
        Waste of the recycling process after collection, ``M (1 - E_C) C_R``.
    W_F : float
        Waste of producing the recycled feedstock, ``M (1 - E_F) F_R / E_F``.
    W : float
        Unrecoverable waste, ``W_0 + (W_F + W_C) / 2``.

    .. versionadded:: 0.1.0
    """

    M: float
    V: float
    W_0: float
    W_C: float
    W_F: float
    W: float


def _check(name: str, value: float, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidValue(name, "a finite number", value)
    if not low <= value <= high:
        raise InvalidValue(name, f"a number in [{low:g}, {high:g}]", value)
    return float(value)


def _flows(inputs: Mapping[str, float]) -> MaterialFlows:
    m = _check("M", inputs["M"], 0.0, math.inf)
    if m == 0:
        raise InvalidValue("M", "a positive mass", m)
    f = {name: _check(name, inputs[name], 0.0, 1.0) for name in _FRACTIONS}
    if f["F_R"] + f["F_U"] + f["F_S"] > 1 + 1e-9:
        raise InvalidValue("F_R + F_U + F_S", "at most 1", f["F_R"] + f["F_U"] + f["F_S"])
    collected = f["C_R"] + f["C_U"] + f["C_C"] + f["C_E"]
    if collected > 1 + 1e-9:
        raise InvalidValue("C_R + C_U + C_C + C_E", "at most 1", collected)
    if f["F_R"] > 0 and f["E_F"] == 0:
        raise InvalidValue("E_F", "a positive efficiency when F_R > 0", f["E_F"])
    v = m * max(0.0, 1 - f["F_R"] - f["F_U"] - f["F_S"])
    w_0 = m * max(0.0, 1 - collected)
    w_c = m * (1 - f["E_C"]) * f["C_R"]
    w_f = m * (1 - f["E_F"]) * f["F_R"] / f["E_F"] if f["F_R"] > 0 else 0.0
    return MaterialFlows(M=m, V=v, W_0=w_0, W_C=w_c, W_F=w_f, W=w_0 + (w_f + w_c) / 2)


def _inputs(
    *,
    mass: float,
    recycled: float,
    reused: float,
    sustained: float,
    to_recycling: float,
    to_reuse: float,
    to_composting: float,
    to_energy: float,
    collection_efficiency: float,
    feedstock_efficiency: float,
) -> dict[str, float]:
    return {
        "M": mass,
        "F_R": recycled,
        "F_U": reused,
        "F_S": sustained,
        "C_R": to_recycling,
        "C_U": to_reuse,
        "C_C": to_composting,
        "C_E": to_energy,
        "E_C": collection_efficiency,
        "E_F": feedstock_efficiency,
    }


def linear_flow_index(
    *,
    mass: float = 1.0,
    recycled: float = 0.0,
    reused: float = 0.0,
    sustained: float = 0.0,
    to_recycling: float = 0.0,
    to_reuse: float = 0.0,
    to_composting: float = 0.0,
    to_energy: float = 0.0,
    collection_efficiency: float = 1.0,
    feedstock_efficiency: float = 1.0,
) -> float:
    """The Linear Flow Index: the share of a product's material that flows linearly.

    ``LFI = (V + W) / (2 M + (W_F - W_C) / 2)``, 1 for a product made of virgin material
    that ends as unrecoverable waste, 0 for a fully restorative one. Arguments are the EMF
    inputs: *mass* ``M``; feedstock fractions *recycled* ``F_R``, *reused* ``F_U``,
    *sustained* ``F_S`` (biological material from sustained production); fractions
    collected after use *to_recycling* ``C_R``, *to_reuse* ``C_U``, *to_composting*
    ``C_C``, *to_energy* ``C_E`` (biological material meeting the energy-recovery
    conditions); recycling efficiencies *collection_efficiency* ``E_C`` and
    *feedstock_efficiency* ``E_F``.

    Examples
    --------
    >>> linear_flow_index()
    1.0
    >>> linear_flow_index(recycled=1.0, to_recycling=1.0)
    0.0

    .. versionadded:: 0.1.0
    """
    flows = _flows(
        _inputs(
            mass=mass,
            recycled=recycled,
            reused=reused,
            sustained=sustained,
            to_recycling=to_recycling,
            to_reuse=to_reuse,
            to_composting=to_composting,
            to_energy=to_energy,
            collection_efficiency=collection_efficiency,
            feedstock_efficiency=feedstock_efficiency,
        )
    )
    lfi = (flows.V + flows.W) / (2 * flows.M + (flows.W_F - flows.W_C) / 2)
    return min(1.0, max(0.0, lfi))


def utility(
    *,
    lifetime: float = 1.0,
    average_lifetime: float = 1.0,
    intensity: float = 1.0,
    average_intensity: float = 1.0,
) -> float:
    """The utility ``X = (L / L_av) (U / U_av)``: lifetime and intensity of use relative to
    the industry average.

    Examples
    --------
    >>> utility(lifetime=10, average_lifetime=5)
    2.0

    .. versionadded:: 0.1.0
    """
    values = {
        "L": lifetime,
        "L_av": average_lifetime,
        "U": intensity,
        "U_av": average_intensity,
    }
    for name, value in values.items():
        _check(name, value, 0.0, math.inf)
        if value == 0:
            raise InvalidValue(name, "a positive number", value)
    return (lifetime / average_lifetime) * (intensity / average_intensity)


def material_circularity(
    *,
    mass: float = 1.0,
    recycled: float = 0.0,
    reused: float = 0.0,
    sustained: float = 0.0,
    to_recycling: float = 0.0,
    to_reuse: float = 0.0,
    to_composting: float = 0.0,
    to_energy: float = 0.0,
    collection_efficiency: float = 1.0,
    feedstock_efficiency: float = 1.0,
    lifetime: float = 1.0,
    average_lifetime: float = 1.0,
    intensity: float = 1.0,
    average_intensity: float = 1.0,
) -> float:
    """The Material Circularity Indicator of a product: ``max(0, 1 - LFI * F(X))`` with
    ``F(X) = 0.9 / X``.

    See :func:`linear_flow_index` for the material inputs and :func:`utility` for *lifetime*
    ``L``, *average_lifetime* ``L_av``, *intensity* ``U`` (functional units delivered) and
    *average_intensity* ``U_av``. A product made of virgin material that ends as waste,
    used as long and as intensively as the average, scores 0.1; a fully restorative one 1.

    Raises
    ------
    smice.errors.InvalidValue
        For a fraction outside [0, 1], feedstock or collection fractions summing past 1, a
        mass, lifetime or intensity that is not positive, or ``E_F = 0`` with recycled input.

    Examples
    --------
    >>> material_circularity()
    0.1
    >>> material_circularity(recycled=1.0, to_recycling=1.0)
    1.0
    >>> round(material_circularity(lifetime=2.0), 2)
    0.55

    References
    ----------
    .. [1] Ellen MacArthur Foundation and Granta Design (2019). Circularity Indicators: An
       Approach to Measuring Circularity. Methodology. Ellen MacArthur Foundation, Cowes.
       (First edition 2015.)

    .. versionadded:: 0.1.0
    """
    lfi = linear_flow_index(
        mass=mass,
        recycled=recycled,
        reused=reused,
        sustained=sustained,
        to_recycling=to_recycling,
        to_reuse=to_reuse,
        to_composting=to_composting,
        to_energy=to_energy,
        collection_efficiency=collection_efficiency,
        feedstock_efficiency=feedstock_efficiency,
    )
    x = utility(
        lifetime=lifetime,
        average_lifetime=average_lifetime,
        intensity=intensity,
        average_intensity=average_intensity,
    )
    return round(max(0.0, 1 - lfi * 0.9 / x), 12)


def material_flows(inputs: Mapping[str, float]) -> MaterialFlows:
    """The :class:`MaterialFlows` of a product from EMF-named inputs (``M``, ``F_R``...).

    Examples
    --------
    >>> material_flows({"M": 10, "F_R": 0.5, "F_U": 0, "F_S": 0, "C_R": 0.5, "C_U": 0,
    ...                 "C_C": 0, "C_E": 0, "E_C": 1, "E_F": 1}).V
    5.0

    .. versionadded:: 0.1.0
    """
    return _flows(inputs)


def product_circularity(product: Mapping[str, float]) -> float:
    """:func:`material_circularity` from a product record with the EMF symbols as keys
    (``mass``, ``F_R``, ``F_U``, ``F_S``, ``C_R``, ``C_U``, ``C_C``, ``C_E``, ``E_C``,
    ``E_F``, ``L``, ``L_av``, ``U``, ``U_av``), as stored in initiative
    ``extensions["products"]``.

    Examples
    --------
    >>> product_circularity({"mass": 2.0, "F_R": 0, "F_U": 0, "F_S": 0, "C_R": 0,
    ...                      "C_U": 0, "C_C": 0, "C_E": 0, "E_C": 1, "E_F": 1,
    ...                      "L": 1, "L_av": 1, "U": 1, "U_av": 1})
    0.1

    .. versionadded:: 0.1.0
    """
    return material_circularity(
        mass=product["mass"],
        recycled=product["F_R"],
        reused=product["F_U"],
        sustained=product["F_S"],
        to_recycling=product["C_R"],
        to_reuse=product["C_U"],
        to_composting=product["C_C"],
        to_energy=product["C_E"],
        collection_efficiency=product["E_C"],
        feedstock_efficiency=product["E_F"],
        lifetime=product["L"],
        average_lifetime=product["L_av"],
        intensity=product["U"],
        average_intensity=product["U_av"],
    )
