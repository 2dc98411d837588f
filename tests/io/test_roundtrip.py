"""Round-trip properties of arena documents: dump → (JSON text →) load gives the arena back,
every dumped document is schema-valid, and broken references are found where they are."""

from __future__ import annotations

import functools
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import smice
from smice import (
    Arena,
    ArenaTemplate,
    DocumentInvalid,
    dump_arena,
    iter_errors,
    load_arena,
    load_template,
    save_arena,
)
from smice.domain import FrozenMap, iter_problems
from smice.io._convert import structure, unstructure
from strategies import BY_TYPE, arenas, arenas_with_dangling


@functools.cache
def _base() -> ArenaTemplate:
    # The arenas' cycles follow the 5-D plan of smice/base whatever template they name.
    return load_template("smice/base")


@given(arenas())
def test_load_of_dump_is_the_same_arena(arena: Arena) -> None:
    """``load_arena(dump_arena(x)) == x`` for every consistent arena, also through JSON text
    (lists, not tuples; strings for dates), and the dump of the loaded arena is the same
    document (the format is canonical)."""
    document = dump_arena(arena)
    loaded = load_arena(document)
    assert loaded == arena
    text = json.dumps(document, ensure_ascii=False)
    assert load_arena(json.loads(text), template=_base()) == arena
    assert dump_arena(loaded) == document


@given(arenas())
def test_every_dumped_arena_is_schema_valid(arena: Arena) -> None:
    """``dump_arena`` gives documents valid against the arena schema: ``validate`` passes and
    ``iter_errors`` yields nothing."""
    document = dump_arena(arena)
    smice.validate(document, "arena")
    assert list(iter_errors(document, "arena")) == []


@given(arenas())
def test_save_then_load_file_gives_the_same_arena(arena: Arena) -> None:
    """``save_arena`` writes a file that ``load_arena`` reads back to the same arena, and
    leaves no temporary file behind."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "arena.json"
        assert path == save_arena(arena, path)
        assert arena == load_arena(path)
        assert [p.name for p in Path(folder).iterdir()] == ["arena.json"]


@given(arenas_with_dangling())
def test_load_and_save_refuse_an_injected_dangling_reference_at_its_pointer(
    case: tuple[Arena, str],
) -> None:
    """A dangling id (schema-valid, so only the cross-object check can find it) makes
    ``load_arena`` raise ``DocumentInvalid`` with exactly that pointer, and ``save_arena``
    refuse the arena without writing anything."""
    arena, pointer = case
    document = dump_arena(arena)
    assert list(iter_errors(document, "arena")) == []
    with pytest.raises(DocumentInvalid) as loading:
        load_arena(document)
    assert loading.value.kind == "arena"
    assert [(e.pointer, e.keyword) for e in loading.value.errors] == [(pointer, "dangling")]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "arena.json"
        with pytest.raises(DocumentInvalid) as saving:
            save_arena(arena, path)
        assert [e.pointer for e in saving.value.errors] == [pointer]
        assert saving.value.source == str(path)
        assert list(Path(folder).iterdir()) == []


def _document_types() -> list[type]:
    # Every attrs class a document holds (FrozenMap and the vocabularies are plain JSON).
    return sorted((t for t in BY_TYPE if attrs.has(t)), key=lambda t: t.__name__)


@pytest.mark.parametrize("cls", _document_types(), ids=lambda t: t.__name__)
@given(data=st.data())
def test_every_domain_type_survives_the_document_conversion(cls: type, data: Any) -> None:
    """For every domain type, the JSON form (keys are attribute names) converts back to an
    equal value, and passes through JSON text unchanged."""
    value = data.draw(BY_TYPE[cls])
    document = unstructure(value)
    assert json.loads(json.dumps(document)) == document
    assert value == structure(document, cls, "test")


@given(BY_TYPE[FrozenMap])
def test_extensions_survive_the_document_conversion(extensions: FrozenMap[str, Any]) -> None:
    """``extensions`` (any JSON object) is kept exactly, nested arrays and objects included."""
    arena = Arena(
        id="a", name="A", template="example/t", created_on=date(2020, 1, 1), extensions=extensions
    )
    loaded = load_arena(json.loads(json.dumps(dump_arena(arena))))
    assert extensions == loaded.extensions
    assert list(iter_problems(loaded)) == []
