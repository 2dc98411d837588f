"""The exception tree of smice.

Every error smice raises derives from :class:`SmiceError`. Errors are data: each is an attrs
class (``auto_exc=True``) whose fields are typed and whose ``str()`` is built from those
fields, so callers and tests can inspect *what* went wrong instead of parsing messages. They
pickle with their fields (to cross process boundaries), compare by identity like any
exception, and take notes (:meth:`BaseException.add_note`).

All of them are here, and re-exported by :mod:`smice`. This module imports nothing from the
rest of the package.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import attrs

__all__ = [
    "ArenaNotReplayable",
    "DocumentError",
    "DocumentInvalid",
    "EventRefused",
    "InvalidDefinition",
    "InvalidValue",
    "JournalConflict",
    "MissingExtra",
    "NotFound",
    "Reason",
    "RuleSyntaxError",
    "SmiceError",
    "StorageError",
    "UnknownId",
    "pointer_from_path",
]


def _rebuild(cls: type[SmiceError], fields: dict[str, Any]) -> SmiceError:
    # Unpickle an attrs error from its fields, keyword-only ones included.
    return cls(**fields)


class SmiceError(Exception):
    """The root of every error smice raises.

    .. versionadded:: 0.1.0
    """

    def __reduce__(self) -> str | tuple[Any, ...]:
        cls = type(self)
        if not attrs.has(cls):
            return super().__reduce__()
        fields = {a.alias: getattr(self, a.name) for a in attrs.fields(cls) if a.init}
        return (_rebuild, (cls, fields))


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


def _not_empty(what: str) -> Any:
    # A validator: the collection holds at least one *what*.
    def check(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if not value:
            raise ValueError(f"{type(instance).__name__} needs at least one {what}")

    return check


@attrs.frozen
class DocumentError:
    """One problem in a document: where it is, and what was expected and got.

    A value, not an exception: :class:`DocumentInvalid` carries them, and
    :func:`smice.iter_errors`, :func:`smice.domain.iter_problems` and the other ``iter_*``
    checks yield them. Equal when all three fields are.

    Parameters
    ----------
    pointer : str
        RFC 6901 pointer to the offending value (for an unknown key: the object holding it).
    message : str
        What was expected and what was got.
    keyword : str
        The rule that failed (a JSON Schema keyword such as ``"type"``, or a smice check such as
        ``"dangling"`` or ``"duplicate"``).

    Examples
    --------
    >>> print(DocumentError("/stakeholders/3/helix", "expected one of 'industry'", "enum"))
    /stakeholders/3/helix: expected one of 'industry'

    .. versionadded:: 0.1.0
    """

    pointer: str
    message: str
    keyword: str = ""

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


def _document_errors(errors: Iterable[DocumentError]) -> tuple[DocumentError, ...]:
    return tuple(errors)


@attrs.define(auto_exc=True)
class DocumentInvalid(SmiceError, ValueError):
    """A document (arena, template, event, rule set, ...) is not valid.

    Attributes
    ----------
    kind : str
        The kind of document that was expected (``"arena"``, ``"template"``, ...).
    errors : tuple of DocumentError
        Every problem found, the most relevant first (at least one).
    source : str or None
        Where the document came from (a file path), when known.

    Examples
    --------
    >>> error = DocumentInvalid("arena", [DocumentError("/name", "expected a string")], "a.json")
    >>> print(error)
    invalid arena document (a.json): /name: expected a string
    >>> error.errors[0].pointer
    '/name'

    .. versionadded:: 0.1.0
    """

    kind: str
    errors: tuple[DocumentError, ...] = attrs.field(
        converter=_document_errors, validator=_not_empty("error")
    )
    source: str | None = None

    def __str__(self) -> str:
        where = f" ({self.source})" if self.source else ""
        more = len(self.errors) - 1
        tail = f" (and {more} more error{'s' if more != 1 else ''})" if more else ""
        return f"invalid {self.kind} document{where}: {self.errors[0]}{tail}"


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.define(auto_exc=True)
class InvalidDefinition(SmiceError, ValueError):
    """A template, phase plan or rule set is well formed but does not make sense.

    Raised when a definition is *loaded* (unknown phases, unreachable phases, a cycle of
    ``extends``, ...), as opposed to :class:`EventRefused`, raised when an event is applied.

    Attributes
    ----------
    what : str
        The definition at fault, e.g. ``"template 'smice/base'"``.
    problems : tuple of str
        Each problem, one sentence each (at least one).

    Examples
    --------
    >>> print(InvalidDefinition("template 'x/y'", ["phase 'dream' is unreachable"]))
    invalid template 'x/y': phase 'dream' is unreachable

    .. versionadded:: 0.1.0
    """

    what: str
    problems: tuple[str, ...] = attrs.field(converter=_strings, validator=_not_empty("problem"))

    def __str__(self) -> str:
        return f"invalid {self.what}: " + "; ".join(self.problems)


class Reason(Protocol):
    """What an :class:`EventRefused` carries: anything with a readable ``message``.

    .. versionadded:: 0.1.0
    """

    @property
    def message(self) -> str: ...


def _reasons(items: Iterable[Reason]) -> tuple[Reason, ...]:
    return tuple(items)


@attrs.define(auto_exc=True)
class EventRefused(SmiceError):
    """An event cannot be applied to an arena; the arena is unchanged.

    Attributes
    ----------
    event_type : str
        The type of the refused event.
    reasons : tuple
        Why (at least one): refusals (each with a ``code``, an RFC 6901 ``pointer`` into the
        event document and a ``message``), or the failing criterion results of a refused
        phase advance. Each has a ``message``.
    event_id : str or None
        The id of the refused event, when it is known.
    index : int or None
        Where the event is in a batch (``replay``, ``Fold.extend``, ``Journal.append``), from
        0; ``None`` for a single event (:attr:`pointer` is then ``""``).

    Examples
    --------
    >>> import attrs
    >>> @attrs.frozen
    ... class Why:
    ...     message: str
    ...     pointer: str = ""
    >>> print(EventRefused("tie_added", [Why("no stakeholder 'x'", "/payload/source")]))
    event 'tie_added' refused: /payload/source: no stakeholder 'x'
    >>> print(EventRefused("tie_added", [Why("no stakeholder 'x'")], event_id="e-7", index=4))
    event 'tie_added' refused at /events/4 (id 'e-7'): no stakeholder 'x'

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``event_id``, ``index`` and ``pointer``.
    """

    event_type: str
    reasons: tuple[Reason, ...] = attrs.field(converter=_reasons, validator=_not_empty("reason"))
    event_id: str | None = attrs.field(default=None, kw_only=True)
    index: int | None = attrs.field(default=None, kw_only=True)

    @property
    def pointer(self) -> str:
        """The event's place in its batch, as an RFC 6901 pointer (``""``: not in a batch)."""
        return "" if self.index is None else f"/events/{self.index}"

    def __str__(self) -> str:
        where = ""
        if self.index is not None:
            where = f" at {self.pointer}" + (f" (id {self.event_id!r})" if self.event_id else "")
        reasons = "; ".join(_reason_text(r) for r in self.reasons)
        return f"event {self.event_type!r} refused{where}: {reasons}"


def _reason_text(reason: Reason) -> str:
    pointer = getattr(reason, "pointer", "")
    return f"{pointer}: {reason.message}" if pointer else reason.message


@attrs.define(auto_exc=True)
class JournalConflict(SmiceError):
    """An append expected the journal at one version and found it at another.

    Examples
    --------
    >>> print(JournalConflict(3, 5))
    journal conflict: expected version 3, found 5

    .. versionadded:: 0.1.0
    """

    expected: int
    actual: int

    def __str__(self) -> str:
        return f"journal conflict: expected version {self.expected}, found {self.actual}"


@attrs.define(auto_exc=True)
class InvalidValue(SmiceError, ValueError):
    """A value given to a domain object or function is not acceptable.

    Attributes
    ----------
    name : str
        The field or parameter.
    expected : str
        What it must be, as a phrase (``"a non-negative finite number"``).
    got : object
        The value given.

    Examples
    --------
    >>> print(InvalidValue("weight", "a non-negative finite number", -1.0))
    'weight' must be a non-negative finite number (got -1.0 that is a <float>)

    .. versionadded:: 0.1.0
    """

    name: str
    expected: str
    got: object

    def __str__(self) -> str:
        got = repr(self.got)
        if len(got) > 80:
            got = got[:77] + "..."
        return (
            f"{self.name!r} must be {self.expected} (got {got} that is a "
            f"<{type(self.got).__name__}>)"
        )


@attrs.define(auto_exc=True)
class MissingExtra(SmiceError, ImportError):
    """An optional dependency is not installed.

    Attributes
    ----------
    extra : str
        The name of the package extra that installs it (``"pandas"``).
    purpose : str
        What needed it (``"facts_frame()"``).

    Examples
    --------
    >>> print(MissingExtra("pandas", "facts_frame()"))
    facts_frame() needs pandas, which is not installed: pip install "smice[pandas]"

    .. versionadded:: 0.2.0
    """

    extra: str
    purpose: str

    def __str__(self) -> str:
        return (
            f"{self.purpose} needs {self.extra}, which is not installed: "
            f'pip install "smice[{self.extra}]"'
        )


@attrs.define(auto_exc=True)
class NotFound(SmiceError, LookupError):
    """A named resource (a bundled template, a file) does not exist.

    Examples
    --------
    >>> print(NotFound("template", "smice/nope", ["smice/base"]))
    no template 'smice/nope' (known: smice/base)

    .. versionadded:: 0.1.0
    """

    what: str
    name: str
    available: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def __str__(self) -> str:
        known = f" (known: {', '.join(self.available)})" if self.available else ""
        return f"no {self.what} {self.name!r}{known}"


@attrs.define(auto_exc=True)
class StorageError(SmiceError, OSError):
    """A file or database could not be read or written.

    Attributes
    ----------
    action : str
        What could not be done (``"read"``, ``"write"``, ``"open the journal"``).
    path : str
        Where.
    reason : str
        Why, as the system or the database said it.

    Examples
    --------
    >>> print(StorageError("write", "out/arena.json", "No such file or directory"))
    cannot write out/arena.json: No such file or directory

    .. versionadded:: 0.1.0
    """

    action: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"cannot {self.action} {self.path}: {self.reason}"


@attrs.define(auto_exc=True)
class UnknownId(SmiceError, KeyError):
    """An id looked up in an arena does not exist there.

    Examples
    --------
    >>> str(UnknownId("stakeholder", "s-404"))
    "no stakeholder with id 's-404'"

    .. versionadded:: 0.1.0
    """

    what: str
    id: str

    def __str__(self) -> str:
        return f"no {self.what} with id {self.id!r}"


#: How much of a rule expression a :class:`RuleSyntaxError` keeps (4 × 60 characters).
_SHOWN = 240


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN]


@attrs.define(auto_exc=True)
class RuleSyntaxError(SmiceError, ValueError):
    """A rule expression or a recommendation template cannot be read.

    Attributes
    ----------
    message : str
        What was expected and what was found.
    column : int
        The 1-based column of the offending character in *text*.
    text : str
        The expression (cut to a readable length when it is long).
    pointer : str
        RFC 6901 pointer to the expression in its rule-set document, when known.
    source : str or None
        The file the rule set came from, when known.

    Examples
    --------
    >>> error = RuleSyntaxError("expected a number after '<', got 'and'", 5, "x < and")
    >>> error.column
    5
    >>> print(error)
    column 5: expected a number after '<', got 'and'

    .. versionadded:: 0.1.0
    """

    message: str
    column: int
    text: str = attrs.field(default="", converter=_shown)
    pointer: str = attrs.field(default="", kw_only=True)
    source: str | None = attrs.field(default=None, kw_only=True)

    def __str__(self) -> str:
        where = ""
        if self.source:
            where += f"{self.source}: "
        if self.pointer:
            where += f"{self.pointer}, "
        return f"{where}column {self.column}: {self.message}"

    def located(self, pointer: str, source: str | None = None) -> RuleSyntaxError:
        """The same error, placed at *pointer* in a document from *source*.

        Examples
        --------
        >>> str(RuleSyntaxError("unexpected ')'", 3, "x )").located("/rules/0/when"))
        "/rules/0/when, column 3: unexpected ')'"
        """
        return attrs.evolve(self, pointer=pointer, source=source)


@attrs.define(auto_exc=True)
class ArenaNotReplayable(SmiceError, ValueError):
    """An arena that no sequence of events can produce (under its template).

    Raised by :func:`smice.process.events_from_arena`.

    Attributes
    ----------
    pointer : str
        Where, as an RFC 6901 pointer into the arena document (``/cycles/2/history/3``).
    reason : str
        Why no event can produce it.

    Examples
    --------
    >>> print(ArenaNotReplayable("/cycles/0/end_reason", "only an abandoned cycle has one"))
    cannot decompose the arena at /cycles/0/end_reason: only an abandoned cycle has one

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Moved to :mod:`smice.errors`; the field ``element`` is now ``pointer``.
    """

    pointer: str
    reason: str

    def __str__(self) -> str:
        return f"cannot decompose the arena at {self.pointer or '/'}: {self.reason}"
