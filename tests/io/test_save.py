"""``save_arena`` writes atomically and never writes an arena with problems.

Atomic means: whatever fails while saving, the file at the target path is either the old one,
byte for byte, or the complete new one, and no temporary file is left beside it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import smice
from smice import Arena, DocumentInvalid
from smice._types import StakeholderId, TieId
from smice.domain import Tie, TieKind

OLD = b'{"this": "is the old file"}\n'


@pytest.fixture
def arena(arena_document: Callable[..., dict[str, Any]]) -> Arena:
    return smice.load_arena(arena_document())


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "arena.json"
    path.write_bytes(OLD)
    return path


def _with_problem(arena: Arena) -> Arena:
    ghost = Tie(
        id=TieId("t2"),
        kind=TieKind.FUNDS,
        source=StakeholderId("org"),
        target=StakeholderId("ghost"),
    )
    return attrs.evolve(arena, ties=(*arena.ties, ghost))


def test_saved_arena_loads_back_equal(arena: Arena, tmp_path: Path) -> None:
    path = tmp_path / "arena.json"

    returned = smice.save_arena(arena, path)

    assert path == returned
    assert arena == smice.load_arena(path)
    assert [path] == list(tmp_path.iterdir())


def test_saved_file_is_utf8_json_ending_with_a_newline(arena: Arena, tmp_path: Path) -> None:
    path = tmp_path / "arena.json"

    smice.save_arena(arena, str(path))

    data = path.read_bytes()
    assert data.endswith(b"}\n")
    assert "Bergs Sågverk AB".encode() in data  # not escaped to \u00e5
    assert smice.dump_arena(arena) == json.loads(data.decode("utf-8"))


def test_save_replaces_an_existing_file(arena: Arena, old_file: Path) -> None:
    smice.save_arena(arena, old_file)

    assert arena == smice.load_arena(old_file)
    assert [old_file] == list(old_file.parent.iterdir())


def _fail(*_: object, **__: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    ("target", "name"),
    [(os, "replace"), (os, "fsync"), (json, "dumps")],
    ids=["rename-fails", "fsync-fails", "serialising-fails"],
)
def test_failed_save_leaves_the_old_file_and_no_temporary_file(
    arena: Arena, old_file: Path, monkeypatch: pytest.MonkeyPatch, target: object, name: str
) -> None:
    monkeypatch.setattr(target, name, _fail)

    with pytest.raises(OSError, match="No space left"):
        smice.save_arena(arena, old_file)

    monkeypatch.undo()
    assert old_file.read_bytes() == OLD
    assert [old_file] == list(old_file.parent.iterdir())


def test_interrupted_write_leaves_the_old_file_and_no_temporary_file(
    arena: Arena, old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)

    with pytest.raises(KeyboardInterrupt):
        smice.save_arena(arena, old_file)

    monkeypatch.undo()
    assert old_file.read_bytes() == OLD
    assert [old_file] == list(old_file.parent.iterdir())


def test_failed_first_save_creates_nothing(
    arena: Arena, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", _fail)

    with pytest.raises(OSError, match="No space left"):
        smice.save_arena(arena, tmp_path / "arena.json")

    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_arena_with_problems_is_refused_and_nothing_written(
    arena: Arena, old_file: Path, tmp_path: Path
) -> None:
    broken = _with_problem(arena)
    fresh = tmp_path / "fresh.json"

    for path in (old_file, fresh):
        with pytest.raises(DocumentInvalid) as caught:
            smice.save_arena(broken, path)
        assert [error.pointer for error in caught.value.errors] == ["/ties/1/target"]
        assert str(path) == caught.value.source

    assert old_file.read_bytes() == OLD
    assert [old_file] == list(tmp_path.iterdir())


def test_refused_save_does_not_even_serialise(
    arena: Arena, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checks come first: a broken arena never reaches the writer."""
    calls: list[object] = []
    monkeypatch.setattr("smice.io.arenas.atomic_write_text", lambda *a: calls.append(a))

    with pytest.raises(DocumentInvalid):
        smice.save_arena(_with_problem(arena), tmp_path / "arena.json")

    assert calls == []


def test_unencodable_arena_leaves_no_trace(arena: Arena, old_file: Path) -> None:
    """Whatever the error, a failed save is atomic (here UTF-8 cannot encode the name)."""
    bad = attrs.evolve(arena, name="Arena \ud800")

    with pytest.raises(Exception):  # noqa: B017, PT011 - the type is pinned below
        smice.save_arena(bad, old_file)

    assert old_file.read_bytes() == OLD
    assert [old_file] == list(old_file.parent.iterdir())


@pytest.mark.parametrize(
    "change",
    [{"name": "Arena \ud800"}, {"extensions": {"n": 10**5000}}],
    ids=["surrogate", "huge-int"],
)
def test_unsavable_arena_is_document_invalid(
    arena: Arena, tmp_path: Path, change: dict[str, Any]
) -> None:
    bad = attrs.evolve(arena, **change)

    with pytest.raises(DocumentInvalid):
        smice.save_arena(bad, tmp_path / "arena.json")
