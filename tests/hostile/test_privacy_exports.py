"""Hostile review, issue 11 finding 1: nothing in a pseudonymised export can be joined back
to a person without the key.

Pseudonymised GraphML, GEXF and JSON exports used to keep tie ids (``t-anna-sawmill`` next to
``person-96df…``) and persons' roles. Every export of every arena here (the example arenas
and Hypothesis-generated ones, with every person consenting to everything so that nothing is
hidden by consent) is searched for every person id, person name and original tie id, and a
person's node may carry nothing but its pseudonym, helix and country.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from smice.domain import Arena, Consent, ConsentScope, vocabulary
from smice.errors import InvalidValue
from smice.io import load_arena
from smice.network import to_graph, write_gexf, write_graphml, write_json
from smice.report import assess, render_html, render_text
from strategies import arenas

KEY = b"a-key-of-at-least-16-bytes"
EXAMPLES = ("examples/arenas/tutorial.json", "examples/arenas/jamtland-trondelag.json")
WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "json": write_json}
#: What a person's node may carry in a pseudonymised export (``label`` and ``id`` are how
#: GEXF readers name the node itself).
PERSON_KEYS = {"is_person", "helix", "country", "name", "label", "id"}
_ID_CHARS = "A-Za-z0-9_.:-"


def everyone_consents(arena: Arena) -> Arena:
    """*arena* where every person consents to everything, for good: nobody is hidden by
    consent, so only pseudonymisation stands between a reader and the persons."""
    consent = Consent(scopes=frozenset(ConsentScope), given_on=date(1900, 1, 1))
    people = tuple(
        attrs.evolve(s, consent=consent) if s.is_person else s for s in arena.stakeholders
    )
    return attrs.evolve(arena, stakeholders=people)


def secrets_of(arena: Arena) -> set[str]:
    """Every person id, person name and tie id of *arena*."""
    found = {s.id for s in arena.stakeholders if s.is_person}
    found |= {s.name for s in arena.stakeholders if s.is_person}
    found |= {t.id for t in arena.ties}
    return found


def export_all(arena: Arena, folder: Path) -> dict[str, Path]:
    G = to_graph(arena)
    paths = {}
    for fmt, write in WRITERS.items():
        path = folder / f"export.{fmt}"
        write(G, path, pseudonymise=True, key=KEY)
        paths[fmt] = path
    return paths


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
        yield from value.split(",")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def read_back(fmt: str, path: Path) -> tuple[nx.Graph[Any], set[str]]:
    """The export parsed, and every string in it: node ids, edge keys, attribute values
    (and their comma-separated parts), graph attributes."""
    if fmt == "json":
        document = json.loads(path.read_text(encoding="utf-8"))
        G = nx.node_link_graph(document, edges="edges")
        return G, set(_strings(document))
    G = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    found: set[str] = set(_strings(dict(G.graph)))
    for node, data in G.nodes(data=True):
        found |= set(_strings(node)) | set(_strings(data))
    for edge in G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True):
        found |= set(_strings(list(edge)))
    return G, found


def assert_nothing_joins(arena: Arena, folder: Path, secrets: set[str] | None = None) -> None:
    secrets = secrets_of(arena) if secrets is None else secrets
    for fmt, path in export_all(arena, folder).items():
        G, strings = read_back(fmt, path)
        assert not secrets & strings, (fmt, sorted(secrets & strings)[:5])
        for node, data in G.nodes(data=True):
            if str(data.get("is_person")).lower() == "true":
                assert set(data) <= PERSON_KEYS, (fmt, node, sorted(set(data) - PERSON_KEYS))


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_exports_hold_no_person_id_name_or_tie_id(example: str, tmp_path: Path) -> None:
    arena = everyone_consents(load_arena(example))
    assert_nothing_joins(arena, tmp_path)
    # The raw text too, for ids as whole tokens and names anywhere.
    secrets = secrets_of(arena)
    for path in export_all(arena, tmp_path).values():
        text = path.read_text(encoding="utf-8")
        for secret in secrets:
            pattern = rf"(?<![{_ID_CHARS}]){re.escape(secret)}(?![{_ID_CHARS}])"
            assert not re.search(pattern, text), (path.name, secret)


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_exports_still_hold_the_network(example: str, tmp_path: Path) -> None:
    """Pseudonymisation keeps the structure: every consenting person and every tie between
    exported nodes is there, under a pseudonym."""
    arena = everyone_consents(load_arena(example))
    G = to_graph(arena)
    for fmt, path in export_all(arena, tmp_path).items():
        H, _ = read_back(fmt, path)
        assert H.number_of_nodes() == G.number_of_nodes(), fmt
        assert H.number_of_edges() == G.number_of_edges(), fmt


def _enum_values() -> set[str]:
    values: set[str] = set()
    for name in vocabulary.__all__:
        item = getattr(vocabulary, name)
        if isinstance(item, type) and issubclass(item, StrEnum):
            values |= {member.value for member in item}
    return values


_VOCABULARY = _enum_values()


def _innocent(text: str) -> bool:
    """Whether *text* may appear in an export for reasons that have nothing to do with a
    person: a number, a date, a truth value or a vocabulary value."""
    if text in _VOCABULARY or text.lower() in {"true", "false", ""}:
        return True
    for parse in (float, date.fromisoformat, datetime.fromisoformat):
        try:
            parse(text)  # type: ignore[operator]
        except ValueError:
            continue
        return True
    return False


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(arena: Arena) -> Arena:
    """*arena* with characters XML 1.0 cannot hold taken out of names and municipalities
    (those characters are finding 11, tested on their own)."""

    def clean(text: str) -> str:
        return _NOT_XML.sub("", text).strip() or "nameless"

    people = tuple(
        attrs.evolve(
            s,
            name=clean(s.name),
            municipality=None if s.municipality is None else clean(s.municipality),
        )
        for s in arena.stakeholders
    )
    return attrs.evolve(arena, id=arena.id, stakeholders=people)


def _public_strings(arena: Arena) -> set[str]:
    """Strings an export may hold that come from organisations, the arena or tie kinds."""
    found = {arena.id}
    for s in arena.stakeholders:
        if not s.is_person:
            found |= {s.id, s.name, s.municipality or ""}
    found |= {t.phase or "" for t in arena.ties}
    return found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arenas(min_stakeholders=2, max_stakeholders=8))
def test_generated_exports_hold_no_person_id_name_or_tie_id(arena: Arena) -> None:
    arena = everyone_consents(xml_safe(arena))
    # A secret that is also the name of an organisation, a number or a vocabulary value
    # cannot be told apart from them in an export: search for the others.
    public = _public_strings(arena)
    secrets = {s for s in secrets_of(arena) if s not in public and not _innocent(s)}
    with tempfile.TemporaryDirectory() as folder:
        assert_nothing_joins(arena, Path(folder), secrets)


def test_quasi_identifiers_leave_only_when_named(tmp_path: Path) -> None:
    arena = everyone_consents(load_arena("examples/arenas/jamtland-trondelag.json"))
    G = to_graph(arena)
    roles = {data["role"] for _, data in G.nodes(data=True) if "role" in data}
    assert roles
    write_json(G, tmp_path / "plain.json", pseudonymise=True, key=KEY)
    write_json(G, tmp_path / "role.json", pseudonymise=True, key=KEY, keep=("role",))
    plain = json.loads((tmp_path / "plain.json").read_text(encoding="utf-8"))
    named = json.loads((tmp_path / "role.json").read_text(encoding="utf-8"))
    assert not any("role" in node for node in plain["nodes"])
    assert {node["role"] for node in named["nodes"] if "role" in node} == roles
    with pytest.raises(InvalidValue):
        write_json(G, tmp_path / "name.json", pseudonymise=True, key=KEY, keep=("name",))


@pytest.mark.parametrize("example", EXAMPLES)
def test_reports_name_no_person_and_no_tie(example: str) -> None:
    """The other ways out, the assessment as JSON, HTML and text, hold no person id, name
    or tie id either."""
    arena = everyone_consents(load_arena(example))
    assessment = assess(arena)
    outputs = {
        "json": json.dumps(assessment.to_json(), ensure_ascii=False),
        "html": render_html(arena, assessment),
        "text": render_text(assessment),
    }
    for kind, text in outputs.items():
        for secret in secrets_of(arena):
            pattern = rf"(?<![{_ID_CHARS}]){re.escape(secret)}(?![{_ID_CHARS}])"
            assert not re.search(pattern, text), (kind, secret)
