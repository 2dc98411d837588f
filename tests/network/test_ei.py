"""E-I index (Krackhardt & Stern 1988) against netseg's documented output.

netseg's vignette (Bojanowski 2021, "Network Segregation and Homophily", package netseg
1.0) uses the Classroom network: 26 children, 13 boys and 13 girls (the dyad counts of
``mixingm(Classroom, "gender", full=TRUE)`` give 13 * 12 = 156 boy-boy dyads). Its
directed mixing matrix is boy->boy 40, boy->girl 2, girl->boy 5, girl->girl 41, and
``ei(Classroom, "gender")`` = -0.8409091. The undirected network of reciprocated
nominations (``undir``) has 11 boy-boy, 10 girl-girl and 1 boy-girl edges, and
``ei(undir, "gender")`` = -0.9090909. Any graph with these mixing counts has these values.
"""

import math

import networkx as nx
import pytest

from smice.errors import InvalidValue
from smice.network import ei_index

from .classroom import classroom, classroom_undirected


def test_classroom_directed_matches_netseg() -> None:
    assert ei_index(classroom(), "gender") == pytest.approx(-0.8409091, abs=1e-7)


def test_classroom_undirected_matches_netseg() -> None:
    assert ei_index(classroom_undirected(), "gender") == pytest.approx(-0.9090909, abs=1e-7)


def test_group_level_counts_an_internal_edge_from_both_ends() -> None:
    """Undirected classroom: boys have 11 internal edges counted twice (I = 22) and the one
    boy-girl edge (E = 1): (1 - 22) / 23. Girls: I = 20, E = 1: -19/21."""
    result = ei_index(classroom_undirected(), "gender", level="group")
    assert result == {"Boy": pytest.approx(-21 / 23), "Girl": pytest.approx(-19 / 21)}


def test_group_level_directed_counts_members_out_arcs() -> None:
    """Directed classroom: boys send 40 internal and 2 external arcs: -38/42."""
    result = ei_index(classroom(), "gender", level="group")
    assert result == {"Boy": pytest.approx(-38 / 42), "Girl": pytest.approx(-36 / 46)}


def test_node_level_uses_out_ties_in_directed_graphs() -> None:
    G = nx.DiGraph([(1, 2), (1, 3), (3, 1)])
    nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b"}, "g")
    result = ei_index(G, "g", level="node")
    assert result[1] == 0.0  # out: 2 (internal), 3 (external)
    assert result[3] == 1.0
    assert math.isnan(result[2])  # no out-ties


def test_unknown_level_is_refused() -> None:
    G = nx.Graph([(1, 2)])
    nx.set_node_attributes(G, "a", "g")
    with pytest.raises(InvalidValue):
        ei_index(G, "g", level="dyad")  # type: ignore[arg-type]
