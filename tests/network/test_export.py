"""Export with consent and keyed pseudonyms."""

import hashlib
import hmac
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from smice.errors import InvalidValue
from smice.network import pseudonymise, to_graph, write_gexf, write_graphml, write_json

from .arenas import small_arena

KEY = b"0123456789abcdef-secret"


def _graph() -> nx.MultiDiGraph:
    return to_graph(small_arena(), at=date(2019, 6, 1))


def test_pseudonyms_are_keyed_hashes_and_persons_without_export_consent_go() -> None:
    H = pseudonymise(_graph(), KEY)
    ann = "person-" + hmac.new(KEY, b"ann", hashlib.sha256).hexdigest()[:20]
    assert ann in H
    assert "ann" not in H
    assert not any(data.get("name") == "Person bo" for _, data in H.nodes(data=True))
    assert len([n for n, d in H.nodes(data=True) if d.get("is_person")]) == 1  # bo: no export
    assert "employer" not in H.nodes[ann]
    assert H.nodes[ann]["name"] == ann
    assert H.has_edge(ann, "mill")
    other = b"another-key-of-16-bytes"
    ann_other = "person-" + hmac.new(other, b"ann", hashlib.sha256).hexdigest()[:20]
    H_other = pseudonymise(_graph(), other)  # the key matters
    assert ann_other in H_other
    assert ann not in H_other


def test_short_or_missing_keys_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidValue):
        pseudonymise(_graph(), b"short")
    with pytest.raises(InvalidValue):
        write_json(_graph(), tmp_path / "g.json", pseudonymise=True)


def test_graphml_round_trip(tmp_path: Path) -> None:
    write_graphml(_graph(), tmp_path / "g.graphml", pseudonymise=True, key=KEY)
    H = nx.read_graphml(tmp_path / "g.graphml")
    assert "mill" in H
    assert "ann" not in H
    assert "bo" not in H
    assert H.nodes["mill"]["kinds"] == "sme"


def test_gexf_has_time_intervals(tmp_path: Path) -> None:
    write_gexf(to_graph(small_arena()), tmp_path / "g.gexf")
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text
    assert 'timeformat="date"' in text
    assert 'start="2018-01-01"' in text
    assert 'end="2018-12-31"' in text


def test_json_is_node_link(tmp_path: Path) -> None:
    write_json(_graph(), tmp_path / "g.json")
    document = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    ids = {node["id"] for node in document["nodes"]}
    assert "ann" in ids
    assert "bo" not in ids
    assert {"source", "target", "key", "kind"} <= set(document["edges"][0])
