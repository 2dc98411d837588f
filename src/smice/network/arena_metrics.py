"""Arena metrics: what SMICE set out to change, measured on the graph of an arena.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Hashable
from typing import Any, Final

import attrs
import networkx as nx

from smice.domain.vocabulary import FlowStatus, Helix, TieKind
from smice.network.communities import brokerage_concentration
from smice.network.ei import ei_index
from smice.network.homophily import attribute_assortativity

__all__ = [
    "LINKAGE_KINDS",
    "SymbiosisKernel",
    "arena_metrics",
    "cross_border_share",
    "helix_shares",
    "realisation_ratio",
    "sme_rnd_linkage_share",
    "symbiosis_kernels",
]

#: Tie kinds that count as a working link between two actors (affiliations, interviews,
#: funding, regulation and representation do not).
LINKAGE_KINDS: Final = frozenset(
    kind.value
    for kind in (
        TieKind.COLLABORATES_WITH,
        TieKind.KNOWLEDGE_FLOW,
        TieKind.CO_APPLIES,
        TieKind.SUPPLIES,
        TieKind.PROCURES,
        TieKind.EXCHANGES_RESOURCE,
    )
)


def _kinds(kinds: Collection[str] | None) -> frozenset[str]:
    return LINKAGE_KINDS if kinds is None else frozenset(str(kind) for kind in kinds)


def _links(G: nx.Graph[Any], kinds: Collection[str] | None) -> list[tuple[Hashable, Hashable]]:
    wanted = _kinds(kinds)
    links = []
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        kind = data.get("kind")
        edge_kinds = data.get("kinds", (kind,) if kind is not None else ())
        if kind is None and not edge_kinds:
            links.append((u, v))  # plain graphs: every edge is a link
        elif any(k in wanted for k in edge_kinds):
            links.append((u, v))
    return links


def sme_rnd_linkage_share(G: nx.Graph[Any], *, kinds: Collection[str] | None = None) -> float:
    """The share of SMEs with at least one tie (either direction) to an R&D stakeholder.

    SMEs and R&D stakeholders are the nodes with ``is_sme`` and ``is_rnd`` set (see
    :func:`~smice.network.to_graph`); ties are those of *kinds* (default
    :data:`LINKAGE_KINDS`). Fold persons into their employers first
    (:func:`~smice.network.organisation_graph`) to count a researcher's tie as the
    university's. ``nan`` without SMEs.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"is_sme": True}), ("b", {"is_sme": True}),
    ...                   ("u", {"is_rnd": True})])
    >>> _ = G.add_edge("u", "a", kind="collaborates_with")
    >>> sme_rnd_linkage_share(G)
    0.5

    .. versionadded:: 0.1.0
    """
    smes = [node for node, data in G.nodes(data=True) if data.get("is_sme")]
    if not smes:
        return float("nan")
    rnd = {node for node, data in G.nodes(data=True) if data.get("is_rnd")}
    linked = set()
    for u, v in _links(G, kinds):
        if v in rnd:
            linked.add(u)
        if u in rnd:
            linked.add(v)
    return sum(1 for node in smes if node in linked) / len(smes)


def cross_border_share(
    G: nx.Graph[Any], attr: str = "country", *, kinds: Collection[str] | None = None
) -> float:
    """The share of ties (of *kinds*, default :data:`LINKAGE_KINDS`) whose two ends are in
    different countries. ``nan`` without ties.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"country": "SE"}), ("b", {"country": "NO"}),
    ...                   ("c", {"country": "SE"})])
    >>> _ = G.add_edge("a", "b", kind="collaborates_with")
    >>> _ = G.add_edge("a", "c", kind="collaborates_with")
    >>> cross_border_share(G)
    0.5

    .. versionadded:: 0.1.0
    """
    links = _links(G, kinds)
    if not links:
        return float("nan")
    cross = sum(1 for u, v in links if G.nodes[u].get(attr) != G.nodes[v].get(attr))
    return cross / len(links)


def helix_shares(G: nx.Graph[Any], attr: str = "helix") -> dict[str, float]:
    """The share of nodes in each helix (every :class:`~smice.domain.vocabulary.Helix`
    appears, with 0 when absent; other values of *attr* are added after them).

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([(1, {"helix": "industry"}), (2, {"helix": "academia"})])
    >>> helix_shares(G)["industry"], helix_shares(G)["government"]
    (0.5, 0.0)

    .. versionadded:: 0.1.0
    """
    counts = Counter(data.get(attr) for _, data in G.nodes(data=True))
    total = G.number_of_nodes()
    shares = {helix.value: 0.0 for helix in Helix}
    for value, count in counts.items():
        shares[str(value)] = count / total if total else 0.0
    return shares


@attrs.frozen(kw_only=True)
class SymbiosisKernel:
    """A connected exchange subgraph: its actors and the resource types they exchange.

    .. versionadded:: 0.1.0
    """

    actors: frozenset[Hashable]
    resources: frozenset[str]
    exchanges: int


def _exchanges(
    G: nx.Graph[Any], statuses: Collection[str]
) -> list[tuple[Hashable, Hashable, str]]:
    found = []
    for u, v, data in G.edges(data=True):
        resource = data.get("resource")
        if resource is None or u == v:
            continue
        status = data.get("status", FlowStatus.REALISED.value)
        if status in statuses:
            found.append((u, v, str(resource)))
    return found


def symbiosis_kernels(
    G: nx.Graph[Any],
    *,
    min_actors: int = 3,
    min_resources: int = 2,
    statuses: Collection[str] = (FlowStatus.REALISED.value,),
) -> tuple[SymbiosisKernel, ...]:
    """Industrial-symbiosis kernels: connected exchange subgraphs with at least *min_actors*
    actors and *min_resources* resource types.

    Exchanges are edges with a ``resource`` attribute (flows of
    :func:`~smice.network.flow_graph`, ``exchanges_resource`` ties of
    :func:`~smice.network.to_graph`) whose ``status`` (realised when absent) is in
    *statuses*. Kernels are the weakly connected components of that exchange layer, largest
    first.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("mill", "dairy", resource="by_product")
    >>> _ = G.add_edge("dairy", "farm", resource="energy")
    >>> [sorted(k.actors) for k in symbiosis_kernels(G)]
    [['dairy', 'farm', 'mill']]

    References
    ----------
    .. [1] Chertow, M. R. (2007). "Uncovering" industrial symbiosis. Journal of Industrial
       Ecology 11(1), 11-30 (the 3-2 heuristic: at least three entities exchanging at least
       two different resources).

    .. versionadded:: 0.1.0
    """
    exchanges = _exchanges(G, statuses)
    layer: nx.Graph[Any] = nx.Graph()
    for u, v, _resource in exchanges:
        layer.add_edge(u, v)
    position = {node: i for i, node in enumerate(G)}
    kernels = []
    for component in nx.connected_components(layer):
        resources = frozenset(r for u, _v, r in exchanges if u in component)
        count = sum(1 for u, _v, _r in exchanges if u in component)
        if len(component) >= min_actors and len(resources) >= min_resources:
            kernels.append(
                SymbiosisKernel(actors=frozenset(component), resources=resources, exchanges=count)
            )
    kernels.sort(key=lambda k: (-len(k.actors), min(position.get(a, 0) for a in k.actors)))
    return tuple(kernels)


def realisation_ratio(G: nx.Graph[Any]) -> float:
    """The share of identified resource flows that are realised.

    Counts the exchange edges of *G* with a ``status`` plus the open offers in
    ``G.graph["offers"]`` (see :func:`~smice.network.flow_graph`); ended flows are not
    counted. ``nan`` when no flow is known.

    Examples
    --------
    >>> G = nx.MultiDiGraph(offers=(("f3", "mill", "energy", "potential"),))
    >>> _ = G.add_edge("mill", "dairy", resource="by_product", status="realised")
    >>> _ = G.add_edge("mill", "farm", resource="material", status="negotiating")
    >>> round(realisation_ratio(G), 4)
    0.3333

    .. versionadded:: 0.1.0
    """
    statuses = [data["status"] for _, _, data in G.edges(data=True) if "status" in data]
    statuses += [offer[3] for offer in G.graph.get("offers", ())]
    counted = [s for s in statuses if s != FlowStatus.ENDED.value]
    if not counted:
        return float("nan")
    return sum(1 for s in counted if s == FlowStatus.REALISED.value) / len(counted)


def arena_metrics(
    G: nx.Graph[Any],
    *,
    flows: nx.Graph[Any] | None = None,
    betweenness_samples: int | None = None,
    seed: int = 0,
) -> dict[str, float]:
    """The arena's network report: one number per metric, keyed by a stable name.

    Keys: ``nodes``, ``ties``, ``sme_rnd_linkage_share``, ``cross_border_share``,
    ``helix_share.<helix>`` for each helix, ``ei_index.helix``, ``assortativity.helix``,
    ``largest_betweenness_share``, ``top_broker_is_cut_vertex`` (1.0 or 0.0) and, from
    *flows* (or from *G* when *flows* is ``None``), ``symbiosis_kernels`` and
    ``realisation_ratio``. Undefined values are ``nan``. *betweenness_samples* makes the
    betweenness approximate (seeded) for large graphs; 0 skips it (both betweenness keys
    are then ``nan``): it is the one metric here whose cost is ``O(n m)``.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> from smice.network.graphs import to_graph
    >>> report = arena_metrics(to_graph(load_arena("examples/arenas/tutorial.json")))
    >>> 0.0 <= report["sme_rnd_linkage_share"] <= 1.0
    True

    .. versionadded:: 0.1.0
    """
    layer = G if flows is None else flows
    if betweenness_samples == 0:
        largest, cut = math.nan, math.nan
    else:
        concentration = brokerage_concentration(G, samples=betweenness_samples, seed=seed)
        largest = concentration.largest_share
        cut = 1.0 if concentration.is_cut_vertex else 0.0
    report: dict[str, float] = {
        "nodes": float(G.number_of_nodes()),
        "ties": float(G.number_of_edges()),
        "sme_rnd_linkage_share": sme_rnd_linkage_share(G),
        "cross_border_share": cross_border_share(G),
    }
    for helix, share in helix_shares(G).items():
        report[f"helix_share.{helix}"] = share
    has_helix = all("helix" in data for _, data in G.nodes(data=True))
    ei = ei_index(G, "helix") if has_helix and G.number_of_nodes() else float("nan")
    report["ei_index.helix"] = float(ei) if isinstance(ei, float) else float("nan")
    report["assortativity.helix"] = (
        attribute_assortativity(G, "helix") if has_helix and G.number_of_nodes() else float("nan")
    )
    report["largest_betweenness_share"] = largest
    report["top_broker_is_cut_vertex"] = cut
    report["symbiosis_kernels"] = float(len(symbiosis_kernels(layer)))
    report["realisation_ratio"] = realisation_ratio(layer)
    return report
