"""The batched sparse betweenness used for large organisation networks.

Reference values by hand from Freeman's (1977) definition: on the path 0-1-2-3-4-5 a node
at position i lies on i * (5 - i) shortest paths (0, 4, 6, 6, 4, 0); the centre of a star
lies on every path between two leaves; on a cycle every node has the same betweenness.
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from smice.domain import Arena, Country, Helix, Stakeholder, StakeholderKind, Tie, TieKind
from smice.indicators import compute
from smice.indicators._betweenness import betweenness


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
