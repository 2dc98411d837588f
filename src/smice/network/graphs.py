"""From an arena to graphs: the full multigraph of ties, the resource-flow layer, and the
projections the metrics work on.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from datetime import date
from enum import Enum
from typing import Any, Final, Literal

import networkx as nx

from smice.domain.arena import Arena
from smice.domain.stakeholders import Stakeholder
from smice.domain.vocabulary import ConsentScope, FlowStatus, StakeholderKind, TieKind
from smice.errors import InvalidValue

__all__ = [
    "flow_graph",
    "helix_graph",
    "organisation_graph",
    "simple_graph",
    "to_graph",
]

Unconsented = Literal["drop", "flag"]

#: Tie kinds that tie a person to an organisation rather than two actors to each other.
AFFILIATION_KINDS: Final = frozenset({TieKind.EMPLOYED_BY, TieKind.MEMBER_OF})


#: Scopes whose use is an act done when the code runs (writing a file, suggesting a contact,
#: publishing), so they are judged on the day of the run, whatever day the graph describes.
ACTS_OF_TODAY: Final = frozenset(
    {ConsentScope.EXPORT, ConsentScope.CONTACT, ConsentScope.PUBLICATION}
)


def _consented_scopes(person: Stakeholder, at: date | None) -> tuple[str, ...]:
    consent = person.consent
    if consent is None:
        return ()
    # Only the scopes given can be allowed (Consent.allows is False for the others).
    return tuple(
        sorted(
            scope.value
            for scope in consent.scopes
            if consent.allows(scope, at=None if scope in ACTS_OF_TODAY else at)
        )
    )


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


_OPTIONAL: Final = (
    "municipality",
    "size_class",
    "role",
    "employer",
    "gender",
    "age_band",
    "joined_on",
    "left_on",
)
_TIE_OPTIONAL: Final = ("since", "until", "cycle", "phase", "direction", "pecuniary", "resource")


def _node_attributes(
    stakeholder: Stakeholder,
    at: date | None,
    kinds: dict[frozenset[StakeholderKind], tuple[str, ...]] | None = None,
) -> dict[str, Any]:
    known = kinds if kinds is not None else {}
    sorted_kinds = known.get(stakeholder.kinds)
    if sorted_kinds is None:
        sorted_kinds = known[stakeholder.kinds] = tuple(
            sorted(kind.value for kind in stakeholder.kinds)
        )
    is_person = stakeholder.is_person
    attributes: dict[str, Any] = {
        "name": stakeholder.name,
        "helix": stakeholder.helix.value,
        "kinds": sorted_kinds,
        "country": stakeholder.country.value,
        "bio_based": stakeholder.bio_based,
        "rnd_capacity": stakeholder.rnd_capacity,
        "is_person": is_person,
        "is_sme": stakeholder.is_sme,
        "is_rnd": stakeholder.is_rnd,
    }
    for key in _OPTIONAL:
        value = getattr(stakeholder, key)
        if value is not None:
            attributes[key] = _plain(value)
    if is_person:
        scopes = _consented_scopes(stakeholder, at)
        attributes["consent"] = scopes
        attributes["network_consent"] = ConsentScope.NETWORK_ANALYSIS.value in scopes
    return attributes


def to_graph(
    arena: Arena,
    *,
    at: date | None = None,
    kinds: Collection[TieKind | str] | None = None,
    unconsented: Unconsented = "drop",
) -> nx.MultiDiGraph[Any]:
    """The stakeholders of *arena* and the ties that hold on day *at*, as a multigraph.

    Each tie is one arc ``source -> target`` keyed by the tie's id, so parallel ties of
    different kinds stay apart. Stakeholders who have left before *at* or join after it are
    left out (with every tie they touch).

    Persons are personal data: a person is analysed only with consent to
    ``network_analysis`` on *at* (today's state when *at* is ``None``). With
    ``unconsented="drop"`` (the default) persons without it are left out of the graph
    together with their ties; with ``"flag"`` they stay, with ``network_consent=False``, for
    a controller who has another lawful basis. Organisations never need consent.

    Node attributes
        ``name``, ``helix``, ``kinds`` (sorted tuple of kind names), ``country``,
        ``bio_based``, ``rnd_capacity``, ``is_person``, ``is_sme``, ``is_rnd``, and where
        known ``municipality``, ``size_class``, ``role``, ``employer``, ``gender``,
        ``age_band``, ``joined_on``, ``left_on``. Persons also carry ``consent`` (sorted
        tuple of the scopes their consent covers on the day of each use: ``storage``,
        ``interview_text`` and ``network_analysis`` on *at*; ``export``, ``contact`` and
        ``publication``, acts done when the code runs, on today) and ``network_consent``.
        Vocabulary values are plain strings.

    Edge attributes
        ``kind``, ``weight``, and where known ``since``, ``until`` (exclusive), ``cycle``,
        ``phase``, ``direction``, ``pecuniary``, ``resource``.

    Parameters
    ----------
    arena : Arena
    at : datetime.date, optional
        The day to look at. ``None`` keeps every tie whatever its dates (the arena's whole
        history) and judges consent on today.
    kinds : collection of TieKind, optional
        Keep only ties of these kinds.
    unconsented : {"drop", "flag"}
        What to do with persons who did not consent to network analysis.

    Returns
    -------
    networkx.MultiDiGraph
        ``G.graph`` holds ``arena`` (the arena id) and ``at``.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> arena = load_arena("examples/arenas/tutorial.json")
    >>> G = to_graph(arena, at=date(2019, 6, 1))
    >>> G.graph["arena"], G.number_of_nodes() > 0
    ('tutorial', True)

    .. versionadded:: 0.1.0
    """
    if unconsented not in ("drop", "flag"):
        raise InvalidValue("unconsented", "'drop' or 'flag'", unconsented)
    wanted = None if kinds is None else frozenset(TieKind(kind) for kind in kinds)
    G: nx.MultiDiGraph[Any] = nx.MultiDiGraph(arena=arena.id, at=at)
    # Nodes and arcs go in through add_nodes_from / add_edges_from, attribute dicts built
    # once each ("assess" rows of benchmarks/indicators.py).
    nodes: dict[str, dict[str, Any]] = {}
    sorted_kinds: dict[frozenset[StakeholderKind], tuple[str, ...]] = {}
    for stakeholder in arena.stakeholders:
        if at is not None and not stakeholder.active_on(at):
            continue
        if stakeholder.id in nodes:
            continue  # duplicate ids are reported by check_arena; the first wins
        attributes = _node_attributes(stakeholder, at, sorted_kinds)
        if stakeholder.is_person and not attributes["network_consent"] and unconsented == "drop":
            continue
        nodes[stakeholder.id] = attributes
    G.add_nodes_from(nodes.items())
    present = nodes.keys()
    arcs = []
    for tie in arena.ties:
        if wanted is not None and tie.kind not in wanted:
            continue
        if at is not None and not tie.holds_on(at):
            continue
        if tie.source not in present or tie.target not in present:
            continue
        data: dict[str, Any] = {"kind": tie.kind.value, "weight": tie.weight}
        for key in _TIE_OPTIONAL:
            value = getattr(tie, key)
            if value is not None:
                data[key] = _plain(value)
        arcs.append((tie.source, tie.target, tie.id, data))
    G.add_edges_from(arcs)
    return G


def flow_graph(
    arena: Arena, *, at: date | None = None, unconsented: Unconsented = "drop"
) -> nx.MultiDiGraph[Any]:
    """The resource-flow layer: stakeholders and the resource flows between them.

    Each flow with a known receiver is an arc ``source -> target`` keyed by the flow id,
    with ``resource`` (the :class:`~smice.domain.vocabulary.FlowType`), ``status``,
    ``material`` (what is carried), ``bio_based`` and, where known, ``quantity``, ``unit``,
    ``fate``, ``since``, ``until``. A flow nobody takes yet has no arc; it is listed in
    ``G.graph["offers"]`` as ``(flow id, source, resource, status)``. Ended flows and flows
    outside their dates on *at* are left out. Nodes are as in :func:`to_graph`.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> G = flow_graph(load_arena("examples/arenas/tutorial.json"))
    >>> sorted({data["status"] for _, _, data in G.edges(data=True)}) != []
    True

    .. versionadded:: 0.1.0
    """
    G = to_graph(arena, at=at, kinds=(), unconsented=unconsented)
    offers: list[tuple[str, str, str, str]] = []
    for flow in arena.flows:
        if flow.status is FlowStatus.ENDED or flow.source not in G:
            continue
        if at is not None and (
            (flow.since is not None and at < flow.since)
            or (flow.until is not None and at >= flow.until)
        ):
            continue
        if flow.target is None or flow.target not in G:
            if flow.target is None:
                offers.append((flow.id, flow.source, flow.flow_type.value, flow.status.value))
            continue
        data: dict[str, Any] = {
            "kind": "resource_flow",
            "resource": flow.flow_type.value,
            "status": flow.status.value,
            "material": flow.resource,
            "bio_based": flow.bio_based,
            "weight": 1.0,
        }
        for key in ("quantity", "unit", "fate", "since", "until"):
            value = getattr(flow, key)
            if value is not None:
                data[key] = value.value if hasattr(value, "value") else value
        G.add_edge(flow.source, flow.target, key=flow.id, **data)
    G.graph["offers"] = tuple(offers)
    return G


def _copy_nodes(G: nx.Graph[Any], H: nx.Graph[Any], nodes: Iterable[Hashable]) -> None:
    data = G.nodes
    H.add_nodes_from((node, data[node]) for node in nodes)


def _merge(
    H: nx.Graph[Any],
    pairs: Iterable[tuple[Hashable, Hashable, float, object]],
) -> None:
    """Add one edge per pair of *H*'s kind (either way round when undirected) with the
    summed ``weight``, the ``count`` of ties and their sorted distinct ``kinds``."""
    directed = H.is_directed()
    merged: dict[tuple[Hashable, Hashable], list[Any]] = {}
    for u, v, value, kind in pairs:
        key = (u, v)
        found = merged.get(key)
        if found is None and not directed:
            found = merged.get((v, u))
        if found is None:
            merged[key] = [value, 1, set() if kind is None else {kind}]
            continue
        found[0] += value
        found[1] += 1
        if kind is not None:
            found[2].add(kind)
    H.add_edges_from(
        (u, v, {"weight": weight, "count": count, "kinds": tuple(sorted(kinds))})
        for (u, v), (weight, count, kinds) in merged.items()
    )


def simple_graph(
    G: nx.Graph[Any],
    *,
    kinds: Collection[str] | None = None,
    directed: bool = True,
    weight: str = "weight",
) -> nx.Graph[Any]:
    """A simple weighted graph from a multigraph: parallel ties merged, weights summed.

    Each merged edge carries ``weight`` (the sum of the ties' weights, 1 where missing),
    ``count`` (how many ties) and ``kinds`` (sorted tuple of their kinds). Undirected
    (``directed=False``) merges both directions. Node attributes are kept.

    Parameters
    ----------
    G : networkx graph
        Usually from :func:`to_graph`.
    kinds : collection of str, optional
        Keep only edges whose ``kind`` is one of these.
    directed : bool
        A :class:`networkx.DiGraph` (default) or a :class:`networkx.Graph`.
    weight : str
        The edge attribute to sum.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edge("a", "b", kind="collaborates_with", weight=2.0)
    >>> _ = M.add_edge("b", "a", kind="knowledge_flow")
    >>> H = simple_graph(M, directed=False)
    >>> H.edges["a", "b"]["weight"], H.edges["a", "b"]["count"], H.edges["a", "b"]["kinds"]
    (3.0, 2, ('collaborates_with', 'knowledge_flow'))

    .. versionadded:: 0.1.0
    """
    wanted = None if kinds is None else frozenset(str(kind) for kind in kinds)
    H: nx.Graph[Any] = nx.DiGraph() if directed else nx.Graph()
    H.graph.update(G.graph)
    _copy_nodes(G, H, G)
    _merge(
        H,
        (
            (u, v, data.get(weight, 1.0), data.get("kind"))
            for u, v, data in G.edges(data=True)
            if wanted is None or data.get("kind") in wanted
        ),
    )
    return H


def organisation_graph(
    G: nx.Graph[Any], *, directed: bool = True, weight: str = "weight"
) -> nx.Graph[Any]:
    """Persons folded into their employers: the graph between organisations.

    A person with an ``employer`` present in *G* is replaced by that employer (ties between
    two persons of one employer vanish); persons without a known employer stay as they are.
    ``employed_by`` and ``member_of`` ties are dropped. Merged edges are summed as in
    :func:`simple_graph`; each node gets ``persons``, the number of persons folded into it.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_node("uni", helix="academia")
    >>> M.add_node("firm", helix="industry")
    >>> M.add_node("ann", helix="academia", is_person=True, employer="uni")
    >>> _ = M.add_edge("ann", "firm", kind="collaborates_with", weight=1.0)
    >>> H = organisation_graph(M)
    >>> sorted(H.edges), H.nodes["uni"]["persons"]
    ([('uni', 'firm')], 1)

    .. versionadded:: 0.1.0
    """
    into: dict[Hashable, Hashable] = {}
    for node, data in G.nodes(data=True):
        employer = data.get("employer")
        if data.get("is_person") and employer is not None and employer in G and employer != node:
            into[node] = employer
    H: nx.Graph[Any] = nx.DiGraph() if directed else nx.Graph()
    H.graph.update(G.graph)
    persons: dict[Hashable, int] = {}
    for employer in into.values():
        persons[employer] = persons.get(employer, 0) + 1
    data = G.nodes
    H.add_nodes_from(
        (node, {**data[node], "persons": persons.get(node, 0)}) for node in G if node not in into
    )
    affiliation = {kind.value for kind in AFFILIATION_KINDS}
    _merge(
        H,
        (
            (a, b, data.get(weight, 1.0), data.get("kind"))
            for a, b, data in (
                (into.get(u, u), into.get(v, v), data) for u, v, data in G.edges(data=True)
            )
            if a != b and data.get("kind") not in affiliation
        ),
    )
    return H


def helix_graph(
    G: nx.Graph[Any], attr: str = "helix", *, weight: str = "weight"
) -> nx.DiGraph[Any]:
    """The quotient graph of *G* by node attribute *attr* (the helices by default).

    One node per value with ``size`` (number of members) and ``internal`` (summed weight of
    ties within the group); one arc per ordered pair of groups with ``weight`` (summed
    weight) and ``count`` (number of ties). Undirected input gives arcs both ways.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_nodes_from([("f", {"helix": "industry"}), ("u", {"helix": "academia"}),
    ...                   ("g", {"helix": "industry"})])
    >>> _ = M.add_edge("f", "u", weight=2.0)
    >>> _ = M.add_edge("f", "g", weight=1.0)
    >>> Q = helix_graph(M)
    >>> Q.nodes["industry"], Q.edges["industry", "academia"]
    ({'size': 2, 'internal': 1.0}, {'weight': 2.0, 'count': 1})

    .. versionadded:: 0.1.0
    """
    Q: nx.DiGraph[Any] = nx.DiGraph()
    group: dict[Hashable, Hashable] = {}
    for node, data in G.nodes(data=True):
        if attr not in data:
            raise InvalidValue(f"node attribute {attr!r} of node {node!r}", "a value", None)
        value = data[attr]
        group[node] = value
        if value not in Q:
            Q.add_node(value, size=0, internal=0.0)
        Q.nodes[value]["size"] += 1
    pairs = [(u, v, d) for u, v, d in G.edges(data=True)]
    if not G.is_directed():
        pairs += [(v, u, d) for u, v, d in list(pairs)]
    for u, v, data in pairs:
        a, b = group[u], group[v]
        value = data.get(weight, 1.0)
        if a == b:
            Q.nodes[a]["internal"] += value / (1 if G.is_directed() else 2)
        elif Q.has_edge(a, b):
            Q.edges[a, b]["weight"] += value
            Q.edges[a, b]["count"] += 1
        else:
            Q.add_edge(a, b, weight=value, count=1)
    return Q
