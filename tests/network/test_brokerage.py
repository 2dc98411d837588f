"""Brokerage roles (Gould & Fernandez 1989) against R's sna::brokerage().

The reference values below were produced by R package sna 2.7-1 (Butts 2008), the
established implementation the issue names, with this script::

    library(sna)
    el <- rbind(c(1,2),c(2,3),c(3,1),c(2,4),c(4,5),c(5,6),c(6,4),c(4,7),c(7,8),
                c(8,7),c(3,8),c(1,5))
    A <- matrix(0,8,8); A[el] <- 1
    cl <- c("a","a","a","b","b","b","c","c")
    b <- brokerage(A, cl)                                   # directed
    bu <- brokerage(sna::symmetrize(A, rule="weak"), cl)    # undirected

sna's columns w_I, w_O, b_IO, b_OI, b_O, t are coordinator, itinerant, representative,
gatekeeper, liaison, total.
"""

import math
import random

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smice.errors import InvalidValue
from smice.network import ROLES, brokerage

ARCS = [(1, 2), (2, 3), (3, 1), (2, 4), (4, 5), (5, 6), (6, 4), (4, 7), (7, 8), (8, 7),
        (3, 8), (1, 5)]  # fmt: skip
GROUPS = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b", 6: "b", 7: "c", 8: "c"}

R_RAW_DIRECTED = {
    1: (1, 0, 1, 0, 0, 2), 2: (1, 0, 1, 0, 0, 2), 3: (1, 0, 1, 0, 0, 2),
    4: (1, 0, 1, 1, 1, 4), 5: (1, 0, 0, 1, 0, 2), 6: (1, 0, 0, 0, 0, 1),
    7: (0, 0, 0, 1, 0, 1), 8: (0, 0, 0, 1, 0, 1),
}  # fmt: skip
NAN = math.nan
R_Z_DIRECTED = {
    1: (3.518139, -0.498312, 0.834727, -0.471140, -0.564054, 0.260377),
    4: (3.518139, -0.498312, 0.834727, 0.834727, 0.738778, 1.334774),
    6: (3.518139, -0.498312, -0.471140, -0.471140, -0.564054, -0.276822),
    7: (NAN, -0.593648, -0.364944, 1.320924, -0.659509, -0.276822),
}
R_GRAPH_DIRECTED = {
    "raw": (6, 0, 4, 4, 1, 15),
    "expected": (0.432945, 2.597668, 2.597668, 2.597668, 3.896501, 12.122449),
    "sd": (0.729295, 2.080543, 2.059965, 2.059965, 2.658721, 6.230153),
    "z": (7.633471, -1.248553, 0.680755, 0.680755, -1.089434, 0.461875),
}
R_RAW_UNDIRECTED = {
    1: (0, 0, 2, 2, 0, 4), 4: (0, 0, 4, 4, 2, 10), 6: (0, 0, 0, 0, 0, 0), 7: (0, 0, 1, 1, 0, 2),
}  # fmt: skip
R_Z_UNDIRECTED = {
    4: (-0.454737, -0.816836, 2.478088, 2.478088, 0.713076, 1.992227),
    7: (NAN, -0.969657, 0.457246, 0.457246, -1.065544, -0.635862),
}
R_GRAPH_Z_UNDIRECTED = (-0.969657, -1.892867, 2.153857, 2.153857, -2.119518, -0.166638)


def _graph(directed: bool = True) -> nx.Graph:
    G = nx.DiGraph(ARCS) if directed else nx.Graph(ARCS)
    nx.set_node_attributes(G, GROUPS, "group")
    return G


def _close(expected: float, actual: float) -> bool:
    if math.isnan(expected):
        return math.isnan(actual)
    return actual == pytest.approx(expected, abs=1e-6)


def test_directed_counts_match_sna() -> None:
    result = brokerage(_graph(), "group")
    for node, expected in R_RAW_DIRECTED.items():
        assert expected == tuple(result.raw[node][role] for role in ROLES)


def test_directed_z_scores_match_sna_with_nan_where_sd_is_zero() -> None:
    result = brokerage(_graph(), "group")
    for node, expected in R_Z_DIRECTED.items():
        actual = [result.z[node][role] for role in ROLES]
        assert all(_close(e, a) for e, a in zip(expected, actual, strict=True)), node
    # group c has two members: a coordinator needs three, so its sd is 0 and z is nan
    assert result.sd["c"]["coordinator"] == 0.0


def test_directed_graph_level_moments_match_sna() -> None:
    result = brokerage(_graph(), "group")
    for name, values in (
        ("raw", result.graph_raw),
        ("expected", result.graph_expected),
        ("sd", result.graph_sd),
        ("z", result.graph_z),
    ):
        expected = R_GRAPH_DIRECTED[name]
        assert all(_close(e, values[r]) for e, r in zip(expected, ROLES, strict=True)), name


def test_undirected_graph_counts_each_edge_both_ways_as_sna() -> None:
    result = brokerage(_graph(directed=False), "group")
    for node, expected in R_RAW_UNDIRECTED.items():
        assert expected == tuple(result.raw[node][role] for role in ROLES)
    for node, expected in R_Z_UNDIRECTED.items():
        actual = [result.z[node][role] for role in ROLES]
        assert all(_close(e, a) for e, a in zip(expected, actual, strict=True)), node
    assert all(
        _close(e, result.graph_z[r]) for e, r in zip(R_GRAPH_Z_UNDIRECTED, ROLES, strict=True)
    )


def test_broker_4_by_hand() -> None:
    """Derivation from the definition for node 4 (group b) of the directed graph.

    In-neighbours 2 (a) and 6 (b); out-neighbours 5 (b) and 7 (c). Two-paths:
    2->4->5 open (no 2->5): a, b, b -> gatekeeper; 2->4->7 open: a, b, c -> liaison;
    6->4->5 open (only 5->6 exists: a reverse arc does not close): b, b, b -> coordinator;
    6->4->7 open: b, b, c -> representative. Total 4.
    """
    raw = brokerage(_graph(), "group").raw[4]
    assert tuple(raw[role] for role in ROLES) == (1, 0, 1, 1, 1, 4)


def test_closed_two_path_is_not_brokerage() -> None:
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    nx.set_node_attributes(G, dict.fromkeys("abc", "x"), "g")
    assert brokerage(G, "g").raw["b"]["total"] == 0.0


def _brute_force(G: nx.DiGraph, attr: str) -> dict:
    counts = {node: dict.fromkeys(ROLES, 0.0) for node in G}
    for b in G:
        for a in G.predecessors(b):
            for c in G.successors(b):
                if a in (b, c) or c == b or G.has_edge(a, c):
                    continue
                ga, gb, gc = (G.nodes[x][attr] for x in (a, b, c))
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif ga == gb:
                    role = "representative"
                elif gb == gc:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                counts[b][role] += 1
                counts[b]["total"] += 1
    return counts


@given(st.integers(0, 10_000), st.integers(2, 4))
def test_sparse_counts_equal_the_definition(seed: int, groups: int) -> None:
    G = nx.gnp_random_graph(25, 0.15, seed=seed, directed=True)
    rng = random.Random(seed)
    nx.set_node_attributes(G, {n: rng.randrange(groups) for n in G}, "g")
    result = brokerage(G, "g")
    assert _brute_force(G, "g") == {n: dict(result.raw[n]) for n in G}


@given(st.integers(0, 10_000))
def test_relabelling_nodes_does_not_change_counts(seed: int) -> None:
    G = nx.gnp_random_graph(15, 0.2, seed=seed, directed=True)
    nx.set_node_attributes(G, {n: n % 3 for n in G}, "g")
    mapping = {n: f"v{(n * 7) % 15}" for n in G}
    H = nx.relabel_nodes(G, mapping)
    before, after = brokerage(G, "g"), brokerage(H, "g")
    assert all(before.raw[n] == after.raw[mapping[n]] for n in G)


def test_missing_group_attribute_is_refused() -> None:
    G = nx.DiGraph([(1, 2)])
    G.nodes[1]["g"] = "a"
    with pytest.raises(InvalidValue) as caught:
        brokerage(G, "g")
    assert "'g' of node 2" in str(caught.value)


def test_multigraph_parallel_ties_count_once() -> None:
    G = nx.MultiDiGraph([(1, 2), (1, 2), (2, 3)])
    nx.set_node_attributes(G, {1: "a", 2: "b", 3: "c"}, "g")
    assert brokerage(G, "g").raw[2]["liaison"] == 1.0
