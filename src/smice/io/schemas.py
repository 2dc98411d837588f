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
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

from smice.errors import DocumentError, DocumentInvalid, NotFound, pointer_from_path
from smice.io._guard import checked_json

if TYPE_CHECKING:
    import referencing
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

__all__ = ["KINDS", "iter_errors", "schema", "validate"]

_BASE: Final = "https://smice.invalid/schemas/"
#: The kinds of document smice validates, each with its schema.
KINDS: Final = ("arena", "event", "experiment", "ruleset", "template")
_FILES: Final = (*KINDS, "common")


@cache
def _documents() -> dict[str, dict[str, Any]]:
    folder = resources.files("smice") / "schemas"
    return {
        name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8")) for name in _FILES
    }


@cache
def _registry() -> referencing.Registry[Any]:
    import referencing  # noqa: PLC0415 - lazily: `import smice` stays cheap
    from referencing.jsonschema import DRAFT202012  # noqa: PLC0415

    loaded = [
        (contents["$id"], DRAFT202012.create_resource(contents))
        for contents in _documents().values()
    ]
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
    return _documents()[kind]


def _without_required(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_required(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_without_required(v) for v in node]
    return node


@cache
def _contents(kind: str, partial: bool) -> dict[str, Any]:
    # A document that ``extends`` another may leave out what it inherits: nested objects lose
    # their ``required`` lists, and the top level requires only its identity and parent.
    contents = schema(kind)
    if partial:
        own = [key for key in contents.get("required", ()) if key in ("smice", "id", "version")]
        contents = {**contents, "$defs": _without_required(contents.get("$defs", {}))}
        contents["required"] = [*own, "extends"]
        contents["$id"] = f"{_BASE}{kind}-partial.json"
    return contents


# -- formats: one function per format, used by both validators ------------------------------
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_date(instance: object) -> bool:
    """RFC 3339 ``full-date``: ``YYYY-MM-DD``, a real calendar date."""
    if not isinstance(instance, str):
        return True
    if not _DATE.fullmatch(instance):
        return False
    try:
        date.fromisoformat(instance)
    except ValueError:
        return False
    return True


@cache
def _rfc3339() -> Callable[[str], bool]:
    from rfc3339_validator import validate_rfc3339  # noqa: PLC0415 - lazily, like jsonschema

    check: Callable[[str], bool] = validate_rfc3339
    return check


def _is_datetime(instance: object) -> bool:
    """RFC 3339 ``date-time`` with a UTC offset (``rfc3339-validator``, which also lets a
    final newline through: refused here)."""
    if not isinstance(instance, str):
        return True
    return not instance.endswith("\n") and bool(_rfc3339()(instance.upper()))


# Every format the smice schemas use, with its check, given to both validators; a schema that
# names another format fails the tests (jsonschema-rs would check it, jsonschema would not).
_FORMAT_CHECKS: Final[dict[str, Callable[[object], bool]]] = {
    "date": _is_date,
    "date-time": _is_datetime,
}


# What jsonschema-rs is given: its own `date` check agrees with `_is_date` (year 0000 aside,
# which RFC 3339 allows, Python's date cannot hold, and the schemas' date pattern refuses) and
# is three times faster than a call back into Python; its `date-time` check accepts leap
# seconds (23:59:60), which Python's datetime cannot hold, so it is given `_is_datetime`.
# tests/io/test_fast_path.py pins both.
_FAST_FORMATS: Final[dict[str, Callable[[object], bool]]] = {"date-time": _is_datetime}


# -- patterns: ECMA-262, as JSON Schema says --------------------------------------------------
# ECMA-262 white space and line terminators (\s), which differ from Python's: U+FEFF is one,
# U+001C-U+001F and U+0085 are not.
_ECMA_SPACE: Final = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_ECMA_CLASSES: Final = {
    "d": ("[0-9]", "0-9"),
    "D": ("[^0-9]", None),
    "w": ("[A-Za-z0-9_]", "A-Za-z0-9_"),
    "W": ("[^A-Za-z0-9_]", None),
    "s": (f"[{_ECMA_SPACE}]", _ECMA_SPACE),
    "S": (f"[^{_ECMA_SPACE}]", None),
}


def _ecma_pattern(pattern: str) -> str:
    r"""*pattern* (an ECMA-262 regular expression, as JSON Schema's ``pattern``) rewritten so
    Python's :mod:`re` reads it the same way: ``\d``, ``\w``, ``\s`` and their negations
    stand for ECMA's (ASCII digits and word characters, ECMA white space), ``.`` matches
    anything but a line terminator, and ``$`` only the very end.

    Examples
    --------
    >>> _ecma_pattern(r"^\d{4}$")
    '^[0-9]{4}\\Z'
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            code = pattern[i + 1]
            outside, inside = _ECMA_CLASSES.get(code, (None, None))
            if not in_class and outside is not None:
                out.append(outside)
            elif in_class and inside is not None:
                out.append(inside)
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # A ']' right after '[' or '[^' is a literal in Python, but ends an empty class in
            # ECMA-262; no smice schema writes either.
        elif char == "$":
            char = "\\Z"
        elif char == ".":
            char = "[^\n\r\u2028\u2029]"
        out.append(char)
        i += 1
    return "".join(out)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(_ecma_pattern(pattern))


def _pattern(validator: Any, pattern: str, instance: object, schema: Any) -> Iterator[Any]:
    del validator, schema
    if isinstance(instance, str) and not _compiled(pattern).search(instance):
        from jsonschema.exceptions import ValidationError  # noqa: PLC0415

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator(kind: str, partial: bool = False) -> Validator:
    """The pure-Python validator (jsonschema): complete, located errors."""
    import jsonschema  # noqa: PLC0415 - lazily: `import smice` stays cheap

    checker = jsonschema.FormatChecker(formats=())
    for name, check in _FORMAT_CHECKS.items():
        checker.checks(name)(check)
    cls: Any = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator, {"pattern": _pattern}
    )
    validator: Validator = cls(
        _contents(kind, partial), registry=_registry(), format_checker=checker
    )
    return validator


# -- the fast path ----------------------------------------------------------------------------
def _fast_module() -> Any:
    try:
        import jsonschema_rs  # noqa: PLC0415 - optional: no wheel on some platforms
    except ImportError:  # pragma: no cover - the fallback where jsonschema-rs is missing
        return None
    return jsonschema_rs


@cache
def _fast(kind: str, partial: bool = False) -> Any:
    """A jsonschema-rs validator of the same schema, registry and format checks, or None."""
    module = _fast_module()
    if module is None:  # pragma: no cover - the fallback
        return None
    registry = module.Registry([(contents["$id"], contents) for contents in _documents().values()])
    return module.Draft202012Validator(
        _contents(kind, partial),
        registry=registry,
        validate_formats=True,
        formats=_FAST_FORMATS,
    )


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


_FORMAT_WORDS: Final = {
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
    wanted = _FORMAT_WORDS.get(str(_expected(e)), f"a valid {_expected(e)}")
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
        from jsonschema.exceptions import best_match  # noqa: PLC0415 - lazily

        best = best_match(error.context)
        yield from _leaves(best) if best is not None else iter([error])
    else:
        yield error


def _raw_errors(document: object, kind: str, partial: bool = False) -> list[ValidationError]:
    # plain_json has made sure the document is plain JSON data.
    return list(_validator(kind, partial).iter_errors(document))  # type: ignore[arg-type]


def _is_valid(document: object, kind: str, partial: bool = False) -> bool | None:
    """The fast path's verdict on plain JSON data, or None when it is not available."""
    fast = _fast(kind, partial)
    return None if fast is None else bool(fast.is_valid(document))


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise NotFound("document kind", kind, KINDS)


def iter_errors(document: object, kind: str) -> Iterator[DocumentError]:
    """Yield every schema error of *document* as a document of *kind*, in document order.

    Absurd input (deep nesting, huge strings, NaN) is reported without recursion first. A
    valid document is recognised by ``jsonschema-rs`` when it is installed; the errors of an
    invalid one always come from ``jsonschema``.

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
        document = checked_json(document, kind)
    except DocumentInvalid as invalid:
        yield from invalid.errors
        return
    if _is_valid(document, kind):
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

    ``jsonschema-rs`` answers yes or no when it is installed (a wheel exists for the usual
    platforms); only a document it refuses goes through ``jsonschema`` for the located
    errors. Without it, ``jsonschema`` does both. Both use the same schemas, registry, format
    checks and ECMA-262 patterns, and give the same verdict (``tests/io/test_fast_path.py``).

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
    document = checked_json(document, kind, source)
    if _is_valid(document, kind, partial):
        return
    raw = _raw_errors(document, kind, partial)
    if not raw:
        return
    from jsonschema.exceptions import best_match  # noqa: PLC0415 - lazily

    best = best_match(raw)
    errors = [_to_error(leaf) for e in raw for leaf in _leaves(e)]
    errors.sort(key=lambda e: e.pointer)
    if best is not None:
        first = _to_error(next(_leaves(best)))
        if first in errors:  # best_match may descend into an anyOf branch the leaves skip
            errors.remove(first)
        errors.insert(0, first)
    raise DocumentInvalid(kind, errors, source)
