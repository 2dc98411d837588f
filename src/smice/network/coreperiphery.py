"""Borgatti and Everett's discrete core-periphery model.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any, Final

import attrs
import networkx as nx
import numpy as np

from smice.errors import InvalidValue
from smice.network._sparse import adjacency

__all__ = [
    "EXACT_LIMIT",
    "RESTART_LIMIT",
    "CorePeriphery",
    "core_periphery",
    "core_periphery_fit",
]

#: Graphs with at most this many nodes are searched exhaustively (2^n partitions).
EXACT_LIMIT: Final = 16
#: Graphs with at most this many nodes also get random restarts of the local search.
RESTART_LIMIT: Final = 2000


@attrs.frozen(kw_only=True)
class CorePeriphery:
    """A partition into core and periphery and how well it fits the ideal pattern.

    Attributes
    ----------
    core : frozenset
        The core nodes; every other node is in the periphery.
    fit : float
        Pearson correlation between the observed ties and the ideal pattern (``nan`` when
        undefined, e.g. an empty graph).
    exact : bool
        Whether the partition comes from exhaustive search (else from the heuristic).

    .. versionadded:: 0.1.0
    """

    core: frozenset[Hashable]
    fit: float
    exact: bool


def _fit(
    core_arcs: float,
    periphery_arcs: float,
    core: float,
    *,
    n: float,
    ignore: bool,
    cross_arcs: float,
) -> float:
    """Correlation of data and pattern over the cells the model looks at (ordered pairs)."""
    core_cells = core * (core - 1)
    periphery = n - core
    periphery_cells = periphery * (periphery - 1)
    cells = core_cells + periphery_cells
    ones = core_arcs + periphery_arcs
    pattern_ones = core_cells
    if not ignore:
        cells += 2 * core * periphery
        ones += cross_arcs
    if cells == 0:
        return float("nan")
    mean_x = ones / cells
    mean_y = pattern_ones / cells
    covariance = core_arcs / cells - mean_x * mean_y
    denominator = mean_x * (1 - mean_x) * mean_y * (1 - mean_y)
    if denominator <= 0:
        return float("nan")
    return float(covariance / math.sqrt(denominator))


def core_periphery_fit(
    G: nx.Graph[Any],
    core: set[Hashable] | frozenset[Hashable],
    *,
    ignore_off_diagonal: bool = True,
) -> float:
    """The fit of a given *core* to the discrete core-periphery pattern.

    The ideal pattern has every core-core pair tied and no periphery-periphery pair tied.
    The fit is the Pearson correlation between observed ties and the pattern over ordered
    pairs of distinct nodes (an undirected edge gives both); core-periphery pairs are left
    out (``ignore_off_diagonal=True``, as in Borgatti and Everett's model), or counted as
    0 in the pattern.

    Examples
    --------
    A triangle core with two pendant nodes attached to it is a perfect fit:

    >>> G = nx.Graph([(1, 2), (2, 3), (1, 3), (1, 4), (2, 5)])
    >>> core_periphery_fit(G, {1, 2, 3})
    1.0

    References
    ----------
    .. [1] Borgatti, S. P. and Everett, M. G. (1999). Models of core/periphery structures.
       Social Networks 21(4), 375-395.

    .. versionadded:: 0.1.0
    """
    nodes, matrix = adjacency(G, symmetric=True)
    in_core = np.array([node in core for node in nodes], dtype=bool)
    coo = matrix.tocoo()
    a, b = in_core[coo.row], in_core[coo.col]
    return _fit(
        float(np.count_nonzero(a & b)),
        float(np.count_nonzero(~a & ~b)),
        float(in_core.sum()),
        n=float(len(nodes)),
        ignore=ignore_off_diagonal,
        cross_arcs=float(np.count_nonzero(a ^ b)),
    )


def _exact(
    rows: np.ndarray[Any, Any], cols: np.ndarray[Any, Any], n: int, ignore: bool
) -> tuple[int, float]:
    masks = np.arange(1 << n, dtype=np.int64)
    core_arcs = np.zeros(masks.size)
    periphery_arcs = np.zeros(masks.size)
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        a = (masks >> r) & 1
        b = (masks >> c) & 1
        core_arcs += a & b
        periphery_arcs += (1 - a) & (1 - b)
    sizes = np.zeros(masks.size)
    for i in range(n):
        sizes += (masks >> i) & 1
    total = float(rows.size)
    best_mask, best_fit = 0, -math.inf
    fits = _vector_fit(core_arcs, periphery_arcs, sizes, n=n, ignore=ignore, total=total)
    if np.all(np.isnan(fits)):
        return 0, float("nan")
    best_mask = int(np.nanargmax(fits))
    best_fit = float(fits[best_mask])
    return best_mask, best_fit


def _vector_fit(
    core_arcs: np.ndarray[Any, Any],
    periphery_arcs: np.ndarray[Any, Any],
    core: np.ndarray[Any, Any],
    *,
    n: int,
    ignore: bool,
    total: float,
) -> np.ndarray[Any, Any]:
    periphery = n - core
    core_cells = core * (core - 1)
    cells = core_cells + periphery * (periphery - 1)
    ones = core_arcs + periphery_arcs
    if not ignore:
        cells = cells + 2 * core * periphery
        ones = total * np.ones_like(core_arcs)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_x = ones / cells
        mean_y = core_cells / cells
        covariance = core_arcs / cells - mean_x * mean_y
        denominator = mean_x * (1 - mean_x) * mean_y * (1 - mean_y)
        fits = covariance / np.sqrt(denominator)
    fits[~(denominator > 0)] = np.nan
    return np.asarray(fits)


def _local_search(
    indptr: np.ndarray[Any, Any],
    indices: np.ndarray[Any, Any],
    start: np.ndarray[Any, Any],
    *,
    ignore: bool,
    total: float,
    max_flips: int,
) -> tuple[np.ndarray[Any, Any], float]:
    """Best-improvement node flips until no flip raises the fit."""
    n = start.size
    in_core = start.copy()
    degree = np.diff(indptr).astype(np.float64)
    to_core = np.zeros(n)
    for v in range(n):
        to_core[v] = in_core[indices[indptr[v] : indptr[v + 1]]].sum()
    core_arcs = float(to_core[in_core].sum())
    periphery_arcs = float((degree - to_core)[~in_core].sum())
    size = float(in_core.sum())
    fit = _fit(
        core_arcs,
        periphery_arcs,
        size,
        n=n,
        ignore=ignore,
        cross_arcs=total - core_arcs - periphery_arcs,
    )
    for _ in range(max_flips):
        # candidate totals after flipping each node (arcs counted in both directions)
        joining = ~in_core
        new_core = np.where(joining, core_arcs + 2 * to_core, core_arcs - 2 * to_core)
        to_periphery = degree - to_core
        new_periphery = np.where(
            joining, periphery_arcs - 2 * to_periphery, periphery_arcs + 2 * to_periphery
        )
        new_size = np.where(joining, size + 1, size - 1)
        fits = _vector_fit(new_core, new_periphery, new_size, n=n, ignore=ignore, total=total)
        if np.all(np.isnan(fits)):
            break
        best = int(np.nanargmax(fits))
        if not (fits[best] > fit + 1e-12 or math.isnan(fit)):
            break
        step = 1.0 if joining[best] else -1.0
        in_core[best] = not in_core[best]
        neighbours = indices[indptr[best] : indptr[best + 1]]
        to_core[neighbours] += step
        core_arcs, periphery_arcs = float(new_core[best]), float(new_periphery[best])
        size, fit = float(new_size[best]), float(fits[best])
    return in_core, fit


def _best_degree_prefix(matrix: Any, ignore: bool) -> np.ndarray[Any, Any]:
    """The core made of the ``k`` highest-degree nodes, for the best ``k``."""
    n = matrix.shape[0]
    degree = np.diff(matrix.indptr).astype(np.float64)
    order = np.argsort(-degree, kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    coo = matrix.tocoo()
    earlier = np.bincount(coo.row[rank[coo.col] < rank[coo.row]], minlength=n).astype(np.float64)
    core_arcs = 2 * np.cumsum(earlier[order])
    total = float(matrix.nnz)
    periphery_arcs = total - (2 * np.cumsum(degree[order]) - core_arcs)
    sizes = np.arange(1, n + 1, dtype=np.float64)
    fits = _vector_fit(core_arcs, periphery_arcs, sizes, n=n, ignore=ignore, total=total)
    start = np.zeros(n, dtype=bool)
    if not np.all(np.isnan(fits)):
        start[order[: int(np.nanargmax(fits)) + 1]] = True
    return start


def core_periphery(
    G: nx.Graph[Any],
    *,
    ignore_off_diagonal: bool = True,
    exact_limit: int = EXACT_LIMIT,
    restarts: int = 10,
    max_flips: int = 2000,
    seed: int = 0,
) -> CorePeriphery:
    """The core/periphery partition of *G* that best fits the discrete model.

    The fit of a partition is :func:`core_periphery_fit`. Graphs with at most
    *exact_limit* nodes are searched exhaustively (all ``2^n`` partitions; ties go to the
    partition first in binary order). Larger graphs use a seeded heuristic: the best
    "top-``k`` nodes by degree" partition (all ``k`` scanned in one pass over the edges),
    then best-improvement local search flipping one node at a time (at most *max_flips*
    flips; each candidate flip is scored in constant time from the node's number of ties
    into the core); graphs of at most ``RESTART_LIMIT`` (2,000) nodes also start the local
    search from *restarts* random partitions drawn with *seed*. The best local optimum
    wins. The heuristic may miss the global
    optimum; like UCINET's genetic algorithm it gives a good partition, not a proof. Edge
    values are ignored; directed graphs are made symmetric.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (2, 3), (1, 3), (1, 4), (2, 5), (3, 6)])
    >>> result = core_periphery(G)
    >>> sorted(result.core), result.fit, result.exact
    ([1, 2, 3], 1.0, True)

    References
    ----------
    .. [1] Borgatti, S. P. and Everett, M. G. (1999). Models of core/periphery structures.
       Social Networks 21(4), 375-395.

    .. versionadded:: 0.1.0
    """
    if exact_limit > 22:
        raise InvalidValue("exact_limit", "at most 22 (2^n partitions are searched)", exact_limit)
    nodes, matrix = adjacency(G, symmetric=True)
    n = len(nodes)
    if n == 0:
        return CorePeriphery(core=frozenset(), fit=float("nan"), exact=True)
    total = float(matrix.nnz)
    if n <= exact_limit:
        coo = matrix.tocoo()
        mask, fit = _exact(coo.row, coo.col, n, ignore_off_diagonal)
        core = frozenset(nodes[i] for i in range(n) if (mask >> i) & 1)
        return CorePeriphery(core=core, fit=fit, exact=True)
    indptr, indices = matrix.indptr, matrix.indices
    starts = [_best_degree_prefix(matrix, ignore_off_diagonal)]
    if n <= RESTART_LIMIT:
        rng = np.random.default_rng(seed)
        for _ in range(restarts):
            starts.append(rng.random(n) < rng.uniform(0.05, 0.5))
    best_core, best_fit = starts[0], -math.inf
    for start in starts:
        in_core, fit = _local_search(
            indptr, indices, start, ignore=ignore_off_diagonal, total=total, max_flips=max_flips
        )
        if not math.isnan(fit) and fit > best_fit:
            best_core, best_fit = in_core, fit
    if best_fit == -math.inf:
        return CorePeriphery(core=frozenset(), fit=float("nan"), exact=False)
    core = frozenset(nodes[i] for i in np.flatnonzero(best_core))
    return CorePeriphery(core=core, fit=best_fit, exact=False)
