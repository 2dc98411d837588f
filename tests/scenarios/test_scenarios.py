"""Scenario suite (issue 12): arenas built for the purpose, each assessed with the default rule
set, asserting exactly which rules fire and why the others stay quiet. A rule that fires on
the healthy arena is a failing test."""

from __future__ import annotations

from datetime import date

import pytest
from builders import (
    AT,
    action,
    arena,
    cycle,
    employment,
    initiative,
    moment,
    org,
    person,
    team,
    tie,
)

from smice import assess
from smice.domain import (
    AgeBand,
    Arena,
    CommunityCapital,
    Country,
    Gender,
    Helix,
    PersonRole,
    Stakeholder,
    Tie,
    TieKind,
)
from smice.domain import StakeholderKind as K
from smice.policy import NotFired, Reason
from smice.report import Assessment

SE, NO = Country.SE, Country.NO
R = PersonRole


def _quiet(result: Assessment, rule_id: str) -> NotFired:
    outcome = result.explain(rule_id)
    assert isinstance(outcome, NotFired), f"{rule_id} fired: {outcome.text['en']}"
    return outcome


def _healthy_parts(countries: tuple[Country, Country] = (SE, NO)) -> dict[str, object]:
    """Two countries, 12 SMEs all tied to R&D, four teams and five initiatives that each
    bring all four helices together, balanced and consenting participants, cycles with
    recent activity, actions under way on every community capital."""
    a, b = countries
    orgs = [
        org("uni", Helix.ACADEMIA, K.UNIVERSITY, a),
        org("inst", Helix.ACADEMIA, K.RESEARCH_INSTITUTE, b),
        org("mun-a", Helix.GOVERNMENT, K.MUNICIPALITY, a),
        org("mun-b", Helix.GOVERNMENT, K.MUNICIPALITY, b),
        org("ngo-a", Helix.CIVIL_SOCIETY, K.NGO, a),
        org("ngo-b", Helix.CIVIL_SOCIETY, K.NGO, b),
    ]
    smes = [org(f"sme{i}", Helix.INDUSTRY, K.SME, a if i % 2 else b) for i in range(12)]
    ties: list[Tie] = []
    for i, sme in enumerate(smes):
        ties.append(tie(TieKind.COLLABORATES_WITH, sme.id, "uni" if i % 2 else "inst"))
        ties.append(tie(TieKind.SUPPLIES, sme.id, smes[(i + 1) % 12].id))  # a ring
        ties.append(tie(TieKind.SUPPLIES, sme.id, smes[(i + 5) % 12].id))  # chords
    for i in range(6):  # co-applications: 6 over 12 firms and 2 years = 0.25 a firm-year
        ties.append(
            tie(
                TieKind.CO_APPLIES,
                smes[2 * i].id,
                "uni",
                since=date(2019, 6, 1),
                extensions={"outcome": "funded"},
            )
        )
    ties += [
        tie(TieKind.PROCURES, "mun-a", "sme1"),
        tie(TieKind.PROCURES, "mun-b", "sme2"),
        tie(TieKind.COLLABORATES_WITH, "ngo-a", "mun-a"),
        tie(TieKind.COLLABORATES_WITH, "ngo-b", "mun-b"),
        tie(TieKind.COLLABORATES_WITH, "ngo-a", "sme3"),
        tie(TieKind.COLLABORATES_WITH, "ngo-b", "sme4"),
        tie(TieKind.KNOWLEDGE_FLOW, "uni", "inst"),
        tie(TieKind.COLLABORATES_WITH, "mun-a", "uni"),
        tie(TieKind.COLLABORATES_WITH, "mun-b", "inst"),
    ]
    people: list[Stakeholder] = []
    teams = []
    cycles = []
    ages = (AgeBand.UNDER_25, AgeBand.FROM_25_TO_34, AgeBand.FROM_45_TO_54)
    capitals = list(CommunityCapital)
    for t in range(4):
        roles = (
            (R.RESEARCHER, "uni" if t % 2 else "inst"),
            (R.PUBLIC_OFFICER, "mun-a" if t % 2 else "mun-b"),
            (R.EMPLOYEE, f"sme{t}"),
            (R.UNION_REPRESENTATIVE, f"sme{t}"),
            (R.CITIZEN, None),
        )
        members = [
            person(
                f"p{t}{k}",
                role,
                employer=employer,
                gender=Gender.FEMALE if (t + k) % 2 else Gender.MALE,
                age=ages[k % 3],
            )
            for k, (role, employer) in enumerate(roles)
        ]
        people += members
        ids = [m.id for m in members]
        teams.append(team(f"team{t}", ids))
        outsiders = [f"sme{t + 6}", f"ngo-{'a' if t % 2 else 'b'}"]
        if t < 2:  # two cycles in Discover, interviewing last month
            cycles.append(
                cycle(
                    f"c{t}",
                    f"team{t}",
                    "discover",
                    entered=date(2020, 11, 2),
                    members=ids,
                    outsiders=outsiders,
                    interviewed_on=date(2020, 12, 1),
                )
            )
        else:  # two in Destiny, with actions under way (due mid-2021)
            actions = [
                action(
                    f"a{t}{k}",
                    ids[k % len(ids)],
                    capitals[(5 * (t - 2) + k) % len(capitals)],
                    committed=date(2020, 5, 4),
                    started=date(2020, 6, 1),
                )
                for k in range(5)
            ]
            cycles.append(
                cycle(
                    f"c{t}",
                    f"team{t}",
                    "destiny",
                    entered=date(2020, 4, 1),
                    members=ids,
                    outsiders=outsiders,
                    interviewed_on=date(2019, 12, 1),
                    actions=actions,
                )
            )
    initiatives = [
        initiative(f"in{i}", [f"sme{i}", "uni", "mun-a", "ngo-a"], anchored=True) for i in range(5)
    ]
    return {
        "stakeholders": (*orgs, *smes, *people),
        "ties": (*ties, *employment(people)),
        "teams": tuple(teams),
        "cycles": tuple(cycles),
        "initiatives": tuple(initiatives),
    }


def healthy() -> Arena:
    return arena("healthy", **_healthy_parts())


# -- the healthy arena ------------------------------------------------------------------------


def test_a_healthy_arena_fires_nothing() -> None:
    result = assess(healthy(), at=AT)
    assert result.evaluation.fired == ()


@pytest.mark.parametrize(
    "fact",
    [
        "N.sme_rnd_linkage_share",
        "A.helix_coverage_share",
        "A.private_person_share",
        "N.top_broker_fragmentation",
        "N.cross_border_tie_share",
        "A.stalled_cycle_share",
        "A.action_start_share",
        "A.non_manager_share",
        "A.external_interview_share",
        "A.female_share",
        "N.co_applications_per_firm_year",
        "A.action_capital_gini",
        "A.network_consent_share",
        "A.youth_share",
        "C.anchored_initiative_share",
    ],
)
def test_the_healthy_arena_is_quiet_because_it_meets_the_target(fact: str) -> None:
    """Quiet by meeting the target, not by missing data: every fact is measured and every
    rule reading it finds its condition false."""
    result = assess(healthy(), at=AT)
    assert not result.facts[fact].missing, result.facts[fact].reason
    for rule in result.ruleset.rules:
        if fact in rule.facts:
            assert _quiet(result, rule.id).reason is Reason.CONDITION_FALSE, rule.id


def test_the_healthy_arena_has_no_stalled_cycle() -> None:
    """Two cycles interviewed last month, two in Destiny with actions under way."""
    result = assess(healthy(), at=AT)
    assert result.facts.value("A.n_active_cycles") == 4
    assert result.facts.value("A.stalled_cycle_share") == 0.0


# -- a single-country municipality -------------------------------------------------------------


def test_a_single_country_arena_is_never_told_to_build_cross_border_ties() -> None:
    result = assess(arena("one-country", **_healthy_parts((SE, SE))), at=AT)
    assert result.facts["N.cross_border_tie_share"].reason == "the arena spans one country"
    assert result.facts.value("A.n_countries") == 1
    p4 = _quiet(result, "P4")
    assert p4.reason is Reason.CONDITION_UNKNOWN
    assert p4.missing == ("N.cross_border_tie_share",)
    assert result.evaluation.fired == ()


# -- a rural arena with one R&D organisation in every team ------------------------------------


def rural() -> Arena:
    """A rural Swedish arena: one university, 14 SMEs, two municipalities and two
    associations; the university's researcher sits in every team. SMEs also trade with each
    other and the municipalities, so the network does not hang on the university."""
    orgs = [
        org("uni", Helix.ACADEMIA, K.UNIVERSITY, SE),
        org("mun-a", Helix.GOVERNMENT, K.MUNICIPALITY, SE),
        org("mun-b", Helix.GOVERNMENT, K.MUNICIPALITY, SE),
        org("ngo-a", Helix.CIVIL_SOCIETY, K.NGO, SE),
        org("ngo-b", Helix.CIVIL_SOCIETY, K.NGO, SE),
    ]
    smes = [org(f"sme{i}", Helix.INDUSTRY, K.SME, SE) for i in range(14)]
    ties = [tie(TieKind.COLLABORATES_WITH, s.id, "uni") for s in smes[:5]]
    ties += [tie(TieKind.SUPPLIES, s.id, smes[(i + 1) % 14].id) for i, s in enumerate(smes)]
    ties += [
        tie(TieKind.PROCURES, "mun-a" if i < 7 else "mun-b", s.id) for i, s in enumerate(smes)
    ]
    ties += [
        tie(TieKind.COLLABORATES_WITH, "ngo-a", "mun-a"),
        tie(TieKind.COLLABORATES_WITH, "ngo-b", "mun-b"),
        tie(TieKind.COLLABORATES_WITH, "mun-a", "uni"),
    ]
    ties += [  # 8 co-applications over 14 firms and 2 years: 0.29 a firm-year
        tie(TieKind.CO_APPLIES, s.id, smes[(i + 3) % 14].id, extensions={"outcome": "funded"})
        for i, s in enumerate(smes[:8])
    ]
    researcher = person("res", R.RESEARCHER, employer="uni")
    people = [researcher]
    teams = []
    for t in range(10):
        members = [
            person(f"e{t}", R.EMPLOYEE, employer=f"sme{t}", gender=Gender.MALE),
            person(f"o{t}", R.PUBLIC_OFFICER, employer="mun-a" if t % 2 else "mun-b"),
            person(
                f"c{t}", R.CITIZEN, gender=Gender(("male", "female")[t % 2]), age=AgeBand.UNDER_25
            ),
        ]
        people += members
        teams.append(team(f"team{t}", ["res", *(m.id for m in members)]))
    return arena(
        "rural",
        stakeholders=(*orgs, *smes, *people),
        ties=(*ties, *employment(people)),
        teams=tuple(teams),
    )


def test_one_rnd_organisation_in_every_team_covers_the_helices() -> None:
    """Issue 12: P2 fired in every rural arena because one R&D organisation is a small share
    of the organisations; it now reads coverage where the work happens."""
    result = assess(rural(), at=AT)
    assert result.facts.value("A.academia_share") == pytest.approx(1 / 19)  # the old signal
    assert result.facts.value("A.helix_coverage_share") == 1.0
    assert _quiet(result, "P2").reason is Reason.CONDITION_FALSE


def test_a_rural_hub_holding_peripheral_members_is_not_a_dependence() -> None:
    """The top broker is a cut vertex, but only for a peripheral member or two: the SMEs'
    ring and the municipalities keep nearly every pair connected without it; P3 is quiet."""
    result = assess(rural(), at=AT)
    assert result.facts.value("N.top_broker_is_cut_vertex") is True  # the old trigger
    assert 0 < result.facts.value("N.top_broker_fragmentation") < 0.2  # type: ignore[operator]
    assert _quiet(result, "P3").reason is Reason.CONDITION_FALSE


def test_the_rural_arena_fires_exactly_p1_for_its_unlinked_smes() -> None:
    """5 of 14 SMEs collaborate with the university (36 %, Wilson upper bound ≈ 57 %): P1 is
    quiet; nothing else fires either."""
    result = assess(rural(), at=AT)
    assert result.facts.value("N.sme_rnd_linkage_share") == pytest.approx(5 / 14)
    assert _quiet(result, "P1").reason is Reason.CONDITION_FALSE
    assert result.evaluation.fired == ()


# -- a micro-firm arena of sole traders -------------------------------------------------------


def sole_traders() -> Arena:
    """Sixteen sole traders (a micro firm and its owner-manager each) in four teams with a
    municipality officer, a researcher and a citizen."""
    orgs = [
        org("uni", Helix.ACADEMIA, K.UNIVERSITY, SE),
        org("mun", Helix.GOVERNMENT, K.MUNICIPALITY, SE),
        org("inst", Helix.ACADEMIA, K.RESEARCH_INSTITUTE, NO),
    ]
    firms = [org(f"f{i}", Helix.INDUSTRY, K.MICRO_FIRM, SE if i % 2 else NO) for i in range(16)]
    owners = [
        person(
            f"owner{i}",
            R.OWNER_MANAGER,
            employer=f"f{i}",
            gender=Gender.FEMALE if i % 2 else Gender.MALE,
        )
        for i in range(16)
    ]
    others = [
        person("officer", R.PUBLIC_OFFICER, employer="mun"),
        person("res", R.RESEARCHER, employer="uni", gender=Gender.MALE),
        person("citizen", R.CITIZEN, age=AgeBand.UNDER_25),
    ]
    ties = [
        tie(TieKind.COLLABORATES_WITH, f.id, "uni" if i % 2 else "inst")
        for i, f in enumerate(firms)
    ]
    ties += [tie(TieKind.SUPPLIES, f.id, firms[(i + 1) % 16].id) for i, f in enumerate(firms)]
    ties += [
        tie(TieKind.COLLABORATES_WITH, "mun", "uni"),
        tie(TieKind.KNOWLEDGE_FLOW, "uni", "inst"),
    ]
    teams = [
        team(f"team{t}", [*(f"owner{4 * t + k}" for k in range(4)), "officer", "res", "citizen"])
        for t in range(4)
    ]
    return arena(
        "sole-traders",
        stakeholders=(*orgs, *firms, *owners, *others),
        ties=(*ties, *employment([*owners, *others])),
        teams=tuple(teams),
    )


def test_sole_traders_are_not_told_to_involve_their_employees() -> None:
    """P13 (employee-driven innovation) has no subjects among sole traders: owner-managers
    of firms without a recorded employee are left out, so the share is missing."""
    result = assess(sole_traders(), at=AT)
    # 16 owner-managers left out: no subject, a small cell (suppressed), the share missing
    assert result.facts["A.n_firm_team_members"].missing
    assert result.facts["A.non_manager_share"].missing
    p13 = _quiet(result, "P13")
    assert p13.reason is Reason.INSUFFICIENT_EVIDENCE
    # What does fire: no joint application among 16 firms in two years.
    assert result.facts.value("N.n_co_applications") == 0
    assert result.evaluation.fired == ("P16",)


# -- consent coverage ---------------------------------------------------------------------------


def test_thin_consent_turns_network_advice_into_a_warning() -> None:
    """Half the persons withhold network-analysis consent: P24 warns and the network rules
    stay quiet (their condition needs 70 % coverage)."""
    parts = _healthy_parts()
    people = [s for s in parts["stakeholders"] if s.is_person]  # type: ignore[attr-defined]
    withheld = {p.id for i, p in enumerate(people) if i % 4 < 2}  # both genders alike
    parts["stakeholders"] = tuple(
        person(s.id, s.role, employer=s.employer, gender=s.gender, age=s.age_band, consent=False)
        if s.id in withheld
        else s
        for s in parts["stakeholders"]  # type: ignore[attr-defined]
    )
    result = assess(arena("thin-consent", **parts), at=AT)
    assert result.facts.value("A.network_consent_share") == pytest.approx(0.5)
    assert result.evaluation.fired == ("P24",)
    for rule_id in ("P1", "P3", "P4", "P16"):
        assert _quiet(result, rule_id).reason is Reason.CONDITION_FALSE


# -- stalls: activity resets the clock ---------------------------------------------------------


def test_a_cycle_with_overdue_silence_stalls_but_one_with_work_under_way_does_not() -> None:
    parts = _healthy_parts()
    cycles = list(parts["cycles"])  # type: ignore[call-overload]
    # c0 entered Discover on 2020-11-02 and interviewed on 2020-12-01: 31 days, not stalled.
    # A copy that entered Dream in February 2020 and did nothing since is stalled (> 90 days).
    silent = cycle("c-silent", "team0", "dream", entered=date(2020, 2, 3))
    result = assess(arena("stall", **{**parts, "cycles": (*cycles, silent)}), at=AT)
    assert result.facts.value("A.n_active_cycles") == 5
    assert result.facts.value("A.stalled_cycle_share") == pytest.approx(1 / 5)
    # 1 of 5 (Wilson lower bound ≈ 4 %) is far from 30 %: P10 is quiet.
    assert _quiet(result, "P10").reason is Reason.CONDITION_FALSE


def test_the_destiny_clock_is_the_templates_per_phase_limit() -> None:
    from smice.io import load_template
    from smice.process import days_in_phase, is_stalled
    from smice.process.signals import stall_limit

    base = load_template("smice/base")
    assert (stall_limit(base, "destiny"), stall_limit(base, "dream")) == (180.0, 90.0)
    a = healthy()
    end = moment(AT)
    # c2 entered Destiny on 2020-04-01: 275 days in the phase, but its actions are under way.
    assert days_in_phase(a, "c2", at=end) > 180
    assert not is_stalled(a, "c2", at=end)


# -- evidence thresholds come from the template -------------------------------------------------


def test_evidence_minima_are_read_from_the_template() -> None:
    """A template asking for 100 subjects and 48 months silences the rural arena's rules for
    lack of evidence; smice/base's 10 and 6 do not."""
    from smice.indicators import compute
    from smice.io import load_ruleset, load_template
    from smice.policy import evaluate

    strict = load_template(
        {
            "smice": "template/1",
            "id": "test/strict",
            "version": "1.0.0",
            "extends": "smice/base",
            "parameters": {"min_evidence_subjects": 100, "min_evidence_months": 48},
        }
    )
    rules = load_ruleset("smice/default")
    base = evaluate(rules, compute(rural(), at=AT))
    facts = compute(rural(), at=AT, template=strict)
    assert (facts.value("T.min_evidence_subjects"), facts.value("T.min_evidence_months")) == (
        100,
        48,
    )
    result = evaluate(rules, facts)
    for rule_id in ("P1", "P2", "P3"):
        assert base.result(rule_id).reason is Reason.CONDITION_FALSE  # type: ignore[union-attr]
        assert result.result(rule_id).reason is Reason.INSUFFICIENT_EVIDENCE  # type: ignore[union-attr]


# -- an arena following the uptake how-to ------------------------------------------------------


def _uptake_arena(decisions: tuple[tuple[str, str, str], ...] = ()) -> Arena:
    """docs/how-to/track-recommendation-uptake.md: an arena created by an event, three
    recommendations issued as ``recommendation_issued`` events in March 2020, then the
    given ``recommendation_status_changed`` decisions (id, status, day)."""
    from smice.io.events import load_event
    from smice.process import replay

    events = [
        {
            "type": "arena_created",
            "id": "e-1",
            "at": "2019-01-28T10:00:00+01:00",
            "recorded_by": "facilitator-1",
            "payload": {
                "id": "jt",
                "name": "Jämtland–Trøndelag",
                "template": "smice/base",
                "created_on": "2019-01-28",
            },
        }
    ]
    for n, rule_id in enumerate(("P1", "P4", "P10")):
        events.append(
            {
                "type": "recommendation_issued",
                "id": f"e-issue-{n}",
                "at": "2020-03-02T09:00:00+00:00",
                "recorded_by": "smice",
                "payload": {
                    "id": f"rec-{rule_id}",
                    "rule_id": rule_id,
                    "ruleset": "smice/default",
                    "ruleset_version": "0.2.0",
                    "instrument": ["governance"],
                    "level": ["regional"],
                    "evidence": {},
                    "title": {"en": rule_id},
                },
            }
        )
    for n, (rid, status, day) in enumerate(decisions):
        events.append(
            {
                "type": "recommendation_status_changed",
                "id": f"e-decide-{n}",
                "at": f"{day}T12:00:00+00:00",
                "recorded_by": "facilitator-1",
                "payload": {"recommendation": rid, "status": status},
            }
        )
    return replay([load_event(e) for e in events])


def test_uptake_records_make_p22b_fire_when_nothing_is_taken_up() -> None:
    """Issue 12: P22b could never fire for arenas following the how-to, because only
    extensions["recommendations"] was read."""
    result = assess(_uptake_arena((("rec-P4", "rejected", "2020-09-15"),)), at=date(2021, 4, 1))
    facts = result.facts
    assert [
        facts.value(k)
        for k in (
            "A.n_recommendations",
            "A.n_recommendations_taken_up",
            "A.months_since_first_recommendation",
        )
    ] == [3, 0, 12]
    assert result.evaluation.fired == ("P22b",)


def test_one_recommendation_taken_up_quietens_p22b() -> None:
    accepted = (("rec-P1", "accepted", "2020-05-04"),)
    result = assess(_uptake_arena(accepted), at=date(2021, 4, 1))
    assert result.facts.value("A.n_recommendations_taken_up") == 1
    assert _quiet(result, "P22b").reason is Reason.CONDITION_FALSE
    assert result.evaluation.fired == ()


def test_before_twelve_months_p22b_waits() -> None:
    result = assess(_uptake_arena(), at=date(2020, 12, 1))
    assert result.facts.value("A.months_since_first_recommendation") == 8
    assert _quiet(result, "P22b").reason is Reason.CONDITION_FALSE


# -- simulated arenas ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_simulated_24_month_arenas_get_only_advice_their_data_support(seed: int) -> None:
    """Issue 12 reproduced P2, P3 and P4 misfiring on simulated 24-month arenas. On these,
    every rule that fires is checked against the arena itself, not the facts: P16 because
    the simulation records no joint application, P22a because of five or more closed cycles
    with fewer than 0.8 reviews each."""
    from smice.domain import CycleStatus
    from smice.experiments import simulate

    run = simulate({"n_stakeholders": 80, "steps": 24, "step_days": 30}, seed=seed)
    result = assess(run.arena)
    for rule_id in ("P2", "P3", "P4", "P10"):
        _quiet(result, rule_id)
    assert _quiet(result, "P2").reason is Reason.INSUFFICIENT_EVIDENCE  # under 10 teams
    for rule_id in result.evaluation.fired:
        if rule_id == "P16":
            assert not any(t.kind is TieKind.CO_APPLIES for t in run.arena.ties)
        elif rule_id == "P22a":
            closed = [
                c
                for c in run.arena.cycles
                if c.status in (CycleStatus.COMPLETED, CycleStatus.ABANDONED)
            ]
            assert len(closed) >= 5
            assert sum(len(c.reviews) for c in closed) < 0.8 * len(closed)
        else:
            pytest.fail(f"{rule_id} fired on simulated arena {seed}")
