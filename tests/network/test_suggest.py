"""Contact suggestions: ranking, reasons, consent and determinism."""

import math

import networkx as nx
import pytest

from smice.errors import InvalidValue
from smice.network import suggest_contacts


def _graph() -> nx.Graph:
    G = nx.Graph()
    G.add_nodes_from(
        [
            ("mill", {"helix": "industry", "country": "SE", "is_sme": True}),
            ("dairy", {"helix": "industry", "country": "NO", "is_sme": True}),
            ("uni", {"helix": "academia", "country": "SE", "is_rnd": True}),
            ("town", {"helix": "government", "country": "SE"}),
            ("garden", {"helix": "civil_society", "country": "NO"}),
            ("eva", {"helix": "academia", "country": "SE", "is_person": True, "consent": ()}),
        ]
    )
    G.add_edges_from(
        [
            ("mill", "garden"),
            ("garden", "uni"),
            ("town", "garden"),
            ("town", "dairy"),
            ("eva", "garden"),
        ]
    )
    return G


def test_sme_rnd_pairs_come_first_then_by_adamic_adar() -> None:
    result = suggest_contacts(_graph(), k=10)
    assert (result[0].source, result[0].target, result[0].tier) == ("mill", "uni", 0)
    assert all(s.tier > 0 for s in result[1:])
    # dairy and uni would be SME-R&D too, but share no contact: no evidence, no suggestion
    assert not any({s.source, s.target} == {"dairy", "uni"} for s in result)
    assert [s.score for s in result if s.tier == 2] == sorted(
        (s.score for s in result if s.tier == 2), reverse=True
    )
    # mill-uni share garden, of degree 3 once eva (no consent to export) is left out, as
    # exports leave her out: Adamic-Adar 1 / log 3
    assert result[0].score == pytest.approx(1 / math.log(3))
    assert result[0].shared == ("garden",)


def test_persons_without_contact_consent_are_never_suggested() -> None:
    assert all("eva" not in (s.source, s.target) for s in suggest_contacts(_graph(), k=50))


def test_same_helix_same_country_pairs_are_not_suggested() -> None:
    G = nx.Graph([("a", "hub"), ("hub", "b")])
    nx.set_node_attributes(G, {"a": "industry", "b": "industry", "hub": "academia"}, "helix")
    nx.set_node_attributes(G, "SE", "country")
    assert suggest_contacts(G) == ()


def test_resource_complementarity_is_evidence() -> None:
    flows = nx.MultiDiGraph(offers=(("f1", "mill", "by_product", "potential"),))
    flows.add_edge("farm", "dairy", resource="by_product", status="realised")
    G = _graph()
    result = suggest_contacts(G, k=20, flows=flows)
    pair = next(s for s in result if {s.source, s.target} == {"mill", "dairy"})
    assert "mill offers by_product that dairy takes" in pair.reasons


def test_deterministic_and_validated() -> None:
    assert suggest_contacts(_graph()) == suggest_contacts(_graph())
    with pytest.raises(InvalidValue):
        suggest_contacts(_graph(), k=-1)
