"""The journal: an append-only, durable store of an arena's events (SQLite).

A :class:`Journal` keeps every event of one arena in order in an SQLite file (WAL mode,
``synchronous=FULL``). :meth:`Journal.append` checks each event (schema, then
:func:`smice.process.apply`) and stores a batch in one transaction, so an acknowledged event is
never lost and a killed writer leaves nothing partial; concurrent writers are serialised by
SQLite and an ``expected_version`` turns a lost race into :class:`~smice.errors.JournalConflict`.
The arena at the last event is kept as a live fold, so an append costs the same however long
the journal; snapshots of the arena every ``snapshot_every`` events let :meth:`Journal.state`
start from the nearest one (see the explanation page "The journal: events, the head and
snapshots").

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final, NoReturn

from smice.domain import Arena, ArenaTemplate
from smice.errors import (
    DocumentError,
    DocumentInvalid,
    EventRefused,
    InvalidValue,
    JournalConflict,
    SmiceError,
    StorageError,
)
from smice.io._convert import paused_gc, structure
from smice.io._files import atomic_write_text
from smice.io._guard import MIN_YEAR, decode_text, parse_json, read_file_bytes
from smice.io.arenas import dump_arena
from smice.io.events import event_from_document, event_to_document, load_event
from smice.io.schemas import validate
from smice.io.templates import load_template
from smice.process import Fold, Refusal
from smice.process.events import Event

__all__ = ["Journal"]

_SCHEMA: Final = (
    "CREATE TABLE IF NOT EXISTS events (version INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " type TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS events_at ON events (at)",
    "CREATE TABLE IF NOT EXISTS snapshots (version INTEGER PRIMARY KEY, arena TEXT NOT NULL)",
)
#: Events between two snapshots of the arena, by default.
SNAPSHOT_EVERY: Final = 10_000


def _utc(at: datetime) -> str:
    # Fixed width, so text order is time order.
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _connect(target: Path) -> sqlite3.Connection:
    """An SQLite connection to the journal file *target*; OS-level problems (a directory, a
    missing folder, a device) are :class:`~smice.errors.StorageError` s naming the path."""
    where = os.fspath(target)
    if "\x00" in where:
        raise StorageError("open the journal", repr(where), "the path has a NUL character")
    if where.endswith(os.sep) or target.is_dir():
        raise StorageError("open the journal", where, "it is a directory, not a file")
    if not target.parent.is_dir():
        raise StorageError("open the journal", where, "its folder does not exist")
    if target.exists() and not target.is_file():
        raise StorageError("open the journal", where, "it is not a regular file")
    try:
        return sqlite3.connect(target, timeout=60, isolation_level=None)
    except (sqlite3.Error, OSError) as error:
        raise StorageError("open the journal", where, str(error)) from None


def _storage_error(error: sqlite3.Error, target: Path) -> SmiceError:
    """The :class:`~smice.errors.SmiceError` for an SQLite error on the journal *target*."""
    code = getattr(error, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL:
        return StorageError("write the journal", str(target), "the disk is full")
    if isinstance(error, sqlite3.DatabaseError) and code in (
        sqlite3.SQLITE_NOTADB,
        sqlite3.SQLITE_CORRUPT,
    ):
        return DocumentInvalid(
            "journal",
            [DocumentError("", f"expected an SQLite journal: {error}", "io")],
            str(target),
        )
    if isinstance(error, sqlite3.OperationalError) and code not in (
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_PERM,
    ):
        return DocumentInvalid(
            "journal",
            [DocumentError("", f"expected an SQLite journal: {error}", "io")],
            str(target),
        )
    return StorageError("use the journal", str(target), str(error))


def _text(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


class Journal:
    """An append-only event store for one arena, in an SQLite file.

    Open one with :meth:`open` (or :meth:`import_jsonl`); close it with :meth:`close` or use it
    as a context manager.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = tempfile.mkdtemp()
    >>> with Journal.open(pathlib.Path(folder) / "arena.db") as journal:
    ...     journal.append({"type": "arena_created", "id": "e-1",
    ...                     "at": "2018-05-01T09:00:00+02:00", "recorded_by": "fac",
    ...                     "payload": {"id": "jh", "name": "Jämtland Härjedalen",
    ...                                 "template": "smice/base", "created_on": "2018-05-01"}})
    ...     journal.append([], expected_version=0)
    Traceback (most recent call last):
    ...
    smice.errors.JournalConflict: journal conflict: expected version 0, found 1

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        template: ArenaTemplate | None,
        snapshot_every: int,
    ) -> None:
        self._db = connection
        self.path = path
        self._template = template
        self._snapshot_every = snapshot_every
        # The head: a live fold at version _head_version (None: not read yet). Appends apply
        # events to it, which costs the same whatever the size of the arena; the arena is
        # frozen from it only when asked for (state(), a snapshot). _frozen is the last arena
        # frozen from it and _tail the events applied since, to rebuild the fold when a batch
        # is refused half-way (the events before the refused one are in the fold by then).
        self._head: Fold | None = None
        self._head_version = 0
        self._frozen: Arena | None = None
        self._tail: list[Event] = []

    # -- opening and closing ---------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        template: ArenaTemplate | str | None = None,
        snapshot_every: int = SNAPSHOT_EVERY,
    ) -> Journal:
        """Open the journal in the SQLite file *path*, creating it if needed.

        Parameters
        ----------
        path : path
        template : ArenaTemplate or str, optional
            The arena's template (default: the bundled template named in ``arena_created``).
        snapshot_every : int
            Store a snapshot of the arena every this many events.

        .. versionadded:: 0.1.0
        """
        if (
            isinstance(snapshot_every, bool)
            or not isinstance(snapshot_every, int)
            or (snapshot_every < 1)
        ):
            raise InvalidValue("snapshot_every", "a positive integer", snapshot_every)
        resolved = load_template(template) if isinstance(template, str) else template
        target = Path(path)
        connection = _connect(target)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA:
                connection.execute(statement)
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            connection.close()
            raise _storage_error(error, target) from None
        return cls(connection, target, resolved, snapshot_every)

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"

    # -- reading ---------------------------------------------------------------------------
    @property
    def version(self) -> int:
        """The number of events in the journal now."""
        row = self._db.execute("SELECT COALESCE(MAX(version), 0) FROM events").fetchone()
        return int(row[0])

    def documents(self, since: int = 0, until: int | None = None) -> Iterator[dict[str, Any]]:
        """The stored event documents after version *since* (up to *until*), in order."""
        last = since
        end = self.version if until is None else until
        while last < end:
            rows = self._db.execute(
                "SELECT version, body FROM events WHERE version > ? AND version <= ? "
                "ORDER BY version LIMIT 2000",
                (last, end),
            ).fetchall()
            if not rows:
                return
            for version, body in rows:
                yield self._body(version, body)
            last = rows[-1][0]

    def _damaged(self, version: int, problem: str) -> DocumentInvalid:
        message = f"event version {version} is damaged: {problem}"
        return DocumentInvalid("journal", [DocumentError("", message, "damaged")], str(self.path))

    def _body(self, version: int, body: object) -> dict[str, Any]:
        """The stored document of event *version*, or a clear error when the row is damaged."""
        try:
            document = json.loads(body) if isinstance(body, str | bytes) else None
        except ValueError as error:
            raise self._damaged(version, f"its body is not JSON ({error})") from None
        if not isinstance(document, dict):
            raise self._damaged(version, "its body is not a JSON object")
        return document

    def _event(self, version: int, document: Mapping[str, Any]) -> Event:
        """The event of the stored *document* of *version*; a damaged one is a clear error."""
        try:
            return event_from_document(document, source=str(self.path))
        except DocumentInvalid as invalid:
            raise self._damaged(version, str(invalid.errors[0])) from None
        except SmiceError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise self._damaged(version, f"{type(error).__name__}: {error}") from None

    def events(self, since: int = 0) -> Iterator[Event]:
        """The events after version *since* (0: all), in order."""
        for version, document in enumerate(self.documents(since), start=since + 1):
            yield self._event(version, document)

    def _fold(self, arena: Arena | None, since: int, until: int) -> Fold:
        fold = Fold(arena, template=self._template)
        for version, document in enumerate(self.documents(since, until), start=since + 1):
            fold.apply(self._event(version, document))
        return fold

    def _snapshot(self, version: int) -> tuple[Arena | None, int]:
        """The stored snapshot nearest before (or at) *version*, and its version."""
        row = self._db.execute(
            "SELECT version, arena FROM snapshots WHERE version <= ? ORDER BY version DESC "
            "LIMIT 1",
            (version,),
        ).fetchone()
        if row is None:
            return None, 0
        # The journal wrote this document from an arena it had checked: it is built without
        # the schema and cross-object checks a document from outside goes through.
        try:
            with paused_gc():
                document = json.loads(row[1])
                document.pop("smice", None)
                return structure(document, Arena, "arena", str(self.path)), int(row[0])
        except SmiceError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            message = f"the snapshot at version {row[0]} is damaged ({type(error).__name__})"
            problem = DocumentError("", message, "damaged")
            raise DocumentInvalid("journal", [problem], str(self.path)) from None

    def _catch_up(self) -> int:
        """Bring the head up to the stored version (events other writers appended, or from
        the nearest snapshot when the journal was just opened); return that version."""
        current = self.version
        if current < self._head_version:  # the file was replaced under us
            self._reset_head()
        if self._head is None or current > self._head_version:
            snap, snap_version = self._snapshot(current)
            if self._head is None or snap_version > self._head_version:
                self._head = Fold(snap, template=self._template)
                self._head_version = snap_version
                self._frozen, self._tail = snap, []
            since = self._head_version
            for version, document in enumerate(self.documents(since, current), start=since + 1):
                event = self._event(version, document)
                self._head.apply(event)
                self._tail.append(event)
            self._head_version = current
        return current

    def _reset_head(self) -> None:
        self._head, self._head_version, self._frozen, self._tail = None, 0, None, []

    def _head_arena(self) -> Arena | None:
        """The arena at the head, frozen from the fold (cheap when nothing changed)."""
        assert self._head is not None
        arena = self._head.arena
        self._frozen, self._tail = arena, []
        return arena

    def _version_at(self, moment: datetime) -> int:
        if moment.utcoffset() is None:
            raise InvalidValue("at", "a timezone-aware datetime or a version number", moment)
        try:
            key = _utc(moment)
        except OverflowError:  # within a day of datetime's limits: before or after any event
            key = "" if moment.year < MIN_YEAR else "~"
        row = self._db.execute("SELECT MIN(version) FROM events WHERE at > ?", (key,)).fetchone()
        return self.version if row[0] is None else int(row[0]) - 1

    def state(self, at: datetime | int | None = None) -> Arena:
        """The arena now, at a past moment, or after a given number of events.

        Parameters
        ----------
        at : datetime or int, optional
            ``None``: now. A timezone-aware datetime: the arena as the journal knew it then,
            that is after every event up to the first one that happened later than *at*. An
            int: after the first *at* events.

        Raises
        ------
        smice.errors.EventRefused
            When the journal is empty (or *at* is before its first event).

        .. versionadded:: 0.1.0
        """
        if at is None:
            target = None
        elif isinstance(at, datetime):
            target = self._version_at(at)
        elif isinstance(at, int) and not isinstance(at, bool) and at >= 0:
            target = at
        else:
            raise InvalidValue("at", "a timezone-aware datetime or a version number ≥ 0", at)
        current = self.version
        if target is None or target >= current:
            self._catch_up()
            arena = self._head_arena()
        elif self._head is not None and target == self._head_version:
            arena = self._head_arena()
        else:
            # Straight to the nearest snapshot before the moment, then the events after it;
            # the head is neither read nor moved.
            snap, snap_version = self._snapshot(target)
            arena = self._fold(snap, snap_version, target).arena
        if arena is None:
            raise EventRefused(
                "state", [Refusal(code="no_arena", message="the journal has no arena yet")]
            )
        return arena

    # -- writing ---------------------------------------------------------------------------
    def _prepare(self, item: Mapping[str, Any] | Event) -> tuple[Event, str]:
        if isinstance(item, Event):
            document = event_to_document(item)
            validate(document, "event", source=str(self.path))
            return item, _text(document)
        event = load_event(item, source=str(self.path))
        return event, _text(event_to_document(event))

    def append(
        self,
        events: Iterable[Mapping[str, Any] | Event] | Mapping[str, Any] | Event,
        expected_version: int | None = None,
    ) -> int:
        """Check and store *events* (documents or :class:`~smice.process.Event` values) in
        one transaction; return the new version (the number of events in the journal).

        Each event is checked against the event schema, then applied to the arena; nothing is
        stored unless every event passes.

        Raises
        ------
        smice.errors.JournalConflict
            When *expected_version* is given and the journal is at another version.
        smice.errors.DocumentInvalid
            When an event is not a valid event document.
        smice.errors.EventRefused
            When an event does not fit the arena (or repeats the id of a stored event).

        .. versionadded:: 0.1.0
        """
        batch = [events] if isinstance(events, Mapping | Event) else list(events)
        prepared = [self._prepare(item) for item in batch]
        events_ = [event for event, _ in prepared]
        db = self._db
        self._begin()
        dirty = False  # the fold holds events that are not stored (yet)
        frozen: Arena | None = None
        try:
            current = self._catch_up()
            if expected_version is not None and expected_version != current:
                raise JournalConflict(expected_version, current)
            self._check_ids(events_)
            head = self._head
            assert head is not None
            dirty = True
            head.extend(events_)  # a refusal says the index of the event in the batch
            version = current + len(prepared)
            db.executemany(
                "INSERT INTO events (version, id, type, at, body) VALUES (?, ?, ?, ?, ?)",
                [
                    (current + n, event.id, event.type, _utc(event.at), text)
                    for n, (event, text) in enumerate(prepared, start=1)
                ],
            )
            if version // self._snapshot_every > current // self._snapshot_every:
                frozen = head.arena
                if frozen is not None:
                    db.execute(
                        "INSERT INTO snapshots (version, arena) VALUES (?, ?)",
                        (version, _text(dump_arena(frozen))),
                    )
            db.execute("COMMIT")
        except BaseException as error:
            self._rollback()
            if dirty:
                self._rebuild_head()
            if isinstance(error, sqlite3.Error):
                raise _storage_error(error, self.path) from None
            raise
        self._head_version = version
        if frozen is not None:
            self._frozen, self._tail = frozen, []
        else:
            self._tail.extend(events_)
        return version

    def _rebuild_head(self) -> None:
        """The head as it was before the batch that failed: the last frozen arena and the
        events applied since (at most a snapshot interval of them)."""
        fold = Fold(self._frozen, template=self._template)
        for event in self._tail:
            fold.apply(event)
        self._head = fold

    def _begin(self) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise _storage_error(error, self.path) from None

    def _rollback(self) -> None:
        # SQLite rolls back by itself on some errors (a full disk): then there is nothing to
        # roll back, and trying would mask the real error.
        if self._db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def _check_ids(self, events: list[Event]) -> None:
        seen: dict[str, int] = {}  # id -> index in the batch
        for index, event in enumerate(events):
            if event.id in seen:
                self._duplicate(event, index, "this batch")
            seen[event.id] = index
        ids = list(seen)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            row = self._db.execute(
                f"SELECT id, version FROM events WHERE id IN ({marks}) ORDER BY version LIMIT 1",  # noqa: S608 - only placeholders
                chunk,
            ).fetchone()
            if row is not None:
                index = seen[row[0]]
                self._duplicate(events[index], index, f"version {row[1]}")

    @staticmethod
    def _duplicate(event: Event, index: int, where: str) -> NoReturn:
        message = f"event id {event.id!r} is already used ({where})"
        raise EventRefused(
            event.type,
            [Refusal(code="duplicate", pointer="/id", message=message)],
            event_id=event.id,
            index=index,
        )

    # -- JSON Lines ------------------------------------------------------------------------
    def export_jsonl(self, path: str | os.PathLike[str]) -> Path:
        """Write every event, one JSON document per line, to *path* (atomically).

        .. versionadded:: 0.1.0
        """
        lines: list[str] = []
        last = 0
        while True:
            rows = self._db.execute(
                "SELECT version, body FROM events WHERE version > ? ORDER BY version LIMIT 5000",
                (last,),
            ).fetchall()
            if not rows:
                break
            lines.extend(body + "\n" for _, body in rows)
            last = rows[-1][0]
        atomic_write_text(path, "".join(lines))
        return Path(path)

    @classmethod
    def import_jsonl(
        cls,
        src: str | os.PathLike[str],
        dest: str | os.PathLike[str],
        *,
        template: ArenaTemplate | str | None = None,
        snapshot_every: int = SNAPSHOT_EVERY,
    ) -> Journal:
        """Check every line of the JSON Lines file *src* and store them in a new journal
        *dest*; nothing is imported unless every line is a valid event that fits.

        Raises
        ------
        smice.errors.DocumentInvalid
            Naming the line of the first corrupt, truncated, invalid or refused event; or
            when *dest* already holds events.

        .. versionadded:: 0.1.0
        """
        source = str(src)
        resolved = load_template(template) if isinstance(template, str) else template
        raw = decode_text(read_file_bytes(source, "journal"), "journal", source)
        lines = raw.split("\n")
        del raw
        if lines and lines[-1] == "":
            lines.pop()
        if (
            isinstance(snapshot_every, bool)
            or not isinstance(snapshot_every, int)
            or (snapshot_every < 1)
        ):
            raise InvalidValue("snapshot_every", "a positive integer", snapshot_every)
        fold = Fold(None, template=resolved)
        rows: list[tuple[Event, str]] = []
        snapshots: list[tuple[int, str]] = []
        for number, line in enumerate(lines, start=1):
            try:
                if not line.strip():
                    raise DocumentInvalid(
                        "event", [DocumentError("", "expected an event, got an empty line")]
                    )
                event = load_event(parse_json(line, "event"))
                fold.apply(event)
            except DocumentInvalid as invalid:
                errors = [
                    DocumentError(e.pointer, f"line {number}: {e.message}", e.keyword)
                    for e in invalid.errors
                ]
                raise DocumentInvalid("journal", errors, source) from None
            except EventRefused as refused:
                message = f"line {number}: {refused}"
                raise DocumentInvalid(
                    "journal", [DocumentError("", message, "refused")], source
                ) from None
            rows.append((event, _text(event_to_document(event))))
            if number % snapshot_every == 0:
                frozen = fold.arena
                assert frozen is not None  # the first event created it
                snapshots.append((number, _text(dump_arena(frozen))))
        created = not Path(dest).exists()
        journal = cls.open(dest, template=resolved, snapshot_every=snapshot_every)
        try:
            journal._import(rows, snapshots, source)
            journal._head, journal._head_version = fold, len(rows)
            journal._frozen, journal._tail = fold.arena, []
        except BaseException:
            journal.close()
            if created:  # leave nothing behind that was not there before
                for suffix in ("", "-wal", "-shm", "-journal"):
                    with contextlib.suppress(OSError):
                        os.unlink(f"{os.fspath(dest)}{suffix}")
            raise
        return journal

    def _import(
        self, rows: list[tuple[Event, str]], snapshots: list[tuple[int, str]], source: str
    ) -> None:
        db = self._db
        self._begin()
        try:
            if self.version:
                raise DocumentInvalid(
                    "journal",
                    [
                        DocumentError(
                            "",
                            f"expected an empty journal at {self.path}, found "
                            f"{self.version} events",
                            "exists",
                        )
                    ],
                    source,
                )
            ids: dict[str, int] = {}
            for number, (event, _) in enumerate(rows, start=1):
                if event.id in ids:
                    message = f"line {number}: event id {event.id!r} repeats line {ids[event.id]}"
                    raise DocumentInvalid(
                        "journal", [DocumentError("", message, "duplicate")], source
                    )
                ids[event.id] = number
            db.executemany(
                "INSERT INTO events (version, id, type, at, body) VALUES (?, ?, ?, ?, ?)",
                [
                    (n, event.id, event.type, _utc(event.at), text)
                    for n, (event, text) in enumerate(rows, start=1)
                ],
            )
            db.executemany("INSERT INTO snapshots (version, arena) VALUES (?, ?)", snapshots)
            db.execute("COMMIT")
        except BaseException as error:
            self._rollback()
            if isinstance(error, sqlite3.Error):
                raise _storage_error(error, self.path) from None
            raise
