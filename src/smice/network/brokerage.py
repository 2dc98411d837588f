"""Gould and Fernandez brokerage roles, with the moments of R's ``sna::brokerage()``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator, Mapping
from typing import Any, Final

import attrs
import networkx as nx
import numpy as np
import scipy.sparse as sp

from smice.domain.display import card, heading, short_repr, table
from smice.network._sparse import adjacency, group_codes, masked_product

__all__ = ["ROLES", "Brokerage", "brokerage"]

#: The brokerage roles, in the column order of ``sna::brokerage()``, and their total.
ROLES: Final = (
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
    "total",
)

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


@attrs.frozen(kw_only=True)
class Brokerage:
    """Brokerage counts and z-scores per node and for the whole graph.

    Attributes
    ----------
    raw : mapping
        ``raw[node][role]``: open two-paths the node brokers in each role.
    z : mapping
        ``z[node][role]``: ``(raw - expected) / sd`` under the density null model (``nan``
        where the standard deviation is 0).
    expected, sd : mapping
        ``expected[group][role]`` and ``sd[group][role]``: the moments for a broker of
        each group.
    graph_raw, graph_z, graph_expected, graph_sd : mapping
        The same for the whole graph, ``graph_raw[role]`` being the sum over nodes.

    .. versionadded:: 0.1.0
    """

    raw: Mapping[Hashable, Mapping[str, float]]
    z: Mapping[Hashable, Mapping[str, float]]
    expected: Mapping[Hashable, Mapping[str, float]]
    sd: Mapping[Hashable, Mapping[str, float]]
    graph_raw: Mapping[str, float]
    graph_z: Mapping[str, float]
    graph_expected: Mapping[str, float]
    graph_sd: Mapping[str, float]

    def __repr__(self) -> str:
        total = self.graph_raw.get("total", 0.0)
        return short_repr(
            "Brokerage", details=f"{len(self.raw)} nodes, {total:g} brokered two-paths"
        )

    def _repr_html_(self) -> str:
        whole = table(
            ["role", "raw", "expected", "sd", "z"],
            [
                (
                    role,
                    f"{self.graph_raw.get(role, math.nan):g}",
                    f"{self.graph_expected.get(role, math.nan):.4g}",
                    f"{self.graph_sd.get(role, math.nan):.4g}",
                    f"{self.graph_z.get(role, math.nan):.3f}",
                )
                for role in ROLES
            ],
        )
        top = sorted(self.raw, key=lambda node: (-self.raw[node]["total"], str(node)))[:10]
        brokers = table(
            ["node", *ROLES],
            [(node, *(f"{self.raw[node][role]:g}" for role in ROLES)) for node in top],
        )
        return card(
            "Brokerage",
            f"{len(self.raw)} nodes (Gould & Fernandez 1989)",
            [heading("The whole graph"), whole, heading("Top brokers (raw counts)"), brokers],
        )


class _Table(Mapping[Hashable, Mapping[str, float]]):
    """A read-only view of an ``n x 6`` array as ``{node: {role: value}}`` (rows built on
    demand, so large graphs do not pay for millions of small dicts)."""

    __slots__ = ("_index", "_nodes", "_values")

    def __init__(self, nodes: list[Hashable], values: FloatArray) -> None:
        self._nodes = nodes
        self._index = {node: i for i, node in enumerate(nodes)}
        self._values = values

    def __getitem__(self, node: Hashable) -> Mapping[str, float]:
        return dict(zip(ROLES, self._values[self._index[node]].tolist(), strict=True))

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def __repr__(self) -> str:
        return f"<{len(self)} nodes x {len(ROLES)} roles>"


def _rowsum(matrix: sp.csr_array) -> FloatArray:
    return np.asarray(matrix.sum(axis=1), dtype=np.float64).ravel()


def _all_two_paths(
    matrix: sp.csr_array, codes: np.ndarray[Any, np.dtype[np.intp]], k: int
) -> FloatArray:
    """Two-paths a -> b -> c with a != c through each broker b, by role (n x 5)."""
    n = matrix.shape[0]
    onehot = sp.csr_array((np.ones(n), (np.arange(n), codes)), shape=(n, k), dtype=np.float64)
    into = sp.csr_array(matrix.T @ onehot)  # in-neighbours of b by group
    out = sp.csr_array(matrix @ onehot)  # out-neighbours of b by group
    mutual = sp.csr_array(sp.csr_array(matrix.multiply(matrix.T)) @ onehot)
    indeg, outdeg, recip = _rowsum(into), _rowsum(out), _rowsum(mutual)
    rows = np.arange(n)
    in_own = into[rows, codes].astype(np.float64) if n else np.zeros(0)
    out_own = out[rows, codes].astype(np.float64) if n else np.zeros(0)
    mutual_own = mutual[rows, codes].astype(np.float64) if n else np.zeros(0)
    same_group_pairs = _rowsum(sp.csr_array(into.multiply(out)))  # sum_k I_k O_k
    counts = np.zeros((n, 5))
    counts[:, 0] = in_own * out_own - mutual_own
    counts[:, 1] = (same_group_pairs - in_own * out_own) - (recip - mutual_own)
    counts[:, 2] = in_own * (outdeg - out_own)
    counts[:, 3] = (indeg - in_own) * out_own
    counts[:, 4] = (indeg - in_own) * (outdeg - out_own) - (same_group_pairs - in_own * out_own)
    return counts


def _closed_two_paths(
    matrix: sp.csr_array, codes: np.ndarray[Any, np.dtype[np.intp]]
) -> FloatArray:
    """Two-paths a -> b -> c closed by an arc a -> c, through each broker b, by role."""
    n = matrix.shape[0]
    coo = matrix.tocoo()
    within = coo.row[codes[coo.row] == codes[coo.col]], coo.col[codes[coo.row] == codes[coo.col]]
    same = sp.csr_array((np.ones(within[0].size), within), shape=matrix.shape)
    transposed = sp.csr_array(matrix.T)
    # Entry [b, a] (for an arc a -> b): common out-neighbours c of a and b ...
    total = masked_product(matrix, transposed, transposed).tocoo()
    # ... those in b's group, and those in a's group.
    in_b_group = masked_product(same, transposed, transposed).tocoo()
    in_a_group = masked_product(matrix, sp.csr_array(same.T), transposed).tocoo()
    counts = np.zeros((n, 5))
    for part, column_same, column_other in (
        (total, None, None),
        (in_b_group, 0, 3),
        (in_a_group, None, 1),
    ):
        brokers, sources, values = part.row, part.col, part.data
        a_with_b = codes[brokers] == codes[sources]
        if column_same is None and column_other is None:
            # every closed path: representative if a is with b, liaison otherwise
            counts[:, 2] += np.bincount(brokers, weights=values * a_with_b, minlength=n)
            counts[:, 4] += np.bincount(brokers, weights=values * ~a_with_b, minlength=n)
        elif column_same == 0:
            # c with b: coordinator if a is with b (moved out of representative), else
            # gatekeeper (moved out of liaison)
            with_b = np.bincount(brokers, weights=values * a_with_b, minlength=n)
            not_b = np.bincount(brokers, weights=values * ~a_with_b, minlength=n)
            counts[:, 0] += with_b
            counts[:, 2] -= with_b
            counts[:, 3] += not_b
            counts[:, 4] -= not_b
        else:
            # c with a, a not with b: itinerant (moved out of liaison)
            moved = np.bincount(brokers, weights=values * ~a_with_b, minlength=n)
            counts[:, 1] += moved
            counts[:, 4] -= moved
    return counts


def _moments(
    sizes: FloatArray, n_total: float, density: float
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Expectations and variances by broker group, and for the graph (``sna::brokerage``)."""
    d, big_n, n = density, n_total, sizes
    base = d**2 * (1 - d)
    cubic = d**3 * (1 - d) ** 3
    k = n.size
    expected = np.zeros((k, 6))
    variance = np.zeros((k, 6))
    for i in range(k):
        others = np.delete(n, i)
        ni = n[i]
        expected[i, 0] = base * (ni - 1) * (ni - 2)
        variance[i, 0] = expected[i, 0] * (1 - base) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * cubic
        expected[i, 1] = base * np.sum(others * (others - 1))
        variance[i, 1] = (
            expected[i, 1] * (1 - base) + 2 * np.sum(others * (others - 1) * (others - 2)) * cubic
        )
        expected[i, 2] = base * (big_n - ni) * (ni - 1)
        variance[i, 2] = (
            expected[i, 2] * (1 - base)
            + 2
            * ((ni - 1) * math.comb(int(big_n - ni), 2) + (big_n - ni) * math.comb(int(ni - 1), 2))
            * cubic
        )
        expected[i, 3] = expected[i, 2]
        variance[i, 3] = variance[i, 2]
        expected[i, 4] = base * (np.sum(np.outer(others, others)) - np.sum(others**2))
        pairs_outside = (big_n - others - ni) * (big_n - others - ni - 1) / 2
        variance[i, 4] = expected[i, 4] * (1 - base) + 4 * np.sum(others * pairs_outside * cubic)
        expected[i, 5] = base * (big_n - 1) * (big_n - 2)
        variance[i, 5] = (
            expected[i, 5] * (1 - base) + 2 * (big_n - 1) * (big_n - 2) * (big_n - 3) * cubic
        )
    g_exp = np.zeros(6)
    g_var = np.zeros(6)
    quartic = d**4 * (1 - d) ** 2
    quintic = d**5 * (1 - d)
    g_exp[0] = base * np.sum(n * (n - 1) * (n - 2))
    g_var[0] = g_exp[0] * (1 - base) + np.sum(
        n * (n - 1) * (n - 2) * ((4 * n - 10) * cubic - 4 * (n - 3) * quartic + (n - 3) * quintic)
    )
    g_exp[1] = base * np.sum(n * (big_n - n) * (n - 1))
    x, y = n[:, None], n[None, :]
    g_var[1] = g_exp[1] * (1 - base) + (
        np.sum(x * y * (x - 1) * ((2 * x + 2 * y - 6) * cubic + (big_n - x - 1) * quintic))
        - np.sum(n * n * (n - 1) * ((4 * n - 6) * cubic + (big_n - n - 1) * quintic))
    )
    g_exp[2] = base * np.sum(n * (big_n - n) * (n - 1))
    g_var[2] = g_exp[2] * (1 - base) + np.sum(
        n * (big_n - n) * (n - 1) * ((big_n - 3) * cubic + (n - 2) * quintic)
    )
    g_exp[3], g_var[3] = g_exp[2], g_var[2]
    g_exp[4] = base * (np.sum(x * y * (big_n - x - y)) - np.sum(n * n * (big_n - 2 * n)))
    g_var[4] = g_exp[4] * (1 - base)
    for i in range(k):  # ordered triples of distinct groups (i, j, l)
        ni = n[i]
        nj = n[:, None]
        nl = n[None, :]
        term = (
            ni
            * nj
            * nl
            * (
                (4 * (big_n - nj) - 2 * (ni + nl + 1)) * cubic
                - (4 * (big_n - nl) - 2 * (ni + nj + 1)) * quartic
                + (big_n - (ni + nl + 1)) * quintic
            )
        )
        distinct = np.ones((k, k), dtype=bool)
        distinct[i, :] = False
        distinct[:, i] = False
        np.fill_diagonal(distinct, False)
        g_var[4] += float(np.sum(term[distinct]))
    g_exp[5] = base * big_n * (big_n - 1) * (big_n - 2)
    g_var[5] = g_exp[5] * (1 - base) + big_n * (big_n - 1) * (big_n - 2) * (
        (4 * big_n - 10) * cubic - 4 * (big_n - 3) * quartic + (big_n - 3) * quintic
    )
    # adding 0.0 turns the -0.0 of empty products into 0.0
    return expected + 0.0, variance + 0.0, g_exp + 0.0, g_var + 0.0


def _z(raw: FloatArray, expected: FloatArray, sd: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (raw - expected) / sd
    z[sd == 0] = np.nan
    return np.asarray(z, dtype=np.float64)


def brokerage(G: nx.Graph[Any], attr: str) -> Brokerage:
    """Gould and Fernandez brokerage roles of every node, grouped by node attribute *attr*.

    For each open two-path ``a -> b -> c`` (``a != c`` and no arc ``a -> c``; a reverse arc
    ``c -> a`` does not close it) the broker ``b`` is a *coordinator* (``a``, ``b``, ``c`` in
    one group), *itinerant* (``a`` and ``c`` in one group, ``b`` in another),
    *representative* (``a`` and ``b`` in one group, ``c`` in another), *gatekeeper* (``a`` in
    one group, ``b`` and ``c`` in another) or *liaison* (three groups). Undirected graphs
    count each edge in both directions. Edge values, parallel edges and self-loops are
    ignored.

    Expectations, standard deviations and z-scores follow the density null model of
    Gould and Fernandez as implemented by R's ``sna::brokerage()`` (density
    ``d = arcs / (N (N - 1))``); z is ``nan`` where the standard deviation is 0.

    The counts cost one pass over the arcs plus masked sparse products whose cost is the
    number of two-paths, never the number of node pairs or triples.

    Parameters
    ----------
    G : networkx graph
    attr : str
        The node attribute holding each node's group (every node must carry it).

    Returns
    -------
    Brokerage

    Examples
    --------
    A firm ``f`` tied to a university ``u`` through an intermediary ``i``:

    >>> G = nx.DiGraph([("f", "i"), ("i", "u")])
    >>> nx.set_node_attributes(G, {"f": "industry", "i": "government", "u": "academia"},
    ...                        "helix")
    >>> result = brokerage(G, "helix")
    >>> result.raw["i"]["liaison"], result.raw["i"]["total"], result.graph_raw["liaison"]
    (1.0, 1.0, 1.0)

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. Sociological Methodology 19, 89-126.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. Journal of Statistical
       Software 24(6); R package sna, function ``brokerage()``.

    .. versionadded:: 0.1.0
    """
    nodes, matrix = adjacency(G, symmetric=False)
    if not G.is_directed():
        matrix = sp.csr_array(matrix)  # already symmetric: both directions counted
    groups, codes = group_codes(G, nodes, attr)
    n = len(nodes)
    k = len(groups)
    raw5 = (
        _all_two_paths(matrix, codes, k) - _closed_two_paths(matrix, codes)
        if n
        else (np.zeros((0, 5)))
    )
    raw = np.column_stack([raw5, raw5.sum(axis=1)]) if n else np.zeros((0, 6))
    arcs = float(matrix.nnz)
    density = arcs / (n * (n - 1)) if n > 1 else 0.0
    sizes = np.bincount(codes, minlength=k).astype(np.float64)
    expected, variance, g_exp, g_var = _moments(sizes, float(n), density)
    sd = np.sqrt(np.maximum(variance, 0.0))
    node_exp = expected[codes]
    node_sd = sd[codes]
    z = _z(raw, node_exp, node_sd)
    graph_raw = raw.sum(axis=0) if n else np.zeros(6)
    g_sd = np.sqrt(np.maximum(g_var, 0.0))
    graph_z = _z(graph_raw, g_exp, g_sd)

    def rows(values: FloatArray) -> list[dict[str, float]]:
        return [dict(zip(ROLES, line, strict=True)) for line in values.tolist()]

    def row(values: FloatArray) -> dict[str, float]:
        return dict(zip(ROLES, values.tolist(), strict=True))

    return Brokerage(
        raw=_Table(nodes, raw),
        z=_Table(nodes, z),
        expected=dict(zip(groups, rows(expected), strict=True)),
        sd=dict(zip(groups, rows(sd), strict=True)),
        graph_raw=row(graph_raw),
        graph_z=row(graph_z),
        graph_expected=row(g_exp),
        graph_sd=row(g_sd),
    )
