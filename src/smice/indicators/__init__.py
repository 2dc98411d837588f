"""Indicators: named, unit-bearing facts computed from an arena, for rules to read.

:data:`CATALOGUE` defines every indicator (id, name, unit, level, description, source and
how it can be missing); :func:`compute` gives them all for one day as
:class:`smice.policy.Facts`. Families: ``A.`` arena and process, ``N.`` network, ``C.``
circularity (with the Ellen MacArthur Foundation's :func:`material_circularity`).

Examples
--------
>>> from smice.io import load_arena
>>> from smice.policy import default_facts
>>> facts = compute(load_arena("examples/arenas/tutorial.json"))
>>> set(default_facts()) <= set(facts)
True

.. versionadded:: 0.1.0
"""

from smice.indicators.catalogue import (
    CATALOGUE,
    FAMILIES,
    Indicator,
    fact_catalogue,
    markdown_table,
)
from smice.indicators.circularity import (
    MaterialFlows,
    linear_flow_index,
    material_circularity,
    material_flows,
    product_circularity,
    utility,
)
from smice.indicators.compute import compute
from smice.indicators.timeline import (
    arena_on,
    dated_records,
    earliest_date,
    latest_date,
    whole_months,
)

__all__ = [
    "CATALOGUE",
    "FAMILIES",
    "Indicator",
    "MaterialFlows",
    "arena_on",
    "compute",
    "dated_records",
    "earliest_date",
    "fact_catalogue",
    "latest_date",
    "linear_flow_index",
    "markdown_table",
    "material_circularity",
    "material_flows",
    "product_circularity",
    "utility",
    "whole_months",
]
