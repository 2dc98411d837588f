"""compute() on a small hand-built arena: every indicator against a value worked out by hand.

The arena (created 2018-01-01; latest record, the review of c2, 2020-01-01):

- organisations: sme1 (SME, SE), sme2 (SME, NO), large (large firm, SE), uni (university,
  SE), mun (municipality, SE), garden (intermediary, civil society, NO), late (NGO, SE,
  joins 2019-05-01, no ties);
- persons with network consent: ann (employee of sme1, female), bob (owner-manager of sme1,
  male), cid (citizen, no employer, no gender);
- ties: t1 sme1-collaborates->uni, t2 sme1-supplies->sme2, t3 mun-procures->large,
  t4 large-co_applies->uni (funded), t5 ann-co_applies->garden (rejected, ended
  2018-09-01), t6 ann-employed_by->sme1, t7 garden-knowledge_flow->sme2 (from 2019).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import attrs
import pytest

from smice.domain import (
    Action,
    ActionStatus,
    Arena,
    ArenaTemplate,
    Barrier,
    BarrierKind,
    CommunityCapital,
    Consent,
    ConsentScope,
    Country,
    Cycle,
    CycleStatus,
    CycleVariant,
    FlowStatus,
    FlowType,
    FrozenMap,
    Gender,
    Graduation,
    GraduationEvidence,
    Helix,
    Initiative,
    InitiativeMaturity,
    Interview,
    Membership,
    PersonRole,
    PhaseVisit,
    ProgressTeam,
    ResourceFlow,
    Review,
    ReviewDecision,
    RStrategy,
    Stakeholder,
    StakeholderKind,
    TeamStatus,
    Tie,
    TieKind,
)
from smice.domain._frozen import freeze_json
from smice.indicators import CATALOGUE, compute
from smice.indicators.catalogue import BOUNDED
from smice.io import load_template
from smice.policy import Facts

K = StakeholderKind
D = date
Name = Callable[[str], str]


def _same(s: str) -> str:
    return s


def _org(n: Name, sid: str, helix: Helix, kind: K, country: Country, **kw: object) -> Stakeholder:
    return Stakeholder(
        id=n(sid), name=sid, helix=helix, kinds=frozenset({kind}), country=country, **kw
    )


def _person(n: Name, sid: str, **kw: object) -> Stakeholder:
    consent = Consent(
        scopes=frozenset({ConsentScope.STORAGE, ConsentScope.NETWORK_ANALYSIS}),
        given_on=D(2018, 1, 1),
    )
    return Stakeholder(
        id=n(sid),
        name=sid,
        helix=Helix.CIVIL_SOCIETY,
        kinds=frozenset({K.PRIVATE_PERSON}),
        country=Country.SE,
        consent=consent,
        **kw,
    )


def _at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 9, tzinfo=UTC)


def build(n: Name = _same, *, extensions: bool = True) -> Arena:
    """The arena of the module docstring; *n* renames every id."""
    ext = freeze_json
    stakeholders = (
        _org(
            n,
            "sme1",
            Helix.INDUSTRY,
            K.SME,
            Country.SE,
            extensions=ext({"circularity": {"2018": 0.2, "2019": 0.4}}),
        ),
        _org(
            n,
            "sme2",
            Helix.INDUSTRY,
            K.SME,
            Country.NO,
            extensions=ext({"circularity": {"2018": 0.5, "2019": 0.4}}),
        ),
        _org(
            n,
            "large",
            Helix.INDUSTRY,
            K.LARGE_FIRM,
            Country.SE,
            extensions=ext({"circularity": {"2019": 0.9}}),
        ),
        _org(n, "uni", Helix.ACADEMIA, K.UNIVERSITY, Country.SE),
        _org(n, "mun", Helix.GOVERNMENT, K.MUNICIPALITY, Country.SE),
        _org(n, "garden", Helix.CIVIL_SOCIETY, K.INTERMEDIARY, Country.NO),
        _org(n, "late", Helix.CIVIL_SOCIETY, K.NGO, Country.SE, joined_on=D(2019, 5, 1)),
        _person(n, "ann", role=PersonRole.EMPLOYEE, employer=n("sme1"), gender=Gender.FEMALE),
        _person(n, "bob", role=PersonRole.OWNER_MANAGER, employer=n("sme1"), gender=Gender.MALE),
        _person(n, "cid", role=PersonRole.CITIZEN),
    )

    def tie(tid: str, kind: TieKind, s: str, t: str, since: date, **kw: object) -> Tie:
        return Tie(id=n(tid), kind=kind, source=n(s), target=n(t), since=since, **kw)

    ties = (
        tie("t1", TieKind.COLLABORATES_WITH, "sme1", "uni", D(2018, 2, 1)),
        tie("t2", TieKind.SUPPLIES, "sme1", "sme2", D(2018, 3, 1)),
        tie("t3", TieKind.PROCURES, "mun", "large", D(2018, 4, 1)),
        tie(
            "t4",
            TieKind.CO_APPLIES,
            "large",
            "uni",
            D(2018, 5, 1),
            extensions=ext({"outcome": "funded"}),
        ),
        tie(
            "t5",
            TieKind.CO_APPLIES,
            "ann",
            "garden",
            D(2018, 6, 1),
            until=D(2018, 9, 1),
            extensions=ext({"outcome": "rejected"}),
        ),
        tie("t6", TieKind.EMPLOYED_BY, "ann", "sme1", D(2018, 1, 1)),
        tie("t7", TieKind.KNOWLEDGE_FLOW, "garden", "sme2", D(2019, 1, 1)),
    )
    teams = (
        ProgressTeam(
            id=n("team1"),
            name="Wood",
            formed_on=D(2018, 1, 1),
            memberships=tuple(
                Membership(person=n(p), joined_on=D(2018, 1, 1)) for p in ("ann", "bob", "cid")
            ),
        ),
        ProgressTeam(
            id=n("team2"),
            name="Repair",
            formed_on=D(2019, 6, 1),
            memberships=(Membership(person=n("cid"), joined_on=D(2019, 6, 1)),),
            status=TeamStatus.GRADUATED,
            graduation=Graduation(
                on=D(2019, 12, 1), evidence=GraduationEvidence.NEW_BUSINESS, description="cafe"
            ),
        ),
    )
    c1 = Cycle(
        id=n("c1"),
        team=n("team1"),
        variant=CycleVariant.FIVE_D,
        history=(
            PhaseVisit(phase="define", entered_at=_at(2018, 2, 1), left_at=_at(2018, 3, 1)),
            PhaseVisit(phase="discover", entered_at=_at(2018, 3, 1)),
        ),
        interviews=(
            Interview(id=n("i1"), interviewer=n("ann"), interviewee=n("bob"), on=D(2018, 3, 10)),
            Interview(id=n("i2"), interviewer=n("ann"), interviewee=n("uni"), on=D(2018, 3, 11)),
        ),
    )
    c2 = Cycle(
        id=n("c2"),
        team=n("team2"),
        variant=CycleVariant.FIVE_D,
        status=CycleStatus.COMPLETED,
        history=(
            PhaseVisit(phase="destiny", entered_at=_at(2019, 6, 10), left_at=_at(2019, 12, 1)),
            PhaseVisit(phase="review", entered_at=_at(2019, 12, 1)),
        ),
        actions=(
            Action(
                id=n("a1"),
                title="Open",
                owner=n("cid"),
                committed_on=D(2019, 6, 15),
                due=D(2019, 9, 1),
                status=ActionStatus.STARTED,
                started_on=D(2019, 7, 1),
                community_capitals=frozenset({CommunityCapital.SOCIAL, CommunityCapital.HUMAN}),
            ),
            Action(
                id=n("a2"),
                title="Sell",
                owner=n("cid"),
                committed_on=D(2019, 6, 20),
                due=D(2019, 9, 1),
                community_capitals=frozenset({CommunityCapital.SOCIAL}),
            ),
        ),
        reviews=(Review(id=n("r1"), on=D(2020, 1, 1), decision=ReviewDecision.GRADUATE),),
    )
    initiatives = (
        Initiative(
            id=n("in1"),
            name="Bark",
            launched_on=D(2018, 6, 1),
            maturity=InitiativeMaturity.PILOT,
            domain="Wood",
            r_strategies=frozenset({RStrategy.RECYCLE}),
            participants=(n("sme1"), n("uni"), n("mun")),
            barriers=(
                Barrier(
                    kind=BarrierKind.END_OF_WASTE_STATUS,
                    description="waste",
                    since=D(2018, 7, 1),
                ),
            ),
        ),
        Initiative(
            id=n("in2"),
            name="Boards",
            launched_on=D(2019, 2, 1),
            maturity=InitiativeMaturity.MARKET_MATURITY,
            domain=" wood ",
            r_strategies=frozenset({RStrategy.REUSE, RStrategy.RECOVER}),
            participants=(n("large"),),
            extensions=ext(
                {
                    "products": [
                        {"mass": 2.0},
                        {"mass": 2.0, "F_R": 1.0, "C_R": 1.0},
                    ]
                }
            ),
        ),
        Initiative(
            id=n("in3"),
            name="Trails",
            launched_on=D(2019, 3, 1),
            domain="tourism",
            participants=(n("garden"),),
        ),
    )

    def flow(
        fid: str, s: str, t: str, kind: FlowType, status: FlowStatus, **kw: object
    ) -> ResourceFlow:
        return ResourceFlow(
            id=n(fid),
            owner=n(s),
            source=n(s),
            target=n(t),
            flow_type=kind,
            resource=fid,
            status=status,
            **kw,
        )

    flows = (
        flow(
            "f1",
            "sme1",
            "sme2",
            FlowType.BY_PRODUCT,
            FlowStatus.REALISED,
            bio_based=True,
            fate=RStrategy.RECOVER,
            since=D(2018, 5, 1),
            extensions=ext({"material_use": True}),
        ),
        flow(
            "f2",
            "sme2",
            "large",
            FlowType.BY_PRODUCT,
            FlowStatus.POTENTIAL,
            bio_based=True,
            since=D(2019, 2, 1),
        ),
        flow(
            "f3",
            "mun",
            "large",
            FlowType.MATERIAL,
            FlowStatus.ENDED,
            since=D(2018, 2, 1),
            until=D(2018, 10, 1),
        ),
        flow(
            "f4",
            "sme1",
            "uni",
            FlowType.BY_PRODUCT,
            FlowStatus.REALISED,
            bio_based=True,
            fate=RStrategy.REUSE,
            since=D(2019, 1, 1),
        ),
    )
    arena_ext = {
        "s3_domains": ["Tourism"],
        "funding": [
            {"kind": "core", "amount": 100000, "from": "2018-01-01"},
            {"kind": "project", "amount": 300000, "from": "2018-01-01", "until": "2020-12-31"},
        ],
        "recommendations": [
            {
                "rule": "P1",
                "issued_on": "2019-01-01",
                "status": "accepted",
                "decided_on": "2019-03-01",
            },
            {"rule": "P4", "issued_on": "2019-06-01", "status": "issued"},
        ],
    }
    return Arena(
        id="hand",
        name="Hand-built",
        template="smice/base",
        created_on=D(2018, 1, 1),
        stakeholders=stakeholders,
        ties=ties,
        teams=teams,
        cycles=(c1, c2),
        initiatives=initiatives,
        flows=flows,
        extensions=ext(arena_ext) if extensions else FrozenMap(),
    )


#: The value of every indicator on 2020-01-01, worked out by hand (see each comment).
EXPECTED: dict[str, object] = {
    "A.months_observed": 24,  # 2018-01-01 .. 2020-01-01
    "A.n_stakeholders": 10,
    "A.n_smes": 2,
    "A.n_firms": 3,  # sme1, sme2, large
    "A.n_persons_with_gender": 2,
    "A.n_initiatives": 3,
    "A.n_active_cycles": 1,  # c1
    "A.n_mature_teams": 1,  # team1, formed exactly 24 months before
    "A.n_actions_due": 2,  # a1 (6 months 17 days), a2 (6 months 12 days)
    "A.n_actions": 2,
    "A.n_firm_team_members": 2,  # team1 has ann and bob of sme1 (cid works for no firm)
    "A.n_discover_interviews": 2,
    "A.n_closed_cycles": 1,  # c2
    "A.n_recommendations": 2,
    "A.min_helix_share": 1 / 7,  # 7 organisations: 3 industry, 1, 1, 2 civil society
    "A.industry_share": 3 / 7,
    "A.academia_share": 1 / 7,
    "A.government_share": 1 / 7,
    "A.civil_society_share": 2 / 7,
    "A.private_person_share": 3 / 10,
    "A.stalled_cycle_share": 1.0,  # c1 in discover since 2018-03-01 > 90 days
    "A.action_start_share": 0.5,  # a1 started, a2 not
    "A.mature_team_graduation_share": 0.0,
    "A.non_manager_share": 1 / 2,  # ann (employee) of ann, bob
    "A.external_interview_share": 0.5,  # bob is a member, uni is not
    "A.female_share": 0.5,
    "A.median_support_contacts": 0.0,  # sme1 0, sme2 1 (garden), large 0
    "A.firm_progress_share": 2 / 3,  # sme1 (pilot), large (market maturity)
    "A.core_funding_share": 0.25,  # 100k core of 400k running
    "A.months_of_funding_left": 11,  # 2020-01-01 .. 2020-12-31
    # Gini of capital counts (social 2, human 1, five 0): sum|xi-xj| = 32 over
    # 2 * 7^2 * 3/7 = 42.
    "A.action_capital_gini": 32 / 42,
    "A.n_closed_cycles_reviewed": 1,
    "A.reviews_per_closed_cycle": 1.0,
    "A.months_since_first_recommendation": 12,
    "A.n_recommendations_taken_up": 1,
    "N.n_ties": 5,  # t1, t2, t3, t4, t7 (t5 ended, t6 affiliation)
    "N.sme_rnd_linkage_share": 0.5,  # sme1 via t1; sme2 only to garden
    # The organisation network is the path mun-large-uni-sme1-sme2-garden (late is
    # isolated); betweenness along a 6-path is 0, 4, 6, 6, 4, 0: 6 / 20.
    "N.top_broker_betweenness_share": 0.3,
    "N.top_broker_is_cut_vertex": True,
    "N.cross_border_tie_share": 0.2,  # t2 (SE-NO) of 5
    "N.n_municipal_procurement_ties": 1,  # t3
    "N.n_co_applications": 2,  # t4, and t5 (ann counts for sme1), ended but begun
    "N.co_applications_per_firm_year": 2 / 3 / 2,
    "N.n_decided_applications": 2,
    "N.application_success_share": 0.5,
    # Triples (u, i, g): in1 (T, T, T), in2 (F, T, F), in3 (F, F, F).
    # H_u = H_i = H_g = H(1/3, 2/3); H_ui = H_ig = H_uig = log2 3; H_ug = H(1/3, 2/3).
    "N.triple_helix_synergy": None,  # checked separately below
    "C.n_bio_sidestreams": 2,  # f1, f4 (f2 has no fate)
    "C.bio_sidestream_energy_share": 0.5,  # f1 (R9) of f1, f4
    "C.n_energy_sidestreams_with_material_use": 1,
    "C.n_potential_flows": 4,
    "C.realised_flow_share": 0.75,  # f1, f3 (ended), f4
    "C.realisation_ratio": 2 / 3,  # f1, f4 of f1, f2, f4
    "C.n_initiatives_blocked_waste_status": 1,
    "C.n_initiatives_with_r_strategy": 2,
    "C.low_r_initiative_share": 0.5,  # in1 only R8
    "C.r0_r2_initiative_share": 0.0,
    "C.r3_r7_initiative_share": 0.5,  # in2, best R3
    "C.n_circular_suppliers_mature": 1,  # large
    "C.max_non_s3_domain_initiatives": 2,  # "Wood" and " wood " (tourism is S3)
    "C.n_firms_with_circularity": 2,  # sme1 and sme2 in 2018 and 2019
    "C.firm_circularity_change": 0.05,  # ((0.4 - 0.2) + (0.4 - 0.5)) / 2
    "C.n_products_with_mci": 2,
    "C.material_circularity": 0.55,  # linear 0.1 and restorative 1.0, 2 kg each
    "T.min_evidence_subjects": 10,  # smice/base
    "T.min_evidence_months": 6,
    "A.n_countries": 2,  # SE, NO
    # team1 (team2 graduated) and in1, in2, in3: none has all four helices (team1: civil
    # society and, through ann's and bob's employer, industry; in1: no civil society).
    "A.n_work_units": 4,
    "A.helix_coverage_share": 0.0,
    "A.n_persons": 3,
    "A.network_consent_share": 1.0,
    "A.n_persons_with_age_band": None,  # 0 persons: a small cell, suppressed
    "A.youth_share": None,  # nobody has an age band
    "A.action_capital_top": "social",  # social 2, human 1
    # Top broker uni (or sme1, equal betweenness) splits the 6-path 2 | 3: of the 10 pairs
    # of the other five, 1 + 3 stay connected.
    "N.top_broker_fragmentation": 0.6,
    "C.n_initiatives_blocked_finance": 0,
    "C.n_initiatives_blocked_logistics": 0,
    "C.n_initiatives_blocked_knowledge": 0,
    "C.n_advanced_initiatives": 2,  # in1 (pilot), in2 (market maturity)
    "C.anchored_initiative_share": None,  # not recorded
    # changes 0.2, -0.1: mean 0.05, s = 0.2121, t(0.95, 1) = 6.3138 (any t table):
    # 0.05 + 6.3138 * 0.2121 / sqrt(2) = 0.997
    "C.firm_circularity_change_high": 0.99707,
    **{f"{fact}_{side}": None for fact in BOUNDED for side in ("low", "high")},
}


def no_small_cells() -> ArenaTemplate:
    """The bundled base template with ``min_cell_size`` 1: the hand-built arena has three
    persons, and the facts about them are worked out by hand too (suppression below five
    persons is tested in tests/hostile/test_privacy_small_cells.py)."""
    base = load_template("smice/base")
    return attrs.evolve(base, parameters=FrozenMap({**base.parameters, "min_cell_size": 1}))


@pytest.fixture(scope="module")
def facts() -> Facts:
    return compute(build(), template=no_small_cells())


def test_expected_table_covers_the_catalogue() -> None:
    """The hand-worked table names every indicator exactly once."""
    assert set(CATALOGUE) == set(EXPECTED)


@pytest.mark.parametrize("fact_id", [k for k, v in EXPECTED.items() if v is not None])
def test_each_indicator_matches_the_hand_worked_value(facts: Facts, fact_id: str) -> None:
    """Each indicator on the hand-built arena equals the value worked out by hand."""
    expected = EXPECTED[fact_id]
    actual = facts.value(fact_id)
    assert not facts[fact_id].missing, facts[fact_id].reason
    if isinstance(expected, float):
        assert expected == pytest.approx(actual, abs=1e-5)
    else:
        assert expected == actual
    assert CATALOGUE[fact_id].unit == facts.unit(fact_id)


def test_triple_helix_synergy_by_hand(facts: Facts) -> None:
    """T = 3 H(1/3, 2/3) - (2 log2 3 + H(1/3, 2/3)) + log2 3 = 2 H(1/3, 2/3) - log2 3."""
    import math

    h = -(1 / 3) * math.log2(1 / 3) - (2 / 3) * math.log2(2 / 3)
    assert 2 * h - math.log2(3) == pytest.approx(facts.value("N.triple_helix_synergy"))


def test_integers_stay_integers(facts: Facts) -> None:
    """Counts are ints (rule texts format them with ``:d``), unless suppressed as a small
    cell of persons."""
    for key, entry in CATALOGUE.items():
        if entry.unit == "count":
            if facts[key].reason.startswith("suppressed"):
                continue
            assert isinstance(facts.value(key), int), key


def test_without_extensions_those_facts_are_missing_not_zero() -> None:
    """Funding, recommendations and smart-specialisation facts need extensions: without
    them they are missing with a reason, never 0."""
    facts = compute(build(extensions=False))
    for key in (
        "A.core_funding_share",
        "A.months_of_funding_left",
        "A.n_recommendations",
        "A.n_recommendations_taken_up",
        "A.months_since_first_recommendation",
        "C.max_non_s3_domain_initiatives",
    ):
        assert facts[key].missing, key
        assert facts[key].reason, key
    assert facts.value("A.n_stakeholders") == 10


def test_relabelling_ids_does_not_change_facts(facts: Facts) -> None:
    """Renaming every id (and so every order that follows ids) leaves every fact as it was."""
    renamed = compute(build(lambda s: "zz-" + s[::-1]), template=no_small_cells())
    for key in CATALOGUE:
        before, after = facts.value(key), renamed.value(key)
        if isinstance(before, float):
            assert before == pytest.approx(after), key
        else:
            assert before == after, key
