"""Time in an arena: its dated records, whole months between days, and the arena as it
stood on one day.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

import attrs

from smice.domain import (
    Action,
    ActionStatus,
    Arena,
    Barrier,
    Cycle,
    CycleStatus,
    FlowStatus,
    Initiative,
    Membership,
    PhaseVisit,
    ProgressTeam,
    ResourceFlow,
    TeamStatus,
)

__all__ = ["arena_on", "dated_records", "earliest_date", "latest_date", "whole_months"]


def _cycle_dates(cycle: Cycle) -> Iterator[date]:
    for visit in cycle.history:
        yield visit.entered_at.date()
        if visit.left_at is not None:
            yield visit.left_at.date()
    if cycle.protocol is not None and cycle.protocol.approved_on is not None:
        yield cycle.protocol.approved_on
    if cycle.positive_core is not None:
        yield cycle.positive_core.on
    yield from (i.on for i in cycle.interviews)
    yield from (d.on for d in cycle.dreams)
    yield from (e.on for e in cycle.endorsements)
    yield from (p.on for p in cycle.propositions)
    for action in cycle.actions:
        yield action.committed_on
        if action.started_on is not None:
            yield action.started_on
    for review in cycle.reviews:
        yield review.on


def _people_dates(arena: Arena) -> Iterator[date]:
    for s in arena.stakeholders:
        yield from (d for d in (s.joined_on, s.left_on) if d is not None)
        if s.consent is not None:
            yield s.consent.given_on
            if s.consent.withdrawn_on is not None:
                yield s.consent.withdrawn_on
    for team in arena.teams:
        yield team.formed_on
        for m in team.memberships:
            yield m.joined_on
            if m.left_on is not None:
                yield m.left_on
        if team.graduation is not None:
            yield team.graduation.on


def dated_records(arena: Arena) -> Iterator[date]:
    """Every date the arena records as having happened.

    The arena's creation; stakeholders joining and leaving and consents given or
    withdrawn; ties, platforms, teams, memberships and graduations; phase visits and dated
    artefacts; initiatives and their barriers; resource flows. Plans are not records: due
    dates of actions and targets and consent expiry dates are left out.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> arena = load_arena("examples/arenas/tutorial.json")
    >>> min(dated_records(arena)) < arena.created_on  # a tie older than the arena
    True

    .. versionadded:: 0.1.0
    """
    yield arena.created_on
    yield from _people_dates(arena)
    for t in arena.ties:
        yield from (d for d in (t.since, t.until) if d is not None)
    for p in arena.platforms:
        yield from (d for d in (p.opened_on, p.closed_on) if d is not None)
    for cycle in arena.cycles:
        yield from _cycle_dates(cycle)
    for i in arena.initiatives:
        yield i.launched_on
        for b in i.barriers:
            yield from (d for d in (b.since, b.resolved_on) if d is not None)
    for f in arena.flows:
        yield from (d for d in (f.since, f.until) if d is not None)


def latest_date(arena: Arena) -> date:
    """The latest date the arena records (see :func:`dated_records`): the default
    assessment date.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> latest_date(load_arena("examples/arenas/tutorial.json")) >= date(2018, 1, 1)
    True

    .. versionadded:: 0.1.0
    """
    return max(dated_records(arena))


def earliest_date(arena: Arena) -> date:
    """The earliest date the arena records (possibly before its creation: ties and
    consents may be older than the arena).

    .. versionadded:: 0.1.0
    """
    return min(dated_records(arena))


def whole_months(start: date, end: date) -> int:
    """Whole calendar months from *start* to *end* (0 when *end* is not later).

    A month is complete on the same day of the month (or the month's last day when it has
    no such day).

    Examples
    --------
    >>> whole_months(date(2018, 1, 15), date(2019, 1, 14)), whole_months(date(2018, 1, 15),
    ...                                                                   date(2019, 1, 15))
    (11, 12)
    >>> whole_months(date(2019, 1, 31), date(2019, 2, 28))
    1

    .. versionadded:: 0.1.0
    """
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and not _last_day(end):
        months -= 1
    return max(months, 0)


def _last_day(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _visits_on(history: tuple[PhaseVisit, ...], day: date) -> tuple[PhaseVisit, ...]:
    kept = [v for v in history if v.entered_at.date() <= day]
    if kept and kept[-1].left_at is not None and kept[-1].left_at.date() > day:
        kept[-1] = attrs.evolve(kept[-1], left_at=None)
    return tuple(kept)


def _action_on(action: Action, day: date) -> Action:
    if action.started_on is not None and action.started_on > day:
        return attrs.evolve(action, status=ActionStatus.COMMITTED, started_on=None)
    return action


def _cycle_on(cycle: Cycle, day: date) -> Cycle:
    if max(_cycle_dates(cycle)) <= day:
        return cycle
    history = _visits_on(cycle.history, day)
    reviews = tuple(r for r in cycle.reviews if r.on <= day)
    status = cycle.status
    if (status is CycleStatus.COMPLETED and len(reviews) < len(cycle.reviews)) or (
        status in (CycleStatus.ABANDONED, CycleStatus.PAUSED)
    ):
        status = CycleStatus.ACTIVE  # its closing (or pausing) came after *day*
    interviews = tuple(i for i in cycle.interviews if i.on <= day)
    kept_interviews = {i.id for i in interviews}
    return attrs.evolve(
        cycle,
        history=history,
        status=status,
        end_reason=None if status is CycleStatus.ACTIVE else cycle.end_reason,
        interviews=interviews,
        stories=tuple(
            s for s in cycle.stories if s.interview is None or s.interview in kept_interviews
        ),
        positive_core=(
            cycle.positive_core
            if cycle.positive_core is not None and cycle.positive_core.on <= day
            else None
        ),
        dreams=tuple(d for d in cycle.dreams if d.on <= day),
        endorsements=tuple(e for e in cycle.endorsements if e.on <= day),
        propositions=tuple(p for p in cycle.propositions if p.on <= day),
        actions=tuple(_action_on(a, day) for a in cycle.actions if a.committed_on <= day),
        reviews=reviews,
    )


def _membership_on(membership: Membership, day: date) -> Membership:
    if membership.left_on is not None and membership.left_on > day:
        return attrs.evolve(membership, left_on=None)
    return membership


def _team_on(team: ProgressTeam, day: date) -> ProgressTeam:
    graduation = team.graduation
    status = team.status
    if graduation is not None and graduation.on > day:
        graduation = None
        if status is TeamStatus.GRADUATED:
            status = TeamStatus.ACTIVE
    return attrs.evolve(
        team,
        memberships=tuple(_membership_on(m, day) for m in team.memberships if m.joined_on <= day),
        graduation=graduation,
        status=status,
    )


def _barrier_on(barrier: Barrier, day: date) -> Barrier:
    if barrier.resolved_on is not None and barrier.resolved_on > day:
        return attrs.evolve(barrier, resolved_on=None)
    return barrier


def _initiative_on(initiative: Initiative, day: date) -> Initiative:
    barriers = tuple(
        _barrier_on(b, day) for b in initiative.barriers if b.since is None or b.since <= day
    )
    if barriers == initiative.barriers:
        return initiative
    return attrs.evolve(initiative, barriers=barriers)


def _flow_on(flow: ResourceFlow, day: date) -> ResourceFlow:
    if flow.until is not None and flow.until <= day and flow.status is not FlowStatus.ENDED:
        return attrs.evolve(flow, status=FlowStatus.ENDED)
    return flow


def arena_on(arena: Arena, day: date) -> Arena:
    """The arena as it stood on *day*: what began later is left out, what ended later is
    still running.

    Stakeholders active on *day*; ties, platforms, teams, initiatives, flows and cycles
    begun by then (ties that ended before *day* are kept as history; their ``until`` says
    so). Memberships, barriers and phase visits that ended after *day* are open again;
    graduations, reviews and artefacts dated after *day* are gone, and actions started
    after it are only committed. The arena records no date for abandoning or pausing a
    cycle: a cycle with records after *day* counts as active on *day*. Flows whose
    ``until`` has passed count as ended. Initiative maturity and flow status are as
    recorded (the arena keeps no history of them).

    Examples
    --------
    >>> from smice.io import load_arena
    >>> arena = load_arena("examples/arenas/tutorial.json")
    >>> len(arena_on(arena, arena.created_on).initiatives) <= len(arena.initiatives)
    True

    .. versionadded:: 0.1.0
    """
    return attrs.evolve(
        arena,
        stakeholders=tuple(s for s in arena.stakeholders if s.active_on(day)),
        ties=tuple(t for t in arena.ties if t.since is None or t.since <= day),
        platforms=tuple(p for p in arena.platforms if p.opened_on is None or p.opened_on <= day),
        teams=tuple(_team_on(t, day) for t in arena.teams if t.formed_on <= day),
        cycles=tuple(
            _cycle_on(c, day) for c in arena.cycles if c.history[0].entered_at.date() <= day
        ),
        initiatives=tuple(
            _initiative_on(i, day) for i in arena.initiatives if i.launched_on <= day
        ),
        flows=tuple(_flow_on(f, day) for f in arena.flows if f.since is None or f.since <= day),
    )
