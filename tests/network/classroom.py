"""Graphs with the mixing counts of netseg's Classroom data (Bojanowski 2021 vignette).

Only the mixing matrix and group sizes enter E-I, Coleman, Freeman and assortativity, so
any graph with the published counts reproduces the published values.
"""

import networkx as nx

BOYS = [f"b{i}" for i in range(13)]
GIRLS = [f"g{i}" for i in range(13)]


def _pairs(group: list[str]) -> list[tuple[str, str]]:
    return [(u, v) for u in group for v in group if u != v]


def _label(G: nx.Graph) -> nx.Graph:
    G.add_nodes_from(BOYS, gender="Boy")
    G.add_nodes_from(GIRLS, gender="Girl")
    return G


def classroom() -> nx.DiGraph:
    """boy->boy 40, boy->girl 2, girl->boy 5, girl->girl 41 (``mixingm(Classroom)``)."""
    G = _label(nx.DiGraph())
    G.add_edges_from(_pairs(BOYS)[:40] + _pairs(GIRLS)[:41])
    G.add_edges_from([(BOYS[0], GIRLS[0]), (BOYS[1], GIRLS[1])])
    G.add_edges_from([(GIRLS[i], BOYS[i]) for i in range(2, 7)])
    return G


def classroom_undirected() -> nx.Graph:
    """11 boy-boy, 10 girl-girl and 1 boy-girl edges (``mixingm(undir)``)."""
    G = _label(nx.Graph())
    boys = [(u, v) for i, u in enumerate(BOYS) for v in BOYS[i + 1 :]]
    girls = [(u, v) for i, u in enumerate(GIRLS) for v in GIRLS[i + 1 :]]
    G.add_edges_from(boys[:11] + girls[:10] + [(BOYS[0], GIRLS[0])])
    return G
