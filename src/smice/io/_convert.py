"""Documents ⇄ domain values, with cattrs.

Document keys are the attribute names of the domain classes. Dumped documents leave out
members that have their default value, list sets in sorted order, and write dates as
``YYYY-MM-DD`` and datetimes in RFC 3339 with their offset.
"""

from __future__ import annotations

import gc
import types
import typing
from collections.abc import Callable, Iterator, Set
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import Enum, StrEnum
from functools import cache
from typing import Any, Final, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)

from smice.domain import FrozenMap, freeze_json, thaw_json
from smice.errors import DocumentError, DocumentInvalid, InvalidValue, pointer_from_path

__all__ = ["parse_datetime", "paused_gc", "structure", "unstructure"]

T = TypeVar("T")


# One shared tzinfo per UTC offset. ``datetime.fromisoformat`` makes a new ``timezone`` for
# each string it parses, and CPython compares two aware datetimes field by field only when they
# share their tzinfo object; otherwise it asks both for their offsets (about ten times slower).
# Offsets are whole minutes (seconds at most) within a day, so the cache stays small; it is
# bounded all the same.
_OFFSETS: Final[dict[timedelta | None, tzinfo]] = {timedelta(0): UTC}
_MAX_OFFSETS: Final = 512


def parse_datetime(text: str) -> datetime:
    """``datetime.fromisoformat(text)``, with the offset's tzinfo shared by every datetime
    parsed with that offset (``datetime.UTC`` for ``+00:00``): equal values, faster compared.
    """
    value = datetime.fromisoformat(text)
    zone = value.tzinfo
    if zone is None or zone is UTC:
        return value
    offset = zone.utcoffset(None)
    shared = _OFFSETS.get(offset)
    if shared is None:
        if len(_OFFSETS) >= _MAX_OFFSETS:
            return value
        shared = _OFFSETS.setdefault(offset, zone)
    return value if shared is zone else value.replace(tzinfo=shared)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large document becomes values.

    Reading an arena allocates hundreds of thousands of objects that all stay alive; each
    allocation burst triggers collections that walk every one of them again, for nothing (a
    quarter of load_arena's time at 10,000 stakeholders: benchmarks/io.py). Reference
    counting still frees garbage meanwhile; a collector that was off stays off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _sorted_list(values: Set[Any]) -> list[Any]:
    return sorted(values)


def _enum_value(member: Enum) -> Any:
    return member.value


def _is_enum(cls: object) -> bool:
    return isinstance(cls, type) and issubclass(cls, Enum)


def _enum_member(value: Any, cls: type[Enum]) -> Enum:
    # A dict lookup: EnumType.__call__ costs ten times more (benchmarks/io.py, load_arena).
    try:
        return cls._value2member_map_[value]
    except (KeyError, TypeError):
        return cls(value)


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
    converter.register_structure_hook_func(_is_enum, _enum_member)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    converter.register_structure_hook(datetime, lambda value, _: parse_datetime(value))
    converter.register_unstructure_hook_func(_is_frozen_map, thaw_json)
    converter.register_structure_hook_func(_is_frozen_map, lambda value, _: freeze_json(value))
    return converter


def unstructure(value: object) -> Any:
    """The JSON-ready form of a domain value."""
    return _converter().unstructure(value)


def _message(exception: BaseException) -> str:
    if isinstance(exception, InvalidValue):
        return f"expected {exception.expected}, got {exception.got!r:.80}"
    if isinstance(exception, KeyError):
        return f"expected the key {exception.args[0]!r}, got an object without it"
    return f"invalid value: {exception}"


def _errors(exception: BaseException, path: tuple[str | int, ...]) -> Iterator[DocumentError]:
    """Walk cattrs' exception groups; a validator's InvalidValue names its own field."""
    if isinstance(exception, ClassValidationError | IterableValidationError):
        with_notes, without = exception.group_exceptions()
        for noted, note in with_notes:
            step = note.index if isinstance(note, IterableValidationNote) else note.name
            yield from _errors(noted, (*path, step))
        for plain in without:
            yield from _errors(plain, path)
    elif isinstance(exception, BaseExceptionGroup):
        for member in exception.exceptions:
            yield from _errors(member, path)
    else:
        where = (*path, exception.name) if isinstance(exception, InvalidValue) else path
        yield DocumentError(pointer_from_path(where), _message(exception), "value")


# -- the fast path from schema-valid documents ------------------------------------------------
# A builder per attrs class, made once from its fields: the document's members go through one
# small function each (or none: strings, booleans and integers are taken as they are) into the
# class's own __init__, so every field invariant still holds. cattrs' generated functions do
# the same with more generality and cost 2-3x as much (benchmarks/io.py, load_arena); any
# surprise (an unknown key, a value of the wrong kind, a refused invariant) sends the document
# through cattrs again, which says precisely what is wrong.
Hook = Callable[[Any], Any] | None


def _optional(hook: Hook) -> Hook:
    if hook is None:
        return None
    inner = hook
    return lambda value: None if value is None else inner(value)


def _collection(make: Callable[[Any], Any], hook: Hook) -> Hook:
    if hook is None:
        return make
    inner = hook
    return lambda value: make(map(inner, value))


def _hook(kind: Any) -> Hook:  # noqa: PLR0911 - one case per kind of type
    supertype = getattr(kind, "__supertype__", None)
    if supertype is not None:  # a NewType
        return _hook(supertype)
    if kind in (str, bool, int, object):
        return None
    if kind is float:
        return float
    if kind is date:
        return date.fromisoformat
    if kind is datetime:
        return parse_datetime
    if _is_enum(kind):
        lookup: Hook = kind._value2member_map_.__getitem__
        return lookup
    if _is_frozen_map(kind):
        return freeze_json
    if attrs.has(kind):
        return _builder(kind)
    origin, args = get_origin(kind), get_args(kind)
    if origin in (types.UnionType, typing.Union) and len(args) == 2 and type(None) in args:
        return _optional(_hook(args[0] if args[1] is type(None) else args[1]))
    if origin is frozenset and len(args) == 1:
        return _collection(frozenset, _hook(args[0]))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _collection(tuple, _hook(args[0]))
    converter = _converter()
    return lambda value: converter.structure(value, kind)


@cache
def _builder(cls: Any) -> Callable[[Any], Any]:
    attrs.resolve_types(cls)
    hooks: dict[str, Callable[[Any], Any]] = {}
    for field in attrs.fields(cls):
        hook = _hook(field.type) if field.init else None
        if hook is not None:
            hooks[field.alias] = hook
    hooked = frozenset(hooks)

    def build(document: Any) -> Any:
        # Only the members that need converting are visited (the set intersection is C);
        # the others go to __init__ as they are.
        arguments = dict(document)
        for key in hooked & document.keys():
            arguments[key] = hooks[key](arguments[key])
        return cls(**arguments)

    return build


def structure(document: Any, cls: type[T], kind: str, source: str | None = None) -> T:
    """Build a domain value from a (schema-valid) document; field invariants still apply."""
    try:
        built: Any = _builder(typing.cast(Any, cls))(document)
        return typing.cast(T, built)
    except Exception:  # noqa: S110 - cattrs, below, says what is wrong
        pass
    try:
        return _converter().structure(document, cls)
    except ClassValidationError as group:
        raise DocumentInvalid(kind, list(_errors(group, ())), source) from None
    except (InvalidValue, ValueError, TypeError, KeyError) as error:
        raise DocumentInvalid(kind, [DocumentError("", str(error), "value")], source) from None
