"""Handlers of the events that concern one cycle: start, artefacts, phase moves, status
(private to the engine).

Each handler reads and writes the cycle's :class:`~smice.process._draft.Draft`, checking
first and writing only when every check passed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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
from smice.domain.templates import CriterionSpec
from smice.errors import EventRefused, NotFound
from smice.process._draft import Draft, replace
from smice.process._machine import Machine
from smice.process._working import Working, refuse
from smice.process.criteria import CRITERIA, Criterion, active_members, evaluate
from smice.process.payloads import (
    CoreTeamSet,
    CycleAbandoned,
    CyclePaused,
    CycleStarted,
    DestinyModeChosen,
    PhaseRevisited,
    ProtocolDrafted,
    StatusChanged,
    SubcycleSpawned,
)
from smice.process.refusals import Refusal
from smice.process.specs import EventSpec
from smice.process.specs import EventView as Event

__all__ = ["cycle_event"]

_STORAGE: Final = ConsentScope.STORAGE
_TEXT: Final = ConsentScope.INTERVIEW_TEXT


def draft(w: Working, e: Event) -> Draft:
    """The draft of the cycle *e* names (made on first use), or refuse *e*."""
    key = e.cycle
    found = w.drafts.get(key) if key is not None else None
    if found is None:
        cycle: Cycle = w.need(e, "cycles", key, "/cycle")
        if cycle is None:
            refuse(
                e,
                Refusal(code="missing", pointer="/cycle", message="expected a cycle id, got none"),
            )
        found = w.drafts[cycle.id] = Draft(cycle)
    return found


def _known(
    e: Event,
    values: Sequence[str | None],
    present: Iterable[Any],
    field: str,
    what: str,
    *,
    single: bool = False,
) -> None:
    # Refuse *e* unless every id of *values* is in *present*; *field* holds one reference
    # (*single*: the pointer is the field) or a list of them (the pointer names the item).
    ids: set[str] | None = None
    for k, value in enumerate(values):
        if value is None:
            continue
        if len(values) == 1:  # one reference (the usual case): a scan, no set to build
            for item in present:
                if item.id == value:
                    return
        else:
            if ids is None:
                ids = {item.id for item in present}
            if value in ids:
                continue
        refuse(
            e,
            Refusal(
                code="unknown_id",
                pointer=field if single else f"{field}/{k}",
                message=f"expected the id of a {what} of cycle {e.cycle!r}, got {value!r}",
            ),
        )


def _owner(w: Working, e: Event, team: str | None, platform: str | None) -> None:
    if (team is None) == (platform is None):
        refuse(
            e,
            Refusal(
                code="owner",
                pointer="/payload",
                message="expected exactly one of 'team' and 'platform'",
            ),
        )
    if team is not None:
        found = w.need(e, "teams", team, "/payload/team")
        if found.status in (TeamStatus.GRADUATED, TeamStatus.CLOSED):
            refuse(
                e,
                Refusal(
                    code="state",
                    pointer="/payload/team",
                    message=f"team {team!r} is {found.status}",
                ),
            )
    w.need(e, "platforms", platform, "/payload/platform")


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
    w.need_new(e, "cycles", cid, "/cycle" if parent is None else "/payload/subcycle")
    _owner(w, e, team, platform)
    try:
        machine = w.machine(variant)
    except NotFound as missing:
        refuse(e, Refusal(code="template", pointer="/payload/variant", message=str(missing)))
    for j, sid in enumerate(core):
        w.need_person(e, sid, f"/payload/core_team/{j}")
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
    w.drafts[cycle.id] = Draft(cycle, new=True)


def _started(w: Working, e: Event, p: CycleStarted) -> None:
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


def _spawned(w: Working, e: Event, cycle: Draft, p: SubcycleSpawned) -> None:
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


def _checks(
    w: Working, criteria: tuple[CriterionSpec, ...]
) -> list[tuple[Callable[..., bool], dict[str, Any]]]:
    # The fast checks of a phase's criteria with their parameters (defaults and the spec's),
    # merged once per phase definition.
    found = w.criteria.get(id(criteria))
    if found is None or found[0] is not criteria:
        checks: list[tuple[Callable[..., bool], dict[str, Any]]] = []
        for spec in criteria:
            criterion: Criterion = CRITERIA[spec.name]
            checks.append((criterion.holds, {**criterion.params, **spec.params}))
        found = w.criteria[id(criteria)] = (criteria, checks)
    result: list[tuple[Callable[..., bool], dict[str, Any]]] = found[1]
    return result


def _advanced(w: Working, e: Event, cycle: Draft, p: None) -> None:
    machine = cycle.machine
    assert machine is not None
    transition = machine.next_transition(cycle.view(), e)
    if transition is None:
        refuse(
            e,
            Refusal(
                code="no_transition",
                message=f"cannot advance cycle {cycle.id!r} from {cycle.phase!r}: the "
                f"{cycle.variant} plan has no next phase",
            ),
        )
    criteria = machine.phases[cycle.phase].criteria
    view = cycle.view()
    day = e.at.date()  # consent is judged on the day of the advance
    for holds, params in _checks(w, criteria):
        if not holds(w, view, params, day):
            # Only a refusal pays for the messages, judged on the frozen cycle.
            frozen = cycle.freeze()
            failing = [
                r for r in (evaluate(s, w, frozen, on=day) for s in criteria) if not r.passed
            ]
            if failing:
                raise_failing(e, failing)
            break
    cycle.move(transition.target, e.at)


def raise_failing(e: Event, failing: list[Any]) -> None:
    """Refuse *e* with the failing criterion results as reasons."""
    raise EventRefused(e.type, failing, event_id=e.id)


def _revisit(w: Working, e: Event, cycle: Draft, p: PhaseRevisited) -> None:
    visited = cycle.visited()
    if p.phase == cycle.phase or p.phase not in visited:
        earlier = sorted(visited - {cycle.phase})
        refuse(
            e,
            Refusal(
                code="wrong_phase",
                pointer="/payload/phase",
                message=f"expected a phase cycle {cycle.id!r} visited before "
                f"({', '.join(earlier) or 'none'}), got {p.phase!r}",
            ),
        )
    cycle.move(p.phase, e.at, p.reason)


def _members_check(
    w: Working, e: Event, cycle: Draft, sid: str, field: str, *, facilitators: bool = False
) -> None:
    """Refuse *e* unless *sid* is an active member or in the core team of *cycle* (or, with
    *facilitators*, one of its team's facilitators: they interview in Appreciative Inquiry)."""
    if sid in cycle.core_team or sid in active_members(w, cycle.view()):
        return
    team = w.team(cycle.team) if cycle.team is not None else None
    if facilitators and team is not None and sid in team.facilitators:
        return
    if team is None:
        owner = f"the core team of {cycle.id!r}"
    else:
        owner = f"team {cycle.team!r}" + (" nor one of its facilitators" if facilitators else "")
    refuse(
        e,
        Refusal(code="not_a_member", pointer=field, message=f"{sid!r} is not a member of {owner}"),
    )


def _core(w: Working, e: Event, cycle: Draft, p: CoreTeamSet) -> None:
    members = set(w.team(cycle.team).current_members) if cycle.team else None
    for j, sid in enumerate(p.members):
        w.need_person(e, sid, f"/payload/members/{j}")
        if members is not None and sid not in members:
            refuse(
                e,
                Refusal(
                    code="not_a_member",
                    pointer=f"/payload/members/{j}",
                    message=f"{sid!r} is not a member of team {cycle.team!r}",
                ),
            )
    cycle.core_team = list(dict.fromkeys(p.members))


def _topic(w: Working, e: Event, cycle: Draft, p: Topic) -> None:
    cycle.topics.append(p)


def _drafted(w: Working, e: Event, cycle: Draft, p: ProtocolDrafted) -> None:
    if cycle.protocol is not None and cycle.protocol.approved_on is not None:
        refuse(
            e,
            Refusal(
                code="state",
                pointer="/payload/id",
                message=f"cycle {cycle.id!r} already has the approved protocol "
                f"{cycle.protocol.id!r}; a draft cannot replace it",
            ),
        )
    cycle.protocol = InterviewProtocol(id=p.id, questions=p.questions, extensions=p.extensions)


def _protocol(w: Working, e: Event, cycle: Draft, p: InterviewProtocol) -> None:
    if p.approved_on is None:
        refuse(
            e,
            Refusal(
                code="missing",
                pointer="/payload/approved_on",
                message="expected the day of approval, got none",
            ),
        )
    for j, sid in enumerate(p.approved_by):
        w.need_person(e, sid, f"/payload/approved_by/{j}")
    cycle.protocol = p


def _interview(w: Working, e: Event, cycle: Draft, p: Interview) -> None:
    interviewer = w.need(e, "stakeholders", p.interviewer, "/payload/interviewer")
    interviewee = w.need(e, "stakeholders", p.interviewee, "/payload/interviewee")
    if p.interviewer == p.interviewee:
        refuse(
            e,
            Refusal(
                code="loop",
                pointer="/payload/interviewee",
                message="an interview needs two different people",
            ),
        )
    _members_check(w, e, cycle, p.interviewer, "/payload/interviewer", facilitators=True)
    w.need_consent(e, p.interviewer, "/payload/interviewer", _STORAGE, interviewer)
    w.need_consent(e, p.interviewee, "/payload/interviewee", _STORAGE, interviewee)
    if p.summary is not None:
        w.need_consent(e, p.interviewee, "/payload/interviewee", _TEXT, interviewee)
    _known(e, p.topics, cycle.topics, "/payload/topics", "topic")
    _dated(e, cycle, p.on, "/payload/on")
    cycle.interviews.append(p)


def _dated(e: Event, cycle: Draft, day: Any, field: str) -> None:
    if day is None:
        return
    start = cycle.start_day
    if day < start:
        refuse(
            e,
            Refusal(
                code="order",
                pointer=field,
                message=f"an artefact cannot predate its cycle ({day.isoformat()} is "
                f"before {start.isoformat()})",
            ),
        )


def _story(w: Working, e: Event, cycle: Draft, p: Story) -> None:
    _known(e, (p.interview,), cycle.interviews, "/payload/interview", "interview", single=True)
    _known(e, p.topics, cycle.topics, "/payload/topics", "topic")
    if p.text is not None and p.interview is not None:
        teller = next(i.interviewee for i in cycle.interviews if i.id == p.interview)
        w.need_consent(e, teller, "/payload/interview", ConsentScope.INTERVIEW_TEXT)
    cycle.stories.append(p)


def _theme(w: Working, e: Event, cycle: Draft, p: Theme) -> None:
    _known(e, p.stories, cycle.stories, "/payload/stories", "story")
    cycle.themes.append(p)


def _positive_core(w: Working, e: Event, cycle: Draft, p: PositiveCoreMap) -> None:
    _known(e, p.themes, cycle.themes, "/payload/themes", "theme")
    _dated(e, cycle, p.on, "/payload/on")
    cycle.positive_core = p


def _dream(w: Working, e: Event, cycle: Draft, p: DreamStatement) -> None:
    _known(e, (p.topic,), cycle.topics, "/payload/topic", "topic", single=True)
    _dated(e, cycle, p.on, "/payload/on")
    cycle.dreams.append(p)


def _endorsement(w: Working, e: Event, cycle: Draft, p: Endorsement) -> None:
    _known(e, (p.dream,), cycle.dreams, "/payload/dream", "dream statement", single=True)
    person = w.need_person(e, p.person, "/payload/person")
    _members_check(w, e, cycle, p.person, "/payload/person")
    w.need_consent(e, p.person, "/payload/person", _STORAGE, person)
    if any(x.dream == p.dream and x.person == p.person for x in cycle.endorsements):
        refuse(
            e,
            Refusal(
                code="duplicate",
                pointer="/payload/person",
                message=f"{p.person!r} already endorsed {p.dream!r}",
            ),
        )
    cycle.endorsements.append(p)


def _proposition(w: Working, e: Event, cycle: Draft, p: Proposition) -> None:
    _known(e, (p.topic,), cycle.topics, "/payload/topic", "topic", single=True)
    _known(e, p.stories, cycle.stories, "/payload/stories", "story")
    _dated(e, cycle, p.on, "/payload/on")
    cycle.propositions.append(p)


def _target(w: Working, e: Event, cycle: Draft, p: Target) -> None:
    _known(
        e, (p.proposition,), cycle.propositions, "/payload/proposition", "proposition", single=True
    )
    cycle.targets.append(p)


def _action(w: Working, e: Event, cycle: Draft, p: Action) -> None:
    owner = w.need(e, "stakeholders", p.owner, "/payload/owner")
    w.need_consent(e, p.owner, "/payload/owner", _STORAGE, owner)
    _known(
        e, (p.proposition,), cycle.propositions, "/payload/proposition", "proposition", single=True
    )
    _dated(e, cycle, p.committed_on, "/payload/committed_on")
    for field, later in (("due", p.due), ("started_on", p.started_on)):
        if later is not None and later < p.committed_on:
            refuse(
                e,
                Refusal(
                    code="order",
                    pointer=f"/payload/{field}",
                    message="cannot be before the action is committed",
                ),
            )
    cycle.actions.append(p)


def _action_team(w: Working, e: Event, cycle: Draft, p: ActionTeam) -> None:
    for j, sid in enumerate(p.members):
        person = w.need_person(e, sid, f"/payload/members/{j}")
        w.need_consent(e, sid, f"/payload/members/{j}", _STORAGE, person)
    _known(e, p.actions, cycle.actions, "/payload/actions", "action")
    cycle.action_teams.append(p)


def _review(w: Working, e: Event, cycle: Draft, p: Review) -> None:
    _dated(e, cycle, p.on, "/payload/on")
    cycle.reviews.append(p)


_FINAL_ACTION: Final = (ActionStatus.DONE, ActionStatus.DROPPED)


def _status_change(w: Working, e: Event, cycle: Draft, p: StatusChanged) -> None:
    for j, action in enumerate(cycle.actions):
        if action.id != p.action:
            continue
        if action.status in _FINAL_ACTION or action.status == p.status:
            refuse(
                e,
                Refusal(
                    code="state",
                    pointer="/payload/status",
                    message=f"action {p.action!r} is {action.status}, it cannot become {p.status}",
                ),
            )
        if p.status is ActionStatus.COMMITTED:
            refuse(
                e,
                Refusal(
                    code="state",
                    pointer="/payload/status",
                    message="an action cannot go back to committed",
                ),
            )
        if p.on < action.committed_on:
            refuse(
                e,
                Refusal(
                    code="order", pointer="/payload/on", message="before the action was committed"
                ),
            )
        started = action.started_on
        if p.status is ActionStatus.STARTED or (started is None and p.status is ActionStatus.DONE):
            started = p.on
        cycle.actions[j] = replace(action, status=p.status, started_on=started)
        return
    _known(e, (p.action,), cycle.actions, "/payload/action", "action", single=True)
    raise AssertionError  # pragma: no cover - _known refused


def _status_ok(e: Event, cycle: Draft, spec: EventSpec) -> None:
    if cycle.status not in spec.statuses:
        wanted = [str(s) for s in CycleStatus if s in spec.statuses]
        refuse(
            e,
            Refusal(
                code="state",
                pointer="/cycle",
                message=f"cycle {cycle.id!r} is {cycle.status}; {e.type!r} needs it "
                f"{' or '.join(wanted)}",
            ),
        )


_HAS_ID: dict[type, bool] = {}


def _artefact(w: Working, e: Event, cycle: Draft, machine: Machine, spec: EventSpec) -> None:
    t = e.type
    phase = cycle.phase
    allowed = machine.artefact_events.get(phase)
    if allowed is None or t not in allowed:
        phases = [p for p, events in machine.artefact_events.items() if t in events]
        refuse(
            e,
            Refusal(
                code="wrong_phase",
                pointer="/type",
                message=f"{t!r} belongs to phase {' or '.join(phases) or '(none)'} of the "
                f"{cycle.variant} plan; cycle {cycle.id!r} is in {phase!r}",
            ),
        )
    ids = cycle.ids
    payload: Any = e.payload
    kind = type(payload)
    has_id = _HAS_ID.get(kind)
    if has_id is None:
        has_id = _HAS_ID[kind] = attrs.has(kind) and "id" in attrs.fields_dict(kind)
    new_id: str | None = payload.id if has_id else None
    replaced = spec.replaces
    old = getattr(cycle, replaced) if replaced is not None else None
    if new_id is not None and new_id in ids and (old is None or old.id != new_id):
        refuse(
            e,
            Refusal(
                code="duplicate",
                pointer="/payload/id",
                message=f"cycle {cycle.id!r} already has an artefact with id {new_id!r}",
            ),
        )
    spec.handler(w, e, cycle, payload)
    if old is not None:
        ids.discard(old.id)
    if new_id is not None:
        ids.add(new_id)
    if (phase, t) in machine.transitions:
        transition = machine.next_transition(cycle.view(), e)
        if transition is not None:
            cycle.move(transition.target, e.at)
            return
    if (
        isinstance(payload, Review)
        and machine.phases[phase].terminal
        and payload.decision is not ReviewDecision.CONTINUE
    ):
        cycle.status = CycleStatus.COMPLETED
        cycle.end(e.at)


def _in_action_phase(w: Working, e: Event, cycle: Draft) -> None:
    actions = w.registry.artefact_event("actions")
    machine = cycle.machine
    assert machine is not None
    if actions not in machine.artefact_events.get(cycle.phase, frozenset()):
        refuse(
            e,
            Refusal(
                code="wrong_phase",
                pointer="/type",
                message=f"{e.type!r} belongs to the phase of actions; cycle {cycle.id!r} is "
                f"in {cycle.phase!r}",
            ),
        )


def _mode(w: Working, e: Event, cycle: Draft, p: DestinyModeChosen) -> None:
    _in_action_phase(w, e, cycle)
    cycle.destiny_mode = p.mode


def _spawn(w: Working, e: Event, cycle: Draft, p: SubcycleSpawned) -> None:
    _in_action_phase(w, e, cycle)
    _spawned(w, e, cycle, p)


def _paused(w: Working, e: Event, cycle: Draft, p: CyclePaused) -> None:
    cycle.status = CycleStatus.PAUSED


def _resumed(w: Working, e: Event, cycle: Draft, p: None) -> None:
    cycle.status = CycleStatus.ACTIVE


def _abandoned(w: Working, e: Event, cycle: Draft, p: CycleAbandoned) -> None:
    cycle.status = CycleStatus.ABANDONED
    cycle.end_reason = p.reason
    cycle.end(e.at)


def cycle_event(w: Working, e: Event, spec: EventSpec) -> None:
    """Apply the event *e* of an existing cycle (*spec* is its type's) to *w*: every check
    passes before the draft changes."""
    cycle = w.drafts.get(e.cycle)
    if cycle is None:
        cycle = draft(w, e)
    if cycle.status not in spec.statuses:
        _status_ok(e, cycle, spec)
    if e.at < cycle.entered:
        refuse(
            e,
            Refusal(
                code="time_backwards",
                pointer="/at",
                message=f"expected a time ≥ {cycle.entered.isoformat()} (when cycle "
                f"{cycle.id!r} entered {cycle.phase!r}), got {e.at.isoformat()}",
            ),
        )
    machine = cycle.machine
    if machine is None:
        machine = cycle.machine = w.machine(cycle.variant)
    if spec.artefact is not None:
        _artefact(w, e, cycle, machine, spec)
    else:
        spec.handler(w, e, cycle, e.payload)
    cycle.frozen = None
