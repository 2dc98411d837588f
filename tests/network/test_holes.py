"""Burt's effective size and constraint, checked against Burt's (1992) definitions and
Borgatti's (1997) simplification ``n - 2t/n`` for binary undirected ego networks."""

import math

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smice.network import constraint, effective_size


@given(st.integers(0, 10_000))
def test_effective_size_is_borgatti_n_minus_2t_over_n(seed: int) -> None:
    """Borgatti (1997), Connections 20(1): on binary undirected data, effective size is
    n - 2t/n, n the number of ego's contacts and t the ties among them."""
    G = nx.gnp_random_graph(18, 0.25, seed=seed)
    result = effective_size(G)
    for node in G:
        contacts = set(G[node])
        if not contacts:
            assert math.isnan(result[node])
            continue
        n = len(contacts)
        t = G.subgraph(contacts).number_of_edges()
        assert result[node] == pytest.approx(n - 2 * t / n)


def _directed_weighted() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_edge("i", "j", w=2.0)
    G.add_edge("q", "i", w=1.0)  # an in-tie: Burt counts it (z_iq = a_iq + a_qi)
    G.add_edge("j", "q", w=3.0)
    G.add_edge("k", "i", w=1.0)
    return G


def test_directed_weighted_effective_size_by_hand() -> None:
    """Ego i, contacts j, q, k; z_ij = 2, z_iq = 1, z_ik = 1 (sum 4): p_ij = .5,
    p_iq = p_ik = .25. m_jq = z_jq / max_k z_jk = 3/3 = 1 (j's ties: i 2, q 3);
    m_qj = 3/3 = 1 (q's ties: i 1, j 3). Redundancy of j: p_iq m_jq = .25; of q:
    p_ij m_qj = .5; of k: 0. ES = (1 - .25) + (1 - .5) + 1 = 2.25."""
    assert effective_size(_directed_weighted(), weight="w")["i"] == pytest.approx(2.25)


def test_directed_weighted_constraint_by_hand() -> None:
    """c_i = (p_ij + p_iq p_qj)^2 + (p_iq + p_ij p_jq)^2 + p_ik^2 with p_qj = 3/4
    (q: i 1, j 3) and p_jq = 3/5 (j: i 2, q 3): (.5 + .25*.75)^2 + (.25 + .5*.6)^2 + .25^2."""
    expected = (0.5 + 0.25 * 0.75) ** 2 + (0.25 + 0.5 * 0.6) ** 2 + 0.25**2
    assert constraint(_directed_weighted(), weight="w")["i"] == pytest.approx(expected)


def _burt(G: nx.DiGraph, weight: str) -> tuple[dict, dict]:
    """Burt's (1992) formulas written out loop by loop, contacts in either direction."""

    def a(u, v):
        return G.edges[u, v][weight] if G.has_edge(u, v) else 0.0

    def z(u, v):
        return a(u, v) + a(v, u)

    def contacts(u):
        return set(nx.all_neighbors(G, u)) - {u}

    def p(u, v):
        return z(u, v) / sum(z(u, k) for k in contacts(u))

    def m(u, v):
        return z(u, v) / max(z(u, k) for k in contacts(u))

    cons, size = {}, {}
    for i in G:
        N = contacts(i)
        if not N:
            continue
        cons[i] = sum((p(i, j) + sum(p(i, q) * p(q, j) for q in N if q != j)) ** 2 for j in N)
        size[i] = sum(1 - sum(p(i, q) * m(j, q) for q in N if q != j) for j in N)
    return cons, size


@given(st.integers(0, 10_000))
def test_sparse_algebra_equals_the_written_out_definition(seed: int) -> None:
    G = nx.gnp_random_graph(14, 0.2, seed=seed, directed=True)
    for u, v in G.edges:
        G.edges[u, v]["w"] = float((u * 7 + v * 3 + seed) % 4 + 1)
    cons, size = _burt(G, "w")
    ours_c, ours_s = constraint(G, weight="w"), effective_size(G, weight="w")
    assert all(ours_c[n] == pytest.approx(cons[n]) for n in cons)
    assert all(ours_s[n] == pytest.approx(size[n]) for n in size)


def test_star_constraint() -> None:
    """Burt (1992): a contact with no alternatives constrains fully (leaf: 1); the centre of
    a star with n unconnected contacts has c = n (1/n)^2 = 1/n."""
    result = constraint(nx.star_graph(5))
    assert result[0] == pytest.approx(0.2)
    assert result[3] == 1.0


def test_isolates_are_nan() -> None:
    G = nx.Graph([(1, 2)])
    G.add_node(3)
    assert math.isnan(constraint(G)[3])
    assert math.isnan(effective_size(G)[3])
