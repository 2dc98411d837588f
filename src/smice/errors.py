"""The exception tree of smice.

Every error smice raises derives from :class:`SmiceError`. Errors are data: their fields are
typed and their ``str()`` is built from those fields, so callers and tests can inspect *what*
went wrong instead of parsing messages.

This module imports nothing from the rest of the package.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

__all__ = [
    "DocumentError",
    "DocumentInvalid",
    "EventRefused",
    "InvalidDefinition",
    "InvalidValue",
    "JournalConflict",
    "NotFound",
    "SmiceError",
    "StorageError",
    "UnknownId",
    "pointer_from_path",
]


class SmiceError(Exception):
    """The root of every error smice raises.

    .. versionadded:: 0.1.0
    """


def _escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer_from_path(path: Iterable[str | int]) -> str:
    """Turn a path of keys and indices into an RFC 6901 JSON pointer.

    Examples
    --------
    >>> pointer_from_path(["stakeholders", 3, "helix"])
    '/stakeholders/3/helix'
    >>> pointer_from_path(["a/b", "m~n"])
    '/a~1b/m~0n'
    >>> pointer_from_path([])
    ''

    .. versionadded:: 0.1.0
    """
    return "".join("/" + _escape(token) for token in path)


class DocumentError:
    """One problem in a document: where it is, and what was expected and got.

    Parameters
    ----------
    pointer : str
        RFC 6901 pointer to the offending value (for an unknown key: the object holding it).
    message : str
        What was expected and what was got.
    keyword : str
        The rule that failed (a JSON Schema keyword such as ``"type"``, or a smice check such as
        ``"dangling"`` or ``"duplicate"``).

    .. versionadded:: 0.1.0
    """

    __slots__ = ("keyword", "message", "pointer")

    def __init__(self, pointer: str, message: str, keyword: str = "") -> None:
        self.pointer = pointer
        self.message = message
        self.keyword = keyword

    def __repr__(self) -> str:
        return f"DocumentError(pointer={self.pointer!r}, message={self.message!r})"

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DocumentError):
            return NotImplemented
        return (self.pointer, self.message, self.keyword) == (
            other.pointer,
            other.message,
            other.keyword,
        )

    def __hash__(self) -> int:
        return hash((self.pointer, self.message, self.keyword))


class DocumentInvalid(SmiceError, ValueError):
    """A document (arena, template, event, rule set, ...) is not valid.

    Attributes
    ----------
    kind : str
        The kind of document that was expected (``"arena"``, ``"template"``, ...).
    errors : tuple of DocumentError
        Every problem found, the most relevant first.
    source : str or None
        Where the document came from (a file path), when known.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self, kind: str, errors: Sequence[DocumentError], source: str | None = None
    ) -> None:
        if not errors:
            raise ValueError("DocumentInvalid needs at least one error")
        self.kind = kind
        self.errors = tuple(errors)
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f" ({self.source})" if self.source else ""
        first = self.errors[0]
        more = len(self.errors) - 1
        tail = f" (and {more} more error{'s' if more != 1 else ''})" if more else ""
        return f"invalid {self.kind} document{where}: {first}{tail}"

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.kind, self.errors, self.source))


class InvalidDefinition(SmiceError, ValueError):
    """A template, phase plan or rule set is well formed but does not make sense.

    Raised when a definition is *loaded* (unknown phases, unreachable phases, a cycle of
    ``extends``, ...), as opposed to :class:`EventRefused`, raised when an event is applied.

    Attributes
    ----------
    what : str
        The definition at fault, e.g. ``"template 'smice/base'"``.
    problems : tuple of str
        Each problem, one sentence each.

    .. versionadded:: 0.1.0
    """

    def __init__(self, what: str, problems: Sequence[str]) -> None:
        if not problems:
            raise ValueError("InvalidDefinition needs at least one problem")
        self.what = what
        self.problems = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"invalid {self.what}: " + "; ".join(self.problems)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.what, self.problems))


class Reason(Protocol):
    """What an :class:`EventRefused` carries: anything with a readable ``message``."""

    @property
    def message(self) -> str: ...


class EventRefused(SmiceError):
    """An event cannot be applied to an arena; the arena is unchanged.

    Attributes
    ----------
    event_type : str
        The type of the refused event.
    reasons : tuple
        Why, each with a ``message`` (criterion results for a refused phase advance).

    .. versionadded:: 0.1.0
    """

    def __init__(self, event_type: str, reasons: Sequence[Reason]) -> None:
        if not reasons:
            raise ValueError("EventRefused needs at least one reason")
        self.event_type = event_type
        self.reasons = tuple(reasons)
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"event {self.event_type!r} refused: " + "; ".join(r.message for r in self.reasons)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.event_type, self.reasons))


class JournalConflict(SmiceError):
    """An append expected the journal at one version and found it at another.

    .. versionadded:: 0.1.0
    """

    def __init__(self, expected: int, actual: int) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"journal conflict: expected version {self.expected}, found {self.actual}"

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.expected, self.actual))


class InvalidValue(SmiceError, ValueError):
    """A value given to a domain object or function is not acceptable.

    Examples
    --------
    >>> print(InvalidValue("weight", "a non-negative finite number", -1.0))
    'weight' must be a non-negative finite number (got -1.0 that is a <float>)

    .. versionadded:: 0.1.0
    """

    def __init__(self, name: str, expected: str, got: object) -> None:
        self.name = name
        self.expected = expected
        self.got = got
        super().__init__(str(self))

    def __str__(self) -> str:
        got = repr(self.got)
        if len(got) > 80:
            got = got[:77] + "..."
        return (
            f"{self.name!r} must be {self.expected} (got {got} that is a "
            f"<{type(self.got).__name__}>)"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.name, self.expected, self.got))


class NotFound(SmiceError, LookupError):
    """A named resource (a bundled template, a file) does not exist.

    .. versionadded:: 0.1.0
    """

    def __init__(self, what: str, name: str, available: Sequence[str] = ()) -> None:
        self.what = what
        self.name = name
        self.available = tuple(available)
        super().__init__(str(self))

    def __str__(self) -> str:
        known = f" (known: {', '.join(self.available)})" if self.available else ""
        return f"no {self.what} {self.name!r}{known}"

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.what, self.name, self.available))


class StorageError(SmiceError, OSError):
    """A file or database could not be read or written.

    Examples
    --------
    >>> print(StorageError("write", "out/arena.json", "No such file or directory"))
    cannot write out/arena.json: No such file or directory

    .. versionadded:: 0.1.0
    """

    def __init__(self, action: str, path: str, reason: str) -> None:
        self.action = action
        self.path = path
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"cannot {self.action} {self.path}: {self.reason}"

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.action, self.path, self.reason))


class UnknownId(SmiceError, KeyError):
    """An id looked up in an arena does not exist there.

    Examples
    --------
    >>> str(UnknownId("stakeholder", "s-404"))
    "no stakeholder with id 's-404'"

    .. versionadded:: 0.1.0
    """

    def __init__(self, what: str, id: str) -> None:
        self.what = what
        self.id = id
        super().__init__(what, id)

    def __str__(self) -> str:
        return f"no {self.what} with id {self.id!r}"

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.what, self.id))
