"""Handlers of the events that concern the arena as a whole (private to the engine).

Each handler checks its event against the working copy (refusing it through
:func:`~smice.process._working.refuse`) and writes only when every check passed.
"""

from __future__ import annotations

import operator
from typing import Final

import attrs

from smice.domain import (
    ALLOWED_MOVES,
    Arena,
    Initiative,
    Membership,
    Platform,
    ProgressTeam,
    RecommendationRecord,
    ResourceFlow,
    Stakeholder,
    TeamStatus,
    Tie,
    TieKind,
)
from smice.errors import NotFound
from smice.process._draft import replace
from smice.process._working import Working, order, refuse
from smice.process.payloads import (
    ArenaCreated,
    ConsentRecorded,
    ConsentWithdrawn,
    MemberJoined,
    MemberLeft,
    RecommendationIssued,
    RecommendationStatusChanged,
    StakeholderLeft,
    TeamGraduated,
    TieEnded,
)
from smice.process.refusals import Refusal
from smice.process.specs import EventView as Event

__all__: list[str] = []


_PERSONAL_FIELDS: Final = ("role", "employer", "gender", "age_band", "consent")
_PERSONAL: Final = operator.attrgetter(*_PERSONAL_FIELDS)
_NO_PERSONAL: Final = (None,) * len(_PERSONAL_FIELDS)


def _stakeholder(w: Working, e: Event, s: Stakeholder, *, new: bool) -> None:
    if new:
        w.need_new(e, "stakeholders", s.id)
    else:
        w.need(e, "stakeholders", s.id, "/payload/id")
    if not s.is_person:
        if _PERSONAL(s) != _NO_PERSONAL:
            for name in _PERSONAL_FIELDS:
                if getattr(s, name) is not None:
                    refuse(
                        e,
                        Refusal(
                            code="kind",
                            pointer=f"/payload/{name}",
                            message="only persons have one",
                        ),
                    )
    elif s.employer is not None:
        employer: Stakeholder = w.need(e, "stakeholders", s.employer, "/payload/employer")
        if employer.is_person:
            refuse(
                e,
                Refusal(
                    code="kind",
                    pointer="/payload/employer",
                    message=f"expected an organisation, got {s.employer!r}",
                ),
            )
    if s.left_on is not None:
        order(e, "/payload/left_on", s.left_on, s.joined_on, "cannot leave before joining")
    w.put("stakeholders", s)


def _stakeholder_joined(w: Working, e: Event, s: Stakeholder) -> None:
    _stakeholder(w, e, s, new=True)


def _stakeholder_updated(w: Working, e: Event, s: Stakeholder) -> None:
    _stakeholder(w, e, s, new=False)


def _stakeholder_left(w: Working, e: Event, p: StakeholderLeft) -> None:
    s: Stakeholder = w.need(e, "stakeholders", p.stakeholder, "/payload/stakeholder")
    if s.left_on is not None:
        refuse(
            e,
            Refusal(
                code="state",
                pointer="/payload/stakeholder",
                message=f"{p.stakeholder!r} has already left",
            ),
        )
    order(e, "/payload/on", p.on, s.joined_on, "cannot leave before joining")
    w.put("stakeholders", replace(s, left_on=p.on))


def _consent_recorded(w: Working, e: Event, p: ConsentRecorded) -> None:
    s = w.need_person(e, p.stakeholder, "/payload/stakeholder")
    c = p.consent
    if c.withdrawn_on is None and c.expires_on is None:
        w.put("stakeholders", replace(s, consent=c))
        return
    order(
        e,
        "/payload/consent/withdrawn_on",
        p.consent.withdrawn_on,
        p.consent.given_on,
        "consent cannot be withdrawn before it is given",
    )
    order(
        e,
        "/payload/consent/expires_on",
        p.consent.expires_on,
        p.consent.given_on,
        "consent cannot expire before it is given",
    )
    w.put("stakeholders", replace(s, consent=p.consent))


def _consent_withdrawn(w: Working, e: Event, p: ConsentWithdrawn) -> None:
    s = w.need_person(e, p.stakeholder, "/payload/stakeholder")
    if s.consent is None or s.consent.withdrawn_on is not None:
        refuse(
            e,
            Refusal(
                code="state",
                pointer="/payload/stakeholder",
                message=f"{p.stakeholder!r} has no consent to withdraw",
            ),
        )
    order(e, "/payload/on", p.on, s.consent.given_on, "cannot withdraw before giving consent")
    w.put("stakeholders", replace(s, consent=replace(s.consent, withdrawn_on=p.on)))


def _tie(w: Working, e: Event, t: Tie) -> None:
    w.need_new(e, "ties", t.id)
    w.need(e, "stakeholders", t.source, "/payload/source")
    w.need(e, "stakeholders", t.target, "/payload/target")
    if t.source == t.target:
        refuse(
            e,
            Refusal(
                code="loop",
                pointer="/payload/target",
                message=f"a tie cannot join {t.source!r} to itself",
            ),
        )
    if t.cycle is not None:
        w.need_id(e, "cycles", t.cycle, "/payload/cycle")
    if t.direction is not None and t.kind is not TieKind.KNOWLEDGE_FLOW:
        refuse(
            e,
            Refusal(
                code="kind",
                pointer="/payload/direction",
                message="only knowledge_flow ties have a direction",
            ),
        )
    if t.resource is not None and t.kind is not TieKind.EXCHANGES_RESOURCE:
        refuse(
            e,
            Refusal(
                code="kind",
                pointer="/payload/resource",
                message="only exchanges_resource ties carry a resource",
            ),
        )
    order(e, "/payload/until", t.until, t.since, "a tie cannot end before it starts")
    w.put("ties", t)


def _tie_ended(w: Working, e: Event, p: TieEnded) -> None:
    t: Tie = w.need(e, "ties", p.tie, "/payload/tie")
    if t.until is not None:
        refuse(
            e,
            Refusal(
                code="state", pointer="/payload/tie", message=f"tie {p.tie!r} has already ended"
            ),
        )
    order(e, "/payload/on", p.on, t.since, "a tie cannot end before it starts")
    w.put("ties", replace(t, until=p.on))


def _platform(w: Working, e: Event, p: Platform) -> None:
    w.need_new(e, "platforms", p.id)
    w.need(e, "stakeholders", p.host, "/payload/host")
    w.need(e, "regions", p.region, "/payload/region")
    order(e, "/payload/closed_on", p.closed_on, p.opened_on, "cannot close before opening")
    w.put("platforms", p)


def _team(w: Working, e: Event, t: ProgressTeam) -> None:
    w.need_new(e, "teams", t.id)
    w.need(e, "platforms", t.platform, "/payload/platform")
    for j, m in enumerate(t.memberships):
        w.need_person(e, m.person, f"/payload/memberships/{j}/person")
        order(
            e,
            f"/payload/memberships/{j}/joined_on",
            m.joined_on,
            t.formed_on,
            "a member cannot join before the team is formed",
        )
        order(
            e,
            f"/payload/memberships/{j}/left_on",
            m.left_on,
            m.joined_on,
            "a member cannot leave before joining",
        )
    for j, f in enumerate(t.facilitators):
        w.need_person(e, f, f"/payload/facilitators/{j}")
    if t.graduation is not None or t.status is TeamStatus.GRADUATED:
        refuse(
            e,
            Refusal(
                code="state",
                pointer="/payload/graduation" if t.graduation is not None else "/payload/status",
                message="a team graduates through 'team_graduated'",
            ),
        )
    w.put("teams", t)


def _open_team(w: Working, e: Event, tid: str) -> ProgressTeam:
    team: ProgressTeam = w.need(e, "teams", tid, "/payload/team")
    if team.status in (TeamStatus.GRADUATED, TeamStatus.CLOSED):
        refuse(
            e,
            Refusal(
                code="state", pointer="/payload/team", message=f"team {tid!r} is {team.status}"
            ),
        )
    return team


def _member_joined(w: Working, e: Event, p: MemberJoined) -> None:
    team = _open_team(w, e, p.team)
    w.need_person(e, p.person, "/payload/person")
    if p.person in team.current_members:
        refuse(
            e,
            Refusal(
                code="state",
                pointer="/payload/person",
                message=f"{p.person!r} is already in {p.team!r}",
            ),
        )
    order(e, "/payload/on", p.on, team.formed_on, "cannot join before the team is formed")
    membership = Membership(person=p.person, joined_on=p.on)
    w.put("teams", replace(team, memberships=(*team.memberships, membership)))


def _member_left(w: Working, e: Event, p: MemberLeft) -> None:
    team: ProgressTeam = w.need(e, "teams", p.team, "/payload/team")
    for j in range(len(team.memberships) - 1, -1, -1):
        m = team.memberships[j]
        if m.person == p.person and m.left_on is None:
            order(e, "/payload/on", p.on, m.joined_on, "cannot leave before joining")
            changed = (
                *team.memberships[:j],
                replace(m, left_on=p.on),
                *team.memberships[j + 1 :],
            )
            w.put("teams", replace(team, memberships=changed))
            return
    refuse(
        e,
        Refusal(
            code="not_a_member",
            pointer="/payload/person",
            message=f"{p.person!r} is not a member of team {p.team!r}",
        ),
    )


def _team_graduated(w: Working, e: Event, p: TeamGraduated) -> None:
    team = _open_team(w, e, p.team)
    w.need(e, "stakeholders", p.graduation.successor, "/payload/graduation/successor")
    order(
        e,
        "/payload/graduation/on",
        p.graduation.on,
        team.formed_on,
        "a team cannot graduate before it is formed",
    )
    w.put("teams", replace(team, status=TeamStatus.GRADUATED, graduation=p.graduation))


def _initiative(w: Working, e: Event, i: Initiative, *, new: bool) -> None:
    if new:
        w.need_new(e, "initiatives", i.id)
    else:
        w.need(e, "initiatives", i.id, "/payload/id")
    for j, sid in enumerate(i.participants):
        w.need(e, "stakeholders", sid, f"/payload/participants/{j}")
    w.need_id(e, "cycles", i.cycle, "/payload/cycle")
    w.need(e, "teams", i.team, "/payload/team")
    w.put("initiatives", i)


def _initiative_launched(w: Working, e: Event, i: Initiative) -> None:
    _initiative(w, e, i, new=True)


def _initiative_updated(w: Working, e: Event, i: Initiative) -> None:
    _initiative(w, e, i, new=False)


def _flow(w: Working, e: Event, f: ResourceFlow) -> None:
    for field in ("owner", "source", "target"):
        w.need(e, "stakeholders", getattr(f, field), f"/payload/{field}")
    order(e, "/payload/until", f.until, f.since, "a flow cannot end before it starts")
    w.put("flows", f)


def _recommendation_issued(w: Working, e: Event, p: RecommendationIssued) -> None:
    w.need_new(e, "recommendations", p.id)
    fields = attrs.asdict(p, recurse=False)
    w.put(
        "recommendations",
        RecommendationRecord(**fields, issued_at=e.at, issued_by=e.recorded_by),
    )


def _recommendation_status(w: Working, e: Event, p: RecommendationStatusChanged) -> None:
    r: RecommendationRecord = w.need(
        e, "recommendations", p.recommendation, "/payload/recommendation"
    )
    if not r.can_move_to(p.status):
        allowed = " or ".join(repr(str(s)) for s in sorted(ALLOWED_MOVES[r.status]))
        refuse(
            e,
            Refusal(
                code="state",
                pointer="/payload/status",
                message=f"recommendation {r.id!r} is {str(r.status)!r} and can "
                f"become {allowed or 'nothing (it is final)'}, not {str(p.status)!r}",
            ),
        )
    order(e, "/at", e.at, r.changed_at, "a status cannot change before its last change")
    by = p.by if p.by is not None else e.recorded_by
    w.put("recommendations", r.with_status(p.status, at=e.at, by=by, note=p.note))


def _created(w: Working, e: Event, p: ArenaCreated) -> None:
    # The arena itself, with its template checked.
    if w.base is not None:
        refuse(e, Refusal(code="duplicate", message=f"the arena {w.base.id!r} already exists"))
    w.base = Arena(
        id=p.id,
        name=p.name,
        template=p.template,
        created_on=p.created_on,
        languages=p.languages,
        levels=p.levels,
        regions=p.regions,
        extensions=p.extensions,
    )
    try:
        w.template()
    except NotFound as missing:
        w.base = None
        refuse(e, Refusal(code="template", pointer="/payload/template", message=str(missing)))
