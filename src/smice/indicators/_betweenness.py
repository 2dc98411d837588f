"""Betweenness of large undirected graphs: Brandes' accumulation done for a batch of
sources at once with sparse matrix products (the "algebraic" formulation), exact or from a
seeded sample of sources.

Used above ``NETWORKX_LIMIT`` organisations, where networkx's pure-Python loops take
seconds per hundred sources.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

_BATCH = 64


def _adjacency(G: nx.Graph[Any], nodes: Sequence[Hashable]) -> sp.csr_array:
    index = {node: i for i, node in enumerate(nodes)}
    rows: list[int] = []
    cols: list[int] = []
    for u, v in G.edges():
        if u != v:
            rows += (index[u], index[v])
            cols += (index[v], index[u])
    n = len(nodes)
    data = np.ones(len(rows), dtype=np.float64)
    A = sp.csr_array((data, (rows, cols)), shape=(n, n))
    A.data[:] = 1.0  # parallel edges collapse to one
    return A


def _batch(A: sp.csr_array, sources: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    n, b = A.shape[0], len(sources)
    sigma = np.zeros((n, b))
    sigma[sources, np.arange(b)] = 1.0
    depth = np.full((n, b), -1, dtype=np.int32)
    depth[sources, np.arange(b)] = 0
    frontier = sigma.copy()
    d = 0
    while True:
        reached = A @ frontier
        reached[depth >= 0] = 0.0
        new = reached > 0
        if not new.any():
            break
        d += 1
        depth[new] = d
        sigma[new] = reached[new]
        frontier = np.where(new, reached, 0.0)
    delta = np.zeros((n, b))
    for level in range(d, 1, -1):
        at_level = depth == level
        pull = np.where(at_level, (1.0 + delta) / np.where(at_level, sigma, 1.0), 0.0)
        above = depth == level - 1
        delta += np.where(above, sigma * (A @ pull), 0.0)
    total: np.ndarray[Any, Any] = delta.sum(axis=1)
    return total


def betweenness(
    G: nx.Graph[Any], *, samples: int | None = None, seed: int = 0
) -> dict[Hashable, float]:
    """Betweenness of the undirected simple graph behind *G*, up to a constant factor
    (shares are exact; raw values are not normalised), from every source or from
    *samples* sources drawn with *seed*."""
    nodes = list(G)
    if not nodes:
        return {}
    A = _adjacency(G, nodes)
    n = len(nodes)
    if samples is None or samples >= n:
        chosen = np.arange(n)
    else:
        rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
        chosen = np.array(sorted(rng.sample(range(n), samples)))
    scores = np.zeros(n)
    for start in range(0, len(chosen), _BATCH):
        scores += _batch(A, chosen[start : start + _BATCH])
    return {node: float(scores[i]) for i, node in enumerate(nodes)}
