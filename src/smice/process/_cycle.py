"""Handlers of the events that concern one cycle: start, artefacts, phase moves, status."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Final

import attrs

from smice.domain import (
    Action,
    ActionStatus,
    ActionTeam,
    ConsentScope,
    Cycle,
    CycleStatus,
    DreamStatement,
    Endorsement,
    Interview,
    InterviewProtocol,
    PhaseVisit,
    PositiveCoreMap,
    Proposition,
    Review,
    ReviewDecision,
    Story,
    Target,
    TeamStatus,
    Theme,
    Topic,
)
from smice.errors import EventRefused, NotFound
from smice.process.apply import Working, refuse
from smice.process.criteria import Refusal, active_members, evaluate
from smice.process.events import (
    CoreTeamSet,
    CycleAbandoned,
    CycleStarted,
    DestinyModeChosen,
    Event,
    PhaseRevisited,
    StatusChanged,
    SubcycleSpawned,
)
from smice.process.machine import Machine

__all__ = ["cycle_event"]


def _ids(w: Working, cycle: Cycle) -> set[str]:
    found = w.cycle_ids.get(cycle.id)
    if found is None:
        found = w.cycle_ids[cycle.id] = set(cycle.artefact_ids())
    return found


def _known(
    e: Event, values: Iterable[str | None], present: Iterable[Any], field: str, what: str
) -> None:
    ids = {item.id for item in present}
    for value in values:
        if value is not None and value not in ids:
            refuse(
                e,
                Refusal(
                    code="unknown_id",
                    message=f"{field}: expected the id of a {what} of "
                    f"cycle {e.cycle!r}, got {value!r}",
                ),
            )


def _owner(w: Working, e: Event, team: str | None, platform: str | None) -> None:
    if (team is None) == (platform is None):
        refuse(e, Refusal(code="owner", message="expected exactly one of 'team' and 'platform'"))
    if team is not None:
        found = w.need(e, "teams", team, "payload/team")
        if found.status in (TeamStatus.GRADUATED, TeamStatus.CLOSED):
            refuse(e, Refusal(code="state", message=f"team {team!r} is {found.status}"))
    w.need(e, "platforms", platform, "payload/platform")


def _new_cycle(
    w: Working,
    e: Event,
    *,
    cid: str,
    variant: Any,
    team: str | None,
    platform: str | None,
    core: tuple[str, ...],
    parent: str | None,
) -> None:
    w.need_new(e, "cycles", cid)
    _owner(w, e, team, platform)
    try:
        machine = w.machine(variant)
    except NotFound as missing:
        refuse(e, Refusal(code="template", message=str(missing)))
    for j, sid in enumerate(core):
        w.need_person(e, sid, f"payload/core_team/{j}")
    cycle = Cycle(
        id=cid,  # type: ignore[arg-type]
        variant=variant,
        team=team,  # type: ignore[arg-type]
        platform=platform,  # type: ignore[arg-type]
        parent=parent,  # type: ignore[arg-type]
        core_team=core,  # type: ignore[arg-type]
        history=(PhaseVisit(phase=machine.plan.initial, entered_at=e.at),),
    )
    w.put("cycles", cycle)


def _started(w: Working, e: Event) -> None:
    p = e.payload
    assert isinstance(p, CycleStarted)
    assert e.cycle is not None
    _new_cycle(
        w,
        e,
        cid=e.cycle,
        variant=p.variant,
        team=p.team,
        platform=p.platform,
        core=p.core_team,
        parent=None,
    )


def _spawned(w: Working, e: Event, cycle: Cycle, p: SubcycleSpawned) -> Cycle:
    team, platform = p.team, p.platform
    if team is None and platform is None:
        team, platform = cycle.team, cycle.platform
    _new_cycle(
        w,
        e,
        cid=p.subcycle,
        variant=p.variant,
        team=team,
        platform=platform,
        core=p.core_team,
        parent=cycle.id,
    )
    return cycle


def _move(cycle: Cycle, target: str, at: Any, reason: str | None = None) -> Cycle:
    last = attrs.evolve(cycle.history[-1], left_at=at)
    visit = PhaseVisit(phase=target, entered_at=at, reason=reason)
    return attrs.evolve(cycle, history=(*cycle.history[:-1], last, visit))


def _advanced(w: Working, e: Event, cycle: Cycle, machine: Machine) -> Cycle:
    transition = machine.next_transition(cycle, e)
    if transition is None:
        refuse(
            e,
            Refusal(
                code="no_transition",
                message=f"cannot advance cycle {cycle.id!r} from {cycle.phase!r}: the "
                f"{cycle.variant} plan has no next phase",
            ),
        )
    phase = machine.phases[cycle.phase]
    failing = [r for r in (evaluate(spec, w, cycle) for spec in phase.criteria) if not r.passed]
    if failing:
        raise_failing(e, failing)
    return _move(cycle, transition.target, e.at)


def raise_failing(e: Event, failing: list[Any]) -> None:
    """Refuse *e* with the failing criterion results as reasons."""
    raise EventRefused(e.type, failing)


def _revisited(w: Working, e: Event, cycle: Cycle, p: PhaseRevisited) -> Cycle:
    visited = {v.phase for v in cycle.history}
    if p.phase == cycle.phase or p.phase not in visited:
        earlier = sorted(visited - {cycle.phase})
        refuse(
            e,
            Refusal(
                code="wrong_phase",
                message=f"payload/phase: expected a phase cycle {cycle.id!r} visited before "
                f"({', '.join(earlier) or 'none'}), got {p.phase!r}",
            ),
        )
    return _move(cycle, p.phase, e.at, p.reason)


def _members_check(w: Working, e: Event, cycle: Cycle, sid: str, field: str) -> None:
    members = set(active_members(w, cycle)) | set(cycle.core_team)
    if sid not in members:
        owner = f"team {cycle.team!r}" if cycle.team else f"the core team of {cycle.id!r}"
        refuse(
            e,
            Refusal(code="not_a_member", message=f"{field}: {sid!r} is not a member of {owner}"),
        )


def _core(w: Working, e: Event, cycle: Cycle, p: CoreTeamSet) -> Cycle:
    members = set(w.team(cycle.team).current_members) if cycle.team else None
    for j, sid in enumerate(p.members):
        w.need_person(e, sid, f"payload/members/{j}")
        if members is not None and sid not in members:
            refuse(
                e,
                Refusal(
                    code="not_a_member",
                    message=f"payload/members/{j}: {sid!r} is not a member of team {cycle.team!r}",
                ),
            )
    return attrs.evolve(cycle, core_team=tuple(dict.fromkeys(p.members)))


def _topic(w: Working, e: Event, cycle: Cycle, p: Topic) -> Cycle:
    return attrs.evolve(cycle, topics=(*cycle.topics, p))


def _protocol(w: Working, e: Event, cycle: Cycle, p: InterviewProtocol) -> Cycle:
    if p.approved_on is None:
        refuse(
            e,
            Refusal(
                code="missing",
                message="payload/approved_on: expected the day of approval, got none",
            ),
        )
    for j, sid in enumerate(p.approved_by):
        w.need_person(e, sid, f"payload/approved_by/{j}")
    return attrs.evolve(cycle, protocol=p)


def _interview(w: Working, e: Event, cycle: Cycle, p: Interview) -> Cycle:
    w.need(e, "stakeholders", p.interviewer, "payload/interviewer")
    w.need(e, "stakeholders", p.interviewee, "payload/interviewee")
    if p.interviewer == p.interviewee:
        refuse(e, Refusal(code="loop", message="an interview needs two different people"))
    _members_check(w, e, cycle, p.interviewer, "payload/interviewer")
    w.need_consent(e, p.interviewer, "payload/interviewer")
    w.need_consent(e, p.interviewee, "payload/interviewee")
    if p.summary is not None:
        w.need_consent(e, p.interviewee, "payload/interviewee", ConsentScope.INTERVIEW_TEXT)
    _known(e, p.topics, cycle.topics, "payload/topics", "topic")
    _dated(e, cycle, p.on, "payload/on")
    return attrs.evolve(cycle, interviews=(*cycle.interviews, p))


def _dated(e: Event, cycle: Cycle, day: Any, field: str) -> None:
    start = cycle.started_at.date()
    if day is not None and day < start:
        refuse(
            e,
            Refusal(
                code="order",
                message=f"{field}: an artefact cannot predate its cycle ({day.isoformat()} is "
                f"before {start.isoformat()})",
            ),
        )


def _story(w: Working, e: Event, cycle: Cycle, p: Story) -> Cycle:
    _known(e, (p.interview,), cycle.interviews, "payload/interview", "interview")
    _known(e, p.topics, cycle.topics, "payload/topics", "topic")
    if p.text is not None and p.interview is not None:
        teller = next(i.interviewee for i in cycle.interviews if i.id == p.interview)
        w.need_consent(e, teller, "payload/interview", ConsentScope.INTERVIEW_TEXT)
    return attrs.evolve(cycle, stories=(*cycle.stories, p))


def _theme(w: Working, e: Event, cycle: Cycle, p: Theme) -> Cycle:
    _known(e, p.stories, cycle.stories, "payload/stories", "story")
    return attrs.evolve(cycle, themes=(*cycle.themes, p))


def _positive_core(w: Working, e: Event, cycle: Cycle, p: PositiveCoreMap) -> Cycle:
    _known(e, p.themes, cycle.themes, "payload/themes", "theme")
    _dated(e, cycle, p.on, "payload/on")
    return attrs.evolve(cycle, positive_core=p)


def _dream(w: Working, e: Event, cycle: Cycle, p: DreamStatement) -> Cycle:
    _known(e, (p.topic,), cycle.topics, "payload/topic", "topic")
    _dated(e, cycle, p.on, "payload/on")
    return attrs.evolve(cycle, dreams=(*cycle.dreams, p))


def _endorsement(w: Working, e: Event, cycle: Cycle, p: Endorsement) -> Cycle:
    _known(e, (p.dream,), cycle.dreams, "payload/dream", "dream statement")
    w.need_person(e, p.person, "payload/person")
    _members_check(w, e, cycle, p.person, "payload/person")
    w.need_consent(e, p.person, "payload/person")
    if any(x.dream == p.dream and x.person == p.person for x in cycle.endorsements):
        refuse(e, Refusal(code="duplicate", message=f"{p.person!r} already endorsed {p.dream!r}"))
    return attrs.evolve(cycle, endorsements=(*cycle.endorsements, p))


def _proposition(w: Working, e: Event, cycle: Cycle, p: Proposition) -> Cycle:
    _known(e, (p.topic,), cycle.topics, "payload/topic", "topic")
    _known(e, p.stories, cycle.stories, "payload/stories", "story")
    _dated(e, cycle, p.on, "payload/on")
    return attrs.evolve(cycle, propositions=(*cycle.propositions, p))


def _target(w: Working, e: Event, cycle: Cycle, p: Target) -> Cycle:
    _known(e, (p.proposition,), cycle.propositions, "payload/proposition", "proposition")
    return attrs.evolve(cycle, targets=(*cycle.targets, p))


def _action(w: Working, e: Event, cycle: Cycle, p: Action) -> Cycle:
    w.need(e, "stakeholders", p.owner, "payload/owner")
    w.need_consent(e, p.owner, "payload/owner")
    _known(e, (p.proposition,), cycle.propositions, "payload/proposition", "proposition")
    _dated(e, cycle, p.committed_on, "payload/committed_on")
    for field, later in (("due", p.due), ("started_on", p.started_on)):
        if later is not None and later < p.committed_on:
            refuse(
                e,
                Refusal(
                    code="order",
                    message=f"payload/{field}: cannot be before the action is committed",
                ),
            )
    return attrs.evolve(cycle, actions=(*cycle.actions, p))


def _action_team(w: Working, e: Event, cycle: Cycle, p: ActionTeam) -> Cycle:
    for j, sid in enumerate(p.members):
        w.need_person(e, sid, f"payload/members/{j}")
        w.need_consent(e, sid, f"payload/members/{j}")
    _known(e, p.actions, cycle.actions, "payload/actions", "action")
    return attrs.evolve(cycle, action_teams=(*cycle.action_teams, p))


def _review(w: Working, e: Event, cycle: Cycle, p: Review) -> Cycle:
    _dated(e, cycle, p.on, "payload/on")
    return attrs.evolve(cycle, reviews=(*cycle.reviews, p))


_FINAL_ACTION: Final = (ActionStatus.DONE, ActionStatus.DROPPED)


def _status(w: Working, e: Event, cycle: Cycle, p: StatusChanged) -> Cycle:
    for j, action in enumerate(cycle.actions):
        if action.id != p.action:
            continue
        if action.status in _FINAL_ACTION or action.status == p.status:
            refuse(
                e,
                Refusal(
                    code="state",
                    message=f"action {p.action!r} is {action.status}, it cannot become {p.status}",
                ),
            )
        if p.status is ActionStatus.COMMITTED:
            refuse(e, Refusal(code="state", message="an action cannot go back to committed"))
        if p.on < action.committed_on:
            refuse(e, Refusal(code="order", message="payload/on: before the action was committed"))
        started = action.started_on
        if p.status is ActionStatus.STARTED or (started is None and p.status is ActionStatus.DONE):
            started = p.on
        changed = attrs.evolve(action, status=p.status, started_on=started)
        return attrs.evolve(cycle, actions=(*cycle.actions[:j], changed, *cycle.actions[j + 1 :]))
    _known(e, (p.action,), cycle.actions, "payload/action", "action")
    raise AssertionError  # pragma: no cover - _known refused


Handler = Callable[[Working, Event, Cycle, Any], Cycle]

_ARTEFACTS: Final[dict[str, Handler]] = {
    "core_team_set": _core,
    "topic_added": _topic,
    "protocol_approved": _protocol,
    "interview_recorded": _interview,
    "story_added": _story,
    "theme_identified": _theme,
    "positive_core_mapped": _positive_core,
    "dream_statement_added": _dream,
    "endorsement_recorded": _endorsement,
    "proposition_drafted": _proposition,
    "target_set": _target,
    "action_committed": _action,
    "action_team_formed": _action_team,
    "review_recorded": _review,
}
_REPLACED: Final = {"protocol_approved": "protocol", "positive_core_mapped": "positive_core"}


def _status_ok(e: Event, cycle: Cycle) -> None:
    t = e.type
    if t == "action_status_changed":
        return
    if t == "cycle_resumed":
        wanted: tuple[CycleStatus, ...] = (CycleStatus.PAUSED,)
    elif t == "cycle_abandoned":
        wanted = (CycleStatus.ACTIVE, CycleStatus.PAUSED)
    else:
        wanted = (CycleStatus.ACTIVE,)
    if cycle.status not in wanted:
        refuse(
            e,
            Refusal(
                code="state",
                message=f"cycle {cycle.id!r} is {cycle.status}; {t!r} needs it "
                f"{' or '.join(str(s) for s in wanted)}",
            ),
        )


def _artefact(w: Working, e: Event, cycle: Cycle, machine: Machine) -> Cycle:
    allowed = machine.artefact_events.get(cycle.phase, frozenset())
    if e.type not in allowed:
        phases = [p for p, events in machine.artefact_events.items() if e.type in events]
        refuse(
            e,
            Refusal(
                code="wrong_phase",
                message=f"{e.type!r} belongs to phase {' or '.join(phases) or '(none)'} of the "
                f"{cycle.variant} plan; cycle {cycle.id!r} is in {cycle.phase!r}",
            ),
        )
    ids = _ids(w, cycle)
    payload: Any = e.payload
    new_id: str | None = getattr(payload, "id", None)
    old = getattr(cycle, _REPLACED[e.type]) if e.type in _REPLACED else None
    if new_id is not None and new_id in ids and (old is None or old.id != new_id):
        refuse(
            e,
            Refusal(
                code="duplicate",
                message=f"cycle {cycle.id!r} already has an artefact with id {new_id!r}",
            ),
        )
    changed = _ARTEFACTS[e.type](w, e, cycle, payload)
    if old is not None:
        ids.discard(old.id)
    if new_id is not None:
        ids.add(new_id)
    transition = machine.next_transition(changed, e)
    if transition is not None:
        changed = _move(changed, transition.target, e.at)
    elif (
        isinstance(payload, Review)
        and machine.phases[changed.phase].terminal
        and payload.decision is not ReviewDecision.CONTINUE
    ):
        changed = attrs.evolve(changed, status=CycleStatus.COMPLETED)
    return changed


def _in_action_phase(e: Event, cycle: Cycle, machine: Machine) -> None:
    if "action_committed" not in machine.artefact_events.get(cycle.phase, frozenset()):
        refuse(
            e,
            Refusal(
                code="wrong_phase",
                message=f"{e.type!r} belongs to the phase of actions; cycle {cycle.id!r} is "
                f"in {cycle.phase!r}",
            ),
        )


def _mode(w: Working, e: Event, cycle: Cycle, machine: Machine) -> Cycle:
    _in_action_phase(e, cycle, machine)
    assert isinstance(e.payload, DestinyModeChosen)
    return attrs.evolve(cycle, destiny_mode=e.payload.mode)


def _spawn(w: Working, e: Event, cycle: Cycle, machine: Machine) -> Cycle:
    _in_action_phase(e, cycle, machine)
    assert isinstance(e.payload, SubcycleSpawned)
    return _spawned(w, e, cycle, e.payload)


def _paused(w: Working, e: Event, cycle: Cycle, machine: Machine) -> Cycle:
    return attrs.evolve(cycle, status=CycleStatus.PAUSED)


def _resumed(w: Working, e: Event, cycle: Cycle, machine: Machine) -> Cycle:
    return attrs.evolve(cycle, status=CycleStatus.ACTIVE)


def _abandoned(w: Working, e: Event, cycle: Cycle, machine: Machine) -> Cycle:
    assert isinstance(e.payload, CycleAbandoned)
    return attrs.evolve(cycle, status=CycleStatus.ABANDONED, end_reason=e.payload.reason)


def _revisit(w: Working, e: Event, cycle: Cycle, machine: Machine) -> Cycle:
    assert isinstance(e.payload, PhaseRevisited)
    return _revisited(w, e, cycle, e.payload)


def _status_change(w: Working, e: Event, cycle: Cycle, machine: Machine) -> Cycle:
    assert isinstance(e.payload, StatusChanged)
    return _status(w, e, cycle, e.payload)


_MOVES: Final[dict[str, Callable[[Working, Event, Cycle, Machine], Cycle]]] = {
    "phase_advanced": _advanced,
    "phase_revisited": _revisit,
    "action_status_changed": _status_change,
    "destiny_mode_chosen": _mode,
    "subcycle_spawned": _spawn,
    "cycle_paused": _paused,
    "cycle_resumed": _resumed,
    "cycle_abandoned": _abandoned,
}


def cycle_event(w: Working, e: Event) -> None:
    """Apply the cycle event *e* to *w*."""
    if e.type == "cycle_started":
        _started(w, e)
        return
    cycle: Cycle = w.need(e, "cycles", e.cycle, "cycle")
    _status_ok(e, cycle)
    last = cycle.history[-1].entered_at
    if e.at < last:
        refuse(
            e,
            Refusal(
                code="time_backwards",
                message=f"at: expected a time ≥ {last.isoformat()} (when cycle {cycle.id!r} "
                f"entered {cycle.phase!r}), got {e.at.isoformat()}",
            ),
        )
    machine = w.machine(cycle.variant)
    handler = _artefact if e.type in _ARTEFACTS else _MOVES[e.type]
    changed = handler(w, e, cycle, machine)
    if changed is not cycle:
        w.put("cycles", changed)
