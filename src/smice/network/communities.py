"""Communities (Louvain) and the concentration of brokerage in one actor.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import attrs
import networkx as nx

__all__ = ["BrokerageConcentration", "brokerage_concentration", "communities"]


def _undirected(G: nx.Graph[Any], weight: str | None) -> nx.Graph[Any]:
    H: nx.Graph[Any] = nx.Graph()
    H.add_nodes_from(G)
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        value = 1.0 if weight is None else float(data.get(weight, 1.0))
        if H.has_edge(u, v):
            H.edges[u, v]["weight"] += value
        else:
            H.add_edge(u, v, weight=value)
    return H


def communities(
    G: nx.Graph[Any], *, weight: str | None = "weight", resolution: float = 1.0, seed: int = 0
) -> tuple[frozenset[Hashable], ...]:
    """Louvain communities of *G*, largest first (ties broken by the first node's order).

    Directions are dropped and parallel edges merged (weights summed). The result is
    deterministic for a given *seed*.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> [sorted(c) for c in communities(G)]
    [[0, 1, 2, 3], [4, 5, 6, 7]]

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008). Fast
       unfolding of communities in large networks. J. Stat. Mech. P10008.

    .. versionadded:: 0.1.0
    """
    H = _undirected(G, weight)
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    position = {node: i for i, node in enumerate(G)}
    ordered = sorted(found, key=lambda c: (-len(c), min(position[node] for node in c)))
    return tuple(frozenset(c) for c in ordered)


@attrs.frozen(kw_only=True)
class BrokerageConcentration:
    """How much brokerage rests on one actor.

    Attributes
    ----------
    top_broker : hashable or None
        The node with the largest betweenness (``None`` if no node lies between others).
    largest_share : float
        Its share of the summed betweenness of all nodes (0 when there is none).
    is_cut_vertex : bool
        Whether removing the top broker splits its component.

    .. versionadded:: 0.1.0
    """

    top_broker: Hashable | None
    largest_share: float
    is_cut_vertex: bool


def brokerage_concentration(
    G: nx.Graph[Any], *, samples: int | None = None, seed: int = 0
) -> BrokerageConcentration:
    """The largest betweenness share and whether the top broker is a cut vertex.

    Betweenness is computed on the undirected simple graph (Brandes' algorithm), exactly
    or, with *samples*, from that many seeded source nodes (cost ``O(samples * m)``).
    Cut vertices come from a linear-time biconnected-components search.

    Examples
    --------
    >>> result = brokerage_concentration(nx.path_graph(3))
    >>> result.top_broker, result.largest_share, result.is_cut_vertex
    (1, 1.0, True)

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
       Mathematical Sociology 25(2), 163-177.
    .. [2] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms for
       graph manipulation. Communications of the ACM 16(6), 372-378.

    .. versionadded:: 0.1.0
    """
    H = _undirected(G, None)
    k = None if samples is None or samples >= H.number_of_nodes() else samples
    scores = nx.betweenness_centrality(H, k=k, seed=seed, normalized=False)
    total = sum(scores.values())
    if total <= 0:
        return BrokerageConcentration(top_broker=None, largest_share=0.0, is_cut_vertex=False)
    top = max(H, key=lambda node: scores[node])  # first of equals in node order
    cut = top in set(nx.articulation_points(H))
    return BrokerageConcentration(
        top_broker=top, largest_share=scores[top] / total, is_cut_vertex=cut
    )
