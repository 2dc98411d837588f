"""Absurd input is refused with DocumentInvalid, never RecursionError, MemoryError or a crash.

Whatever reads a document (a file or a Python object) goes through ``smice.io._guard`` first:
these tests feed the public entry points what an attacker or a broken tool would.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import smice
from smice import DocumentInvalid
from smice.io._guard import MAX_DEPTH, MAX_FILE_BYTES, MAX_STRING, read_json_file

DEEP = 100_000
GIB = 1024**3


def _nested_lists(depth: int) -> list[Any]:
    """A list nested *depth* levels deep, built without recursion."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def _refused(load: Callable[[], object]) -> DocumentInvalid:
    with pytest.raises(DocumentInvalid) as caught:
        load()
    assert type(caught.value) is DocumentInvalid
    assert caught.value.errors
    return caught.value


@pytest.fixture
def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a file's content is read."""

    def forbidden(*_: object, **__: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", forbidden)
    monkeypatch.setattr(Path, "read_text", forbidden)


# ---------------------------------------------------------------------------- deep nesting


@pytest.mark.parametrize(
    "text",
    [
        "[" * DEEP + "]" * DEEP,
        '{"a":' * DEEP + "1" + "}" * DEEP,
        "[" * DEEP,
        '{"smice": "arena/1", "extensions": ' + "[" * DEEP + "]" * DEEP + "}",
    ],
    ids=["arrays", "objects", "unclosed", "inside-an-arena"],
)
def test_deeply_nested_json_text_is_refused(text: str, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")

    invalid = _refused(lambda: smice.load_arena(path))

    assert str(path) == invalid.source
    assert str(MAX_DEPTH) in invalid.errors[0].message


def test_deeply_nested_template_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")

    _refused(lambda: smice.load_template(path))


def test_nesting_just_past_the_limit_is_refused_with_its_pointer(
    arena_document: Callable[..., dict[str, Any]], tmp_path: Path
) -> None:
    depth = MAX_DEPTH + 5
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(arena_document(extensions={"x": _nested_lists(depth)})), "utf-8")

    invalid = _refused(lambda: smice.load_arena(path))

    assert [error.keyword for error in invalid.errors] == ["depth"]
    assert invalid.errors[0].pointer.startswith("/extensions/x/0/0/")


def test_nesting_limit_is_exact(arena_document: Callable[..., dict[str, Any]]) -> None:
    """At most MAX_DEPTH levels of arrays and objects, the root object being the first."""
    # The root object and 'extensions' are two levels; the lists (the innermost one empty)
    # take the rest.
    smice.validate(arena_document(extensions={"x": _nested_lists(MAX_DEPTH - 3)}), "arena")

    invalid = _refused(
        lambda: smice.validate(
            arena_document(extensions={"x": _nested_lists(MAX_DEPTH - 2)}), "arena"
        )
    )
    assert [error.keyword for error in invalid.errors] == ["depth"]


@pytest.mark.parametrize("kind", ["arena", "template", "event", "ruleset", "experiment"])
def test_deeply_nested_python_object_is_refused(kind: str) -> None:
    deep = _nested_lists(DEEP)

    invalid = _refused(lambda: smice.validate(deep, kind))

    assert [error.keyword for error in invalid.errors] == ["depth"]
    errors = list(smice.iter_errors(deep, kind))
    assert [error.keyword for error in errors] == ["depth"]


def test_deeply_nested_python_object_inside_an_arena_is_refused(
    arena_document: Callable[..., dict[str, Any]],
) -> None:
    document = arena_document(extensions={"deep": _nested_lists(DEEP)})

    invalid = _refused(lambda: smice.load_arena(document))

    assert invalid.errors[0].pointer.startswith("/extensions/deep/0/0")


def test_deeply_nested_python_template_is_refused() -> None:
    document = {"smice": "template/1", "id": "x/t", "version": "1.0.0", "extensions": {}}
    document["extensions"] = {"deep": _nested_lists(DEEP)}

    _refused(lambda: smice.load_template(document))


def test_self_containing_object_is_refused(arena_document: Callable[..., dict[str, Any]]) -> None:
    cyclic: list[Any] = []
    cyclic.append(cyclic)
    document = arena_document(extensions={"loop": cyclic})

    invalid = _refused(lambda: smice.load_arena(document))

    assert [error.keyword for error in invalid.errors] == ["depth"]


# ---------------------------------------------------------------------------- size


def test_one_gigabyte_file_is_refused_by_its_size_before_reading(
    tmp_path: Path, no_reading: None
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(GIB + 1)  # sparse: takes no disk space
    assert GIB + 1 > MAX_FILE_BYTES

    for load in (lambda: smice.load_arena(path), lambda: smice.load_template(path)):
        invalid = _refused(load)
        assert [error.keyword for error in invalid.errors] == ["size"]
        assert str(GIB + 1) in invalid.errors[0].message
        assert str(path) == invalid.source


def test_file_size_limit_is_exact(
    arena_document: Callable[..., dict[str, Any]], tmp_path: Path
) -> None:
    text = json.dumps(arena_document())
    path = tmp_path / "arena.json"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size

    assert isinstance(read_json_file(path, "arena", max_bytes=size), dict)
    invalid = _refused(lambda: read_json_file(path, "arena", max_bytes=size - 1))
    assert [error.keyword for error in invalid.errors] == ["size"]


def test_string_over_the_limit_is_refused(arena_document: Callable[..., dict[str, Any]]) -> None:
    # 'extensions' has no schema limit of its own: only the guard stands in the way.
    document = arena_document(extensions={"blob": "x" * (MAX_STRING + 1)})

    invalid = _refused(lambda: smice.load_arena(document))

    assert [(e.pointer, e.keyword) for e in invalid.errors] == [("/extensions/blob", "size")]
    assert str(MAX_STRING) in invalid.errors[0].message


def test_string_at_the_limit_is_accepted(arena_document: Callable[..., dict[str, Any]]) -> None:
    smice.validate(arena_document(extensions={"blob": "x" * MAX_STRING}), "arena")


@pytest.mark.parametrize("kind", ["event", "ruleset", "experiment", "template"])
def test_string_over_the_limit_is_refused_in_every_kind(kind: str) -> None:
    document = {"extensions": {"b": "x" * (MAX_STRING + 1)}}

    invalid = _refused(lambda: smice.validate(document, kind))

    assert [(e.pointer, e.keyword) for e in invalid.errors] == [("/extensions/b", "size")]


# ---------------------------------------------------------------------------- encoding


@pytest.mark.parametrize(
    "data",
    [
        b'{"smice": "arena/1", "name": "\xff\xfe"}',
        b'{"name": "caf\xe9"}',  # Latin-1
        '{"name": "Sågverk"}'.encode("utf-16"),
        b"\x00\x01\x02\x03",
    ],
    ids=["invalid-bytes", "latin-1", "utf-16", "binary"],
)
def test_bytes_that_are_not_utf8_are_refused(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "arena.json"
    path.write_bytes(data)

    invalid = _refused(lambda: smice.load_arena(path))

    assert invalid.errors[0].pointer == ""
    assert invalid.errors[0].message


@pytest.mark.parametrize("name", ["missing.json", "."])
def test_unreadable_paths_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name

    invalid = _refused(lambda: smice.load_arena(path))

    assert [error.keyword for error in invalid.errors] == ["io"]


# ---------------------------------------------------------------------------- non-JSON values


@pytest.mark.parametrize(
    "key", [1, None, 2.5, ("a", "b"), True], ids=["int", "none", "float", "tuple", "bool"]
)
def test_non_string_key_is_refused_at_its_object(
    arena_document: Callable[..., dict[str, Any]], key: object
) -> None:
    document = arena_document(extensions={"inner": {key: "value"}})

    invalid = _refused(lambda: smice.load_arena(document))

    assert [(e.pointer, e.keyword) for e in invalid.errors] == [("/extensions/inner", "type")]
    assert repr(key) in invalid.errors[0].message


class _Opaque:
    pass


@pytest.mark.parametrize(
    "value",
    [
        {1, 2},
        frozenset({"a"}),
        _Opaque(),
        b"bytes",
        Decimal("1.5"),
        1j,
        float("nan"),
        float("inf"),
        -float("inf"),
        print,
    ],
    ids=[
        "set",
        "frozenset",
        "object",
        "bytes",
        "decimal",
        "complex",
        "nan",
        "infinity",
        "-infinity",
        "function",
    ],
)
def test_value_json_cannot_hold_is_refused_with_its_pointer(
    arena_document: Callable[..., dict[str, Any]], value: object
) -> None:
    document = arena_document(extensions={"list": [0, value]})

    invalid = _refused(lambda: smice.load_arena(document))

    assert [error.pointer for error in invalid.errors] == ["/extensions/list/1"]
    errors = list(smice.iter_errors(document, "arena"))
    assert [error.pointer for error in errors] == ["/extensions/list/1"]


def test_non_json_values_are_all_reported(arena_document: Callable[..., dict[str, Any]]) -> None:
    document = arena_document(extensions={"a": {1}, "b": _Opaque(), "c": float("nan")})

    invalid = _refused(lambda: smice.validate(document, "arena"))

    assert {"/extensions/a", "/extensions/b", "/extensions/c"} == {
        error.pointer for error in invalid.errors
    }


def test_nan_where_the_schema_wants_a_number_is_refused(
    arena_document: Callable[..., dict[str, Any]],
) -> None:
    document = arena_document(
        stakeholders=[
            {"id": "a", "name": "A", "helix": "industry", "kinds": ["sme"], "country": "SE"},
            {"id": "b", "name": "B", "helix": "industry", "kinds": ["sme"], "country": "SE"},
        ],
        ties=[
            {"id": "t", "kind": "supplies", "source": "a", "target": "b", "weight": float("nan")}
        ],
    )

    invalid = _refused(lambda: smice.load_arena(document))

    assert [error.pointer for error in invalid.errors] == ["/ties/0/weight"]


def test_huge_integer_is_refused_not_crashed_on(
    arena_document: Callable[..., dict[str, Any]],
) -> None:
    with pytest.raises(DocumentInvalid):
        smice.validate(arena_document(name=10**5000), "arena")


def test_key_over_the_string_limit_is_refused(
    arena_document: Callable[..., dict[str, Any]],
) -> None:
    with pytest.raises(DocumentInvalid):
        smice.validate(arena_document(extensions={"k" * (MAX_STRING + 1): 1}), "arena")


def test_lone_surrogate_is_refused(
    arena_document: Callable[..., dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "arena.json"
    path.write_text(
        json.dumps(arena_document(name="\ud800")), encoding="utf-8"
    )  # escaped by dumps

    invalid = _refused(lambda: smice.load_arena(path))

    assert [error.pointer for error in invalid.errors] == ["/name"]
