"""Private sparse-matrix helpers shared by the metric families.

Every metric turns a graph into a binary or weighted :mod:`scipy.sparse` matrix once, in the
node order of ``list(G)``, and works on that; costs then grow with the number of edges (or of
two-paths), never with all node pairs.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from smice.errors import InvalidValue

__all__ = [
    "adjacency",
    "group_codes",
    "masked_product",
]

#: Rows per block in masked products: bounds memory when a few hubs make long rows.
BLOCK_ROWS = 4096


def adjacency(
    G: nx.Graph[Any], *, weight: str | None = None, symmetric: bool = False
) -> tuple[list[Hashable], sp.csr_array]:
    """The nodes of *G* and its adjacency matrix without self-loops.

    Multigraphs are collapsed: without *weight* a pair counts once, with *weight* the weights
    of parallel edges are summed. Undirected graphs give a symmetric matrix. With
    ``symmetric=True`` a directed graph is made symmetric (``A + A.T`` for weights, the
    union of both directions for binary ties).
    """
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    neighbour_lists = [nbrs for _, nbrs in G.adjacency()]  # raw dicts, in node order
    cols = np.fromiter((index[v] for nbrs in neighbour_lists for v in nbrs), dtype=np.intp)
    rows = np.repeat(np.arange(len(nodes), dtype=np.intp), [len(nbrs) for nbrs in neighbour_lists])
    if weight is None:
        values = np.ones(cols.size)
    else:
        values = np.fromiter(
            (
                _weight(data, weight, G.is_multigraph())
                for nbrs in neighbour_lists
                for data in nbrs.values()
            ),
            dtype=np.float64,
            count=cols.size,
        )
    keep = rows != cols
    matrix = sp.csr_array((values[keep], (rows[keep], cols[keep])), shape=(len(nodes), len(nodes)))
    matrix.sum_duplicates()
    matrix.eliminate_zeros()
    if symmetric and G.is_directed():
        matrix = sp.csr_array(matrix + matrix.T) if weight is not None else _union(matrix)
    matrix.sort_indices()
    return nodes, matrix


def _weight(data: Any, weight: str, multigraph: bool) -> float:
    parts = data.values() if multigraph else (data,)
    total = 0.0
    for part in parts:
        value = part.get(weight, 1.0)
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise InvalidValue(f"edge attribute {weight!r}", "a non-negative number", value)
        total += value
    return total


def _union(matrix: sp.csr_array) -> sp.csr_array:
    both = sp.csr_array(matrix + matrix.T)
    both.data[:] = 1.0
    return both


def group_codes(
    G: nx.Graph[Any], nodes: Sequence[Hashable], attr: str
) -> tuple[list[Hashable], np.ndarray[Any, np.dtype[np.intp]]]:
    """The distinct values of node attribute *attr* (in order of first appearance) and, for
    each node, the index of its value. Every node must carry the attribute."""
    values: dict[Hashable, int] = {}
    labels = [value for _, value in G.nodes(data=attr)]  # in node order, None if missing
    try:
        codes = np.fromiter(
            (values.setdefault(value, len(values)) for value in labels),
            dtype=np.intp,
            count=len(labels),
        )
    except TypeError:
        codes = None
    if codes is None or None in values:
        for node, value in zip(nodes, labels, strict=True):
            if value is None or not isinstance(value, Hashable):
                raise InvalidValue(
                    f"node attribute {attr!r} of node {node!r}", "a hashable group label", value
                ) from None
    assert codes is not None  # an unhashable label raised above
    return list(values), codes


def masked_product(left: sp.csr_array, right: sp.csr_array, mask: sp.csr_array) -> sp.csr_array:
    """``(left @ right)`` kept only where *mask* is non-zero, multiplied by the mask.

    Computed in blocks of rows so that memory stays bounded by the largest block.
    """
    n = left.shape[0]
    if n == 0:
        return sp.csr_array(mask.shape)
    blocks = []
    for start in range(0, n, BLOCK_ROWS):
        stop = min(n, start + BLOCK_ROWS)
        block = left[start:stop] @ right
        blocks.append(sp.csr_array(sp.csr_array(block).multiply(mask[start:stop])))
    return sp.csr_array(sp.vstack(blocks, format="csr"))
