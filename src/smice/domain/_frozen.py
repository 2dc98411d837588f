"""An immutable, hashable mapping, and deep freezing of JSON values.

Domain values are frozen and hashable; mappings inside them (labels, criterion parameters,
``extensions``) are :class:`FrozenMap` instances.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

__all__ = ["FrozenMap", "JsonValue", "freeze_json", "thaw_json"]

K = TypeVar("K")
V = TypeVar("V")

#: A JSON value after :func:`freeze_json`: arrays become tuples, objects :class:`FrozenMap`.
if TYPE_CHECKING:
    JsonValue: TypeAlias = (
        "bool | int | float | str | tuple[JsonValue, ...] | FrozenMap[str, JsonValue] | None"
    )
else:  # recursive aliases cannot be evaluated at run time (attrs and cattrs resolve hints)
    JsonValue = object


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """A read-only mapping that keeps insertion order and can be hashed.

    Examples
    --------
    >>> labels = FrozenMap({"en": "industry", "nb": "næringsliv"})
    >>> labels["nb"]
    'næringsliv'
    >>> labels == {"en": "industry", "nb": "næringsliv"}
    True
    >>> hash(labels) == hash(FrozenMap({"nb": "næringsliv", "en": "industry"}))
    True
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data) if data else {}
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def freeze_json(value: object) -> JsonValue:
    """Freeze a JSON value: lists become tuples and objects :class:`FrozenMap` (recursively).

    Examples
    --------
    >>> freeze_json({"a": [1, {"b": None}]})
    FrozenMap({'a': (1, FrozenMap({'b': None}))})
    """
    if isinstance(value, Mapping):
        return FrozenMap({str(k): freeze_json(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze_json(v) for v in value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def thaw_json(value: JsonValue) -> object:
    """Undo :func:`freeze_json`: the plain ``dict`` / ``list`` form, ready for :mod:`json`.

    Examples
    --------
    >>> thaw_json(freeze_json({"a": [1, {"b": None}]}))
    {'a': [1, {'b': None}]}
    """
    if isinstance(value, FrozenMap):
        return {k: thaw_json(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw_json(v) for v in value]
    return value
