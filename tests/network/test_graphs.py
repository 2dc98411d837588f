"""From an arena to graphs: consent, dates, kinds, and the projections."""

from datetime import date

import networkx as nx
import pytest

from smice.errors import InvalidValue
from smice.network import flow_graph, helix_graph, organisation_graph, simple_graph, to_graph

from .arenas import small_arena


def test_persons_without_network_consent_are_dropped_with_their_ties() -> None:
    G = to_graph(small_arena())
    assert "cy" not in G  # no consent record at all
    assert {"ann", "bo"} <= set(G)
    assert not any("cy" in (u, v) for u, v in G.edges())


def test_unconsented_persons_can_be_flagged_instead() -> None:
    G = to_graph(small_arena(), unconsented="flag")
    assert G.nodes["cy"]["network_consent"] is False
    assert G.nodes["ann"]["network_consent"] is True
    with pytest.raises(InvalidValue):
        to_graph(small_arena(), unconsented="keep")  # type: ignore[arg-type]


def test_ties_hold_on_the_day_asked() -> None:
    early = to_graph(small_arena(), at=date(2018, 6, 1))
    late = to_graph(small_arena(), at=date(2019, 6, 1))
    assert early.has_edge("town", "garden")
    assert not late.has_edge("town", "garden")
    assert not early.has_edge("ann", "mill")
    assert late.has_edge("ann", "mill")


def test_node_and_edge_attributes() -> None:
    G = to_graph(small_arena(), at=date(2019, 6, 1))
    mill = G.nodes["mill"]
    assert (mill["helix"], mill["kinds"], mill["country"], mill["is_sme"]) == (
        "industry",
        ("sme",),
        "SE",
        True,
    )
    assert G.nodes["ann"]["consent"] == ("contact", "export", "network_analysis")
    edge = G.edges["ann", "mill", "t3"]
    assert (edge["kind"], edge["weight"], edge["since"]) == (
        "knowledge_flow",
        2.0,
        date(2019, 1, 1),
    )
    assert G.edges["mill", "dairy", "t8"]["resource"] == "by_product"


def test_kinds_filter() -> None:
    G = to_graph(small_arena(), kinds=["employed_by"])
    assert {data["kind"] for *_, data in G.edges(data=True)} == {"employed_by"}


def test_flow_graph_keeps_open_offers_and_drops_ended_flows() -> None:
    F = flow_graph(small_arena())
    assert sorted(key for *_, key in F.edges(keys=True)) == ["f1", "f2"]
    assert F.graph["offers"] == (("f3", "uni", "water", "potential"),)


def test_simple_graph_sums_parallel_ties() -> None:
    M = nx.MultiDiGraph()
    M.add_edge(1, 2, kind="a", weight=1.5)
    M.add_edge(1, 2, kind="b", weight=1.0)
    M.add_edge(2, 1, kind="a", weight=1.0)
    directed = simple_graph(M)
    assert (directed.edges[1, 2]["weight"], directed.edges[1, 2]["count"]) == (2.5, 2)
    undirected = simple_graph(M, directed=False, kinds=["a"])
    assert (undirected.edges[1, 2]["weight"], undirected.edges[1, 2]["kinds"]) == (2.5, ("a",))


def test_organisation_graph_folds_persons_into_employers() -> None:
    H = organisation_graph(to_graph(small_arena(), at=date(2019, 6, 1)))
    assert "ann" not in H
    assert H.has_edge("uni", "mill")
    assert H.nodes["uni"]["persons"] == 2
    assert not any(kind == "employed_by" for *_, d in H.edges(data=True) for kind in d["kinds"])


def test_helix_graph_is_the_quotient_by_helix() -> None:
    Q = helix_graph(to_graph(small_arena(), at=date(2018, 6, 1)))
    assert Q.nodes["industry"]["size"] == 2
    assert Q.edges["government", "civil_society"]["count"] == 1
