"""A small hand-made arena for the network tests."""

from datetime import UTC, date, datetime

from smice.domain import (
    Arena,
    Consent,
    Cycle,
    Initiative,
    PhaseVisit,
    Platform,
    ResourceFlow,
    Stakeholder,
    Tie,
)
from smice.domain.vocabulary import (
    ConsentScope,
    Country,
    CycleVariant,
    FlowStatus,
    FlowType,
    Helix,
    StakeholderKind,
    TieKind,
)

K = StakeholderKind


def _org(
    sid: str, helix: Helix, kind: StakeholderKind, country: Country = Country.SE
) -> Stakeholder:
    return Stakeholder(
        id=sid, name=sid.title(), helix=helix, kinds=frozenset({kind}), country=country
    )


def _person(sid: str, employer: str, scopes: set[ConsentScope] | None) -> Stakeholder:
    consent = (
        None if scopes is None else Consent(scopes=frozenset(scopes), given_on=date(2018, 1, 1))
    )
    return Stakeholder(
        id=sid,
        name=f"Person {sid}",
        helix=Helix.ACADEMIA,
        kinds=frozenset({K.PRIVATE_PERSON}),
        country=Country.SE,
        employer=employer,
        consent=consent,
    )


def _tie(
    tid: str,
    kind: TieKind,
    source: str,
    target: str,
    since: date | None = None,
    *,
    until: date | None = None,
    **extra: object,
) -> Tie:
    return Tie(id=tid, kind=kind, source=source, target=target, since=since, until=until, **extra)


def small_arena() -> Arena:
    C = ConsentScope
    stakeholders = (
        _org("mill", Helix.INDUSTRY, K.SME),
        _org("dairy", Helix.INDUSTRY, K.MICRO_FIRM, Country.NO),
        _org("uni", Helix.ACADEMIA, K.UNIVERSITY),
        _org("town", Helix.GOVERNMENT, K.MUNICIPALITY),
        _org("garden", Helix.CIVIL_SOCIETY, K.INTERMEDIARY, Country.NO),
        _person("ann", "uni", {C.NETWORK_ANALYSIS, C.EXPORT, C.CONTACT}),
        _person("bo", "uni", {C.NETWORK_ANALYSIS}),
        _person("cy", "uni", None),
    )
    ties = (
        _tie("t1", TieKind.COLLABORATES_WITH, "mill", "garden", date(2018, 1, 1)),
        _tie("t2", TieKind.COLLABORATES_WITH, "garden", "dairy", date(2018, 1, 1)),
        _tie("t3", TieKind.KNOWLEDGE_FLOW, "ann", "mill", date(2019, 1, 1), weight=2.0),
        _tie("t4", TieKind.EMPLOYED_BY, "ann", "uni", date(2010, 1, 1)),
        _tie("t5", TieKind.EMPLOYED_BY, "bo", "uni", date(2010, 1, 1)),
        _tie("t6", TieKind.COLLABORATES_WITH, "cy", "dairy", date(2018, 1, 1)),
        _tie("t7", TieKind.FUNDS, "town", "garden", date(2018, 1, 1), until=date(2019, 1, 1)),
        _tie(
            "t8",
            TieKind.EXCHANGES_RESOURCE,
            "mill",
            "dairy",
            date(2019, 3, 1),
            resource=FlowType.BY_PRODUCT,
        ),
    )
    flows = (
        ResourceFlow(
            id="f1",
            owner="mill",
            source="mill",
            target="dairy",
            flow_type=FlowType.BY_PRODUCT,
            resource="sawdust",
            status=FlowStatus.REALISED,
        ),
        ResourceFlow(
            id="f2",
            owner="dairy",
            source="dairy",
            target="town",
            flow_type=FlowType.ENERGY,
            resource="biogas",
            status=FlowStatus.REALISED,
        ),
        ResourceFlow(
            id="f3",
            owner="uni",
            source="uni",
            flow_type=FlowType.WATER,
            resource="cooling water",
            status=FlowStatus.POTENTIAL,
        ),
        ResourceFlow(
            id="f4",
            owner="town",
            source="town",
            target="mill",
            flow_type=FlowType.MATERIAL,
            resource="gravel",
            status=FlowStatus.ENDED,
        ),
    )
    initiatives = (
        Initiative(
            id="i1", name="Sawdust", launched_on=date(2019, 1, 1), participants=("mill", "uni")
        ),
        Initiative(
            id="i2",
            name="Biogas",
            launched_on=date(2019, 6, 1),
            participants=("mill", "town", "uni"),
        ),
    )
    utc = UTC
    cycles = (
        Cycle(
            id="c1",
            platform="p1",
            variant=CycleVariant.FIVE_D,
            history=(
                PhaseVisit(
                    phase="define",
                    entered_at=datetime(2018, 6, 1, tzinfo=utc),
                    left_at=datetime(2019, 2, 1, tzinfo=utc),
                ),
                PhaseVisit(
                    phase="discover",
                    entered_at=datetime(2019, 2, 1, tzinfo=utc),
                    left_at=datetime(2019, 4, 1, tzinfo=utc),
                ),
            ),
        ),
    )
    return Arena(
        id="small",
        name="Small",
        template="smice/base",
        created_on=date(2018, 1, 1),
        stakeholders=stakeholders,
        ties=ties,
        flows=flows,
        initiatives=initiatives,
        cycles=cycles,
        platforms=(Platform(id="p1", name="Platform", country=Country.SE),),
    )
