"""Decomposing an arena into the journal of events whose replay gives it back.

:func:`events_from_arena` turns an :class:`~smice.domain.Arena` (for instance a legacy arena
document) into a chronological sequence of :class:`~smice.process.Event` s that
:func:`~smice.process.replay` folds back into exactly that arena. Every event is checked by
replaying the result; an arena that no sequence of events can produce (a phase advance whose
exit criteria fail, a field no event can express) raises
:class:`~smice.errors.ArenaNotReplayable` naming the place and the reason.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from typing import Any, Final

import attrs

from smice._types import CycleId
from smice.domain import (
    ARTEFACT_FIELDS,
    Arena,
    ArenaTemplate,
    Cycle,
    CycleStatus,
    InterviewProtocol,
    Membership,
    ProgressTeam,
    ReviewDecision,
    Stakeholder,
    TeamStatus,
)
from smice.errors import ArenaNotReplayable, EventRefused, pointer_from_path
from smice.process import registry
from smice.process.events import (
    ArenaCreated,
    ConsentRecorded,
    ConsentWithdrawn,
    CycleAbandoned,
    CyclePaused,
    CycleStarted,
    DestinyModeChosen,
    Event,
    MemberJoined,
    MemberLeft,
    PhaseRevisited,
    ProtocolDrafted,
    StakeholderLeft,
    SubcycleSpawned,
    TeamGraduated,
    TieEnded,
)
from smice.process.fold import Fold
from smice.process.machine import ARTEFACT_EVENTS, GUARDS, Machine, compile_plan, resolve_template

__all__ = ["events_from_arena"]


def _rank(kind: str) -> int:
    # Among events at the same instant: who goes first (lower first; the registry's ranks).
    return registry.REGISTRY[kind].rank


_FIELD_ORDER: Final = {name: n for n, name in enumerate(ARTEFACT_FIELDS)}
_DATE_FIELDS: Final = ("on", "committed_on", "approved_on")
_ENDED: Final = (CycleStatus.COMPLETED, CycleStatus.ABANDONED)


@attrs.frozen
class _Draft:
    """An event before its id: when, its tie-break rank, the element it comes from."""

    at: datetime
    rank: int
    key: tuple[Any, ...]
    type: str
    payload: Any
    element: str
    cycle: str | None = None


def _ptr(*path: str | int) -> str:
    return pointer_from_path(path)


def _day(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


class _Builder:
    """Collects drafts and the order constraints between them."""

    def __init__(self, arena: Arena, template: ArenaTemplate | None) -> None:
        self.arena = arena
        self.template = resolve_template(arena, template)
        self.drafts: list[_Draft] = []
        self.after: list[set[int]] = []  # after[i]: drafts that must precede draft i
        self.creation: dict[tuple[str, str], int] = {}  # (collection, id) -> draft

    def add(self, draft: _Draft, *, needs: tuple[int | None, ...] = ()) -> int:
        self.drafts.append(draft)
        self.after.append({n for n in needs if n is not None})
        return len(self.drafts) - 1

    def need(self, index: int, *others: int | None) -> None:
        self.after[index].update(n for n in others if n is not None and n != index)

    def created(self, collection: str, key: str | None) -> int | None:
        return None if key is None else self.creation.get((collection, key))

    def machine(self, cycle: Cycle) -> Machine:
        return compile_plan(self.template.phase_plan(cycle.variant))


# -- times ---------------------------------------------------------------------------------


def _references(arena: Arena, cycle_times: dict[str, datetime]) -> dict[str, datetime]:  # noqa: PLR0912
    """The earliest moment each stakeholder is referred to by some element."""
    first: dict[str, datetime] = {}

    def see(sid: str | None, at: datetime) -> None:
        if sid is not None and (sid not in first or at < first[sid]):
            first[sid] = at

    created = _day(arena.created_on)
    for platform in arena.platforms:
        see(platform.host, _day(platform.opened_on) if platform.opened_on else created)
    for team in arena.teams:
        formed = _day(team.formed_on)
        for sid in team.facilitators:
            see(sid, formed)
        for m in team.memberships:
            see(m.person, _day(m.joined_on))
        if team.graduation is not None:
            see(team.graduation.successor, _day(team.graduation.on))
    for cycle in arena.cycles:
        start = cycle.started_at
        for sid in cycle.core_team:
            see(sid, start)
        for _, _, artefact in cycle.artefacts():
            for name in ("interviewer", "interviewee", "person", "owner"):
                see(getattr(artefact, name, None), start)
            for name in ("approved_by", "members"):
                for sid in getattr(artefact, name, ()):
                    see(sid, start)
    for tie in arena.ties:
        at = _tie_time(arena, tie, cycle_times)
        see(tie.source, at)
        see(tie.target, at)
    for initiative in arena.initiatives:
        at = _day(initiative.launched_on)
        for sid in initiative.participants:
            see(sid, at)
    for flow in arena.flows:
        at = _day(flow.since) if flow.since else created
        for who in (flow.owner, flow.source, flow.target):
            see(who, at)
    return first


def _tie_time(arena: Arena, tie: Any, cycle_times: dict[str, datetime]) -> datetime:
    at = _day(tie.since) if tie.since is not None else _day(arena.created_on)
    if tie.cycle is not None and tie.cycle in cycle_times:
        at = max(at, cycle_times[tie.cycle])
    return at


# -- arena-level elements ------------------------------------------------------------------


def _stakeholders(b: _Builder, first: dict[str, datetime]) -> None:
    arena = b.arena
    created = _day(arena.created_on)
    when: dict[str, datetime] = {}
    for s in arena.stakeholders:
        own = _day(s.joined_on) if s.joined_on is not None else None
        seen = first.get(s.id)
        candidates = [t for t in (own, seen) if t is not None]
        when[s.id] = min(candidates) if candidates else created
    for s in arena.stakeholders:  # an employer joins no later than its employees
        if s.employer is not None and s.employer in when:
            when[s.employer] = min(when[s.employer], when[s.id])
    position = {s.id: j for j, s in enumerate(arena.stakeholders)}
    late = {
        s.id
        for j, s in enumerate(arena.stakeholders)
        if s.employer is not None and position.get(s.employer, -1) > j
    }
    previous: int | None = None
    for j, s in enumerate(arena.stakeholders):
        at = max(when[s.id], created)
        payload = attrs.evolve(s, consent=None, left_on=None)
        if s.id in late:  # the employer comes later in the arena's order: update then
            payload = attrs.evolve(payload, employer=None)
        rank = _rank("stakeholder_joined") - (0 if s.is_person else 1)  # organisations first
        index = b.add(
            _Draft(at, rank, (j,), "stakeholder_joined", payload, _ptr("stakeholders", j)),
            needs=(previous,),
        )
        b.creation[("stakeholders", s.id)] = index
        previous = index
    for j, s in enumerate(arena.stakeholders):
        if s.employer is None:
            continue
        boss = b.created("stakeholders", s.employer)
        if s.id in late and boss is not None:
            me = b.creation[("stakeholders", s.id)]
            update = b.add(
                _Draft(
                    max(b.drafts[me].at, b.drafts[boss].at),
                    _rank("stakeholder_joined"),
                    (j, 1),
                    "stakeholder_updated",
                    attrs.evolve(s, consent=None, left_on=None),
                    _ptr("stakeholders", j, "employer"),
                ),
                needs=(me, boss),
            )
            b.creation[("stakeholders", s.id)] = update
        else:
            b.need(b.creation[("stakeholders", s.id)], boss)
    for j, s in enumerate(arena.stakeholders):
        _consent_and_leaving(b, j, s, when[s.id])


def _consent_and_leaving(b: _Builder, j: int, s: Stakeholder, joined: datetime) -> None:
    own = b.creation[("stakeholders", s.id)]
    if s.consent is not None:
        consent = s.consent
        given = max(_day(consent.given_on), joined)
        recorded = b.add(
            _Draft(
                given,
                _rank("consent_recorded"),
                (j,),
                "consent_recorded",
                ConsentRecorded(
                    stakeholder=s.id, consent=attrs.evolve(consent, withdrawn_on=None)
                ),
                _ptr("stakeholders", j, "consent"),
            ),
            needs=(own,),
        )
        if consent.withdrawn_on is not None:
            b.add(
                _Draft(
                    max(_day(consent.withdrawn_on), given),
                    _rank("consent_withdrawn"),
                    (j,),
                    "consent_withdrawn",
                    ConsentWithdrawn(stakeholder=s.id, on=consent.withdrawn_on),
                    _ptr("stakeholders", j, "consent", "withdrawn_on"),
                ),
                needs=(recorded,),
            )
    if s.left_on is not None:
        b.add(
            _Draft(
                max(_day(s.left_on), joined),
                _rank("stakeholder_left"),
                (j,),
                "stakeholder_left",
                StakeholderLeft(stakeholder=s.id, on=s.left_on),
                _ptr("stakeholders", j, "left_on"),
            ),
            needs=(own,),
        )


def _platforms(b: _Builder, team_times: dict[str, datetime]) -> None:
    created = _day(b.arena.created_on)
    previous: int | None = None
    for j, p in enumerate(b.arena.platforms):
        at = _day(p.opened_on) if p.opened_on is not None else created
        for team in b.arena.teams:
            if team.platform == p.id:
                at = min(at, team_times[team.id])
        for cycle in b.arena.cycles:
            if cycle.platform == p.id:
                at = min(at, cycle.started_at)
        index = b.add(
            _Draft(
                max(at, created),
                _rank("platform_opened"),
                (j,),
                "platform_opened",
                p,
                _ptr("platforms", j),
            ),
            needs=(previous, b.created("stakeholders", p.host)),
        )
        b.creation[("platforms", p.id)] = index
        previous = index


def _team_times(arena: Arena) -> dict[str, datetime]:
    times: dict[str, datetime] = {}
    for team in arena.teams:
        at = _day(team.formed_on)
        for cycle in arena.cycles:
            if cycle.team == team.id:
                at = min(at, cycle.started_at)
        times[team.id] = max(at, _day(arena.created_on))
    return times


def _teams(b: _Builder, team_times: dict[str, datetime]) -> None:
    previous: int | None = None
    for j, team in enumerate(b.arena.teams):
        where = _ptr("teams", j)
        if team.status is TeamStatus.GRADUATED and team.graduation is None:
            raise ArenaNotReplayable(where + "/status", "a graduated team needs its graduation")
        if team.graduation is not None and team.status is not TeamStatus.GRADUATED:
            raise ArenaNotReplayable(
                where + "/graduation",
                f"'team_graduated' makes a team graduated, but its status is {team.status}",
            )
        closed = team.status is TeamStatus.CLOSED
        if closed and any(c.team == team.id for c in b.arena.cycles):
            raise ArenaNotReplayable(
                where + "/status",
                "no event closes a team, and a team formed closed cannot start cycles",
            )
        # Memberships up to the last one with extensions (all of them for a closed team)
        # travel in 'team_formed'; the rest join and leave through their own events.
        cut = len(team.memberships) if closed else 0
        for k, m in enumerate(team.memberships):
            if m.extensions:
                cut = k + 1
        status = TeamStatus.ACTIVE if team.status is TeamStatus.GRADUATED else team.status
        payload = attrs.evolve(
            team, memberships=team.memberships[:cut], status=status, graduation=None
        )
        people = [m.person for m in team.memberships[:cut]] + list(team.facilitators)
        index = b.add(
            _Draft(team_times[team.id], _rank("team_formed"), (j,), "team_formed", payload, where),
            needs=(
                previous,
                b.created("platforms", team.platform),
                *(b.created("stakeholders", sid) for sid in people),
            ),
        )
        b.creation[("teams", team.id)] = index
        previous = index
        _memberships(b, j, team, cut, index)


def _memberships(b: _Builder, j: int, team: ProgressTeam, cut: int, formed: int) -> None:
    previous = formed
    floor = b.drafts[formed].at
    for k in range(cut, len(team.memberships)):
        m: Membership = team.memberships[k]
        floor = max(floor, _day(m.joined_on))
        joined = b.add(
            _Draft(
                floor,
                _rank("member_joined"),
                (j, k),
                "member_joined",
                MemberJoined(team=team.id, person=m.person, on=m.joined_on),
                _ptr("teams", j, "memberships", k),
            ),
            needs=(previous, b.created("stakeholders", m.person)),
        )
        b.creation[("membership", f"{team.id}/{k}")] = joined
        previous = joined
        if m.left_on is not None:
            b.add(
                _Draft(
                    max(_day(m.left_on), floor),
                    _rank("member_left"),
                    (j, k),
                    "member_left",
                    MemberLeft(team=team.id, person=m.person, on=m.left_on),
                    _ptr("teams", j, "memberships", k, "left_on"),
                ),
                needs=(joined,),
            )


def _graduations(b: _Builder) -> None:
    for j, team in enumerate(b.arena.teams):
        if team.graduation is None:
            continue
        needs = [b.created("teams", team.id), b.created("stakeholders", team.graduation.successor)]
        needs += [
            v
            for (kind, key), v in b.creation.items()
            if kind == "membership" and key.startswith(team.id + "/")
        ]
        needs += [b.created("cycles", c.id) for c in b.arena.cycles if c.team == team.id]
        at = max([_day(team.graduation.on), *(b.drafts[n].at for n in needs if n is not None)])
        b.add(
            _Draft(
                at,
                _rank("team_graduated"),
                (j,),
                "team_graduated",
                TeamGraduated(team=team.id, graduation=team.graduation),
                _ptr("teams", j, "graduation"),
            ),
            needs=tuple(needs),
        )


def _ties(b: _Builder, cycle_times: dict[str, datetime]) -> None:
    previous: int | None = None
    for j, tie in enumerate(b.arena.ties):
        at = _tie_time(b.arena, tie, cycle_times)
        index = b.add(
            _Draft(
                at,
                _rank("tie_observed"),
                (j,),
                "tie_observed",
                attrs.evolve(tie, until=None),
                _ptr("ties", j),
            ),
            needs=(
                previous,
                b.created("stakeholders", tie.source),
                b.created("stakeholders", tie.target),
                b.created("cycles", tie.cycle),
            ),
        )
        previous = index
        if tie.until is not None:
            b.add(
                _Draft(
                    max(_day(tie.until), at),
                    _rank("tie_ended"),
                    (j,),
                    "tie_ended",
                    TieEnded(tie=tie.id, on=tie.until),
                    _ptr("ties", j, "until"),
                ),
                needs=(index,),
            )


def _initiatives(b: _Builder) -> None:
    previous: int | None = None
    for j, initiative in enumerate(b.arena.initiatives):
        needs = [
            previous,
            b.created("cycles", initiative.cycle),
            b.created("teams", initiative.team),
        ]
        needs += [b.created("stakeholders", sid) for sid in initiative.participants]
        at = max(
            [_day(initiative.launched_on), *(b.drafts[n].at for n in needs[1:3] if n is not None)]
        )
        previous = b.add(
            _Draft(
                at,
                _rank("initiative_launched"),
                (j,),
                "initiative_launched",
                initiative,
                _ptr("initiatives", j),
            ),
            needs=tuple(needs),
        )


def _flows(b: _Builder) -> None:
    created = _day(b.arena.created_on)
    previous: int | None = None
    for j, flow in enumerate(b.arena.flows):
        at = _day(flow.since) if flow.since is not None else created
        previous = b.add(
            _Draft(
                max(at, created),
                _rank("resource_flow_changed"),
                (j,),
                "resource_flow_changed",
                flow,
                _ptr("flows", j),
            ),
            needs=(
                previous,
                *(b.created("stakeholders", s) for s in (flow.owner, flow.source, flow.target)),
            ),
        )


# -- cycles ----------------------------------------------------------------------------------


@attrs.frozen
class _Step:
    """One event of a cycle's own sequence, placed in a phase visit."""

    visit: int
    at: datetime
    order: tuple[Any, ...]
    type: str
    payload: Any
    element: str
    cycle: str


def _artefact_date(artefact: Any) -> datetime | None:
    for name in _DATE_FIELDS:
        value = getattr(artefact, name, None)
        if isinstance(value, date):
            return _day(value)
    return None


def _dependencies(artefact: Any, ids: frozenset[str]) -> Iterator[str]:
    for field in attrs.fields(type(artefact)):
        if field.name in ("id", "extensions"):
            continue
        value = getattr(artefact, field.name)
        if isinstance(value, str) and value in ids:
            yield value
        elif isinstance(value, tuple):
            yield from (v for v in value if isinstance(v, str) and v in ids)


class _CyclePlan:
    """The sequence of one cycle's events, placed in its recorded phase visits."""

    def __init__(self, b: _Builder, j: int, cycle: Cycle) -> None:
        self.b, self.j, self.cycle = b, j, cycle
        self.machine = b.machine(cycle)
        self.where = _ptr("cycles", j)
        self.visits = cycle.history
        self.steps: list[_Step] = []
        self.forced: dict[tuple[str, int | None], tuple[int, datetime]] = {}

    def left(self, k: int) -> datetime | None:
        if k + 1 < len(self.visits):
            return self.visits[k + 1].entered_at
        if self.cycle.status in _ENDED:  # the last visit is left when the cycle ends
            return self.visits[k].left_at
        return None

    def build(self) -> list[_Step]:
        self._check_visits()
        self._moves()
        self._ending()
        self._artefacts()
        self._mode()
        return sorted(self.steps, key=lambda s: (s.visit, s.at, s.order))

    def _check_visits(self) -> None:
        for k, visit in enumerate(self.visits):
            where = f"{self.where}/history/{k}"
            if visit.extensions:
                raise ArenaNotReplayable(
                    where + "/extensions", "no event carries the extensions of a phase visit"
                )
            if visit.phase not in self.machine.phases:
                raise ArenaNotReplayable(
                    where + "/phase",
                    f"the {self.cycle.variant} plan has no phase {visit.phase!r}",
                )
            following = self.left(k)
            if following is not None and visit.left_at != following:
                raise ArenaNotReplayable(
                    where + "/left_at",
                    f"a phase is left when the next is entered ({following.isoformat()}), "
                    f"got {visit.left_at.isoformat() if visit.left_at else 'none'}",
                )
        if self.visits[0].reason is not None:
            raise ArenaNotReplayable(
                f"{self.where}/history/0/reason", "the first visit of a cycle is not a revisit"
            )
        if self.visits[0].phase != self.machine.plan.initial:
            raise ArenaNotReplayable(
                f"{self.where}/history/0/phase",
                f"a {self.cycle.variant} cycle starts in {self.machine.plan.initial!r}",
            )

    def _add(  # noqa: PLR0917
        self,
        visit: int,
        at: datetime,
        order: tuple[Any, ...],
        kind: str,
        payload: Any,
        element: str,
    ) -> None:
        self.steps.append(_Step(visit, at, order, kind, payload, element, self.cycle.id))

    def _moves(self) -> None:
        for k in range(1, len(self.visits)):
            visit, before = self.visits[k], self.visits[k - 1].phase
            where = f"{self.where}/history/{k}"
            if visit.reason is not None:
                self._add(
                    k - 1,
                    visit.entered_at,
                    (3,),
                    "phase_revisited",
                    PhaseRevisited(phase=visit.phase, reason=visit.reason),
                    where,
                )
                continue
            options = self.machine.transitions.get((before, "phase_advanced"), ())
            if any(t.target == visit.phase for t in options):
                self._add(k - 1, visit.entered_at, (3,), "phase_advanced", None, where)
                continue
            self._force_trigger(k, before, visit.phase, where)

    def _force_trigger(self, k: int, before: str, phase: str, where: str) -> None:
        """The move into visit *k* follows an artefact event (e.g. a review deciding to
        continue): place the first matching artefact last in visit k-1, at the move."""
        for (source, kind), options in self.machine.transitions.items():
            if source != before or kind == "phase_advanced":
                continue
            field = next((f for f, e in ARTEFACT_EVENTS.items() if e == kind), None)
            for t in options:
                if t.target != phase or field is None or field not in _FIELD_ORDER:
                    continue
                value = getattr(self.cycle, field)
                items = list(enumerate(value)) if isinstance(value, tuple) else [(None, value)]
                for index, artefact in items:
                    if artefact is None or (field, index) in self.forced:
                        continue
                    probe = Event(
                        type=kind,
                        id="probe",
                        at=self.visits[k].entered_at,
                        recorded_by="probe",
                        payload=artefact,
                        cycle=self.cycle.id,
                    )
                    if t.guard is None or GUARDS[t.guard](self.cycle, probe):
                        self.forced[(field, index)] = (k - 1, self.visits[k].entered_at)
                        return
        raise ArenaNotReplayable(
            where,
            f"the {self.cycle.variant} plan has no way from {before!r} to {phase!r} (no "
            "'phase_advanced' transition, no reason for a revisit, no artefact that moves it)",
        )

    def _ending(self) -> None:
        cycle, last = self.cycle, len(self.visits) - 1
        if cycle.end_reason is not None and cycle.status is not CycleStatus.ABANDONED:
            raise ArenaNotReplayable(
                f"{self.where}/end_reason",
                f"only an abandoned cycle has one; this one is {cycle.status}",
            )
        if cycle.status is CycleStatus.COMPLETED:
            phase = self.machine.phases[self.visits[-1].phase]
            ends = [
                i for i, r in enumerate(cycle.reviews) if r.decision is not ReviewDecision.CONTINUE
            ]
            if not phase.terminal or not ends or ends[-1] != len(cycle.reviews) - 1:
                raise ArenaNotReplayable(
                    f"{self.where}/status",
                    "a cycle completes with a last review (deciding other than 'continue') "
                    f"recorded in a terminal phase; found phase {phase.id!r} and "
                    f"{len(cycle.reviews)} reviews",
                )
            self.forced[("reviews", len(cycle.reviews) - 1)] = (last, self._ended_at(last))
        elif cycle.status is CycleStatus.ABANDONED:
            self._ended_at(last)
        elif self.visits[-1].left_at is not None:
            raise ArenaNotReplayable(
                f"{self.where}/history/{last}/left_at",
                f"the current phase of a {cycle.status} cycle has not been left",
            )

    def _ended_at(self, last: int) -> datetime:
        """When the completed or abandoned cycle ended: when its last visit was left."""
        left = self.visits[last].left_at
        if left is None:
            raise ArenaNotReplayable(
                f"{self.where}/history/{last}/left_at",
                f"the current phase of a {self.cycle.status} cycle is left when the cycle "
                "ends, got none",
            )
        return left

    def _final_steps(self) -> None:
        cycle, last = self.cycle, len(self.visits) - 1
        end = max([self.visits[-1].entered_at, *(s.at for s in self.steps)])
        if cycle.status is CycleStatus.ABANDONED:
            if cycle.end_reason is None:
                raise ArenaNotReplayable(
                    f"{self.where}/end_reason",
                    "an abandoned cycle needs the reason it was given up",
                )
            at = self._ended_at(last)
            if at < end:
                raise ArenaNotReplayable(
                    f"{self.where}/history/{last}/left_at",
                    f"the cycle is abandoned when its last visit is left ({at.isoformat()}), "
                    f"but it has events until {end.isoformat()}",
                )
            self._add(
                last,
                at,
                (9,),
                "cycle_abandoned",
                CycleAbandoned(reason=cycle.end_reason),
                f"{self.where}/status",
            )
        elif cycle.status is CycleStatus.PAUSED:
            self._add(last, end, (9,), "cycle_paused", CyclePaused(), f"{self.where}/status")

    def _artefacts(self) -> None:
        cycle = self.cycle
        ids = cycle.artefact_ids()
        placed: dict[str, tuple[int, datetime]] = {}
        for field in ARTEFACT_FIELDS:
            value = getattr(cycle, field)
            if value is None:
                continue
            kind = ARTEFACT_EVENTS[field]
            allowed = [
                k
                for k, v in enumerate(self.visits)
                if kind in self.machine.artefact_events.get(v.phase, frozenset())
            ]
            items = list(enumerate(value)) if isinstance(value, tuple) else [(None, value)]
            floor = (0, cycle.started_at)
            for index, artefact in items:
                where = f"{self.where}/{field}" + ("" if index is None else f"/{index}")
                low_v, low_t = floor
                for dep in _dependencies(artefact, ids):
                    if dep in placed:
                        low_v, low_t = max(low_v, placed[dep][0]), max(low_t, placed[dep][1])
                forced = self.forced.get((field, index))
                if forced is not None:
                    if forced < (low_v, low_t):
                        raise ArenaNotReplayable(
                            where,
                            "it must end the phase it is recorded in, but artefacts "
                            "it follows come later",
                        )
                    visit, at, order = forced[0], forced[1], (8, _FIELD_ORDER[field], index)
                else:
                    visit, at = self._place(allowed, low_v, low_t, artefact, where, kind)
                    order = (5, _FIELD_ORDER[field], index or 0)
                placed[artefact.id] = (visit, at)
                floor = (visit, at)
                if field == "protocol" and artefact.approved_on is None:
                    self._add(visit, at, order, *self._draft(artefact, where), where)
                else:
                    self._add(visit, at, order, kind, artefact, where)

    def _draft(self, protocol: InterviewProtocol, where: str) -> tuple[str, ProtocolDrafted]:
        """The ``protocol_drafted`` event of a protocol not yet approved."""
        if protocol.approved_by:
            raise ArenaNotReplayable(
                where + "/approved_by",
                "a protocol is approved by 'protocol_approved', which records the day; this "
                "one has approvers but no 'approved_on'",
            )
        payload = ProtocolDrafted(
            id=protocol.id, questions=protocol.questions, extensions=protocol.extensions
        )
        return "protocol_drafted", payload

    def _open_at(self, k: int, at: datetime) -> bool:
        end = self.left(k)
        return end is None or end >= at

    def _place(  # noqa: PLR0917
        self, allowed: list[int], low_v: int, low_t: datetime, artefact: Any, where: str, kind: str
    ) -> tuple[int, datetime]:
        options = [k for k in allowed if k >= low_v and self._open_at(k, low_t)]
        if not options:
            phases = sorted(p for p, e in self.machine.artefact_events.items() if kind in e)
            raise ArenaNotReplayable(
                where,
                f"{kind!r} belongs to phase {' or '.join(phases) or '(none)'} of the "
                f"{self.cycle.variant} plan, which cycle {self.cycle.id!r} did not visit "
                "when (or after) what it rests on was made",
            )
        wanted = _artefact_date(artefact)
        visit = options[0]
        if wanted is not None:
            later = [k for k in options if self._open_at(k, wanted)]
            visit = later[0] if later else options[-1]
        at = max(low_t, self.visits[visit].entered_at, wanted or low_t)
        end = self.left(visit)
        if end is not None and at > end:
            at = end
        return visit, at

    def _mode(self) -> None:
        if self.cycle.destiny_mode is None:
            return
        actions = [
            k
            for k, v in enumerate(self.visits)
            if "action_committed" in self.machine.artefact_events.get(v.phase, ())
        ]
        if not actions:
            raise ArenaNotReplayable(
                f"{self.where}/destiny_mode",
                "the destiny mode is chosen in the phase of actions, which the cycle never "
                "entered",
            )
        k = actions[0]
        self._add(
            k,
            self.visits[k].entered_at,
            (1,),
            "destiny_mode_chosen",
            DestinyModeChosen(mode=self.cycle.destiny_mode),
            f"{self.where}/destiny_mode",
        )


def _cycles(b: _Builder) -> None:
    arena = b.arena
    plans = {c.id: _CyclePlan(b, j, c) for j, c in enumerate(arena.cycles)}
    sequences = {cid: plan.build() for cid, plan in plans.items()}
    # Sub-cycles start by an event of their parent, placed in the parent's sequence.
    spawns: dict[str, _Step] = {}
    for j, cycle in enumerate(arena.cycles):
        if cycle.parent is None:
            continue
        parent = plans.get(cycle.parent)
        where = _ptr("cycles", j, "parent")
        if parent is None:
            raise ArenaNotReplayable(where, f"no cycle {cycle.parent!r} in the arena")
        start = cycle.started_at
        inside = [
            k
            for k, v in enumerate(parent.visits)
            if v.entered_at <= start
            and (parent.left(k) is None or start <= parent.left(k))  # type: ignore[operator]
            and "action_committed" in parent.machine.artefact_events.get(v.phase, ())
        ]
        if not inside:
            raise ArenaNotReplayable(
                where,
                f"a sub-cycle is spawned in the phase of actions of its parent, which "
                f"{cycle.parent!r} was not in on {start.isoformat()}",
            )
        step_ = _Step(
            inside[-1],
            start,
            (6, j),
            "subcycle_spawned",
            SubcycleSpawned(
                subcycle=cycle.id,
                variant=cycle.variant,
                team=cycle.team,
                platform=cycle.platform,
                core_team=cycle.core_team,
            ),
            _ptr("cycles", j),
            cycle.parent,
        )
        spawns[cycle.id] = step_
        seq = sequences[cycle.parent]
        seq.append(step_)
        seq.sort(key=lambda s: (s.visit, s.at, s.order))
    for plan in plans.values():
        plan.steps = sequences[plan.cycle.id]
        plan._final_steps()
        sequences[plan.cycle.id] = sorted(plan.steps, key=lambda s: (s.visit, s.at, s.order))
    # Creation events, in the arena's order of cycles.
    creation: dict[str, _Step] = {}
    for j, cycle in enumerate(arena.cycles):
        creation[cycle.id] = spawns.get(cycle.id) or _Step(
            0,
            cycle.started_at,
            (0,),
            "cycle_started",
            CycleStarted(
                variant=cycle.variant,
                team=cycle.team,
                platform=cycle.platform,
                core_team=cycle.core_team,
            ),
            _ptr("cycles", j),
            cycle.id,
        )
    index_of: dict[int, int] = {}
    order: dict[str, int] = {c.id: j for j, c in enumerate(arena.cycles)}
    rank = _rank("cycle_started")

    def draft(s: _Step) -> int:
        key = id(s)
        if key not in index_of:
            index_of[key] = b.add(
                _Draft(
                    s.at, rank, (order[s.cycle], *s.order), s.type, s.payload, s.element, s.cycle
                )
            )
        return index_of[key]

    previous_creation: int | None = None
    for cycle in arena.cycles:
        c = creation[cycle.id]
        n = draft(c)
        b.creation[("cycles", cycle.id)] = n
        b.need(
            n,
            previous_creation,
            b.created("teams", cycle.team),
            b.created("platforms", cycle.platform),
            *(b.created("stakeholders", sid) for sid in cycle.core_team),
        )
        previous_creation = n
    for cycle in arena.cycles:
        previous = b.creation[("cycles", cycle.id)]
        for s in sequences[cycle.id]:
            n = draft(s)
            b.need(n, previous, *_people(b, s.payload))
            if s.type == "subcycle_spawned":
                b.need(b.creation[("cycles", s.payload.subcycle)], n)
            previous = n
        for s in sequences[cycle.id]:
            if s.at < b.drafts[b.creation[("cycles", cycle.id)]].at:
                raise ArenaNotReplayable(s.element, "recorded before its cycle started")


def _people(b: _Builder, payload: Any) -> Iterator[int | None]:
    for name in ("interviewer", "interviewee", "person", "owner"):
        yield b.created("stakeholders", getattr(payload, name, None))
    for name in ("approved_by", "members", "core_team"):
        for sid in getattr(payload, name, ()) or ():
            yield b.created("stakeholders", sid)


# -- ordering, ids and the check -----------------------------------------------------------


def _ordered(b: _Builder) -> list[int]:
    """Drafts in time order, as far as the constraints between them allow."""
    count = len(b.drafts)
    waiting = [len(deps) for deps in b.after]
    followers: list[list[int]] = [[] for _ in range(count)]
    for i, deps in enumerate(b.after):
        for d in deps:
            followers[d].append(i)

    def key(i: int) -> tuple[Any, ...]:
        d = b.drafts[i]
        return (d.at.astimezone(UTC), d.rank, d.key, i)

    ready = [key(i) for i in range(count) if waiting[i] == 0]
    heapq.heapify(ready)
    result: list[int] = []
    while ready:
        i = heapq.heappop(ready)[-1]
        result.append(i)
        for f in followers[i]:
            waiting[f] -= 1
            if waiting[f] == 0:
                heapq.heappush(ready, key(f))
    if len(result) != count:  # pragma: no cover - the constraints point back in the arena
        raise ArenaNotReplayable("", "its elements depend on each other in a circle")
    return result


def _difference(
    left: Any, right: Any, path: tuple[str | int, ...]
) -> tuple[str | int, ...] | None:
    if type(left) is not type(right):
        return path
    if attrs.has(type(left)):
        for field in attrs.fields(type(left)):
            found = _difference(
                getattr(left, field.name), getattr(right, field.name), (*path, field.name)
            )
            if found is not None:
                return found
        return None
    if isinstance(left, tuple):
        for n, (a, c) in enumerate(zip(left, right, strict=False)):
            found = _difference(a, c, (*path, n))
            if found is not None:
                return found
        return None if len(left) == len(right) else (*path, min(len(left), len(right)))
    return None if left == right else path


def events_from_arena(
    arena: Arena, *, template: ArenaTemplate | None = None, recorded_by: str = "smice-import"
) -> tuple[Event, ...]:
    """The chronological events whose :func:`~smice.process.replay` gives exactly *arena*.

    The journal opens with ``arena_created`` (regions included) and then, in time order,
    stakeholders join (on their ``joined_on``, or earlier when something refers to them
    before), consents are recorded and withdrawn, platforms open, teams form, members join and
    leave, cycles start (sub-cycles are spawned by their parent) and move through their
    recorded phase visits with their artefacts, reviews, pauses and abandonment, teams
    graduate, ties are observed and end, initiatives launch and resource flows change.

    Dates become midnight UTC; phase visits keep their recorded times. An artefact goes to the
    visit of its phase that its date falls in (undated ones to the first visit after what they
    rest on). Within each collection the events follow the arena's order, so where that order
    is not chronological an event may carry an earlier ``at`` than the one before it (never
    within a cycle). An action is committed with its recorded status, and a membership with
    extensions travels in ``team_formed`` (an arena does not record the days these changed).

    Parameters
    ----------
    arena : Arena
    template : ArenaTemplate, optional
        The arena's template (default: the bundled template ``arena.template`` names).
    recorded_by : str
        The ``recorded_by`` of every event.

    Returns
    -------
    tuple of Event
        Ids ``e-000001``, ``e-000002``, ... in order; the same arena always gives the same
        events.

    Raises
    ------
    ArenaNotReplayable
        When no sequence of events can produce *arena* under its template (a phase advance
        whose exit criteria fail, an element no event can express), naming the element
        (as an RFC 6901 pointer) and the reason.

    Examples
    --------
    >>> from smice.process import replay
    >>> from smice.examples import demo_arena
    >>> arena = demo_arena()
    >>> events = events_from_arena(arena)
    >>> [e.type for e in events][:3]
    ['arena_created', 'stakeholder_joined', 'stakeholder_joined']
    >>> replay(events) == arena
    True

    .. versionadded:: 0.1.0
    """
    b = _Builder(arena, template)
    cycle_times: dict[str, datetime] = {c.id: c.started_at for c in arena.cycles}
    team_times = _team_times(arena)
    first = _references(arena, cycle_times)
    for team in arena.teams:  # facilitators and founding members appear when a team forms
        for sid in (*team.facilitators, *(m.person for m in team.memberships)):
            first[sid] = min(first.get(sid, team_times[team.id]), team_times[team.id])
    start = b.add(
        _Draft(
            _day(arena.created_on),
            0,
            (),
            "arena_created",
            ArenaCreated(
                id=arena.id,
                name=arena.name,
                template=arena.template,
                created_on=arena.created_on,
                languages=arena.languages,
                levels=arena.levels,
                regions=arena.regions,
                extensions=arena.extensions,
            ),
            "",
        )
    )
    _stakeholders(b, first)
    _platforms(b, team_times)
    _teams(b, team_times)
    _cycles(b)
    _graduations(b)
    _ties(b, cycle_times)
    _initiatives(b)
    _flows(b)
    earliest = min(d.at for d in b.drafts)
    b.drafts[start] = attrs.evolve(b.drafts[start], at=min(earliest, b.drafts[start].at))
    for i in range(len(b.drafts)):
        if i != start:
            b.need(i, start)
    order = _ordered(b)
    events = tuple(
        Event(
            type=d.type,
            id=f"e-{n:06d}",
            at=d.at,
            recorded_by=recorded_by,
            payload=d.payload,
            cycle=CycleId(d.cycle) if d.cycle is not None else None,
        )
        for n, d in enumerate((b.drafts[i] for i in order), start=1)
    )
    _check(arena, template, events, [b.drafts[i].element for i in order])
    return events


def _check(
    arena: Arena, template: ArenaTemplate | None, events: tuple[Event, ...], elements: list[str]
) -> None:
    fold = Fold(template=template)
    for event, element in zip(events, elements, strict=True):
        try:
            fold.apply(event)
        except EventRefused as refused:
            reasons = "; ".join(r.message for r in refused.reasons)
            raise ArenaNotReplayable(
                element,
                f"its {event.type!r} event on {event.at.isoformat()} is refused: {reasons}",
            ) from None
    replayed = fold.arena
    if replayed != arena:
        path = _difference(arena, replayed, ()) or ()
        raise ArenaNotReplayable(
            pointer_from_path(path),
            "no event can make it as recorded: the replayed journal gives "
            f"{_at(replayed, path)!r} instead of {_at(arena, path)!r}",
        )


def _at(value: Any, path: tuple[str | int, ...]) -> Any:
    for token in path:
        if isinstance(token, int):
            value = value[token] if token < len(value) else None
        else:
            value = getattr(value, token, None)
    return value
