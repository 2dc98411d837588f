"""Event documents ⇄ event values.

An event document is a JSON object valid against the ``event`` schema: ``type``, ``id``,
``at`` (RFC 3339 with an offset), ``recorded_by``, ``cycle`` for events that concern a cycle,
and the ``payload`` of its type, whose keys are the attribute names of the payload class.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from smice.domain import freeze_json, thaw_json
from smice.errors import DocumentError, DocumentInvalid, InvalidValue
from smice.io._convert import parse_datetime, structure, unstructure
from smice.io.schemas import validate
from smice.process.events import PAYLOADS, Event

__all__ = ["dump_event", "event_from_document", "event_to_document", "load_event"]


def event_from_document(document: Mapping[str, Any], *, source: str | None = None) -> Event:
    """Build an :class:`~smice.process.Event` from a document that is valid against the event
    schema (use :func:`load_event` for documents from outside).

    .. versionadded:: 0.1.0
    """
    cls = PAYLOADS[document["type"]]
    payload: Any = None
    if cls is not None:
        payload = structure(document["payload"], cls, "event", source)
    try:
        return Event(
            type=document["type"],
            id=document["id"],
            at=parse_datetime(document["at"]),
            recorded_by=document["recorded_by"],
            cycle=document.get("cycle"),
            payload=payload,
            extensions=freeze_json(document.get("extensions", {})),  # type: ignore[arg-type]
        )
    except (InvalidValue, ValueError) as error:
        raise DocumentInvalid("event", [DocumentError("", str(error), "value")], source) from None


def load_event(document: object, *, source: str | None = None) -> Event:
    """Check *document* against the event schema, then build the event.

    Raises
    ------
    smice.errors.DocumentInvalid
        With every schema error, each with its JSON pointer.

    Examples
    --------
    >>> event = load_event({"type": "phase_advanced", "id": "e-7", "cycle": "c1",
    ...                     "at": "2019-03-01T10:00:00+01:00", "recorded_by": "fac-1"})
    >>> event.type, event.at.isoformat()
    ('phase_advanced', '2019-03-01T10:00:00+01:00')
    >>> load_event({"type": "phase_advanced", "id": "e-7",
    ...             "at": "2019-03-01T10:00:00+01:00", "recorded_by": "fac-1"})
    Traceback (most recent call last):
    ...
    smice.errors.DocumentInvalid: invalid event document: /: expected the key 'cycle', ...

    .. versionadded:: 0.1.0
    """
    validate(document, "event", source=source)
    assert isinstance(document, Mapping)
    return event_from_document(document, source=source)


def event_to_document(event: Event) -> dict[str, Any]:
    """The JSON-ready document of *event* (valid against the event schema).

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> event_to_document(Event(type="cycle_resumed", id="e-8", cycle="c1",
    ...                         at=datetime(2019, 3, 1, tzinfo=timezone.utc),
    ...                         recorded_by="fac-1"))
    {'type': 'cycle_resumed', 'id': 'e-8', 'at': '2019-03-01T00:00:00+00:00',
     'recorded_by': 'fac-1', 'cycle': 'c1'}

    .. versionadded:: 0.1.0
    """
    document: dict[str, Any] = {
        "type": event.type,
        "id": event.id,
        "at": event.at.isoformat(),
        "recorded_by": event.recorded_by,
    }
    if event.cycle is not None:
        document["cycle"] = event.cycle
    if event.payload is not None:
        document["payload"] = unstructure(event.payload)
    if event.extensions:
        document["extensions"] = thaw_json(event.extensions)
    return document


def dump_event(event: Event) -> str:
    """*event* as one line of compact JSON (no newline), as journals store it.

    .. versionadded:: 0.1.0
    """
    return json.dumps(event_to_document(event), ensure_ascii=False, separators=(",", ":"))
