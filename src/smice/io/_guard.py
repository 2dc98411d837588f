"""Refuse absurd input before anything recursive or expensive looks at it.

Everything that reads a document goes through here first: file size, JSON syntax, nesting
depth, string lengths, non-finite numbers, duplicate keys and non-JSON values all become
:class:`~smice.errors.DocumentInvalid` with a pointer, in time linear in the input.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Mapping
from itertools import filterfalse
from typing import Any, Final

from smice.errors import DocumentError, DocumentInvalid, pointer_from_path

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_INTEGER",
    "MAX_KEY",
    "MAX_STRING",
    "MAX_YEAR",
    "MIN_YEAR",
    "check_json_value",
    "checked_json",
    "decode_text",
    "file_head",
    "parse_json",
    "plain_json",
    "read_file_bytes",
    "read_json_file",
]

_SURROGATE: Final = re.compile("[\ud800-\udfff]")

#: Deepest nesting of arrays and objects accepted in a document.
MAX_DEPTH: Final = 64
#: Longest string accepted anywhere in a document (schemas set tighter limits per field).
MAX_STRING: Final = 1_000_000
#: Longest object key accepted.
MAX_KEY: Final = 1_000
#: Largest integer magnitude accepted (JSON numbers beyond it lose precision elsewhere).
MAX_INTEGER: Final = 2**63
#: Largest document file read.
MAX_FILE_BYTES: Final = 256 * 1024 * 1024
#: First and last year of the dates and times documents may hold (the schemas' ``date`` and
#: ``datetime``): far enough from ``datetime``'s own limits (years 1 and 9999) that converting
#: to UTC and adding days, months or years never leaves its range.
MIN_YEAR: Final = 1000
MAX_YEAR: Final = 8999


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # dict() in C, then one length comparison: a Python loop per member was the slowest part
    # of parsing (benchmarks/io.py, load_arena).
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
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


_CHUNK: Final = 1 << 20
_FILE_TYPES: Final = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refuse(kind: str, source: str, message: str, keyword: str) -> DocumentInvalid:
    return DocumentInvalid(kind, [DocumentError("", message, keyword)], source)


def _file_type(mode: int) -> str:
    return next((name for test, name in _FILE_TYPES if test(mode)), "not a regular file")


def _open_regular(source: str, kind: str) -> int:
    """A blocking read handle on the regular file *source*; anything else is refused."""
    if "\x00" in source:
        raise _refuse(
            kind, repr(source), "expected a file path, got one with a NUL character", "io"
        )
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        handle = os.open(source, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        reason = error.strerror or str(error)
        raise _refuse(kind, source, f"cannot read the file: {reason}", "io") from None
    try:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            message = f"expected a regular file, got {_file_type(mode)}"
            raise _refuse(kind, source, message, "io")
        os.set_blocking(handle, True)
    except BaseException:
        os.close(handle)
        raise
    return handle


def file_head(path: str | os.PathLike[str], kind: str, size: int = 16) -> bytes:
    """The first *size* bytes of the regular file *path* (to tell formats apart); refuses
    what :func:`read_file_bytes` refuses."""
    source = os.fspath(path)
    handle = _open_regular(source, kind)
    try:
        return os.read(handle, size)
    except OSError as error:
        reason = error.strerror or str(error)
        raise _refuse(kind, source, f"cannot read the file: {reason}", "io") from None
    finally:
        os.close(handle)


def read_file_bytes(
    path: str | os.PathLike[str], kind: str, *, max_bytes: int = MAX_FILE_BYTES
) -> bytes:
    """The bytes of the regular file *path*, read at most *max_bytes* of them.

    Only regular files are read: a directory, a FIFO or a device (``/dev/zero``,
    ``/dev/urandom``) is refused before anything is read, without blocking. The size limit is
    checked while reading, so a file that grows, or whose size the file system does not
    report, cannot make the reader take more than *max_bytes*.

    Raises
    ------
    smice.errors.DocumentInvalid
        With keyword ``"io"`` (cannot open, not a regular file) or ``"size"`` (too large).
    """
    source = os.fspath(path)
    handle = _open_regular(source, kind)
    chunks: list[bytes] = []
    total = 0
    try:
        size = os.fstat(handle).st_size
        if size > max_bytes:  # refused at once; the cap below holds whatever the size says
            message = f"expected a file of at most {max_bytes} bytes, got {size} bytes"
            raise _refuse(kind, source, message, "size")
        while chunk := os.read(handle, min(_CHUNK, max_bytes + 1 - total)):
            total += len(chunk)
            if total > max_bytes:
                message = f"expected a file of at most {max_bytes} bytes, got more"
                raise _refuse(kind, source, message, "size")
            chunks.append(chunk)
    except OSError as error:
        reason = error.strerror or str(error)
        raise _refuse(kind, source, f"cannot read the file: {reason}", "io") from None
    finally:
        os.close(handle)
    return b"".join(chunks)


def decode_text(data: bytes, kind: str, source: str | None = None) -> str:
    """*data* decoded as UTF-8; an invalid byte is reported with its line and column."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = (
            f"expected UTF-8 text, got an invalid byte at line {line} column {column} "
            f"(byte {error.start})"
        )
        raise DocumentInvalid(kind, [DocumentError("", message, "encoding")], source) from None


def read_json_file(
    path: str | os.PathLike[str], kind: str, *, max_bytes: int = MAX_FILE_BYTES
) -> object:
    """Read and parse a JSON file: a regular file of at most *max_bytes* bytes, UTF-8, strict
    JSON (see :func:`read_file_bytes` and :func:`parse_json`)."""
    source = os.fspath(path)
    text = decode_text(read_file_bytes(source, kind, max_bytes=max_bytes), kind, source)
    return parse_json(text, kind, source)


def _check_string(value: str) -> tuple[str, str] | None:
    if len(value) > MAX_STRING:
        return f"expected a string of at most {MAX_STRING} characters, got {len(value)}", "size"
    if _SURROGATE.search(value):
        return "expected Unicode text, got a lone surrogate", "encoding"
    return None


def _check_number(value: int | float) -> tuple[str, str] | None:
    if isinstance(value, int) and not -MAX_INTEGER <= value <= MAX_INTEGER:
        return f"expected an integer of magnitude at most 2**63, got {value.bit_length()} bits", (
            "number"
        )
    if isinstance(value, float) and not math.isfinite(value):
        return f"expected a finite number, got {value!r}", "number"
    return None


def _check_scalar(value: object, path: tuple[str | int, ...]) -> DocumentError | None:
    problem: tuple[str, str] | None
    if isinstance(value, str):
        problem = _check_string(value)
    elif isinstance(value, bool) or value is None:
        problem = None
    elif isinstance(value, int | float):
        problem = _check_number(value)
    else:
        problem = f"expected a JSON value, got a <{type(value).__name__}>", "type"
    return None if problem is None else DocumentError(pointer_from_path(path), *problem)


def _check_key(key: object, path: tuple[str | int, ...]) -> DocumentError | None:
    if not isinstance(key, str):
        message = f"expected string keys, got {key!r:.60} that is a <{type(key).__name__}>"
        return DocumentError(pointer_from_path(path), message, "type")
    if len(key) > MAX_KEY:
        message = f"expected keys of at most {MAX_KEY} characters, got {len(key)}"
        return DocumentError(pointer_from_path(path), message, "size")
    if _SURROGATE.search(key):
        return DocumentError(
            pointer_from_path(path), "expected Unicode keys, got a lone surrogate", "encoding"
        )
    return None


def plain_json(document: object, kind: str, source: str | None = None) -> object:
    """Check that *document* is bounded JSON data and return it as plain dicts and lists.

    Refuses nesting deeper than :data:`MAX_DEPTH`, strings longer than :data:`MAX_STRING`,
    keys longer than :data:`MAX_KEY`, lone surrogates, integers beyond 2**63, NaN and
    infinities, non-string keys and values that JSON cannot hold. Any mapping becomes a
    ``dict`` and any tuple a ``list``. Works without recursion, in time linear in the input.
    """
    errors: list[DocumentError] = []
    root: list[object] = [None]
    # Each entry: (value, path, container to put the plain copy in, key or index there).
    stack: list[tuple[object, tuple[str | int, ...], Any, Any]] = [(document, (), root, 0)]
    while stack and len(errors) < 100:
        value, path, parent, slot = stack.pop()
        if isinstance(value, Mapping):
            if len(path) >= MAX_DEPTH:
                errors.append(_too_deep(path))
                continue
            copy: dict[str, object] = {}
            parent[slot] = copy
            for key, item in value.items():
                error = _check_key(key, path)
                if error is not None:
                    errors.append(error)
                    continue
                copy[key] = None
                stack.append((item, (*path, key), copy, key))
        elif isinstance(value, list | tuple):
            if len(path) >= MAX_DEPTH:
                errors.append(_too_deep(path))
                continue
            items: list[object] = [None] * len(value)
            parent[slot] = items
            stack.extend((item, (*path, i), items, i) for i, item in enumerate(value))
        else:
            error = _check_scalar(value, path)
            if error is not None:
                errors.append(error)
            parent[slot] = value
    if errors:
        errors.sort(key=lambda e: e.pointer)
        raise DocumentInvalid(kind, errors, source)
    return root[0]


def _too_deep(path: tuple[str | int, ...]) -> DocumentError:
    message = f"expected at most {MAX_DEPTH} levels of nesting, got more"
    return DocumentError(pointer_from_path(path), message, "depth")


def check_json_value(document: object, kind: str, source: str | None = None) -> None:
    """Raise :class:`~smice.errors.DocumentInvalid` if *document* is not bounded JSON data
    (see :func:`plain_json`)."""
    plain_json(document, kind, source)


def _is_plain_and_bounded(document: object) -> bool:
    """Whether *document* is made of dicts, lists and JSON scalars only and within every
    bound :func:`plain_json` checks; no copy, no paths (they are made only for errors)."""
    # One flat loop that only sorts values by kind (local names: this loop runs over every
    # value read); the bounds are then checked in C over whole lists. plain_json's walk cost
    # 5x json.loads, this one 0.5x (benchmarks/io.py, load_arena).
    if type(document) is not dict and type(document) is not list:
        return False
    keys: list[Any] = []
    strings: list[str] = []
    numbers: list[int | float] = []
    add_string, add_number = strings.append, numbers.append
    stack: list[tuple[Any, int]] = [(document, 0)]
    push, pop = stack.append, stack.pop
    while stack:
        container, depth = pop()
        if depth >= MAX_DEPTH:
            return False
        if type(container) is dict:
            keys.extend(container)
            container = container.values()
        deeper = depth + 1
        for item in container:
            kind = type(item)
            if kind is str:
                add_string(item)
            elif kind is dict or kind is list:
                push((item, deeper))
            elif kind is int or kind is float:
                add_number(item)
            elif item is not None and kind is not bool:
                return False
    try:  # a non-string key fails isascii, a lone surrogate (never ASCII) the encoding
        "".join(filterfalse(str.isascii, keys)).encode("utf-8")
        "".join(filterfalse(str.isascii, strings)).encode("utf-8")
    except (TypeError, UnicodeEncodeError):
        return False
    # Beyond ±2**63 (or NaN): refused if an integer or not finite; large finite floats are fine.
    outside = [n for n in numbers if not -MAX_INTEGER <= n <= MAX_INTEGER]
    return (
        max(map(len, keys), default=0) <= MAX_KEY
        and max(map(len, strings), default=0) <= MAX_STRING
        and all(type(n) is float and math.isfinite(n) for n in outside)
    )


def checked_json(document: object, kind: str, source: str | None = None) -> object:
    """*document* itself when it is already plain, bounded JSON data (dicts, lists and JSON
    scalars only); otherwise its plain copy from :func:`plain_json`, which also reports what
    is wrong. For readers that do not modify what they are given."""
    if _is_plain_and_bounded(document):
        return document
    return plain_json(document, kind, source)
