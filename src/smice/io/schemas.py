"""The JSON Schemas of smice documents, and validation with readable, located errors.

Schemas are package data (``smice/schemas/*.json``, draft 2020-12, ``$id`` under
``https://smice.invalid/``), loaded with :mod:`importlib.resources` into a
:class:`referencing.Registry` so that they refer to each other by ``$id`` and nothing is ever
fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import Any, Final

import jsonschema
import referencing
from jsonschema.exceptions import ValidationError, best_match
from referencing.jsonschema import DRAFT202012

from smice.errors import DocumentError, DocumentInvalid, NotFound, pointer_from_path
from smice.io._guard import plain_json

__all__ = ["KINDS", "iter_errors", "schema", "validate"]

_BASE: Final = "https://smice.invalid/schemas/"
#: The kinds of document smice validates, each with its schema.
KINDS: Final = ("arena", "event", "experiment", "ruleset", "template")
_FILES: Final = (*KINDS, "common")


@cache
def _registry() -> referencing.Registry[Any]:
    folder = resources.files("smice") / "schemas"
    loaded = []
    for name in _FILES:
        contents = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        loaded.append((contents["$id"], DRAFT202012.create_resource(contents)))
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(loaded)
    return registry.crawl()


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of documents of *kind* (one of :data:`KINDS`), as a dict.

    Examples
    --------
    >>> schema("arena")["$id"]
    'https://smice.invalid/schemas/arena.json'
    """
    if kind not in KINDS:
        raise NotFound("document kind", kind, KINDS)
    contents: dict[str, Any] = _registry().contents(f"{_BASE}{kind}.json")
    return contents


def _without_required(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_required(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_without_required(v) for v in node]
    return node


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # ECMA-262 '$' (JSON Schema's regex dialect) matches only at the very end; Python's also
    # before a final newline. A trailing '$' becomes '\Z' so "a\n" is not an id.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(
    validator: Any, pattern: str, instance: object, schema: Any
) -> Iterator[ValidationError]:
    del validator, schema
    if isinstance(instance, str) and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_KEYWORDS: Final = {"pattern": _pattern}
_Validator: Any = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator, _KEYWORDS
)


@cache
def _validator(kind: str, partial: bool = False) -> jsonschema.protocols.Validator:
    # A document that ``extends`` another may leave out what it inherits: nested objects lose
    # their ``required`` lists, and the top level requires only its identity and parent.
    cls = _Validator
    contents = schema(kind)
    if partial:
        own = [key for key in contents.get("required", ()) if key in ("smice", "id", "version")]
        contents = {**contents, "$defs": _without_required(contents.get("$defs", {}))}
        contents["required"] = [*own, "extends"]
        contents["$id"] = f"{_BASE}{kind}-partial.json"
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    validator: jsonschema.protocols.Validator = cls(
        contents, registry=_registry(), format_checker=checker
    )
    return validator


def _got(instance: object) -> str:
    if isinstance(instance, dict):
        return "an object"
    if isinstance(instance, list):
        return "an array"
    return f"{_short(instance)} that is a <{_json_type(instance)}>"


def _json_type(instance: object) -> str:
    if instance is None:
        return "null"
    if isinstance(instance, bool):
        return "boolean"
    if isinstance(instance, int | float):
        return "number"
    if isinstance(instance, str):
        return "string"
    if isinstance(instance, list):
        return "array"
    return "object"


def _short(instance: object) -> str:
    text = json.dumps(instance, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _expected(error: ValidationError) -> Any:
    # What the failing keyword asked for: its value in the schema.
    return error.validator_value


_FORMATS: Final = {
    "date": "a real calendar date (YYYY-MM-DD)",
    "date-time": "an RFC 3339 date and time with a UTC offset (e.g. 2019-03-01T10:00:00+01:00)",
}


def _m_type(e: ValidationError) -> str:
    expected = _expected(e)
    names = " or ".join(f"<{t}>" for t in (expected if isinstance(expected, list) else [expected]))
    return f"expected {names}, got {_got(e.instance)}"


def _m_enum(e: ValidationError) -> str:
    options = ", ".join(repr(v) for v in _expected(e))
    return f"expected one of {options}; got {_got(e.instance)}"


def _m_const(e: ValidationError) -> str:
    return f"expected {_short(_expected(e))}, got {_got(e.instance)}"


def _m_required(e: ValidationError) -> str:
    # jsonschema reports each missing key in its own error, naming it in the message.
    missing = [
        key
        for key in _expected(e)
        if isinstance(e.instance, dict) and key not in e.instance and repr(key) in e.message
    ]
    return f"expected the key {missing[0]!r}, got an object without it" if missing else e.message


def _m_additional(e: ValidationError) -> str:
    schema_node: Any = e.schema
    known = sorted((schema_node.get("properties") or {}).keys())
    extra = sorted(set(e.instance) - set(known)) if isinstance(e.instance, dict) else []
    hint = "; tools may keep their own data under 'extensions'" if "extensions" in known else ""
    return (
        f"unknown key{'s' if len(extra) != 1 else ''} {', '.join(repr(k) for k in extra)} "
        f"(expected only {', '.join(known)}{hint})"
    )


def _m_pattern(e: ValidationError) -> str:
    if _expected(e) == r"\S":
        return f"expected a non-blank string, got {_got(e.instance)}"
    return f"expected a string matching {_expected(e)}, got {_got(e.instance)}"


def _m_format(e: ValidationError) -> str:
    wanted = _FORMATS.get(str(_expected(e)), f"a valid {_expected(e)}")
    return f"expected {wanted}, got {_got(e.instance)}"


def _m_bound(word: str) -> Callable[[ValidationError], str]:
    def message(e: ValidationError) -> str:
        return f"expected a number {word} {_expected(e)}, got {_got(e.instance)}"

    return message


def _m_length(word: str, unit: str) -> Callable[[ValidationError], str]:
    def message(e: ValidationError) -> str:
        size = len(e.instance) if isinstance(e.instance, str | list | dict) else 0
        limit = _expected(e)
        return f"expected {word} {limit} {unit if limit != 1 else unit[:-1]}, got {size}"

    return message


def _m_unique(e: ValidationError) -> str:
    return f"expected no repeated items, got {_got(e.instance)}"


def _m_property_names(e: ValidationError) -> str:
    return f"unexpected key: {e.message}"


_MESSAGES: Final[dict[str, Callable[[ValidationError], str]]] = {
    "type": _m_type,
    "enum": _m_enum,
    "const": _m_const,
    "required": _m_required,
    "additionalProperties": _m_additional,
    "pattern": _m_pattern,
    "format": _m_format,
    "minimum": _m_bound("≥"),
    "maximum": _m_bound("≤"),
    "exclusiveMinimum": _m_bound(">"),
    "exclusiveMaximum": _m_bound("<"),
    "minLength": _m_length("at least", "characters"),
    "maxLength": _m_length("at most", "characters"),
    "minItems": _m_length("at least", "items"),
    "maxItems": _m_length("at most", "items"),
    "uniqueItems": _m_unique,
    "propertyNames": _m_property_names,
}


def _to_error(error: ValidationError) -> DocumentError:
    keyword = str(error.validator)
    describe = _MESSAGES.get(keyword)
    message = describe(error) if describe is not None else error.message
    return DocumentError(pointer_from_path(error.absolute_path), message, keyword)


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    # For combinators (anyOf, oneOf, ...) the sub-errors say more than the summary.
    if error.context:
        best = best_match(error.context)
        yield from _leaves(best) if best is not None else iter([error])
    else:
        yield error


def _raw_errors(document: object, kind: str, partial: bool = False) -> list[ValidationError]:
    # plain_json has made sure the document is plain JSON data.
    return list(_validator(kind, partial).iter_errors(document))  # type: ignore[arg-type]


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise NotFound("document kind", kind, KINDS)


def iter_errors(document: object, kind: str) -> Iterator[DocumentError]:
    """Yield every schema error of *document* as a document of *kind*, in document order.

    Absurd input (deep nesting, huge strings, NaN) is reported without recursion first.

    Examples
    --------
    >>> for error in iter_errors({"smice": "arena/1", "id": "a", "name": "A",
    ...                           "template": "smice/base", "created_on": "2021-02-30"},
    ...                          "arena"):
    ...     print(error)
    /created_on: expected a real calendar date (YYYY-MM-DD), got "2021-02-30" that is a <string>

    .. versionadded:: 0.1.0
    """
    _check_kind(kind)
    try:
        document = plain_json(document, kind)
    except DocumentInvalid as invalid:
        yield from invalid.errors
        return
    errors = [_to_error(leaf) for e in _raw_errors(document, kind) for leaf in _leaves(e)]
    errors.sort(key=lambda e: e.pointer)
    yield from errors


def validate(
    document: object, kind: str, *, source: str | None = None, partial: bool = False
) -> None:
    """Raise :class:`~smice.errors.DocumentInvalid` with every error if *document* is not a
    valid document of *kind*; the most relevant error comes first.

    With *partial*, the document may leave out what it inherits through ``extends``: nested
    objects need none of their required members, the top level only its identity and parent.

    Examples
    --------
    >>> validate({"smice": "arena/1", "id": "a", "name": "A", "template": "smice/base",
    ...           "created_on": "2021-02-01", "colour": "red"}, "arena")
    Traceback (most recent call last):
    ...
    smice.errors.DocumentInvalid: invalid arena document: /: unknown key 'colour' ...

    .. versionadded:: 0.1.0
    """
    _check_kind(kind)
    raw = _raw_errors(plain_json(document, kind, source), kind, partial)
    if not raw:
        return
    best = best_match(raw)
    errors = [_to_error(leaf) for e in raw for leaf in _leaves(e)]
    errors.sort(key=lambda e: e.pointer)
    if best is not None:
        first = _to_error(next(_leaves(best)))
        errors.remove(first)
        errors.insert(0, first)
    raise DocumentInvalid(kind, errors, source)
