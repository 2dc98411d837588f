"""The JSON Schemas: valid draft 2020-12, self-contained, shipped once, with useful messages."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import referencing
import referencing.exceptions
from jsonschema import Draft202012Validator
from referencing.jsonschema import DRAFT202012

import smice
from smice import DocumentInvalid, NotFound
from smice.io import KINDS, schema

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ROOT / "src" / "smice" / "schemas"
TOP_LEVEL = ROOT / "schemas"
FILES = sorted(PACKAGED.glob("*.json"))
BASE = "https://smice.invalid/schemas/"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _contents(path: Path) -> dict[str, Any]:
    contents: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return contents


Where = tuple[str | int, ...]


def _walk(node: object, path: Where = ()) -> Iterator[tuple[Where, Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))


def test_there_is_a_schema_for_every_kind_and_the_common_definitions() -> None:
    assert {*KINDS, "common"} == {path.stem for path in FILES}


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_schema_is_a_valid_draft_2020_12_schema(path: Path) -> None:
    contents = _contents(path)

    Draft202012Validator.check_schema(contents)

    assert contents["$schema"] == DIALECT
    assert f"{BASE}{path.name}" == contents["$id"]
    assert contents.get("title")


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_every_reference_resolves_without_fetching(path: Path) -> None:
    """Every ``$ref`` points inside the smice schemas (a fetch would fail: .invalid)."""
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (_contents(p)["$id"], DRAFT202012.create_resource(_contents(p))) for p in FILES
    )
    contents = _contents(path)
    resolver = registry.resolver(base_uri=contents["$id"])
    refs = [
        node["$ref"] for _, node in _walk(contents) if isinstance(node, dict) and "$ref" in node
    ]

    for ref in refs:
        assert ref.startswith(("#", BASE)), ref
        try:
            resolver.lookup(ref)
        except referencing.exceptions.Unresolvable as error:  # pragma: no cover - the failure
            pytest.fail(f"{path.name}: {ref} does not resolve: {error}")


#: Schemas whose every object is a document part; elsewhere (events, rule sets, experiments)
#: only the top-level object is held to the rule, as their envelope carries 'extensions'.
EVERY_OBJECT = {"arena.json", "template.json", "common.json"}


def _closed_objects() -> list[Any]:
    params = []
    for path in FILES:
        for where, node in _walk(_contents(path)):
            if where and path.name not in EVERY_OBJECT:
                continue
            if isinstance(node, dict) and node.get("additionalProperties") is False:
                pointer = "/" + "/".join(map(str, where))
                params.append(pytest.param(path, pointer, node, id=path.stem + pointer))
    return params


@pytest.mark.parametrize(("path", "pointer", "node"), _closed_objects())
def test_every_closed_object_accepts_extensions(path: Path, pointer: str, node: Any) -> None:
    """Unknown keys are refused, so tools need 'extensions' to keep their own data (the
    message for an unknown key says so)."""
    assert "extensions" in node.get("properties", {}), f"{path.name}{pointer}"


def test_top_level_schemas_folder_is_the_packaged_one() -> None:
    assert TOP_LEVEL.is_dir()
    assert sorted(p.name for p in TOP_LEVEL.glob("*.json")) == [p.name for p in FILES]
    for path in FILES:
        assert path.read_bytes() == (TOP_LEVEL / path.name).read_bytes(), path.name
        assert path.resolve() == (TOP_LEVEL / path.name).resolve(), path.name


def test_installed_package_finds_the_same_schemas() -> None:
    folder = resources.files("smice") / "schemas"
    for path in FILES:
        assert json.loads((folder / path.name).read_text("utf-8")) == _contents(path)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_of_each_kind_is_its_file(kind: str) -> None:
    assert _contents(PACKAGED / f"{kind}.json") == schema(kind)


def test_schema_of_an_unknown_kind_names_the_known_ones() -> None:
    with pytest.raises(NotFound) as caught:
        schema("common")
    assert set(KINDS) <= set(caught.value.available)

    with pytest.raises(NotFound):
        smice.validate({}, "arenas")
    with pytest.raises(NotFound):
        list(smice.iter_errors({}, "arenas"))


# ---------------------------------------------------------------------------- iter_errors


@pytest.fixture
def three_errors(arena_document: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """The small arena with three independent schema errors, at :data:`THREE`."""
    document = arena_document(name=42)
    document["stakeholders"][1]["helix"] = "business"
    document["ties"][0]["weight"] = -1
    return document


THREE = {"/name", "/stakeholders/1/helix", "/ties/0/weight"}


def test_valid_document_has_no_errors(arena_document: Callable[..., dict[str, Any]]) -> None:
    assert list(smice.iter_errors(arena_document(), "arena")) == []
    smice.validate(arena_document(), "arena")


def test_iter_errors_is_complete(three_errors: dict[str, Any]) -> None:
    errors = list(smice.iter_errors(three_errors, "arena"))

    assert len(errors) == 3
    assert {error.pointer for error in errors} == THREE


def test_validate_raises_the_same_errors_as_iter_errors(three_errors: dict[str, Any]) -> None:
    document = three_errors

    with pytest.raises(DocumentInvalid) as caught:
        smice.validate(document, "arena", source="three.json")

    assert set(smice.iter_errors(document, "arena")) == set(caught.value.errors)
    assert caught.value.kind == "arena"
    assert caught.value.source == "three.json"
    assert "(and 2 more errors)" in str(caught.value)


def test_iter_errors_is_lazy_compatible(three_errors: dict[str, Any]) -> None:
    """It is an iterator: take the first error, or a few, without asking for the rest."""
    errors = smice.iter_errors(three_errors, "arena")

    assert iter(errors) is errors
    first = next(errors)
    assert first.pointer in THREE
    rest = list(itertools.islice(errors, 5))
    assert len(rest) == 2
    assert {first.pointer, *(error.pointer for error in rest)} == THREE
    assert list(errors) == []


def test_iter_errors_is_deterministic(three_errors: dict[str, Any]) -> None:
    document = three_errors
    assert list(smice.iter_errors(document, "arena")) == list(smice.iter_errors(document, "arena"))


def test_independent_errors_in_many_items_are_all_reported(
    arena_document: Callable[..., dict[str, Any]],
) -> None:
    stakeholders = [
        {"id": f"s{i}", "name": "S", "helix": "nope", "kinds": ["sme"], "country": "SE"}
        for i in range(250)
    ]
    errors = list(smice.iter_errors(arena_document(stakeholders=stakeholders, ties=[]), "arena"))

    assert {f"/stakeholders/{i}/helix" for i in range(250)} == {e.pointer for e in errors}


# ---------------------------------------------------------------------------- messages


def _set(document: dict[str, Any], pointer: str, value: object) -> dict[str, Any]:
    *parents, last = pointer.strip("/").split("/")
    node: Any = document
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    node[last] = value
    return document


MESSAGES = [
    # (pointer, bad value, fragments the message must contain: expected and got)
    ("/stakeholders/0/helix", "business", ['"business"', "'industry'", "'academia'"]),
    ("/stakeholders/0/country", "se", ['"se"', "'SE'"]),
    ("/name", 42, ["42", "<string>", "<number>"]),
    ("/stakeholders/0/bio_based", "yes", ['"yes"', "<boolean>", "<string>"]),
    ("/ties/0/weight", -1, ["-1", "0"]),
    ("/created_on", "2021-02-30", ['"2021-02-30"', "YYYY-MM-DD"]),
    ("/created_on", "yesterday", ['"yesterday"', "YYYY-MM-DD"]),
    ("/stakeholders/0/id", "-bad", ['"-bad"', "[A-Za-z0-9]"]),
    ("/smice", "arena/2", ['"arena/2"', '"arena/1"']),
    ("/stakeholders", {}, ["<array>", "object"]),
]


@pytest.mark.parametrize(
    ("pointer", "value", "fragments"), MESSAGES, ids=[f"{p}={v!r}" for p, v, _ in MESSAGES]
)
def test_message_states_what_was_expected_and_what_was_got(
    arena_document: Callable[..., dict[str, Any]],
    pointer: str,
    value: object,
    fragments: list[str],
) -> None:
    document = _set(arena_document(), pointer, value)

    errors = [e for e in smice.iter_errors(document, "arena") if e.pointer == pointer]

    assert errors
    assert any(all(f in e.message for f in fragments) for e in errors), [e.message for e in errors]


def test_naive_datetime_message_asks_for_an_offset() -> None:
    document = {"type": "phase_advanced", "id": "e1", "at": "2019-03-01T10:00:00"}
    document.update(recorded_by="p1", cycle="c1")

    [error] = smice.iter_errors(document, "event")

    assert error.pointer == "/at"
    assert '"2019-03-01T10:00:00"' in error.message
    assert "offset" in error.message


def test_unknown_key_message_names_the_key_and_the_way_out(
    arena_document: Callable[..., dict[str, Any]],
) -> None:
    document = arena_document()
    document["stakeholders"][0]["colour"] = "red"

    [error] = smice.iter_errors(document, "arena")

    assert error.pointer == "/stakeholders/0"
    assert "'colour'" in error.message
    assert "helix" in error.message  # what is expected
    assert "extensions" in error.message


def test_missing_key_message_names_the_key(arena_document: Callable[..., dict[str, Any]]) -> None:
    document = arena_document()
    del document["stakeholders"][0]["helix"]

    [error] = smice.iter_errors(document, "arena")

    assert error.pointer == "/stakeholders/0"
    assert "'helix'" in error.message
    assert error.keyword == "required"


def test_error_str_leads_with_its_pointer(arena_document: Callable[..., dict[str, Any]]) -> None:
    [error] = smice.iter_errors(arena_document(name=42), "arena")
    assert str(error).startswith("/name: ")
