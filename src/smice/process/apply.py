"""Applying events to an arena: the pure core of the AI cycle.

:func:`apply` checks one event against an arena and returns the new arena; :func:`replay`
folds a sequence of events, starting from ``arena_created``. An event that does not fit raises
:class:`~smice.errors.EventRefused` whose ``reasons`` say exactly what failed; the arena is
never changed (values are immutable). :class:`~smice.process.Fold` does the same one event
at a time.

Both work on the engine's private *working copy* that turns only the collections an event
touches into dictionaries; a replay builds the frozen arena once at the end, so folding many
events costs little more than a hand-written reducer.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable

from smice.domain import (
    Arena,
    ArenaTemplate,
)
from smice.errors import EventRefused
from smice.process import registry
from smice.process._engine import step, steps
from smice.process._working import Working
from smice.process.events import Event
from smice.process.refusals import Refusal

__all__ = ["apply", "replay"]


def apply(arena: Arena | None, event: Event, *, template: ArenaTemplate | None = None) -> Arena:
    """The arena after *event*; *arena* itself is never changed.

    Parameters
    ----------
    arena : Arena or None
        The arena before the event (``None`` only before ``arena_created``).
    event : Event
    template : ArenaTemplate, optional
        The arena's template (default: the bundled template ``arena.template`` names).

    Raises
    ------
    smice.errors.EventRefused
        When the event does not fit the arena; ``reasons`` say what failed (failing
        :class:`~smice.process.CriterionResult` s for a refused ``phase_advanced``,
        :class:`~smice.process.Refusal` s otherwise).

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> from smice.examples import demo_arena
    >>> arena = demo_arena()
    >>> event = Event(type="phase_advanced", id="e-9", cycle="c1", recorded_by="fac",
    ...               at=datetime(2019, 2, 1, tzinfo=timezone.utc))
    >>> apply(arena, event)
    Traceback (most recent call last):
    ...
    smice.errors.EventRefused: event 'phase_advanced' refused: criterion 'protocol_approved' ...
    >>> arena.cycle("c1").phase
    'define'

    .. versionadded:: 0.1.0
    """
    working = Working(arena, template, registry.REGISTRY)
    step(working, event)
    return working.arena()


def replay(
    events: Iterable[Event],
    *,
    template: ArenaTemplate | None = None,
    arena: Arena | None = None,
) -> Arena:
    """Fold *events* into an arena, from ``arena_created`` (or onto *arena*).

    Equal to applying the events one by one with :func:`apply`, but faster.

    Raises
    ------
    smice.errors.EventRefused
        At the first event that does not fit (nothing is returned).

    Examples
    --------
    >>> from datetime import date, datetime, timezone
    >>> from smice.process.events import ArenaCreated
    >>> at = datetime(2018, 5, 1, tzinfo=timezone.utc)
    >>> created = Event(type="arena_created", id="e-1", at=at, recorded_by="fac",
    ...                 payload=ArenaCreated(id="jh", name="Jämtland", template="smice/base",
    ...                                      created_on=date(2018, 5, 1)))
    >>> replay([created]).name
    'Jämtland'

    .. versionadded:: 0.1.0
    """
    working = Working(arena, template, registry.REGISTRY)
    steps(working, events)
    if working.base is None:
        raise EventRefused("replay", [Refusal(code="no_arena", message="no events to replay")])
    return working.arena()
