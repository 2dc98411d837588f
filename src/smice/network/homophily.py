"""Homophily and segregation by a node attribute: Coleman's index, Freeman's segregation
index and Newman's attribute assortativity, all from the group mixing matrix.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np

from smice.network._sparse import adjacency, group_codes

__all__ = [
    "attribute_assortativity",
    "coleman_homophily",
    "freeman_segregation",
    "mixing_matrix",
]

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


def _mixing(G: nx.Graph[Any], attr: str) -> tuple[list[Hashable], FloatArray, FloatArray]:
    nodes, matrix = adjacency(G)
    groups, codes = group_codes(G, nodes, attr)
    k = len(groups)
    coo = matrix.tocoo()
    flat = codes[coo.row] * k + codes[coo.col]
    mixing = np.bincount(flat, minlength=k * k).astype(np.float64).reshape(k, k)
    sizes = np.bincount(codes, minlength=k).astype(np.float64)
    return groups, mixing, sizes


def mixing_matrix(G: nx.Graph[Any], attr: str) -> tuple[list[Hashable], list[list[float]]]:
    """The groups of node attribute *attr* and the matrix of tie counts between them.

    Entry ``[g][h]`` counts arcs from a node of group ``g`` to a node of group ``h``; an
    undirected edge counts in both directions (so the matrix is symmetric and its diagonal
    counts each internal edge twice). Parallel edges count once; self-loops are ignored.

    Examples
    --------
    >>> G = nx.DiGraph([(1, 2), (2, 3)])
    >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b"}, "g")
    >>> mixing_matrix(G, "g")
    (['a', 'b'], [[1.0, 1.0], [0.0, 0.0]])

    .. versionadded:: 0.1.0
    """
    groups, mixing, _ = _mixing(G, attr)
    return groups, mixing.tolist()


def coleman_homophily(G: nx.Graph[Any], attr: str) -> dict[Hashable, float]:
    """Coleman's homophily index of each group of node attribute *attr*.

    For group ``g`` with ``n_g`` of the ``N`` nodes, ``T_g`` ties sent and ``W_g`` of them to
    its own group, the expected number of within-group ties is
    ``E_g = T_g (n_g - 1) / (N - 1)``; the index is ``(W_g - E_g) / (T_g - E_g)`` when
    ``W_g > E_g`` and ``(W_g - E_g) / E_g`` otherwise. It runs from -1 (ties only to other
    groups) through 0 (ties in proportion to group sizes) to 1 (ties only within the group).
    Directed graphs count out-arcs; an undirected edge counts from both ends. Groups that
    send no tie get ``nan``, and so does a group of one member that sends ties: it expects
    ``E_g = 0`` within-group ties and has ``W_g = 0``, so the index is ``0 / 0``, undefined
    (netseg's ``coleman()`` gives ``NaN`` too).

    Examples
    --------
    >>> G = nx.DiGraph([(1, 2), (2, 1), (3, 4), (4, 3)])
    >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b"}, "g")
    >>> coleman_homophily(G, "g")
    {'a': 1.0, 'b': 1.0}
    >>> G.add_edge(5, 1)
    >>> G.nodes[5]["g"] = "c"  # a group of one, sending a tie
    >>> coleman_homophily(G, "g")["c"]
    nan

    References
    ----------
    .. [1] Coleman, J. S. (1958). Relational analysis: the study of social organizations
       with survey methods. Human Organization 17(4), 28-36.
    .. [2] Bojanowski, M. and Corten, R. (2014). Measuring segregation in social networks.
       Social Networks 39, 14-32; R package netseg, function ``coleman()``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``nan`` (was 0.0) for a one-member group that sends ties.
    """
    groups, mixing, sizes = _mixing(G, attr)
    n_total = sizes.sum()
    sent = mixing.sum(axis=1)
    within = np.diag(mixing)
    result: dict[Hashable, float] = {}
    for g, group in enumerate(groups):
        if sent[g] == 0 or n_total < 2:
            result[group] = float("nan")
            continue
        expected = sent[g] * (sizes[g] - 1) / (n_total - 1)
        if within[g] > expected:
            result[group] = float((within[g] - expected) / (sent[g] - expected))
        elif expected > 0:
            result[group] = float((within[g] - expected) / expected)
        else:  # a one-member group: no tie can stay inside it, and 0 / 0 is undefined
            result[group] = float("nan")
    return result


def freeman_segregation(G: nx.Graph[Any], attr: str) -> float:
    """Freeman's segregation index of the partition of *G* by node attribute *attr*.

    ``S = 1 - X / E(X)``: ``X`` is the number of ties between groups and ``E(X)`` the number
    expected if the same ties joined random pairs, ``m (N^2 - sum_g n_g^2) / (N (N - 1))``
    for ``m`` ties (edges, or arcs in a directed graph). ``S = 0`` means no segregation,
    ``S = 1`` no tie between groups; values below 0 mean more cross-group ties than
    chance. With two groups this is Freeman's (1978) index; with more, its generalisation
    in netseg. A graph without ties, or with one group, gives ``nan``.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (3, 4)])
    >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b"}, "g")
    >>> freeman_segregation(G, "g")
    1.0

    References
    ----------
    .. [1] Freeman, L. C. (1978). Segregation in social networks. Sociological Methods &
       Research 6(4), 411-429.
    .. [2] Bojanowski, M. and Corten, R. (2014). Measuring segregation in social networks.
       Social Networks 39, 14-32; R package netseg, function ``freeman()``.

    .. versionadded:: 0.1.0
    """
    _, mixing, sizes = _mixing(G, attr)
    ties = mixing.sum()
    cross = ties - np.trace(mixing)
    n_total = sizes.sum()
    if n_total < 2:
        return float("nan")
    cross_pair_share = (n_total**2 - np.sum(sizes**2)) / (n_total * (n_total - 1))
    expected = ties * cross_pair_share
    if expected == 0:
        return float("nan")
    return float(1 - cross / expected)


def attribute_assortativity(G: nx.Graph[Any], attr: str) -> float:
    """Newman's assortativity coefficient of node attribute *attr* (categories).

    ``r = (sum_g e_gg - sum_g a_g b_g) / (1 - sum_g a_g b_g)`` with ``e`` the mixing matrix
    normalised to sum 1 and ``a``, ``b`` its row and column sums. An undirected edge
    counts in both directions, so ``e`` is symmetric. ``r = 1`` for perfectly assortative
    mixing, 0 for random mixing; ``nan`` when undefined (no ties, or a single group).

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (3, 4), (1, 3)])
    >>> nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b"}, "g")
    >>> round(attribute_assortativity(G, "g"), 4)
    0.3333

    References
    ----------
    .. [1] Newman, M. E. J. (2003). Mixing patterns in networks. Physical Review E 67,
       026126, equation (2).

    .. versionadded:: 0.1.0
    """
    _, mixing, _ = _mixing(G, attr)
    total = mixing.sum()
    if total == 0:
        return float("nan")
    e = mixing / total
    chance = float(np.sum(e.sum(axis=1) * e.sum(axis=0)))
    if chance == 1:
        return float("nan")
    return float((np.trace(e) - chance) / (1 - chance))
