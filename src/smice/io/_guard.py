"""Refuse absurd input before anything recursive or expensive looks at it.

Everything that reads a document goes through here first: file size, JSON syntax, nesting
depth, string lengths, non-finite numbers, duplicate keys and non-JSON values all become
:class:`~smice.errors.DocumentInvalid` with a pointer, in time linear in the input.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from smice.errors import DocumentError, DocumentInvalid, pointer_from_path

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_STRING", "check_json_value", "read_json_file"]

#: Deepest nesting of arrays and objects accepted in a document.
MAX_DEPTH: Final = 64
#: Longest string accepted anywhere in a document (schemas set tighter limits per field).
MAX_STRING: Final = 1_000_000
#: Largest document file read.
MAX_FILE_BYTES: Final = 256 * 1024 * 1024


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(text: str, kind: str, source: str | None = None) -> object:
    """Parse JSON text strictly: no NaN or Infinity, no duplicate keys, bounded nesting."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _Duplicate as error:
        message = f"expected unique keys, got {error.key!r} twice in one object"
        raise DocumentInvalid(kind, [DocumentError("", message, "syntax")], source) from None
    except json.JSONDecodeError as error:
        message = (
            f"expected JSON, got a syntax error at line {error.lineno} "
            f"column {error.colno}: {error.msg}"
        )
        raise DocumentInvalid(kind, [DocumentError("", message, "syntax")], source) from None
    except RecursionError:
        message = f"expected at most {MAX_DEPTH} levels of nesting, got far more"
        raise DocumentInvalid(kind, [DocumentError("", message, "depth")], source) from None
    except ValueError as error:
        raise DocumentInvalid(
            kind, [DocumentError("", f"expected JSON: {error}", "syntax")], source
        ) from None


def read_json_file(
    path: str | os.PathLike[str], kind: str, *, max_bytes: int = MAX_FILE_BYTES
) -> object:
    """Read and parse a JSON file, refusing it before reading when it is too large."""
    file = Path(path)
    source = str(file)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            message = f"expected a file of at most {max_bytes} bytes, got {size} bytes"
            raise DocumentInvalid(kind, [DocumentError("", message, "size")], source)
        data = file.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise DocumentInvalid(
            kind, [DocumentError("", f"cannot read the file: {reason}", "io")], source
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"expected UTF-8 text, got an invalid byte at offset {error.start}"
        raise DocumentInvalid(kind, [DocumentError("", message, "encoding")], source) from None
    return parse_json(text, kind, source)


def _check_scalar(value: object, path: tuple[str | int, ...]) -> DocumentError | None:
    if isinstance(value, str):
        if len(value) > MAX_STRING:
            message = f"expected a string of at most {MAX_STRING} characters, got {len(value)}"
            return DocumentError(pointer_from_path(path), message, "size")
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return DocumentError(
            pointer_from_path(path), f"expected a finite number, got {value!r}", "number"
        )
    if value is None or isinstance(value, bool | int | float):
        return None
    return DocumentError(
        pointer_from_path(path), f"expected a JSON value, got a <{type(value).__name__}>", "type"
    )


def check_json_value(document: object, kind: str, source: str | None = None) -> None:
    """Check that *document* is plain, bounded JSON data, without recursion.

    Refuses nesting deeper than :data:`MAX_DEPTH`, strings longer than :data:`MAX_STRING`,
    NaN and infinities, non-string keys and values that JSON cannot hold.
    """
    errors: list[DocumentError] = []
    stack: list[tuple[object, tuple[str | int, ...]]] = [(document, ())]
    while stack and len(errors) < 100:
        value, path = stack.pop()
        if not isinstance(value, Mapping | list | tuple):
            error = _check_scalar(value, path)
            if error is not None:
                errors.append(error)
        elif len(path) >= MAX_DEPTH:
            message = f"expected at most {MAX_DEPTH} levels of nesting, got more"
            errors.append(DocumentError(pointer_from_path(path), message, "depth"))
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if isinstance(key, str):
                    stack.append((item, (*path, key)))
                else:
                    message = f"expected string keys, got {key!r} that is a <{type(key).__name__}>"
                    errors.append(DocumentError(pointer_from_path(path), message, "type"))
        else:
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
    if errors:
        errors.sort(key=lambda e: e.pointer)
        raise DocumentInvalid(kind, errors, source)
