"""Private sparse-matrix helpers shared by the metric families.

Every metric turns a graph into a binary or weighted :mod:`scipy.sparse` matrix once, in the
node order of ``list(G)``, and works on that; costs then grow with the number of edges (or of
two-paths), never with all node pairs.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from itertools import chain
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
    neighbour_lists = [nbrs for _, nbrs in G.adjacency()]  # raw dicts, in node order
    lengths = np.fromiter(map(len, neighbour_lists), dtype=np.intp, count=len(nodes))
    total = int(lengths.sum())
    # No Python frame per edge: C-level map and chain (constraint row of benchmarks/network.py).
    neighbours: Iterator[Any] = chain.from_iterable(neighbour_lists)
    if nodes != list(range(len(nodes))):
        index = {node: i for i, node in enumerate(nodes)}
        neighbours = map(index.__getitem__, neighbours)
    cols = np.fromiter(neighbours, dtype=np.intp, count=total)
    rows = np.repeat(np.arange(len(nodes), dtype=np.intp), lengths)
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


#: Rows per block for callers that multiply in blocks (bounds memory when hubs make long rows).
BLOCK_ROWS = 4096
#: How many times more terms scipy's compiled product handles in the time the walk of
#: masked_product takes for one (measured on the arena-like graphs of benchmarks/network.py).
_C_SPEEDUP = 8
#: Expanded terms per chunk in masked products: bounds memory when a few hubs meet.
CHUNK_TERMS = 1 << 22


def masked_product(left: sp.csr_array, right: sp.csr_array, mask: sp.csr_array) -> sp.csr_array:
    """``(left @ right)`` kept only where *mask* is non-zero, multiplied by the mask.

    Only the entries under the mask are computed, each as the dot product of a row of
    *left* and a column of *right*: the shorter of the two is walked and looked up in the
    other, so the work is the sum over mask entries of the smaller of the two lengths
    (``O(m^1.5)`` for an adjacency mask, as in triangle counting) and the unmasked product
    is never formed. Only when the unmasked product has at most a few times as many terms
    (no hubs) is it left to scipy's compiled product, which is then faster. The result has
    the mask's pattern (explicit zeros dropped).
    """
    shape = mask.shape
    mask = sp.csr_array(mask)
    mask.sum_duplicates()
    coo = mask.tocoo()
    rows, cols, weights = coo.row.astype(np.intp), coo.col.astype(np.intp), coo.data
    if rows.size == 0:
        return sp.csr_array(shape)
    L = sp.csr_array(left)
    L.sum_duplicates()
    L.sort_indices()
    R = sp.csr_array(sp.csr_array(right).T)  # row j of R is column j of right
    R.sum_duplicates()
    R.sort_indices()
    deg_l = np.diff(L.indptr)[rows]
    deg_r = np.diff(R.indptr)[cols]
    walk_left = deg_l <= deg_r
    walked_terms = int(np.where(walk_left, deg_l, deg_r).sum())
    # All two-paths of the plain product (each column of left meets a row of right).
    all_terms = int(np.diff(L.tocsc().indptr) @ np.diff(sp.csr_array(right).indptr))
    if all_terms <= _C_SPEEDUP * walked_terms:
        # Few enough two-paths: scipy's compiled product beats walking in numpy (the
        # constraint row of benchmarks/network.py); hubs make the walk win.
        product = sp.csr_array(sp.csr_array(L @ sp.csr_array(right)).multiply(mask))
        product.eliminate_zeros()
        return product
    width = max(L.shape[1], 1)
    keys_l = _keys(L, width)
    keys_r = _keys(R, width)
    values = np.zeros(rows.size)
    for walked, looked, keys, owner, other in (
        (L, R, keys_r, rows, cols),
        (R, L, keys_l, cols, rows),
    ):
        chosen = np.flatnonzero(walk_left if walked is L else ~walk_left)
        for part in _chunks(np.diff(walked.indptr)[owner[chosen]], chosen):
            entry, position = _expand(walked.indptr, owner[part], part)
            if entry.size == 0:
                continue
            wanted = other[entry] * width + walked.indices[position]
            found = np.searchsorted(keys, wanted)
            found[found == keys.size] = 0
            hit = keys[found] == wanted if keys.size else np.zeros(wanted.size, dtype=bool)
            products = walked.data[position[hit]] * looked.data[found[hit]]
            values += np.bincount(entry[hit], weights=products, minlength=rows.size)
    result = sp.csr_array((values * weights, (rows, cols)), shape=shape)
    result.eliminate_zeros()
    return result


def _keys(matrix: sp.csr_array, width: int) -> np.ndarray[Any, Any]:
    """``row * width + column`` of every stored entry, sorted (rows, then sorted columns)."""
    counts = np.diff(matrix.indptr)
    keys: np.ndarray[Any, Any] = (
        np.repeat(np.arange(matrix.shape[0], dtype=np.intp), counts) * width + matrix.indices
    )
    return keys


def _chunks(
    lengths: np.ndarray[Any, Any], entries: np.ndarray[Any, Any]
) -> list[np.ndarray[Any, Any]]:
    """*entries* split so that each part expands to about :data:`CHUNK_TERMS` terms."""
    if entries.size == 0:
        return []
    ends = np.cumsum(lengths)
    cuts = np.searchsorted(ends, np.arange(CHUNK_TERMS, int(ends[-1]), CHUNK_TERMS))
    return [part for part in np.split(entries, np.unique(cuts)) if part.size]


def _expand(
    indptr: np.ndarray[Any, Any], owners: np.ndarray[Any, Any], entries: np.ndarray[Any, Any]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """For each entry, the positions of its owner's row: (entry of each term, position)."""
    starts = indptr[owners]
    lengths = indptr[owners + 1] - starts
    total = int(lengths.sum())
    entry = np.repeat(entries, lengths)
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    position = offsets + np.arange(total, dtype=np.intp)
    return entry, position
