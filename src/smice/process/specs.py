"""What an event type is: its :class:`EventSpec`, and the :class:`EventRegistry` of them all.

One spec per event type says everything the engine, the phase machine, the decomposition and
the documents need to know about it: the payload class, the scope (what the event concerns),
the handler that applies it, the artefact a phase plan lists for it, the cycle statuses it
may happen in, the cycle field whose artefact it replaces, and its rank among events at one
instant when an arena is decomposed. Every table of event types is derived from the
registry; :data:`smice.process.registry.REGISTRY` is the one smice runs by.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Any, Final, Protocol, TypeAlias

import attrs

from smice.domain import CycleStatus

__all__ = ["ANY_STATUS", "EventRegistry", "EventSpec", "EventView", "Handler", "Scope"]


class EventView(Protocol):
    """What handlers and guards read of an event (an :class:`~smice.process.Event` is one).

    .. versionadded:: 0.2.0
    """

    @property
    def type(self) -> str: ...

    @property
    def id(self) -> str: ...

    @property
    def at(self) -> datetime: ...

    @property
    def recorded_by(self) -> str: ...

    @property
    def cycle(self) -> str | None: ...

    @property
    def payload(self) -> Any: ...


class Scope(StrEnum):
    """What an event concerns, which says what its handler is given.

    ``new_arena``: the event makes the arena (handler ``(working, event, payload)``).
    ``arena``: the arena as a whole (handler ``(working, event, payload)``).
    ``new_cycle``: it starts the cycle its ``cycle`` field names (handler
    ``(working, event, payload)``). ``cycle``: an existing cycle its ``cycle`` field names
    (handler ``(working, event, draft, payload)``, after the engine checked the cycle's status
    and that time does not go back).

    .. versionadded:: 0.2.0
    """

    NEW_ARENA = "new_arena"
    ARENA = "arena"
    NEW_CYCLE = "new_cycle"
    CYCLE = "cycle"

    @property
    def names_cycle(self) -> bool:
        """Whether an event of this scope names a cycle in its ``cycle`` field."""
        return self in (Scope.NEW_CYCLE, Scope.CYCLE)


#: The handler that applies an event to the engine's working copy (see :class:`Scope` for
#: its arguments). It checks first, refusing the event, and writes only when all checks pass.
Handler: TypeAlias = Callable[..., None]

#: Every cycle status: for events that may happen to a cycle whatever its status.
ANY_STATUS: Final = frozenset(CycleStatus)
_ACTIVE: Final = frozenset({CycleStatus.ACTIVE})


@attrs.frozen(kw_only=True)
class EventSpec:
    """Everything about one event type.

    Attributes
    ----------
    type : str
        The event type (an :class:`~smice.process.registry.EventType`).
    payload : type or None
        The class of its payload (``None``: it carries none).
    scope : Scope
        What it concerns.
    handler : Handler
        The function that applies it.
    artefact : str, optional
        For cycle events that make an artefact: the artefact name a phase plan lists
        (``"topics"``, ``"protocol"``, ``"core_team"``...); the event may happen only in a
        phase that lists it, and its transitions are taken after it.
    makes : bool
        Whether it makes the artefact as a cycle records it (``protocol_drafted`` makes a
        draft of the ``protocol`` that ``protocol_approved`` makes).
    statuses : frozenset of CycleStatus
        The statuses the cycle may be in (cycle events; default: active).
    replaces : str, optional
        The cycle field whose single artefact it replaces (``protocol``, ``positive_core``).
    rank : int
        Among events at one instant of a decomposed arena, lower goes first.

    Examples
    --------
    >>> from smice.process.registry import REGISTRY
    >>> spec = REGISTRY["protocol_drafted"]
    >>> spec.scope, spec.artefact, spec.replaces, spec.makes
    (<Scope.CYCLE: 'cycle'>, 'protocol', 'protocol', False)

    .. versionadded:: 0.2.0
    """

    type: str = attrs.field(converter=str)
    payload: builtins.type | None
    scope: Scope
    handler: Handler
    artefact: str | None = None
    makes: bool = True
    statuses: frozenset[CycleStatus] = _ACTIVE
    replaces: str | None = None
    rank: int = 0


@attrs.frozen
class EventRegistry(Mapping[str, EventSpec]):
    """Every event type's :class:`EventSpec`, by type, in the order of the journal's
    vocabulary; the tables the engine reads are derived from it.

    Examples
    --------
    >>> from smice.process.registry import REGISTRY
    >>> REGISTRY.payload("stakeholder_left").__name__
    'StakeholderLeft'
    >>> REGISTRY.artefact_event("protocol"), sorted(REGISTRY.phase_events(("protocol",)))
    ('protocol_approved', ['protocol_approved', 'protocol_drafted'])

    .. versionadded:: 0.2.0
    """

    specs: tuple[EventSpec, ...] = attrs.field()

    @specs.validator
    def _check(self, _: attrs.Attribute[Any], specs: tuple[EventSpec, ...]) -> None:
        seen: set[str] = set()
        for spec in specs:
            if spec.type in seen:
                raise ValueError(f"event type {spec.type!r} is registered twice")
            seen.add(spec.type)
        makers = [s.artefact for s in specs if s.artefact is not None and s.makes]
        if len(makers) != len(set(makers)):
            raise ValueError("each artefact is made by one event type")

    def with_specs(self, *specs: EventSpec) -> EventRegistry:
        """This registry with *specs* added (or replacing the specs of their types)."""
        new = {s.type: s for s in specs}
        kept = [s for s in self.specs if s.type not in new]
        return EventRegistry((*kept, *(s for s in specs)))

    # -- the Mapping interface --------------------------------------------------------------
    @cached_property
    def _by_type(self) -> dict[str, EventSpec]:
        return {s.type: s for s in self.specs}

    @property
    def table(self) -> Mapping[str, EventSpec]:
        """The specs by type (read-only), for lookups on the engine's fast path."""
        return MappingProxyType(self._by_type)

    def __getitem__(self, key: str) -> EventSpec:
        return self._by_type[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_type)

    def __len__(self) -> int:
        return len(self.specs)

    def __contains__(self, key: object) -> bool:
        return key in self._by_type

    # -- derived tables ----------------------------------------------------------------------
    def payload(self, kind: str) -> builtins.type | None:
        """The payload class of *kind* (``None``: no payload)."""
        return self._by_type[kind].payload

    @cached_property
    def payloads(self) -> Mapping[str, builtins.type | None]:
        """The payload class of every event type."""
        return MappingProxyType({s.type: s.payload for s in self.specs})

    @cached_property
    def cycle_events(self) -> frozenset[str]:
        """The event types that name a cycle in their ``cycle`` field."""
        return frozenset(s.type for s in self.specs if s.scope.names_cycle)

    @cached_property
    def artefacts(self) -> Mapping[str, tuple[str, ...]]:
        """The event types each artefact name allows in a phase that lists it."""
        found: dict[str, list[str]] = {}
        for s in self.specs:
            if s.artefact is not None:
                found.setdefault(s.artefact, []).append(s.type)
        return MappingProxyType({k: tuple(v) for k, v in found.items()})

    def artefact_event(self, artefact: str) -> str:
        """The event type that makes *artefact* as a cycle records it."""
        return next(s.type for s in self.specs if s.artefact == artefact and s.makes)

    def phase_events(self, artefacts: tuple[str, ...]) -> frozenset[str]:
        """The artefact event types a phase listing *artefacts* allows."""
        table = self.artefacts
        return frozenset(t for a in artefacts for t in table.get(a, ()))
