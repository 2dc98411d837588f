"""Arenas built for the purpose, with the public domain constructors: each scenario of
issue 12 is one function returning an arena and the day to assess it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

from smice.domain import (
    Action,
    ActionStatus,
    AgeBand,
    Arena,
    CommunityCapital,
    Consent,
    ConsentScope,
    Country,
    Cycle,
    CycleVariant,
    Gender,
    Helix,
    Initiative,
    InitiativeMaturity,
    Interview,
    Membership,
    PersonRole,
    PhaseVisit,
    ProgressTeam,
    RStrategy,
    Stakeholder,
    StakeholderKind,
    Tie,
    TieKind,
    freeze_json,
)

K = StakeholderKind
CREATED = date(2019, 1, 1)
#: Every scenario is assessed on this day: 24 whole months after CREATED.
AT = date(2021, 1, 1)
_CONSENT = Consent(
    scopes=frozenset({ConsentScope.STORAGE, ConsentScope.NETWORK_ANALYSIS}), given_on=CREATED
)
_STORAGE_ONLY = Consent(scopes=frozenset({ConsentScope.STORAGE}), given_on=CREATED)
_HELIX_OF_ROLE = {
    PersonRole.RESEARCHER: Helix.ACADEMIA,
    PersonRole.PUBLIC_OFFICER: Helix.GOVERNMENT,
    PersonRole.EMPLOYEE: Helix.INDUSTRY,
    PersonRole.UNION_REPRESENTATIVE: Helix.INDUSTRY,
    PersonRole.OWNER_MANAGER: Helix.INDUSTRY,
    PersonRole.CITIZEN: Helix.CIVIL_SOCIETY,
    PersonRole.FACILITATOR: Helix.CIVIL_SOCIETY,
}


def moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=UTC)


def org(
    sid: str, helix: Helix, kind: StakeholderKind, country: Country = Country.SE
) -> Stakeholder:
    return Stakeholder(id=sid, name=sid, helix=helix, kinds=frozenset({kind}), country=country)


def person(
    sid: str,
    role: PersonRole,
    *,
    employer: str | None = None,
    gender: Gender = Gender.FEMALE,
    age: AgeBand = AgeBand.FROM_35_TO_44,
    consent: bool = True,
    country: Country = Country.SE,
) -> Stakeholder:
    return Stakeholder(
        id=sid,
        name=sid,
        helix=_HELIX_OF_ROLE[role],
        kinds=frozenset({K.PRIVATE_PERSON}),
        country=country,
        role=role,
        employer=employer,
        gender=gender,
        age_band=age,
        consent=_CONSENT if consent else _STORAGE_ONLY,
    )


def tie(kind: TieKind, source: str, target: str, *, since: date = CREATED, **kw: object) -> Tie:
    return Tie(
        id=f"{kind.value}-{source}-{target}",
        kind=kind,
        source=source,
        target=target,
        since=since,
        **kw,
    )  # type: ignore[arg-type]


def employment(people: Iterable[Stakeholder]) -> list[Tie]:
    return [tie(TieKind.EMPLOYED_BY, p.id, p.employer) for p in people if p.employer is not None]


def team(tid: str, members: Sequence[str], formed_on: date = date(2019, 3, 1)) -> ProgressTeam:
    return ProgressTeam(
        id=tid,
        name=tid,
        formed_on=formed_on,
        memberships=tuple(Membership(person=m, joined_on=formed_on) for m in members),
    )


def initiative(
    iid: str,
    participants: Sequence[str],
    *,
    maturity: InitiativeMaturity = InitiativeMaturity.PILOT,
    anchored: bool = False,
) -> Initiative:
    return Initiative(
        id=iid,
        name=iid,
        launched_on=date(2019, 9, 1),
        maturity=maturity,
        r_strategies=frozenset({RStrategy.REUSE}),
        participants=tuple(participants),
        extensions=freeze_json(
            {"anchored_in": [{"plan": "kommuneplan", "level": "municipal"}]} if anchored else {}
        ),
    )


_5D = ("define", "discover", "dream", "design", "destiny")


def cycle(
    cid: str,
    team_id: str,
    phase: str,
    *,
    entered: date,
    members: Sequence[str] = (),
    outsiders: Sequence[str] = (),
    interviewed_on: date | None = None,
    actions: Sequence[Action] = (),
) -> Cycle:
    """A 5-D cycle of *team_id* that reached *phase* on *entered* (earlier phases a month
    each before it), with interviews of *members* and *outsiders* on *interviewed_on*."""
    index = _5D.index(phase)
    starts: list[date] = []
    visits = []
    for k in range(index + 1):
        months_before = index - k
        year, month = entered.year, entered.month - months_before
        while month < 1:
            year, month = year - 1, month + 12
        starts.append(date(year, month, 1) if months_before else entered)
    for k, name in enumerate(_5D[: index + 1]):
        left = moment(starts[k + 1]) if k < index else None
        visits.append(PhaseVisit(phase=name, entered_at=moment(starts[k]), left_at=left))
    interviewer = members[0] if members else None
    interviews = tuple(
        Interview(id=f"{cid}-i{n}", interviewer=interviewer, interviewee=who, on=interviewed_on)
        for n, who in enumerate([*members, *outsiders])
        if interviewer is not None and interviewed_on is not None
    )
    return Cycle(
        id=cid,
        team=team_id,
        variant=CycleVariant.FIVE_D,
        history=tuple(visits),
        interviews=interviews,
        actions=tuple(actions),
    )


def action(
    aid: str, owner: str, capital: CommunityCapital, *, committed: date, started: date | None
) -> Action:
    return Action(
        id=aid,
        title=aid,
        owner=owner,
        committed_on=committed,
        due=date(2021, 6, 30),
        status=ActionStatus.STARTED if started else ActionStatus.COMMITTED,
        started_on=started,
        community_capitals=frozenset({capital}),
    )


def arena(aid: str, **parts: object) -> Arena:
    return Arena(id=aid, name=aid, template="smice/base", created_on=CREATED, **parts)  # type: ignore[arg-type]
