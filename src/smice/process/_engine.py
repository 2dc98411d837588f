"""The engine's dispatch: one event applied to a working copy (private).

:func:`step` looks the event's type up in the working copy's registry and sends the event to
its handler by scope: the arena's first event makes it; arena-level handlers get the payload;
a cycle event's handler gets the cycle's draft after the checks every cycle event shares. The
public faces are :class:`smice.process.Fold`, :func:`smice.process.apply` and
:func:`smice.process.replay`.
"""

from __future__ import annotations

from collections.abc import Iterable

from smice.errors import EventRefused
from smice.process._cycle import cycle_event
from smice.process._working import Working, no_arena, refuse
from smice.process.refusals import Refusal
from smice.process.specs import EventSpec, EventView, Scope

__all__ = ["step", "steps"]

_NEW_ARENA = Scope.NEW_ARENA
_CYCLE = Scope.CYCLE


def _unknown(e: EventView) -> EventSpec:
    refuse(
        e, Refusal(code="unknown_type", pointer="/type", message=f"unknown event type {e.type!r}")
    )


def step(w: Working, e: EventView) -> None:
    """Apply *e* to the working copy *w* (checks first; writes only when all pass)."""
    spec = w.registry.table.get(e.type)
    if spec is None:
        spec = _unknown(e)
    scope = spec.scope
    if scope is _NEW_ARENA:
        spec.handler(w, e, e.payload)
    elif w.base is None:
        no_arena(e)
    elif scope is _CYCLE:
        cycle_event(w, e, spec)
    else:
        spec.handler(w, e, e.payload)


def steps(w: Working, events: Iterable[EventView]) -> None:
    """Apply *events* in order to *w*; the first refusal stops them and says the index of
    the refused event (``/events/<index>``)."""
    table = w.registry.table
    index = -1
    try:
        for index, event in enumerate(events):  # noqa: B007 - the except clause reads it
            # step(), unrolled: the common events go straight to their handler.
            spec = table.get(event.type)
            if spec is None or w.base is None or spec.scope is _NEW_ARENA:
                step(w, event)
            elif spec.scope is _CYCLE:
                cycle_event(w, event, spec)
            else:
                spec.handler(w, event, event.payload)
    except EventRefused as refused:
        raise EventRefused(
            refused.event_type, refused.reasons, event_id=refused.event_id, index=index
        ) from None
