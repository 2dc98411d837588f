"""Exports and ``extends`` (issue 11, finding 11 and the ``extends`` finding): every GraphML
and GEXF export is well-formed XML whatever the names hold; ``extends`` resolves only against
the library, the bundled documents and the folder of the document naming it, and never shows
the content of a file that is not a smice document."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import smice
from smice.errors import DocumentInvalid, NotFound
from smice.network import to_graph, write_gexf, write_graphml

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "arenas" / "tutorial.json"
#: Characters XML 1.0 cannot hold, even escaped.
NOT_XML = ["\x00", "\x01", "\x1b", "\ufffe", "\uffff"]


def _arena(tmp_path: Path, char: str) -> Path:
    document: dict[str, Any] = json.loads(TUTORIAL.read_text("utf-8"))
    for stakeholder in document["stakeholders"]:
        stakeholder["name"] = f"{stakeholder['name']} {char}end"
        scopes = stakeholder.get("consent", {}).get("scopes", [])
        scopes.extend(s for s in ("network_analysis", "export") if s not in scopes)
    path = tmp_path / "arena.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


@pytest.mark.parametrize("char", NOT_XML, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("write", [write_graphml, write_gexf], ids=["graphml", "gexf"])
def test_every_xml_export_is_well_formed(tmp_path: Path, char: str, write: Any) -> None:
    G = to_graph(smice.load_arena(_arena(tmp_path, char)))
    out = tmp_path / "g.xml"

    write(G, out)

    root = ET.parse(out).getroot()  # expat refuses anything that is not well-formed
    names = [e.get("value") or e.text or "" for e in root.iter()]
    assert any(f"\\x{ord(char):02x}end" in n or f"\\u{ord(char):04x}end" in n for n in names)


def test_graph_ids_and_keys_are_escaped_too(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a\x00", "b\x1b", key="k\x01", note="\ufffe")
    for write in (write_graphml, write_gexf):
        write(G, tmp_path / "g.xml")
        ET.parse(tmp_path / "g.xml")


# -- extends ------------------------------------------------------------------------------


def _ruleset(**members: Any) -> dict[str, Any]:
    return {"smice": "ruleset/1", "id": "my/rules", "version": "1.0.0", **members}


def test_extends_does_not_resolve_against_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_text('{"secret": "hunter2"}', "utf-8")
    monkeypatch.chdir(tmp_path)
    elsewhere = tmp_path / "project"
    elsewhere.mkdir()
    child = elsewhere / "child.json"
    child.write_text(json.dumps(_ruleset(extends="etc/passwd")), "utf-8")

    for source in (child, _ruleset(extends="etc/passwd")):
        with pytest.raises(NotFound) as caught:
            smice.load_ruleset(source)  # type: ignore[arg-type]
        assert caught.value.name == "etc/passwd"
        assert "hunter2" not in str(caught.value)


def test_a_file_beside_the_document_that_is_not_a_smice_document_is_not_shown(
    tmp_path: Path,
) -> None:
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_text('{"secret": "hunter2", "id": "x"}', "utf-8")
    child = tmp_path / "child.json"
    child.write_text(json.dumps(_ruleset(extends="etc/passwd")), "utf-8")

    with pytest.raises(DocumentInvalid) as caught:
        smice.load_ruleset(child)

    assert "hunter2" not in str(caught.value)
    assert "secret" not in str(caught.value)
    assert caught.value.errors[0].keyword == "smice"
    assert caught.value.source == str(tmp_path / "etc" / "passwd")


def test_extends_resolves_beside_the_document_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    parent = _ruleset(id="team/base", extends="smice/default")
    (shared / "base.json").write_text(json.dumps(parent), "utf-8")
    child = tmp_path / "child.json"
    child.write_text(json.dumps(_ruleset(extends="shared/base")), "utf-8")
    monkeypatch.chdir("/")

    ruleset = smice.load_ruleset(child)

    assert ruleset.extends == "shared/base"
    assert ruleset.rule("P1").when == smice.load_ruleset("smice/default").rule("P1").when


@pytest.mark.parametrize("ref", ["../outside", "/etc/passwd", "a/../../b", "./x"])
def test_extends_cannot_leave_the_folder(tmp_path: Path, ref: str) -> None:
    child = tmp_path / "inner" / "child.json"
    child.parent.mkdir()
    (tmp_path / "outside.json").write_text(json.dumps(_ruleset(id="o")), "utf-8")
    child.write_text(json.dumps(_ruleset(extends=ref)), "utf-8")
    with pytest.raises((DocumentInvalid, NotFound)):
        smice.load_ruleset(child)
