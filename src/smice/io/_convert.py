"""Documents ⇄ domain values, with cattrs.

Document keys are the attribute names of the domain classes. Dumped documents leave out
members that have their default value, list sets in sorted order, and write dates as
``YYYY-MM-DD`` and datetimes in RFC 3339 with their offset.
"""

from __future__ import annotations

import re
from collections.abc import Set
from datetime import date, datetime
from enum import Enum, StrEnum
from functools import cache
from typing import Any, TypeVar, get_origin

import cattrs
from cattrs.errors import ClassValidationError

from smice.domain import FrozenMap, freeze_json, thaw_json
from smice.errors import DocumentError, DocumentInvalid, InvalidValue

__all__ = ["structure", "unstructure"]

T = TypeVar("T")


def _sorted_list(values: Set[Any]) -> list[Any]:
    return sorted(values)


def _enum_value(member: Enum) -> Any:
    return member.value


def _is_frozen_map(cls: object) -> bool:
    return cls is FrozenMap or get_origin(cls) is FrozenMap


@cache
def _converter() -> cattrs.Converter:
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        omit_if_default=True,
        unstruct_collection_overrides={Set: _sorted_list, tuple: list},
    )
    # Vocabularies are StrEnums; singledispatch would pick their `str` base over `Enum`.
    converter.register_unstructure_hook(StrEnum, _enum_value)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    converter.register_structure_hook(datetime, lambda value, _: datetime.fromisoformat(value))
    converter.register_unstructure_hook_func(_is_frozen_map, thaw_json)
    converter.register_structure_hook_func(_is_frozen_map, lambda value, _: freeze_json(value))
    return converter


def unstructure(value: object) -> Any:
    """The JSON-ready form of a domain value."""
    return _converter().unstructure(value)


_PATH_TOKEN = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['([^']*)'\]")


def _pointer(cattrs_path: str) -> str:
    tokens = [
        name or (int(index) if index else key)
        for name, index, key in _PATH_TOKEN.findall(cattrs_path)
    ]
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def _format(exception: BaseException, _: Any) -> str:
    if isinstance(exception, InvalidValue):
        return f"expected {exception.expected}, got {exception.got!r}"
    if isinstance(exception, KeyError):
        return f"expected the key {exception.args[0]!r}, got an object without it"
    return f"invalid value: {exception}"


def _errors(group: ClassValidationError) -> list[DocumentError]:
    errors = []
    for line in cattrs.transform_error(group, path="$", format_exception=_format):
        message, _, path = line.rpartition(" @ ")
        errors.append(DocumentError(_pointer(path), message, "value"))
    return errors


def structure(document: Any, cls: type[T], kind: str, source: str | None = None) -> T:
    """Build a domain value from a (schema-valid) document; field invariants still apply."""
    try:
        return _converter().structure(document, cls)
    except ClassValidationError as group:
        raise DocumentInvalid(kind, _errors(group), source) from None
    except (InvalidValue, ValueError, TypeError, KeyError) as error:
        raise DocumentInvalid(kind, [DocumentError("", str(error), "value")], source) from None
