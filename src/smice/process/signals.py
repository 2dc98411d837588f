"""Derived signals of a cycle, for the indicators: time in phase, stalling, external voice,
destiny mode and improvisation.

Each is a pure function of an arena and a cycle id. None reads the clock: pass ``at``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Final

from smice._types import CycleId
from smice.domain import Arena, ArenaTemplate, CycleStatus, DestinyMode
from smice.errors import InvalidValue
from smice.process.criteria import active_members
from smice.process.machine import resolve_template

__all__ = [
    "DEFAULT_STALL_DAYS",
    "days_in_phase",
    "destiny_mode",
    "external_voice_share",
    "improvisation_share",
    "is_stalled",
]

#: Days in one phase after which a cycle counts as stalled, when the template says nothing.
DEFAULT_STALL_DAYS: Final = 90


def days_in_phase(arena: Arena, cycle_id: CycleId | str, *, at: datetime) -> float:
    """Days (fractional) the cycle has spent in its current phase at moment *at*.

    Examples
    --------
    >>> from datetime import timezone
    >>> from smice.process.apply import _example_arena
    >>> days_in_phase(_example_arena(), "c1", at=datetime(2019, 1, 20, tzinfo=timezone.utc))
    10.0

    .. versionadded:: 0.1.0
    """
    if at.utcoffset() is None:
        raise InvalidValue("at", "a timezone-aware datetime", at)
    entered = arena.cycle(cycle_id).history[-1].entered_at
    return (at - entered).total_seconds() / 86400


def is_stalled(
    arena: Arena,
    cycle_id: CycleId | str,
    *,
    at: datetime,
    stall_days: float | None = None,
    template: ArenaTemplate | None = None,
) -> bool:
    """Whether an active cycle has spent more than *stall_days* in its phase at *at*.

    *stall_days* defaults to the template's ``stall_days`` parameter (90 in ``smice/base``).

    Examples
    --------
    >>> from datetime import timezone
    >>> from smice.process.apply import _example_arena
    >>> arena = _example_arena()
    >>> is_stalled(arena, "c1", at=datetime(2019, 4, 10, tzinfo=timezone.utc))
    False
    >>> is_stalled(arena, "c1", at=datetime(2019, 4, 11, tzinfo=timezone.utc))
    True

    .. versionadded:: 0.1.0
    """
    if arena.cycle(cycle_id).status is not CycleStatus.ACTIVE:
        return False
    if stall_days is None:
        value = resolve_template(arena, template).parameters.get("stall_days")
        stall_days = (
            float(value)
            if isinstance(value, int | float) and not isinstance(value, bool)
            else DEFAULT_STALL_DAYS
        )
    return days_in_phase(arena, cycle_id, at=at) > stall_days


def external_voice_share(arena: Arena, cycle_id: CycleId | str) -> float | None:
    """The share of the cycle's interviews whose interviewee is not an active member
    (``None`` without interviews).

    .. versionadded:: 0.1.0
    """
    cycle = arena.cycle(cycle_id)
    if not cycle.interviews:
        return None
    members = set(active_members(arena, cycle))
    external = sum(1 for i in cycle.interviews if i.interviewee not in members)
    return external / len(cycle.interviews)


def destiny_mode(arena: Arena, cycle_id: CycleId | str) -> DestinyMode | None:
    """Whether Destiny is improvisational (self-organised) or implementation-led.

    The mode recorded for the cycle wins; otherwise the mode most of its actions carry; otherwise
    improvisational when most action teams are self-organised; ``None`` with no evidence.
    Bushe & Kassam (2005) found improvisational Destiny in the transformational AI cases.

    .. versionadded:: 0.1.0
    """
    cycle = arena.cycle(cycle_id)
    if cycle.destiny_mode is not None:
        return cycle.destiny_mode
    modes = Counter(a.mode for a in cycle.actions if a.mode is not None)
    if modes:
        improvisational = modes[DestinyMode.IMPROVISATIONAL]
        return (
            DestinyMode.IMPROVISATIONAL
            if improvisational >= modes[DestinyMode.IMPLEMENTATION]
            else DestinyMode.IMPLEMENTATION
        )
    if cycle.action_teams:
        own = sum(1 for t in cycle.action_teams if t.self_organised)
        return (
            DestinyMode.IMPROVISATIONAL
            if 2 * own >= len(cycle.action_teams)
            else DestinyMode.IMPLEMENTATION
        )
    return None


def improvisation_share(arena: Arena, cycle_id: CycleId | str) -> float | None:
    """The share of the cycle's actions that are improvisational (an action without its own
    mode takes the cycle's); ``None`` when no action has a mode.

    .. versionadded:: 0.1.0
    """
    cycle = arena.cycle(cycle_id)
    modes = [a.mode or cycle.destiny_mode for a in cycle.actions]
    known = [m for m in modes if m is not None]
    if not known:
        return None
    return sum(1 for m in known if m is DestinyMode.IMPROVISATIONAL) / len(known)
