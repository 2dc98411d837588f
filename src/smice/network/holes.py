"""Burt's structural holes: effective size and constraint, right on directed and weighted
graphs.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from smice.network._sparse import adjacency, masked_product

__all__ = ["constraint", "effective_size"]


def _proportions(
    G: nx.Graph[Any], weight: str | None
) -> tuple[list[Hashable], sp.csr_array, sp.csr_array, np.ndarray[Any, np.dtype[np.float64]]]:
    """Nodes, ``P`` (proportional tie strength), the contact pattern and contact counts.

    ``z_ij = a_ij + a_ji`` (Burt's mutual tie), ``p_ij = z_ij / sum_k z_ik``.
    """
    nodes, matrix = adjacency(G, weight=weight)
    mutual = sp.csr_array(matrix + matrix.T) if G.is_directed() else matrix
    mutual.eliminate_zeros()
    totals = np.asarray(mutual.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        inverse = np.where(totals > 0, 1.0 / totals, 0.0)
    proportions = sp.csr_array(sp.diags_array(inverse) @ mutual)
    pattern = mutual.copy()
    pattern.data[:] = 1.0
    contacts = np.diff(pattern.indptr).astype(np.float64)
    return nodes, proportions, pattern, contacts


def effective_size(G: nx.Graph[Any], *, weight: str | None = None) -> dict[Hashable, float]:
    """Burt's effective size of each node's network.

    ``ES_i = sum_j [1 - sum_q p_iq m_jq]`` over ``i``'s contacts ``j`` (``q != i, j``), with
    ``z_ij = a_ij + a_ji`` the mutual tie, ``p_iq = z_iq / sum_k z_ik`` the share of ``i``'s
    relations invested in ``q`` and ``m_jq = z_jq / max_k z_jk`` the marginal strength of
    ``j``'s tie to ``q``. Contacts are the nodes tied to ``i`` in either direction. On an
    undirected binary graph this is ``n - 2t/n`` (``n`` contacts, ``t`` ties among them;
    Borgatti 1997). Isolated nodes get ``nan``.

    Unlike :func:`networkx.effective_size` (networkx <= 3.6), in- and out-ties of a directed
    graph both count when normalising ``p`` and ``m``, as Burt defines them.

    Parameters
    ----------
    G : networkx graph
    weight : str, optional
        Edge attribute holding tie strength (``a_ij``); binary ties when ``None``.

    Returns
    -------
    dict
        Effective size keyed by node.

    Examples
    --------
    A star plus one tie between two of its leaves: ``3 - 2 * 1 / 3``.

    >>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    >>> round(effective_size(G)[0], 4)
    2.3333

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes: The Social Structure of Competition.
       Harvard University Press, ch. 2 (equations for redundancy and effective size).
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
       Connections 20(1), 35-38.

    .. versionadded:: 0.1.0
    """
    nodes, proportions, pattern, contacts = _proportions(G, weight)
    mutual_max = _row_max(proportions)
    with np.errstate(divide="ignore"):
        scale = np.where(mutual_max > 0, 1.0 / mutual_max, 0.0)
    marginal = sp.csr_array(sp.diags_array(scale) @ proportions)  # z_jq / max_k z_jk
    # redundancy_i = sum_q p_iq * sum_{j contact of i} m_jq
    reach = masked_product(pattern, marginal, pattern)
    redundancy = np.asarray(sp.csr_array(reach.multiply(proportions)).sum(axis=1)).ravel()
    sizes = contacts - redundancy
    return {
        node: float(sizes[i]) if contacts[i] > 0 else float("nan") for i, node in enumerate(nodes)
    }


def _row_max(matrix: sp.csr_array) -> np.ndarray[Any, np.dtype[np.float64]]:
    if matrix.shape[0] == 0:
        return np.zeros(0)
    return np.asarray(matrix.max(axis=1).toarray()).ravel()


def constraint(G: nx.Graph[Any], *, weight: str | None = None) -> dict[Hashable, float]:
    """Burt's aggregate constraint on each node.

    ``c_i = sum_j (p_ij + sum_q p_iq p_qj)^2`` over ``i``'s contacts ``j`` (``q != i, j``),
    with ``p_ij = z_ij / sum_k z_ik`` and ``z_ij = a_ij + a_ji``. Contacts are the nodes tied
    to ``i`` in either direction. Isolated nodes get ``nan``.

    Unlike :func:`networkx.constraint` (networkx <= 3.6), ``p`` is normalised over in- and
    out-ties of a directed graph, as Burt defines it.

    Parameters
    ----------
    G : networkx graph
    weight : str, optional
        Edge attribute holding tie strength (``a_ij``); binary ties when ``None``.

    Returns
    -------
    dict
        Constraint keyed by node.

    Examples
    --------
    The centre of a star with ``n`` leaves has constraint ``1/n``; a leaf has 1.

    >>> G = nx.star_graph(4)
    >>> constraint(G)[0], constraint(G)[1]
    (0.25, 1.0)

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes: The Social Structure of Competition.
       Harvard University Press, ch. 2 (equation for constraint).
    .. [2] Burt, R. S. (2004). Structural holes and good ideas. American Journal of
       Sociology 110(2), 349-399 (network constraint index).

    .. versionadded:: 0.1.0
    """
    nodes, proportions, pattern, contacts = _proportions(G, weight)
    indirect = masked_product(proportions, proportions, pattern)
    total = sp.csr_array(proportions + indirect)
    total.data **= 2
    values = np.asarray(total.sum(axis=1)).ravel()
    return {
        node: float(values[i]) if contacts[i] > 0 else float("nan") for i, node in enumerate(nodes)
    }
