"""Mutable drafts of the cycles an engine fold touches (private).

While events are folded, each cycle they touch lives in a :class:`Draft`: a mutable copy
whose collections are lists, so appending an artefact costs O(1) instead of rebuilding the
frozen :class:`~smice.domain.Cycle` (and re-running its validators) at every event. The
working copy freezes the drafts once, when it builds its arena.
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
    Extensions,
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


class Draft:
    """A mutable copy of a :class:`~smice.domain.Cycle` that reads like one.

    The tuple fields of the cycle are lists here; :meth:`freeze` builds the frozen cycle
    (and keeps it until the next change). ``ids`` holds the ids of all artefacts, for the
    duplicate checks. Phase moves since the draft was made wait in ``moves`` as
    ``(phase, entered_at, reason)``; ``phase`` and ``entered`` are the current visit's.
    """

    __slots__ = (
        "action_teams",
        "actions",
        "core_team",
        "destiny_mode",
        "dreams",
        "end_reason",
        "endorsements",
        "entered",
        "extensions",
        "frozen",
        "history",
        "id",
        "ids",
        "interviews",
        "machine",
        "moves",
        "parent",
        "phase",
        "platform",
        "positive_core",
        "propositions",
        "protocol",
        "reviews",
        "start_day",
        "status",
        "stories",
        "targets",
        "team",
        "themes",
        "topics",
        "variant",
    )

    def __init__(self, cycle: Cycle, *, new: bool = False) -> None:
        self.id: CycleId = cycle.id
        self.variant: CycleVariant = cycle.variant
        self.history: tuple[PhaseVisit, ...] = cycle.history
        self.moves: list[tuple[str, datetime, str | None]] = []
        self.phase: str = cycle.history[-1].phase
        self.entered: datetime = cycle.history[-1].entered_at
        #: The day the cycle started (no artefact may predate it).
        self.start_day: date = cycle.history[0].entered_at.date()
        self.team: TeamId | None = cycle.team
        self.platform: PlatformId | None = cycle.platform
        self.parent: CycleId | None = cycle.parent
        self.status: CycleStatus = cycle.status
        self.end_reason: str | None = cycle.end_reason
        self.destiny_mode: DestinyMode | None = cycle.destiny_mode
        self.core_team: list[StakeholderId] = list(cycle.core_team)
        self.topics: list[Topic] = list(cycle.topics)
        self.protocol: InterviewProtocol | None = cycle.protocol
        self.interviews: list[Interview] = list(cycle.interviews)
        self.stories: list[Story] = list(cycle.stories)
        self.themes: list[Theme] = list(cycle.themes)
        self.positive_core: PositiveCoreMap | None = cycle.positive_core
        self.dreams: list[DreamStatement] = list(cycle.dreams)
        self.endorsements: list[Endorsement] = list(cycle.endorsements)
        self.propositions: list[Proposition] = list(cycle.propositions)
        self.targets: list[Target] = list(cycle.targets)
        self.actions: list[Action] = list(cycle.actions)
        self.action_teams: list[ActionTeam] = list(cycle.action_teams)
        self.reviews: list[Review] = list(cycle.reviews)
        self.extensions: Extensions = cycle.extensions
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
        visits = [
            *self.history[:-1],
            replace(last, left_at=self.moves[0][1]),
        ]
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
            self.frozen = Cycle(
                id=self.id,
                variant=self.variant,
                history=self._history(),
                team=self.team,
                platform=self.platform,
                parent=self.parent,
                status=self.status,
                end_reason=self.end_reason,
                destiny_mode=self.destiny_mode,
                core_team=tuple(self.core_team),
                topics=tuple(self.topics),
                protocol=self.protocol,
                interviews=tuple(self.interviews),
                stories=tuple(self.stories),
                themes=tuple(self.themes),
                positive_core=self.positive_core,
                dreams=tuple(self.dreams),
                endorsements=tuple(self.endorsements),
                propositions=tuple(self.propositions),
                targets=tuple(self.targets),
                actions=tuple(self.actions),
                action_teams=tuple(self.action_teams),
                reviews=tuple(self.reviews),
                extensions=self.extensions,
            )
        return self.frozen


# A new field of Cycle must be carried by Draft (and by Draft.freeze).
_EXTRA: Final = {"entered", "frozen", "ids", "machine", "moves", "phase", "start_day"}
assert {a.name for a in attrs.fields(Cycle)} == set(Draft.__slots__) - _EXTRA
