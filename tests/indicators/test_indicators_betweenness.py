"""The batched sparse betweenness used for large organisation networks.

Reference values by hand from Freeman's (1977) definition: on the path 0-1-2-3-4-5 a node
at position i lies on i * (5 - i) shortest paths (0, 4, 6, 6, 4, 0); the centre of a star
lies on every path between two leaves; on a cycle every node has the same betweenness.
"""

from __future__ import annotations

import functools
from datetime import date

import networkx as nx
import pytest

from smice.domain import Arena, Country, Helix, Stakeholder, StakeholderKind, Tie, TieKind
from smice.experiments import synthetic_arena
from smice.indicators import compute
from smice.indicators._betweenness import adjacency, betweenness, is_cut_vertex, top_share
from smice.indicators._context import Context
from smice.indicators._network_facts import BETWEENNESS_SAMPLES
from smice.indicators.timeline import arena_on, latest_date


def _shares(scores: dict[object, float]) -> dict[object, float]:
    total = sum(scores.values())
    return {k: v / total for k, v in scores.items()}


def test_path() -> None:
    """Shares 0, 4, 6, 6, 4, 0 over 20."""
    shares = _shares(betweenness(nx.path_graph(6)))
    assert pytest.approx([shares[i] for i in range(6)]) == [0, 4 / 20, 6 / 20, 6 / 20, 4 / 20, 0]


def test_star_and_cycle() -> None:
    """The centre of a star holds all betweenness, from any sample of sources; a cycle
    spreads it evenly."""
    star = nx.star_graph(50)
    assert _shares(betweenness(star))[0] == 1.0
    assert _shares(betweenness(star, samples=5, seed=3))[0] == 1.0
    assert pytest.approx(list(_shares(betweenness(nx.cycle_graph(9))).values())) == [1 / 9] * 9


def test_parallel_arcs_and_directions_collapse() -> None:
    """A multigraph with arcs both ways counts each pair once, as the undirected graph."""
    G = nx.MultiDiGraph([(0, 1), (1, 0), (1, 2), (1, 2), (2, 3)])
    assert betweenness(nx.path_graph(4)) == pytest.approx(betweenness(G))


def test_compute_uses_it_beyond_the_networkx_limit() -> None:
    """A hub tied to 1,100 firms (beyond the networkx limit, within the exact limit): the
    hub is the only broker, with share 1, and a cut vertex."""
    firms = tuple(
        Stakeholder(
            id=f"f{i}",
            name=f"f{i}",
            helix=Helix.INDUSTRY,
            kinds=frozenset({StakeholderKind.SME}),
            country=Country.SE,
        )
        for i in range(1100)
    )
    hub = Stakeholder(
        id="hub",
        name="hub",
        helix=Helix.CIVIL_SOCIETY,
        kinds=frozenset({StakeholderKind.INTERMEDIARY}),
        country=Country.SE,
    )
    ties = tuple(
        Tie(id=f"t{i}", kind=TieKind.COLLABORATES_WITH, source="hub", target=f"f{i}")
        for i in range(1100)
    )
    arena = Arena(
        id="star",
        name="star",
        template="smice/base",
        created_on=date(2018, 1, 1),
        stakeholders=(hub, *firms),
        ties=ties,
    )
    facts = compute(arena)
    assert facts.value("N.top_broker_betweenness_share") == 1.0
    assert facts.value("N.top_broker_is_cut_vertex") is True


def test_exact_scores_agree_with_an_independent_brandes() -> None:
    """On a clustered graph with hubs and two components, every share equals networkx's
    Brandes implementation (an independent code base)."""
    G = nx.disjoint_union(nx.powerlaw_cluster_graph(300, 2, 0.3, seed=4), nx.barbell_graph(6, 3))
    expected = _shares(nx.betweenness_centrality(G, normalized=False))
    assert _shares(betweenness(G)) == pytest.approx(expected, abs=1e-12)
    found = top_share(G)
    assert found is not None
    assert found.exact
    assert found.share == pytest.approx(max(expected.values()))
    assert expected[found.node] == max(expected.values())


def test_cut_vertices_are_those_of_hopcroft_tarjan() -> None:
    G = nx.disjoint_union(nx.powerlaw_cluster_graph(200, 1, 0.2, seed=2), nx.cycle_graph(5))
    cuts = set(nx.articulation_points(G))
    nodes, A = adjacency(G)
    assert {node for i, node in enumerate(nodes) if is_cut_vertex(A, i)} == cuts


@functools.cache
def _organisations(n: int) -> tuple[nx.Graph, dict[object, float]]:
    """The organisation network of a synthetic arena and its exact betweenness shares."""
    arena = synthetic_arena(n, seed=1)
    day = latest_date(arena)
    H = Context(arena_on(arena, day), day, arena.created_on, None, None).organisation_graph
    return H, _shares(betweenness(H))


def test_the_two_phase_estimate_at_2k_is_covered_by_its_interval() -> None:
    """At 2,000 stakeholders, over 20 seeds, the stated 95 % interval covers the exact share
    of the chosen top broker at least 16 times (a 95 % interval misses 1 in 20 on average;
    the bound leaves room for the normal approximation), and the estimate never overstates
    the exact largest share by more than twice its half-width (the single-sample estimate
    did: 0.0045 against 0.0031 at 10k)."""
    H, exact = _organisations(2000)
    covered = 0
    for seed in range(20):
        found = top_share(H, samples=BETWEENNESS_SAMPLES, seed=seed)
        assert found is not None
        assert not found.exact
        covered += abs(found.share - exact[found.node]) <= found.half_width
        assert found.share <= max(exact.values()) + 2 * found.half_width
    assert covered >= 16


@pytest.mark.slow
@pytest.mark.parametrize("n", [5000, 10000])
def test_the_two_phase_estimate_at_5k_and_10k_is_covered_by_its_interval(n: int) -> None:
    """As at 2k, at 5,000 and 10,000 stakeholders (exact betweenness from every source takes
    seconds here): over 10 seeds the interval covers the chosen broker's exact share at
    least 7 times, and never overstates the exact largest share by more than twice its
    half-width."""
    H, exact = _organisations(n)
    covered = 0
    for seed in range(10):
        found = top_share(H, samples=BETWEENNESS_SAMPLES, seed=seed)
        assert found is not None
        covered += abs(found.share - exact[found.node]) <= found.half_width
        assert found.share <= max(exact.values()) + 2 * found.half_width
    assert covered >= 7
