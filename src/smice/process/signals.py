"""Derived signals of a cycle, for the indicators: time in phase, time since the last
activity, stalling, external voice, destiny mode and improvisation.

Each is a pure function of an arena and a cycle id. None reads the clock: pass ``at``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from typing import Final

from smice._types import CycleId
from smice.domain import ActionStatus, Arena, ArenaTemplate, Cycle, CycleStatus, DestinyMode
from smice.errors import InvalidValue
from smice.process.criteria import active_members
from smice.process.machine import resolve_template

__all__ = [
    "DEFAULT_STALL_DAYS",
    "days_in_phase",
    "days_since_activity",
    "destiny_mode",
    "external_voice_share",
    "improvisation_share",
    "is_stalled",
    "last_activity",
    "stall_limit",
]

#: Days in one phase after which a cycle counts as stalled, when the template says nothing.
DEFAULT_STALL_DAYS: Final = 90


def days_in_phase(arena: Arena, cycle_id: CycleId | str, *, at: datetime) -> float:
    """Days (fractional) the cycle has spent in its current phase at moment *at*.

    Examples
    --------
    >>> from datetime import timezone
    >>> from smice.examples import demo_arena
    >>> days_in_phase(demo_arena(), "c1", at=datetime(2019, 1, 20, tzinfo=timezone.utc))
    10.0

    .. versionadded:: 0.1.0
    """
    if at.utcoffset() is None:
        raise InvalidValue("at", "a timezone-aware datetime", at)
    entered = arena.cycle(cycle_id).history[-1].entered_at
    return (at - entered).total_seconds() / 86400


def _dates(cycle: Cycle) -> Iterator[date]:
    """Every dated artefact record of *cycle*: the days something was made or changed."""
    if cycle.protocol is not None and cycle.protocol.approved_on is not None:
        yield cycle.protocol.approved_on
    if cycle.positive_core is not None:
        yield cycle.positive_core.on
    for collection in (cycle.interviews, cycle.dreams, cycle.endorsements):
        yield from (item.on for item in collection)
    yield from (proposition.on for proposition in cycle.propositions)
    yield from (review.on for review in cycle.reviews)
    for action in cycle.actions:
        yield action.committed_on
        if action.started_on is not None:
            yield action.started_on
        if action.status is ActionStatus.STARTED:
            yield action.due  # work under way runs until the action is due


def last_activity(arena: Arena, cycle_id: CycleId | str, *, at: datetime) -> datetime:
    """The latest moment at or before *at* at which something happened in the cycle.

    Activity is any phase change (entering, revisiting or leaving a phase), any dated artefact
    (an approved protocol, an interview, a positive-core map, a dream, an endorsement, a
    proposition, a review) and any action committed or started. An action under way (started,
    not done or dropped) is activity until the day it is due: at *at* itself while it is not
    yet due.
    Artefacts carry days, not moments: one dated *d* counts from the start of *d* (UTC).

    Examples
    --------
    >>> from datetime import timezone
    >>> from smice.examples import demo_arena
    >>> last_activity(demo_arena(), "c1", at=datetime(2019, 3, 1, tzinfo=timezone.utc))
    datetime.datetime(2019, 1, 10, 0, 0, tzinfo=datetime.timezone.utc)

    .. versionadded:: 0.2.0
    """
    if at.utcoffset() is None:
        raise InvalidValue("at", "a timezone-aware datetime", at)
    cycle = arena.cycle(cycle_id)
    day = at.astimezone(UTC).date()
    if any(a.status is ActionStatus.STARTED and a.due >= day for a in cycle.actions):
        return at
    moments = [
        moment
        for visit in cycle.history
        for moment in (visit.entered_at, visit.left_at)
        if moment is not None and moment <= at
    ]
    moments += [datetime.combine(d, time(), tzinfo=UTC) for d in _dates(cycle) if d <= day]
    return max(moments, default=cycle.history[-1].entered_at)


def days_since_activity(arena: Arena, cycle_id: CycleId | str, *, at: datetime) -> float:
    """Days (fractional) from the cycle's :func:`last_activity` to *at*: the clock that
    :func:`is_stalled` reads. It is never more than :func:`days_in_phase`.

    Examples
    --------
    >>> from datetime import timezone
    >>> from smice.examples import demo_arena
    >>> days_since_activity(demo_arena(), "c1",
    ...                     at=datetime(2019, 1, 20, tzinfo=timezone.utc))
    10.0

    .. versionadded:: 0.2.0
    """
    return (at - last_activity(arena, cycle_id, at=at)).total_seconds() / 86400


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    return None


def stall_limit(template: ArenaTemplate | None, phase: str) -> float:
    """Days without activity after which a cycle in *phase* counts as stalled.

    The template parameter ``stall_days_<phase>`` (for example ``stall_days_destiny``) wins,
    then ``stall_days``, then :data:`DEFAULT_STALL_DAYS`.

    Examples
    --------
    >>> from smice.io import load_template
    >>> base = load_template("smice/base")
    >>> stall_limit(base, "define"), stall_limit(base, "destiny"), stall_limit(None, "dream")
    (90.0, 180.0, 90.0)

    .. versionadded:: 0.2.0
    """
    if template is None:
        return float(DEFAULT_STALL_DAYS)
    for key in (f"stall_days_{phase}", "stall_days"):
        found = _number(template.parameters.get(key))
        if found is not None:
            return found
    return float(DEFAULT_STALL_DAYS)


def is_stalled(
    arena: Arena,
    cycle_id: CycleId | str,
    *,
    at: datetime,
    stall_days: float | None = None,
    template: ArenaTemplate | None = None,
) -> bool:
    """Whether an active cycle has gone more than its phase's limit without activity at *at*.

    The clock is :func:`days_since_activity`: entering a phase, any dated artefact and any
    action committed, started or under way reset it. The limit is *stall_days* when given,
    else :func:`stall_limit` of the template (the arena's bundled template by default) for the
    cycle's current phase.

    Examples
    --------
    >>> from datetime import timezone
    >>> from smice.examples import demo_arena
    >>> arena = demo_arena()
    >>> is_stalled(arena, "c1", at=datetime(2019, 4, 10, tzinfo=timezone.utc))
    False
    >>> is_stalled(arena, "c1", at=datetime(2019, 4, 11, tzinfo=timezone.utc))
    True

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Activity resets the clock; limits per phase (``stall_days_<phase>``).
    """
    cycle = arena.cycle(cycle_id)
    if cycle.status is not CycleStatus.ACTIVE:
        return False
    if stall_days is None:
        stall_days = stall_limit(resolve_template(arena, template), cycle.phase)
    return days_since_activity(arena, cycle_id, at=at) > stall_days


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
