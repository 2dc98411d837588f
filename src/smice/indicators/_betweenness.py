"""Betweenness of large undirected graphs: Brandes' accumulation for a batch of sources at
once, on arrays (distances from :func:`scipy.sparse.csgraph.shortest_path`, then shortest
path counts and dependencies level by level over the edges of each source's shortest-path
DAG), exact or from seeded samples of sources.

The top broker's share of all betweenness is estimated in two phases, after Brandes and
Pich (2007): one sample of sources picks the top broker, an independent second sample
estimates its share as a ratio of sums, with a normal-approximation confidence interval
from the second sample's spread. Taking the largest of many noisy estimates (one sample for
both) overstates the share; the independent second sample does not.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable
from itertools import chain
from typing import Any, Final

import attrs
import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

#: Sources per batch: bounds memory to a few (batch x edges) arrays.
_BATCH: Final = 32
#: The normal quantile of the two-sided 95 % interval.
_Z95: Final = 1.959963984540054


def adjacency(G: nx.Graph[Any]) -> tuple[list[Hashable], sp.csr_array]:
    """The nodes of *G* and the symmetric 0/1 matrix of the undirected simple graph behind
    it (no self-loops; parallel and opposite edges collapse)."""
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return nodes, sp.csr_array((0, 0))
    neighbour_lists = [nbrs for _, nbrs in G.adjacency()]  # raw dicts, in node order
    lengths = np.fromiter(map(len, neighbour_lists), dtype=np.intp, count=n)
    index = {node: i for i, node in enumerate(nodes)}
    # No Python frame per edge: C-level map and chain (assess rows of benchmarks/assess.py).
    cols = np.fromiter(
        map(index.__getitem__, chain.from_iterable(neighbour_lists)),
        dtype=np.intp,
        count=int(lengths.sum()),
    )
    rows = np.repeat(np.arange(n, dtype=np.intp), lengths)
    keep = rows != cols
    A = sp.csr_array((np.ones(int(keep.sum())), (rows[keep], cols[keep])), shape=(n, n))
    A = sp.csr_array(A + A.T)
    A.data[:] = 1.0
    return nodes, A


def dependencies(A: sp.csr_array, sources: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Brandes' dependencies ``delta_s(v)`` of every node on each source: one row per source.

    ``delta_s(v)`` is the sum over targets ``t`` of the share of shortest ``s``-``t`` paths
    through ``v`` (zero for ``v = s``); betweenness is its sum over all sources.
    """
    n, b = A.shape[0], len(sources)
    coo = A.tocoo()
    tail, head = coo.row.astype(np.intp), coo.col.astype(np.intp)
    distance = csgraph.shortest_path(A, unweighted=True, directed=False, indices=sources)
    level = np.where(np.isfinite(distance), distance, -2).astype(np.int32)  # -2: unreached
    # An edge is on a shortest path from s when its head is one level below its tail.
    on_dag = level[:, head] == level[:, tail] + 1
    rows, edges = np.nonzero(on_dag)
    depth = level[rows, tail[edges]]
    # Depths are small: as int16 a stable argsort is a linear-time radix sort.
    order = np.argsort(depth.astype(np.int16), kind="stable")
    depth = depth[order]
    offset = rows[order].astype(np.intp) * n
    up = offset + tail[edges[order]]  # nearer the source
    down = offset + head[edges[order]]
    top = int(depth[-1]) + 1 if depth.size else 0
    bounds = np.searchsorted(depth, np.arange(top + 1))
    starts = np.arange(b, dtype=np.intp) * n + sources
    sigma = np.zeros(b * n)
    sigma[starts] = 1.0
    for d in range(top):
        part = slice(bounds[d], bounds[d + 1])
        np.add.at(sigma, down[part], sigma[up[part]])
    delta = np.zeros(b * n)
    for d in range(top - 1, -1, -1):
        part = slice(bounds[d], bounds[d + 1])
        u, v = up[part], down[part]
        np.add.at(delta, u, sigma[u] / sigma[v] * (1.0 + delta[v]))
    delta[starts] = 0.0
    result: np.ndarray[Any, Any] = delta.reshape(b, n)
    return result


def _sample(n: int, k: int, rng: random.Random) -> np.ndarray[Any, Any]:
    return np.array(sorted(rng.sample(range(n), k)), dtype=np.intp)


def _sums(A: sp.csr_array, sources: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    total = np.zeros(A.shape[0])
    for start in range(0, len(sources), _BATCH):
        total += dependencies(A, sources[start : start + _BATCH]).sum(axis=0)
    return total


def betweenness(
    G: nx.Graph[Any], *, samples: int | None = None, seed: int = 0
) -> dict[Hashable, float]:
    """Betweenness of the undirected simple graph behind *G*, up to a constant factor
    (shares are exact; raw values are not normalised), from every source or from
    *samples* sources drawn with *seed*."""
    nodes, A = adjacency(G)
    n = len(nodes)
    if n == 0:
        return {}
    if samples is None or samples >= n:
        chosen = np.arange(n, dtype=np.intp)
    else:
        chosen = _sample(n, samples, random.Random(seed))  # noqa: S311 - reproducible
    scores = _sums(A, chosen)
    return {node: float(scores[i]) for i, node in enumerate(nodes)}


@attrs.frozen(kw_only=True)
class TopShare:
    """The top broker, its share of all betweenness and the half-width of the 95 %
    confidence interval of the share (0 when exact)."""

    node: Hashable
    share: float
    half_width: float
    exact: bool
    #: The node's row in :attr:`matrix`.
    index: int
    #: The adjacency matrix used (see :func:`adjacency`).
    matrix: sp.csr_array = attrs.field(eq=False, repr=False)


def top_share(G: nx.Graph[Any], *, samples: int | None = None, seed: int = 0) -> TopShare | None:
    """The node with the largest betweenness in the undirected simple graph behind *G* and
    its share of the total; ``None`` when no node lies between two others.

    Exact from every source when *samples* is ``None`` or at least the number of nodes.
    Otherwise two independent seeded samples of *samples* sources each: the first picks the
    top node, the second estimates its share ``sum_s delta_s(top) / sum_s sum_v
    delta_s(v)`` (a ratio estimator) with a 95 % interval by the delta method.
    """
    nodes, A = adjacency(G)
    n = len(nodes)
    if n == 0:
        return None
    if samples is None or samples >= n // 2:
        scores = _sums(A, np.arange(n, dtype=np.intp))
        total = float(scores.sum())
        if total <= 0:
            return None
        top = int(np.argmax(scores))  # the first of equals in node order
        share = float(scores[top]) / total
        return TopShare(
            node=nodes[top], share=share, half_width=0.0, exact=True, index=top, matrix=A
        )
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    both = rng.sample(range(n), 2 * samples)
    pick = np.array(sorted(both[:samples]), dtype=np.intp)
    measure = np.array(sorted(both[samples:]), dtype=np.intp)
    first = _sums(A, pick)
    if float(first.sum()) <= 0:
        return None
    top = int(np.argmax(first))
    x = np.zeros(samples)  # delta_s(top), one per source of the second sample
    y = np.zeros(samples)  # sum_v delta_s(v)
    for start in range(0, samples, _BATCH):
        block = dependencies(A, measure[start : start + _BATCH])
        x[start : start + len(block)] = block[:, top]
        y[start : start + len(block)] = block.sum(axis=1)
    if float(y.sum()) <= 0:
        return TopShare(
            node=nodes[top], share=0.0, half_width=0.0, exact=False, index=top, matrix=A
        )
    share = float(x.sum() / y.sum())
    residual = x - share * y
    spread = math.sqrt(float(residual @ residual) / (samples * (samples - 1)))
    half_width = _Z95 * spread / float(y.mean())
    return TopShare(
        node=nodes[top], share=share, half_width=half_width, exact=False, index=top, matrix=A
    )


def is_cut_vertex(A: sp.csr_array, index: int) -> bool:
    """Whether removing node *index* splits its connected component of the undirected
    graph with symmetric adjacency matrix *A* (from :func:`adjacency`)."""
    _, labels = csgraph.connected_components(A, directed=False)
    others = np.flatnonzero(labels == labels[index])
    others = others[others != index]
    if others.size < 2:
        return False
    count, _ = csgraph.connected_components(A[others][:, others], directed=False)
    return bool(count > 1)
