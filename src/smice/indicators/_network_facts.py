"""The N family: ties between organisations and the shape of their network."""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any, Final

import networkx as nx

from smice.domain import StakeholderKind, TieKind
from smice.indicators._betweenness import betweenness
from smice.indicators._context import Context, Missing, Values, share
from smice.indicators.timeline import whole_months
from smice.network import (
    brokerage_concentration,
    helix_presence_counts,
    sme_rnd_linkage_share,
    triple_helix_synergy,
)

#: The tie kinds that link an SME to R&D in ``N.sme_rnd_linkage_share``.
RND_LINK_KINDS: Final = (
    TieKind.COLLABORATES_WITH.value,
    TieKind.KNOWLEDGE_FLOW.value,
    TieKind.CO_APPLIES.value,
)

#: Up to this many organisations betweenness comes from networkx (Brandes, exact).
NETWORKX_LIMIT: Final = 200
#: Up to this many organisations betweenness is exact (batched sparse Brandes beyond
#: :data:`NETWORKX_LIMIT`); beyond it, it is estimated from :data:`BETWEENNESS_SAMPLES`
#: seeded sources.
EXACT_BETWEENNESS_LIMIT: Final = 3000
BETWEENNESS_SAMPLES: Final = 128

_AFFILIATIONS: Final = frozenset({TieKind.MEMBER_OF.value, TieKind.EMPLOYED_BY.value})


def _tie_facts(ctx: Context, out: Values) -> None:
    G = ctx.graph
    countries = {node: data.get("country") for node, data in G.nodes(data=True)}
    municipalities = {
        sid
        for sid, s in ctx.stakeholders.items()
        if StakeholderKind.MUNICIPALITY in s.kinds and not s.is_person
    }
    ties = cross = procurement = 0
    for u, v, kind in G.edges(data="kind"):
        if kind in _AFFILIATIONS:
            continue
        a, b = ctx.organisation(u), ctx.organisation(v)
        if a is None or b is None or a == b:
            continue
        ties += 1
        cross += countries[a] != countries[b]
        if kind == TieKind.PROCURES.value and a in municipalities and b in ctx.firms:
            procurement += 1
    out["N.n_ties"] = ties
    spanned = {s.country for s in ctx.stakeholders.values() if not s.is_person}
    out["N.cross_border_tie_share"] = (
        share(cross, ties, "no ties between organisations")
        if len(spanned) >= 2
        else Missing("the arena spans one country")
    )
    out["N.n_municipal_procurement_ties"] = procurement


def _application_facts(ctx: Context, out: Values) -> None:
    applications = funded = decided = 0
    for tie in ctx.arena.ties:
        if tie.kind is not TieKind.CO_APPLIES:
            continue
        a, b = ctx.organisation(tie.source), ctx.organisation(tie.target)
        if a is None or b is None or a == b:
            continue
        applications += 1
        outcome = tie.extensions.get("outcome")
        if outcome in ("funded", "rejected"):
            decided += 1
            funded += outcome == "funded"
    out["N.n_co_applications"] = applications
    years = whole_months(ctx.start, ctx.at) / 12
    if not ctx.firms:
        out["N.co_applications_per_firm_year"] = Missing("no firms")
    elif years <= 0:
        out["N.co_applications_per_firm_year"] = Missing("less than one month observed")
    else:
        out["N.co_applications_per_firm_year"] = applications / len(ctx.firms) / years
    out["N.n_decided_applications"] = decided
    out["N.application_success_share"] = share(funded, decided, "no decided co-applications")


def _samples(ctx: Context, nodes: int) -> int | None:
    if ctx.betweenness_samples is not None:
        return ctx.betweenness_samples or None
    return BETWEENNESS_SAMPLES if nodes > EXACT_BETWEENNESS_LIMIT else None


def _large_concentration(
    H: nx.Graph[Any], samples: int | None
) -> tuple[float, bool, Hashable | None]:
    scores = betweenness(H, samples=samples)
    total = sum(scores.values())
    if total <= 0:
        return 0.0, False, None
    top = max(H, key=lambda node: scores[node])  # first of equals in node order
    cut = top in set(nx.articulation_points(H.to_undirected(as_view=True)))
    return scores[top] / total, cut, top


def _broker_facts(ctx: Context, out: Values) -> None:
    H = ctx.organisation_graph
    if H.number_of_edges() == 0:
        missing = Missing("the organisation network has no ties")
        out["N.top_broker_betweenness_share"] = missing
        out["N.top_broker_is_cut_vertex"] = missing
        out["N.top_broker_fragmentation"] = missing
        return
    samples = _samples(ctx, H.number_of_nodes())
    if H.number_of_nodes() <= NETWORKX_LIMIT:
        concentration = brokerage_concentration(H, samples=samples)
        largest, cut = concentration.largest_share, concentration.is_cut_vertex
        top = concentration.top_broker
    else:
        largest, cut, top = _large_concentration(H, samples)
    out["N.top_broker_betweenness_share"] = largest
    out["N.top_broker_is_cut_vertex"] = cut
    out["N.top_broker_fragmentation"] = 0.0 if top is None or not cut else fragmentation(H, top)


def fragmentation(H: nx.Graph[Any], node: Hashable) -> float:
    """The share of the pairs of other nodes that reach each other in *H* (ties taken as
    undirected) and no longer do without *node*: Borgatti's (2006) key-player fragmentation,
    relative to the pairs that were connected.

    >>> fragmentation(nx.path_graph(5), 2)   # 0-1 | 3-4: 4 of the 6 pairs cut
    0.6666666666666666
    >>> fragmentation(nx.star_graph(3), 1)   # a leaf
    0.0
    """
    U = H.to_undirected(as_view=True)
    component = nx.node_connected_component(U, node)
    others = len(component) - 1
    before = others * (others - 1) / 2
    if before == 0:
        return 0.0
    rest = U.subgraph(component - {node})
    after = sum(len(part) * (len(part) - 1) / 2 for part in nx.connected_components(rest))
    return (before - after) / before


def network_facts(ctx: Context) -> Values:
    """Every N fact."""
    out: Values = {}
    _tie_facts(ctx, out)
    H = ctx.organisation_graph
    linkage = sme_rnd_linkage_share(H, kinds=RND_LINK_KINDS)
    out["N.sme_rnd_linkage_share"] = (
        Missing("no SMEs in the network") if math.isnan(linkage) else linkage
    )
    _broker_facts(ctx, out)
    _application_facts(ctx, out)
    counts: dict[tuple[Hashable, Hashable, Hashable], float] = {
        key: float(count) for key, count in helix_presence_counts(ctx.arena, at=ctx.at).items()
    }
    synergy = triple_helix_synergy(counts)
    out["N.triple_helix_synergy"] = (
        Missing("no initiative with participants") if math.isnan(synergy) else synergy
    )
    return out
