"""FrozenMap and the deep freezing of JSON values."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smice.domain import FrozenMap, freeze_json, thaw_json
from strategies import json_values

_KEYS = st.text(max_size=4)
_HASHABLE = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=3))
_MAPS = st.dictionaries(_KEYS, _HASHABLE, max_size=5)


@given(_MAPS, _MAPS)
def test_equal_maps_have_equal_hashes(a: dict[str, Any], b: dict[str, Any]) -> None:
    """Hash and equality agree: equal FrozenMaps hash alike, whatever their key order, and a
    FrozenMap equals exactly the dicts with the same items."""
    fa, fb = FrozenMap(a), FrozenMap(b)
    assert (fa == fb) == (a == b)
    assert (fa == b) == (a == b)
    if fa == fb:
        assert hash(fa) == hash(fb)
    reordered = FrozenMap(dict(reversed(list(a.items()))))
    assert reordered == fa
    assert hash(reordered) == hash(fa)


@given(_MAPS)
def test_frozen_map_is_a_read_only_mapping(data: dict[str, Any]) -> None:
    """A FrozenMap holds a copy of its items, in insertion order, and cannot be changed."""
    frozen = FrozenMap(data)
    assert list(frozen) == list(data)
    assert len(frozen) == len(data)
    assert dict(frozen.items()) == data
    data["added after"] = 1
    assert "added after" not in frozen
    with pytest.raises(TypeError):
        frozen["x"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        frozen.new_attribute = 1  # type: ignore[attr-defined]


def test_frozen_map_compared_with_other_things() -> None:
    """A FrozenMap is not equal to non-mappings; the empty map equals ``FrozenMap()``."""
    assert FrozenMap() == FrozenMap({}) == {}
    assert FrozenMap({"a": 1}) != [("a", 1)]
    assert FrozenMap({"a": 1}) != "a"
    assert repr(FrozenMap({"a": 1})) == "FrozenMap({'a': 1})"
    assert {FrozenMap({"a": 1}): "x"}[FrozenMap({"a": 1})] == "x"


@given(json_values())
def test_thaw_undoes_freeze(value: object) -> None:
    """``thaw_json(freeze_json(v)) == v`` for every JSON value, and the thawed form is the
    same JSON text."""
    thawed = thaw_json(freeze_json(value))
    assert thawed == value
    assert json.dumps(thawed, sort_keys=True) == json.dumps(value, sort_keys=True)


@given(json_values())
def test_frozen_json_is_hashable_and_freezing_is_idempotent(value: object) -> None:
    """Frozen JSON contains only tuples, FrozenMaps and scalars, so it can be hashed;
    freezing it again changes nothing."""
    frozen = freeze_json(value)
    assert hash(frozen) == hash(freeze_json(value))
    assert freeze_json(frozen) == frozen
    assert freeze_json(thaw_json(frozen)) == frozen


def test_freeze_converts_lists_and_objects() -> None:
    """Lists become tuples and objects FrozenMaps, recursively."""
    frozen = freeze_json({"a": [1, {"b": None}], "c": "x"})
    assert isinstance(frozen, FrozenMap)
    assert frozen["a"] == (1, FrozenMap({"b": None}))
    assert isinstance(frozen["a"], tuple)


@pytest.mark.parametrize(
    "value",
    [{1, 2}, object(), b"bytes", {"a": {1}}],
    ids=["set", "object", "bytes", "nested-set"],  # the same ids in every xdist worker
)
def test_freeze_refuses_values_json_cannot_hold(value: object) -> None:
    """Sets, bytes and arbitrary objects are not JSON values."""
    with pytest.raises(TypeError, match="not a JSON value"):
        freeze_json(value)
