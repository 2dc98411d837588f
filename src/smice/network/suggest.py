"""Contact suggestions: untied pairs that would bridge helices or the border.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from typing import Any

import attrs
import networkx as nx
import numpy as np
import scipy.sparse as sp

from smice.errors import InvalidValue
from smice.network._sparse import BLOCK_ROWS, adjacency

__all__ = ["Suggestion", "suggest_contacts"]


@attrs.frozen(kw_only=True)
class Suggestion:
    """A suggested contact between *source* and *target*.

    Attributes
    ----------
    source, target : hashable
        The pair (in the graph's node order).
    tier : int
        0 SME and R&D, 1 other helices across the border, 2 other helices, 3 the border only.
    score : float
        Link-prediction evidence: Adamic-Adar over shared contacts plus one per resource
        type one offers and the other takes.
    shared : tuple
        The contacts both have (persons only with consent to ``export``).
    reasons : tuple of str
        Why, in words a person can read.

    .. versionadded:: 0.1.0
    """

    source: Hashable
    target: Hashable
    tier: int
    score: float
    shared: tuple[Hashable, ...]
    reasons: tuple[str, ...]


def _label(G: nx.Graph[Any], node: Hashable) -> str:
    return str(G.nodes[node].get("name", node))


def _codes(values: list[Any]) -> np.ndarray[Any, np.dtype[np.intp]]:
    seen: dict[str, int] = {}
    return np.array([seen.setdefault(str(v), len(seen)) for v in values], dtype=np.intp)


def _resource_interest(
    flows: nx.Graph[Any] | None,
) -> tuple[dict[Hashable, set[str]], dict[Hashable, set[str]]]:
    offers: dict[Hashable, set[str]] = defaultdict(set)
    takes: dict[Hashable, set[str]] = defaultdict(set)
    if flows is None:
        return offers, takes
    for _flow, source, resource, _status in flows.graph.get("offers", ()):
        offers[source].add(resource)
    for u, v, data in flows.edges(data=True):
        resource = data.get("resource")
        if resource is None:
            continue
        takes[v].add(str(resource))
        if data.get("status") in ("potential", "negotiating"):
            offers[u].add(str(resource))
    return offers, takes


def suggest_contacts(
    G: nx.Graph[Any],
    *,
    k: int = 10,
    attr: str = "helix",
    country: str = "country",
    flows: nx.Graph[Any] | None = None,
) -> tuple[Suggestion, ...]:
    """The *k* best untied pairs that would bridge helices (SME and R&D first) or the border.

    Candidates are pairs with evidence: shared contacts (any tie kind, either direction) or
    resource complementarity from *flows* (a :func:`~smice.network.flow_graph`: one side
    offers a resource type, in an open offer or a flow still potential or negotiating, that
    the other already takes). A pair qualifies when its two ends differ in *attr* (helix) or
    in *country*, and neither is a person without consent to ``contact``. Pairs are ranked
    by tier (SME and R&D; other helices across the border; other helices; the border only),
    then by score (Adamic-Adar index over shared contacts, ``sum 1 / log(degree)``, plus one
    per complementary resource type), then by node order: the result is deterministic.
    Costs grow with the number of two-paths, never with all pairs.

    Suggestions are read by people, so they honour consent as exports do: a person without
    consent to ``export`` (the ``consent`` attribute :func:`~smice.network.to_graph` sets,
    judged on the day of the run) is left out entirely: never named, never counted as a
    shared contact, and their ties give no evidence. A person is suggested as a contact
    only with consent to both ``export`` and ``contact``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([
    ...     ("mill", {"helix": "industry", "country": "SE", "is_sme": True, "name": "Mill"}),
    ...     ("uni", {"helix": "academia", "country": "SE", "is_rnd": True, "name": "Uni"}),
    ...     ("garden", {"helix": "civil_society", "country": "SE", "name": "Garden"}),
    ... ])
    >>> G.add_edges_from([("mill", "garden"), ("garden", "uni")])
    >>> best = suggest_contacts(G, k=1)[0]
    >>> best.source, best.target, best.tier
    ('mill', 'uni', 0)
    >>> best.reasons[0]
    'an SME and an R&D stakeholder (Mill, Uni)'

    A person without consent to export is not a shared contact, even unnamed:

    >>> G.add_node("ola", name="Ola Nordmann", is_person=True, consent=("contact",))
    >>> G.add_edges_from([("mill", "ola"), ("ola", "uni")])
    >>> suggest_contacts(G, k=1)[0].shared
    ('garden',)

    References
    ----------
    .. [1] Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the web. Social
       Networks 25(3), 211-230.
    .. [2] Liben-Nowell, D. and Kleinberg, J. (2007). The link-prediction problem for
       social networks. JASIST 58(7), 1019-1031.

    .. versionadded:: 0.1.0
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise InvalidValue("k", "a non-negative integer", k)
    hidden = [
        node
        for node, data in G.nodes(data=True)
        if data.get("is_person") and "export" not in data.get("consent", ())
    ]
    if hidden:
        G = nx.restricted_view(G, hidden, [])
    nodes, matrix = adjacency(G, symmetric=True)
    if not nodes or k == 0:
        return ()
    facts = _Facts.of(G, nodes, attr, country)
    scores = _shared_contact_scores(matrix, facts)
    complement = _complementarity(G, nodes, flows, facts)
    for pair, notes in complement.items():
        scores[pair] += len(notes)
    candidates = []
    for (a, b), score in scores.items():
        if matrix[a, b] == 0 and score > 0:
            candidates.append((facts.tier(a, b), -score, a, b))
    candidates.sort()
    return tuple(
        _explain(
            G,
            nodes,
            matrix,
            facts,
            complement,
            a=a,
            b=b,
            tier=tier,
            score=-negative,
            attr=attr,
            country=country,
        )
        for tier, negative, a, b in candidates[:k]
    )


@attrs.frozen
class _Facts:
    helix: np.ndarray[Any, np.dtype[np.intp]]
    land: np.ndarray[Any, np.dtype[np.intp]]
    sme: np.ndarray[Any, np.dtype[np.bool_]]
    rnd: np.ndarray[Any, np.dtype[np.bool_]]
    eligible: np.ndarray[Any, np.dtype[np.bool_]]

    @classmethod
    def of(cls, G: nx.Graph[Any], nodes: list[Hashable], attr: str, country: str) -> _Facts:
        data = [G.nodes[node] for node in nodes]
        return cls(
            _codes([d.get(attr) for d in data]),
            _codes([d.get(country) for d in data]),
            np.array([bool(d.get("is_sme")) for d in data], dtype=bool),
            np.array([bool(d.get("is_rnd")) for d in data], dtype=bool),
            np.array(
                [
                    not d.get("is_person") or {"contact", "export"} <= set(d.get("consent", ()))
                    for d in data
                ],
                dtype=bool,
            ),
        )

    def qualifies(self, a: Any, b: Any) -> Any:
        bridging = (self.helix[a] != self.helix[b]) | (self.land[a] != self.land[b])
        return bridging & self.eligible[a] & self.eligible[b]

    def tier(self, a: int, b: int) -> int:
        if (self.sme[a] and self.rnd[b]) or (self.rnd[a] and self.sme[b]):
            return 0
        cross_helix = self.helix[a] != self.helix[b]
        if cross_helix and self.land[a] != self.land[b]:
            return 1
        return 2 if cross_helix else 3


def _shared_contact_scores(matrix: sp.csr_array, facts: _Facts) -> dict[tuple[int, int], float]:
    n = matrix.shape[0]
    degree = np.diff(matrix.indptr).astype(np.float64)
    inverse_log = np.zeros(n)
    np.divide(1.0, np.log(np.maximum(degree, 2)), out=inverse_log, where=degree > 1)
    weighted = sp.csr_array(sp.diags_array(inverse_log) @ matrix)
    scores: dict[tuple[int, int], float] = defaultdict(float)
    for start in range(0, n, BLOCK_ROWS):
        block = sp.csr_array(matrix[start : start + BLOCK_ROWS] @ weighted).tocoo()
        rows = block.row + start
        keep = (block.col > rows) & facts.qualifies(rows, block.col)
        for r, c, value in zip(
            rows[keep].tolist(), block.col[keep].tolist(), block.data[keep].tolist(), strict=True
        ):
            scores[(r, c)] += value
    return scores


def _complementarity(
    G: nx.Graph[Any], nodes: list[Hashable], flows: nx.Graph[Any] | None, facts: _Facts
) -> dict[tuple[int, int], list[str]]:
    index = {node: i for i, node in enumerate(nodes)}
    offers, takes = _resource_interest(flows)
    complement: dict[tuple[int, int], list[str]] = defaultdict(list)
    for giver, resources in offers.items():
        for taker, taken in takes.items():
            if giver == taker or giver not in index or taker not in index:
                continue
            a, b = sorted((index[giver], index[taker]))
            if not facts.qualifies(a, b):
                continue
            for resource in sorted(resources & taken):
                complement[(a, b)].append(
                    f"{_label(G, giver)} offers {resource} that {_label(G, taker)} takes"
                )
    return complement


def _explain(
    G: nx.Graph[Any],
    nodes: list[Hashable],
    matrix: sp.csr_array,
    facts: _Facts,
    complement: dict[tuple[int, int], list[str]],
    *,
    a: int,
    b: int,
    tier: int,
    score: float,
    attr: str,
    country: str,
) -> Suggestion:
    u, v = nodes[a], nodes[b]
    shared_idx = np.intersect1d(
        matrix.indices[matrix.indptr[a] : matrix.indptr[a + 1]],
        matrix.indices[matrix.indptr[b] : matrix.indptr[b + 1]],
    )
    shared = tuple(nodes[i] for i in sorted(shared_idx.tolist()))
    du, dv = G.nodes[u], G.nodes[v]
    reasons = []
    if tier == 0:
        reasons.append(f"an SME and an R&D stakeholder ({_label(G, u)}, {_label(G, v)})")
    if facts.helix[a] != facts.helix[b]:
        reasons.append(f"bridges {du.get(attr)} and {dv.get(attr)}")
    if facts.land[a] != facts.land[b]:
        reasons.append(f"crosses the {du.get(country)}–{dv.get(country)} border")
    if shared:
        listed = ", ".join(_label(G, s) for s in shared[:5])
        more = f" and {len(shared) - 5} more" if len(shared) > 5 else ""
        plural = "s" if len(shared) != 1 else ""
        reasons.append(f"{len(shared)} shared contact{plural}: {listed}{more}")
    reasons.extend(complement.get((a, b), ()))
    return Suggestion(
        source=u, target=v, tier=tier, score=score, shared=shared, reasons=tuple(reasons)
    )
