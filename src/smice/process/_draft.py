"""Mutable drafts of the cycles an engine fold touches (private).

While events are folded, each cycle they touch lives in a :class:`Draft`: a mutable copy
whose collections are lists, so appending an artefact costs O(1) instead of rebuilding the
frozen :class:`~smice.domain.Cycle` (and re-running its validators) at every event. The
working copy freezes the drafts once, when it builds its arena.

A draft carries every field of :class:`~smice.domain.Cycle`, read from ``attrs.fields``: a
new field of a cycle travels through the engine without a change here.
"""

from __future__ import annotations

import operator
from datetime import date, datetime
from typing import Any, Final, TypeVar, cast

import attrs

from smice._types import CycleId, PlatformId, StakeholderId, TeamId
from smice.domain import (
    Action,
    ActionTeam,
    Cycle,
    CycleStatus,
    CycleVariant,
    DestinyMode,
    DreamStatement,
    Endorsement,
    Interview,
    InterviewProtocol,
    PhaseVisit,
    PositiveCoreMap,
    Proposition,
    Review,
    Story,
    Target,
    Theme,
    Topic,
)
from smice.process._machine import Machine

__all__ = ["Draft", "replace"]

_T = TypeVar("_T")
_SETTERS: dict[type, tuple[Any, tuple[Any, ...]] | None] = {}
_set = object.__setattr__


def _setters(cls: type) -> tuple[Any, tuple[Any, ...]] | None:
    # How to copy a frozen slotted attrs value field by field, or None to use attrs.evolve.
    fields = attrs.fields(cls)
    names = tuple(f.name for f in fields)
    slots = set(getattr(cls, "__slots__", ())) - {"__weakref__"}
    fast = (
        len(names) > 1
        and slots == set(names)
        and all(f.init and f.alias == f.name and f.converter is None for f in fields)
        and getattr(cls, "__attrs_post_init__", None) is None
    )
    found = _SETTERS[cls] = (
        (operator.attrgetter(*names), tuple(getattr(cls, n).__set__ for n in names))
        if fast
        else None
    )
    return found


def replace(value: _T, **changes: Any) -> _T:
    """*value* with the fields *changes* names set, without re-running the validators of the
    fields it keeps (they passed when *value* was built). The new values must already be
    valid for their fields: the callers pass checked values (event times, payload values,
    copies). Private to the process layer: equal to ``attrs.evolve(value, **changes)`` for
    valid changes, at about half its cost (a third for a stakeholder). Classes it cannot copy
    this way (not slotted, converters, private names, a post-init hook) go to ``evolve``.
    """
    cls = type(value)
    how = _SETTERS[cls] if cls in _SETTERS else _setters(cls)
    if how is None:
        return attrs.evolve(value, **changes)  # type: ignore[misc]
    copy: _T = object.__new__(cls)
    for setter, kept in zip(how[1], how[0](value), strict=True):
        setter(copy, kept)
    for name, new in changes.items():
        _set(copy, name, new)
    return copy


#: Every field of a cycle; the tuple-valued ones (but the history) are lists in a draft.
_FIELDS: Final = tuple(f.name for f in attrs.fields(Cycle))


class Draft:
    """A mutable copy of a :class:`~smice.domain.Cycle` that reads like one.

    Every field of the cycle is an attribute of the draft (tuples as lists, the history
    aside); :meth:`freeze` builds the frozen cycle (and keeps it until the next change).
    ``ids`` holds the ids of all artefacts, for the duplicate checks. Phase moves since the
    draft was made wait in ``moves`` as ``(phase, entered_at, reason)``; ``phase`` and
    ``entered`` are the current visit's. The annotations below only type the fields the
    handlers use; the fields themselves come from ``attrs.fields(Cycle)``.
    """

    id: CycleId
    variant: CycleVariant
    history: tuple[PhaseVisit, ...]
    team: TeamId | None
    platform: PlatformId | None
    parent: CycleId | None
    status: CycleStatus
    end_reason: str | None
    destiny_mode: DestinyMode | None
    core_team: list[StakeholderId]
    topics: list[Topic]
    protocol: InterviewProtocol | None
    interviews: list[Interview]
    stories: list[Story]
    themes: list[Theme]
    positive_core: PositiveCoreMap | None
    dreams: list[DreamStatement]
    endorsements: list[Endorsement]
    propositions: list[Proposition]
    targets: list[Target]
    actions: list[Action]
    action_teams: list[ActionTeam]
    reviews: list[Review]

    def __init__(self, cycle: Cycle, *, new: bool = False) -> None:
        fields = self.__dict__
        for name in _FIELDS:
            value = getattr(cycle, name)
            fields[name] = list(value) if type(value) is tuple and name != "history" else value
        self.moves: list[tuple[str, datetime, str | None]] = []
        self.phase: str = cycle.history[-1].phase
        self.entered: datetime = cycle.history[-1].entered_at
        #: The day the cycle started (no artefact may predate it).
        self.start_day: date = cycle.history[0].entered_at.date()
        #: The frozen cycle while it is up to date, else ``None``.
        self.frozen: Cycle | None = cycle
        self.ids: set[str] = set() if new else set(cycle.artefact_ids())
        #: The compiled plan of the cycle's variant, once an event needed it.
        self.machine: Machine | None = None

    @property
    def started_at(self) -> datetime:
        """When the cycle entered its first phase."""
        return self.history[0].entered_at

    def move(self, phase: str, at: datetime, reason: str | None = None) -> None:
        """Leave the current phase at *at* for *phase* (a new visit)."""
        self.moves.append((phase, at, reason))
        self.phase = phase
        self.entered = at

    def end(self, at: datetime) -> None:
        """The cycle ends at *at* (completed or abandoned): its current visit is left then."""
        history = self._history()
        self.history = (*history[:-1], replace(history[-1], left_at=at))

    def visited(self) -> set[str]:
        """Every phase the cycle has been in."""
        return {v.phase for v in self.history} | {m[0] for m in self.moves}

    def _history(self) -> tuple[PhaseVisit, ...]:
        if not self.moves:
            return self.history
        last = self.history[-1]
        visits = [*self.history[:-1], replace(last, left_at=self.moves[0][1])]
        for (phase, at, reason), after in zip(self.moves, self.moves[1:], strict=False):
            visits.append(PhaseVisit(phase=phase, entered_at=at, left_at=after[1], reason=reason))
        phase, at, reason = self.moves[-1]
        visits.append(PhaseVisit(phase=phase, entered_at=at, reason=reason))
        self.history = tuple(visits)
        self.moves = []
        return self.history

    def view(self) -> Cycle:
        """This draft where a cycle is read (criteria, guards): the same attributes."""
        return cast(Cycle, self)

    def freeze(self) -> Cycle:
        """The frozen cycle with every change so far."""
        if self.frozen is None:
            self._history()
            fields = self.__dict__
            values: dict[str, Any] = {}
            for name in _FIELDS:
                value = fields[name]
                values[name] = tuple(value) if type(value) is list else value
            self.frozen = Cycle(**values)
        return self.frozen
