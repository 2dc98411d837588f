"""attrs validators for field invariants; each raises :class:`smice.errors.InvalidValue`.

The domain's values use them, and so do values defined beside the domain that carry the same
kinds of fields (the event payloads of :mod:`smice.process.events`): one definition of what
an id, a text or an aware datetime is.

.. versionadded:: 0.2.0
   Public (it was the private ``smice.domain._validators``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import attrs

from smice._types import is_valid_id
from smice.errors import InvalidValue

__all__ = [
    "aware_datetime",
    "distinct",
    "ident",
    "idents",
    "non_empty",
    "non_negative",
    "optional",
    "score",
    "text",
    "texts",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def ident(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The value is an identifier (see ``smice._types.ID_PATTERN``)."""
    if not is_valid_id(value):
        raise InvalidValue(
            attribute.name, "an id matching ^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$", value
        )


def idents(_: object, attribute: attrs.Attribute[Any], value: Iterable[object]) -> None:
    """Every element is an identifier, and none is repeated."""
    seen: set[object] = set()
    for element in value:
        if not is_valid_id(element):
            raise InvalidValue(attribute.name, "a collection of ids", element)
        if element in seen:
            raise InvalidValue(attribute.name, "a collection of distinct ids", element)
        seen.add(element)


def distinct(_: object, attribute: attrs.Attribute[Any], value: Iterable[object]) -> None:
    """No element is repeated."""
    items = list(value)
    if len(set(items)) != len(items):
        raise InvalidValue(attribute.name, "a collection without repeated elements", value)


def texts(max_length: int) -> Validator:
    """Every element is a non-blank string of at most *max_length* characters."""
    check = text(max_length)

    def check_all(
        instance: object, attribute: attrs.Attribute[Any], value: Iterable[object]
    ) -> None:
        for element in value:
            check(instance, attribute, element)

    return check_all


def non_empty(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A collection with at least one element."""
    if not isinstance(value, tuple | frozenset | list | set) or len(value) == 0:
        raise InvalidValue(attribute.name, "a collection with at least one element", value)


def optional(validator: Validator) -> Validator:
    """Accept ``None`` or whatever *validator* accepts."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


def non_negative(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A finite number ≥ 0 (booleans are not numbers here)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        raise InvalidValue(attribute.name, "a non-negative finite number", value)


def score(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A finite number in [0, 1]."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 <= value <= 1
    ):
        raise InvalidValue(attribute.name, "a number in [0, 1]", value)


def aware_datetime(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A timezone-aware :class:`datetime.datetime`."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise InvalidValue(attribute.name, "a timezone-aware datetime", value)


def a_date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar date (not a datetime)."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValue(attribute.name, "a date", value)


def text(max_length: int, *, allow_empty: bool = False) -> Validator:
    """A string of at most *max_length* characters, not blank unless *allow_empty*."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or len(value) > max_length:
            raise InvalidValue(
                attribute.name, f"a string of at most {max_length} characters", value
            )
        if not allow_empty and not value.strip():
            raise InvalidValue(attribute.name, "a non-blank string", value)

    return check
