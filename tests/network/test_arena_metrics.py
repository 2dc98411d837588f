"""Arena metrics on the small arena, computed by hand from its ties."""

import math
from datetime import date

import networkx as nx
import pytest

from smice.network import (
    arena_metrics,
    brokerage_concentration,
    communities,
    cross_border_share,
    flow_graph,
    helix_shares,
    organisation_graph,
    realisation_ratio,
    sme_rnd_linkage_share,
    symbiosis_kernels,
    to_graph,
)

from .arenas import small_arena


def _graph() -> nx.MultiDiGraph:
    return to_graph(small_arena(), at=date(2019, 6, 1))


def test_sme_rnd_share_counts_folded_persons() -> None:
    """SMEs: mill (sme) and dairy (micro firm). Only mill is tied to R&D, through Ann who
    works at the university: 0 on the person graph, 1/2 once persons are folded."""
    assert sme_rnd_linkage_share(_graph()) == 0.0
    assert sme_rnd_linkage_share(organisation_graph(_graph())) == 0.5


def test_cross_border_share() -> None:
    """Linkage ties on 2019-06-01: mill-garden (SE-NO), garden-dairy (NO-NO), ann-mill
    (SE-SE), mill-dairy exchange (SE-NO): 2 of 4."""
    assert cross_border_share(_graph()) == 0.5


def test_helix_shares() -> None:
    shares = helix_shares(_graph())  # 7 nodes: 2 industry, 3 academia, 1 government, 1 civil
    assert shares == {
        "industry": 2 / 7,
        "academia": 3 / 7,
        "government": 1 / 7,
        "civil_society": 1 / 7,
    }


def test_symbiosis_kernels_need_three_actors_and_two_resources() -> None:
    """Realised flows mill -> dairy (by-product) and dairy -> town (energy): one kernel."""
    kernels = symbiosis_kernels(flow_graph(small_arena()))
    assert [(set(k.actors), set(k.resources)) for k in kernels] == [
        ({"mill", "dairy", "town"}, {"by_product", "energy"})
    ]
    assert symbiosis_kernels(flow_graph(small_arena()), min_resources=3) == ()


def test_realisation_ratio() -> None:
    """Flows: f1, f2 realised, f3 potential (no taker), f4 ended (not counted): 2/3."""
    assert realisation_ratio(flow_graph(small_arena())) == pytest.approx(2 / 3)
    assert math.isnan(realisation_ratio(nx.MultiDiGraph()))


def test_brokerage_concentration_of_a_star_with_a_bridge() -> None:
    G = nx.barbell_graph(3, 1)  # bridge node 3 joins two triangles
    result = brokerage_concentration(G)
    assert result.top_broker == 3
    assert result.is_cut_vertex


def test_communities_are_seeded_and_ordered() -> None:
    G = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(3))
    assert communities(G, seed=3) == (frozenset(range(5)), frozenset({5, 6, 7}))


def test_report_keys() -> None:
    report = arena_metrics(_graph(), flows=flow_graph(small_arena()))
    assert report["symbiosis_kernels"] == 1.0
    assert report["cross_border_share"] == 0.5
    assert {"ei_index.helix", "assortativity.helix", "largest_betweenness_share"} <= set(report)
