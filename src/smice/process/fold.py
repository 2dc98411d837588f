"""An incremental fold of events into an arena.

:class:`Fold` is the public face of the engine for code that applies events one at a time
and reads the arena in between: the journal (:class:`smice.io.journal.Journal`) folds stored
events onto snapshots and checks appended batches with it, and
:func:`~smice.process.events_from_arena` checks the events it derives. :func:`~smice.process.apply`
and :func:`~smice.process.replay` are the one-shot forms.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Iterable

from smice.domain import Arena, ArenaTemplate
from smice.process import registry
from smice.process._engine import step, steps
from smice.process._working import Working
from smice.process.events import Event

__all__ = ["Fold"]


class Fold:
    """Events applied one by one to an arena, checked as :func:`~smice.process.apply` checks
    them, at the cost of :func:`~smice.process.replay`.

    The fold keeps a private mutable working copy; :attr:`arena` freezes it into an
    :class:`~smice.domain.Arena` (cheaply again after each read), and folding goes on from
    there. A refused event raises :class:`~smice.errors.EventRefused` and leaves the fold as
    it was before that event.

    Parameters
    ----------
    arena : Arena, optional
        The arena to start from (default: none; the first event must be ``arena_created``).
    template : ArenaTemplate, optional
        The arena's template (default: the bundled template ``arena.template`` names).

    Examples
    --------
    >>> from datetime import date, datetime, timezone
    >>> from smice.process import Event
    >>> from smice.process.events import ArenaCreated, TieEnded
    >>> fold = Fold()
    >>> fold.arena is None
    True
    >>> fold.apply(Event(type="arena_created", id="e-1", recorded_by="fac",
    ...                  at=datetime(2018, 5, 1, tzinfo=timezone.utc),
    ...                  payload=ArenaCreated(id="jh", name="Jämtland", template="smice/base",
    ...                                       created_on=date(2018, 5, 1))))
    >>> fold.arena.name
    'Jämtland'
    >>> fold.apply(Event(type="tie_ended", id="e-2", recorded_by="fac",
    ...                  at=datetime(2018, 5, 2, tzinfo=timezone.utc),
    ...                  payload=TieEnded(tie="tie-9", on=date(2018, 5, 2))))
    Traceback (most recent call last):
    ...
    smice.errors.EventRefused: event 'tie_ended' refused: /payload/tie: expected the id ...
    >>> fold.arena.ties
    ()

    .. versionadded:: 0.2.0
    """

    __slots__ = ("_working",)

    def __init__(
        self, arena: Arena | None = None, *, template: ArenaTemplate | None = None
    ) -> None:
        self._working = Working(arena, template, registry.REGISTRY)

    def __repr__(self) -> str:
        base = self._working.base
        return f"<Fold of arena {base.id!r}>" if base is not None else "<Fold, no arena yet>"

    @property
    def arena(self) -> Arena | None:
        """The arena after every event applied so far (``None`` before ``arena_created``)."""
        working = self._working
        return working.arena() if working.base is not None else None

    def apply(self, event: Event) -> None:
        """Check *event* against the arena so far and apply it.

        Raises
        ------
        smice.errors.EventRefused
            When the event does not fit; the fold stays as it was.
        """
        step(self._working, event)

    def extend(self, events: Iterable[Event]) -> None:
        """Apply *events* in order, as :meth:`apply` does one by one (but faster).

        Raises
        ------
        smice.errors.EventRefused
            At the first event that does not fit; the events before it stay applied.
        """
        steps(self._working, events)
