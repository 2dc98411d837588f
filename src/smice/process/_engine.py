"""The engine's dispatch: one event applied to a working copy (private).

:func:`step` sends an event to its handler: ``arena_created`` first, then arena-level events
(:mod:`smice.process._arena`) and cycle events (:mod:`smice.process._cycle`). The public
faces are :class:`smice.process.Fold`, :func:`smice.process.apply` and
:func:`smice.process.replay`.
"""

from __future__ import annotations

from collections.abc import Iterable

from smice.process._arena import ARENA_HANDLERS, created
from smice.process._cycle import cycle_event
from smice.process._working import Working, no_arena
from smice.process.events import CYCLE_EVENTS, Event

__all__ = ["step", "steps"]


def step(w: Working, e: Event) -> None:
    """Apply *e* to the working copy *w* (checks first; writes only when all pass)."""
    if e.type == "arena_created":
        created(w, e)
    elif w.base is None:
        no_arena(e)
    elif e.type in CYCLE_EVENTS:
        cycle_event(w, e)
    else:
        ARENA_HANDLERS[e.type](w, e, e.payload)


def steps(w: Working, events: Iterable[Event]) -> None:
    """Apply *events* in order to *w* (stops at the first refusal)."""
    handlers = ARENA_HANDLERS
    for event in events:
        # step(), unrolled: the common events go straight to their handler.
        t = event.type
        if w.base is None or t == "arena_created":
            step(w, event)
        elif t in CYCLE_EVENTS:
            cycle_event(w, event)
        else:
            handlers[t](w, event, event.payload)
