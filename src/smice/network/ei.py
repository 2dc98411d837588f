"""Krackhardt and Stern's E-I index: external minus internal ties over all ties.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Literal

import networkx as nx
import numpy as np

from smice.errors import InvalidValue
from smice.network._sparse import adjacency, group_codes

__all__ = ["ei_index"]

Level = Literal["network", "group", "node"]


def _ratio(external: float, internal: float) -> float:
    total = external + internal
    return float("nan") if total == 0 else (external - internal) / total


def ei_index(
    G: nx.Graph[Any], attr: str, *, level: Level = "network"
) -> float | dict[Hashable, float]:
    """The E-I index ``(E - I) / (E + I)`` of the partition of *G* by node attribute *attr*.

    ``E`` counts ties between groups, ``I`` ties within a group; the index runs from -1 (all
    ties internal) to +1 (all external). Edge values are ignored and parallel edges of a
    multigraph count once; self-loops are ignored.

    Parameters
    ----------
    G : networkx graph
        Directed graphs count arcs; undirected graphs count edges.
    attr : str
        The node attribute that names each node's group (every node must carry it).
    level : {"network", "group", "node"}
        ``"network"``: one value for the whole graph. ``"group"``: one value per group,
        summing the ties of its members; in an undirected graph an internal tie is counted
        from both ends (as UCINET does), in a directed graph a member's out-arcs are
        counted. ``"node"``: one value per node, from its ties (its out-arcs in a directed
        graph).

    Returns
    -------
    float or dict
        The network value, or a dict keyed by group or node. A group or node without ties
        has ``nan``; so has a graph without edges.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (2, 3), (3, 4)])
    >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b"}, "group")
    >>> round(ei_index(G, "group"), 4)  # E = 1 (2-3), I = 2
    -0.3333
    >>> ei_index(G, "group", level="group")  # group a: I = 2 (1-2 from both ends), E = 1
    {'a': -0.3333333333333333, 'b': -0.3333333333333333}
    >>> ei_index(G, "group", level="node")
    {1: -1.0, 2: 0.0, 3: 0.0, 4: -1.0}

    References
    ----------
    .. [1] Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational
       crises: an experimental simulation. Social Psychology Quarterly 51(2), 123-140.
    .. [2] Borgatti, S. P., Everett, M. G. and Freeman, L. C. (2002). UCINET for Windows,
       Network > Cohesion > E-I Index. Analytic Technologies.

    .. versionadded:: 0.1.0
    """
    if level not in ("network", "group", "node"):
        raise InvalidValue("level", "one of 'network', 'group', 'node'", level)
    nodes, matrix = adjacency(G)
    groups, codes = group_codes(G, nodes, attr)
    coo = matrix.tocoo()
    rows, cols = coo.row, coo.col
    same = codes[rows] == codes[cols]
    if level == "network":
        internal = float(np.count_nonzero(same))
        external = float(same.size - internal)
        return _ratio(external, internal)
    n = len(nodes)
    internal_by_node = np.bincount(rows, weights=same.astype(np.float64), minlength=n)
    all_by_node = np.bincount(rows, minlength=n).astype(np.float64)
    external_by_node = all_by_node - internal_by_node
    if level == "node":
        return {
            node: _ratio(float(external_by_node[i]), float(internal_by_node[i]))
            for i, node in enumerate(nodes)
        }
    k = len(groups)
    internal_by_group = np.bincount(codes, weights=internal_by_node, minlength=k)
    external_by_group = np.bincount(codes, weights=external_by_node, minlength=k)
    return {
        group: _ratio(float(external_by_group[g]), float(internal_by_group[g]))
        for g, group in enumerate(groups)
    }
