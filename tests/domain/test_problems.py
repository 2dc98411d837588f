"""Cross-object checks of an arena (``iter_problems`` / ``check_arena``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given

from smice import DocumentInvalid
from smice.domain import (
    Action,
    ActionTeam,
    Arena,
    ArenaTemplate,
    Consent,
    ConsentScope,
    Country,
    Cycle,
    CycleVariant,
    DreamStatement,
    Endorsement,
    FlowType,
    Graduation,
    GraduationEvidence,
    Helix,
    Initiative,
    Interview,
    KnowledgeFlowDirection,
    Membership,
    PersonRole,
    PhaseVisit,
    Platform,
    ProgressTeam,
    Region,
    ResourceFlow,
    Review,
    ReviewDecision,
    Stakeholder,
    StakeholderKind,
    Story,
    TeamStatus,
    Tie,
    TieKind,
    Topic,
    check_arena,
    iter_problems,
)
from smice.io import load_template
from strategies import BASE_PHASES, arenas, arenas_with_dangling, dangling_sites

START = datetime(2019, 3, 1, 9, 0, tzinfo=UTC)


def _visit(phase: str, day: int, left: int | None = None) -> PhaseVisit:
    return PhaseVisit(
        phase=phase,
        entered_at=START + timedelta(days=day),
        left_at=None if left is None else START + timedelta(days=left),
    )


def _arena() -> Arena:
    """A small consistent arena with one of everything."""
    person = frozenset({StakeholderKind.PRIVATE_PERSON})
    return Arena(
        id="jh",
        name="Jämtland Härjedalen",
        template="smice/base",
        created_on=date(2018, 1, 1),
        regions=(Region(id="r1", name="Jämtland", country=Country.SE),),
        stakeholders=(
            Stakeholder(
                id="sme",
                name="Sågverk AB",
                helix=Helix.INDUSTRY,
                kinds=frozenset({StakeholderKind.SME}),
                country=Country.SE,
            ),
            Stakeholder(
                id="uni",
                name="Mittuniversitetet",
                helix=Helix.ACADEMIA,
                kinds=frozenset({StakeholderKind.UNIVERSITY}),
                country=Country.SE,
            ),
            Stakeholder(
                id="p1",
                name="Anna",
                helix=Helix.INDUSTRY,
                kinds=person,
                country=Country.SE,
                role=PersonRole.OWNER_MANAGER,
                employer="sme",
                consent=Consent(
                    scopes=frozenset({ConsentScope.STORAGE}), given_on=date(2019, 1, 1)
                ),
            ),
            Stakeholder(
                id="p2", name="Bo", helix=Helix.CIVIL_SOCIETY, kinds=person, country=Country.SE
            ),
        ),
        ties=(
            Tie(
                id="t1",
                kind=TieKind.KNOWLEDGE_FLOW,
                source="uni",
                target="sme",
                direction=KnowledgeFlowDirection.OUTBOUND,
                cycle="c1",
            ),
            Tie(
                id="t2",
                kind=TieKind.EXCHANGES_RESOURCE,
                source="sme",
                target="uni",
                resource=FlowType.BY_PRODUCT,
            ),
        ),
        platforms=(Platform(id="pf", name="Open lab", country=Country.SE, region="r1"),),
        teams=(
            ProgressTeam(
                id="team",
                name="Side streams",
                formed_on=date(2019, 1, 1),
                platform="pf",
                memberships=(Membership(person="p1", joined_on=date(2019, 1, 1)),),
                facilitators=("p2",),
            ),
        ),
        cycles=(
            Cycle(
                id="c1",
                variant=CycleVariant.FIVE_D,
                team="team",
                history=(_visit("define", 0, 10), _visit("discover", 10)),
                core_team=("p1", "p2"),
                topics=(Topic(id="tp", title="Bark"),),
                interviews=(
                    Interview(id="iv", interviewer="p1", interviewee="uni", on=date(2019, 3, 12)),
                ),
                stories=(Story(id="st", title="A good day", interview="iv"),),
                dreams=(
                    DreamStatement(id="dr", topic="tp", text="Bark feeds", on=date(2019, 4, 1)),
                ),
                endorsements=(Endorsement(id="en", dream="dr", person="p2", on=date(2019, 4, 2)),),
                actions=(
                    Action(
                        id="ac",
                        title="Trial",
                        owner="sme",
                        committed_on=date(2019, 5, 1),
                        due=date(2019, 6, 1),
                    ),
                ),
                action_teams=(ActionTeam(id="at", name="Trial team", members=("p1",)),),
                reviews=(Review(id="rv", on=date(2019, 9, 1), decision=ReviewDecision.RENEW),),
            ),
        ),
        initiatives=(
            Initiative(
                id="in",
                name="Bark boards",
                launched_on=date(2019, 6, 1),
                participants=("sme", "uni"),
                cycle="c1",
                team="team",
            ),
        ),
        flows=(
            ResourceFlow(
                id="f1",
                owner="sme",
                source="sme",
                target="uni",
                flow_type=FlowType.BY_PRODUCT,
                resource="bark",
            ),
        ),
    )


def _set(arena: Arena, collection: str, index: int, **changes: object) -> Arena:
    items = list(getattr(arena, collection))
    items[index] = attrs.evolve(items[index], **changes)
    return attrs.evolve(arena, **{collection: tuple(items)})


def _cycle(arena: Arena, **changes: object) -> Arena:
    return _set(arena, "cycles", 0, **changes)


@functools.cache
def _base() -> ArenaTemplate:
    return load_template("smice/base")


def _five_d_only() -> ArenaTemplate:
    """``smice/base`` with its 5-D plan only (other bundled plans may come and go)."""
    base = _base()
    return attrs.evolve(base, phase_plans=(base.phase_plan(CycleVariant.FIVE_D),))


Mutation = Callable[[Arena], Arena]

# Each mutation of the consistent arena above, and the one problem it must cause.
CASES: list[tuple[str, Mutation, str, str]] = [
    (
        "duplicate stakeholder id",
        lambda a: attrs.evolve(a, stakeholders=(*a.stakeholders, a.stakeholders[1])),
        "/stakeholders/4/id",
        "duplicate",
    ),
    (
        "organisation with a personal field",
        lambda a: _set(a, "stakeholders", 0, role=PersonRole.CITIZEN),
        "/stakeholders/0/role",
        "kind",
    ),
    (
        "person employed by a person",
        lambda a: _set(a, "stakeholders", 2, employer="p2"),
        "/stakeholders/2/employer",
        "kind",
    ),
    (
        "stakeholder leaves before joining",
        lambda a: _set(a, "stakeholders", 0, joined_on=date(2020, 1, 2), left_on=date(2020, 1, 1)),
        "/stakeholders/0/left_on",
        "order",
    ),
    (
        "consent withdrawn before given",
        lambda a: _set(
            a,
            "stakeholders",
            2,
            consent=Consent(
                scopes=frozenset(), given_on=date(2019, 1, 2), withdrawn_on=date(2019, 1, 1)
            ),
        ),
        "/stakeholders/2/consent/withdrawn_on",
        "order",
    ),
    (
        "tie to itself",
        lambda a: _set(a, "ties", 1, target="sme"),
        "/ties/1/target",
        "loop",
    ),
    (
        "direction on a tie that is not a knowledge flow",
        lambda a: _set(a, "ties", 1, direction=KnowledgeFlowDirection.INBOUND),
        "/ties/1/direction",
        "kind",
    ),
    (
        "resource on a tie that is not a resource exchange",
        lambda a: _set(a, "ties", 0, resource=FlowType.ENERGY),
        "/ties/0/resource",
        "kind",
    ),
    (
        "tie ends before it starts",
        lambda a: _set(a, "ties", 0, since=date(2020, 1, 2), until=date(2020, 1, 1)),
        "/ties/0/until",
        "order",
    ),
    (
        "platform closes before it opens",
        lambda a: _set(a, "platforms", 0, opened_on=date(2020, 1, 2), closed_on=date(2020, 1, 1)),
        "/platforms/0/closed_on",
        "order",
    ),
    (
        "organisation as a team member",
        lambda a: _set(
            a, "teams", 0, memberships=(Membership(person="uni", joined_on=date(2019, 2, 1)),)
        ),
        "/teams/0/memberships/0/person",
        "kind",
    ),
    (
        "member joins before the team is formed",
        lambda a: _set(
            a, "teams", 0, memberships=(Membership(person="p1", joined_on=date(2018, 12, 31)),)
        ),
        "/teams/0/memberships/0/joined_on",
        "order",
    ),
    (
        "graduated team without a graduation record",
        lambda a: _set(a, "teams", 0, status=TeamStatus.GRADUATED),
        "/teams/0/status",
        "state",
    ),
    (
        "graduation record on a team that has not graduated",
        lambda a: _set(
            a,
            "teams",
            0,
            graduation=Graduation(
                on=date(2020, 1, 1), evidence=GraduationEvidence.NEW_BUSINESS, description="AB"
            ),
        ),
        "/teams/0/status",
        "state",
    ),
    (
        "cycle with both a team and a platform",
        lambda a: _cycle(a, platform="pf"),
        "/cycles/0",
        "owner",
    ),
    (
        "cycle that is its own parent",
        lambda a: _cycle(a, parent="c1"),
        "/cycles/0/parent",
        "loop",
    ),
    (
        "phase visit without left_at before the last",
        lambda a: _cycle(a, history=(_visit("define", 0), _visit("discover", 10))),
        "/cycles/0/history/0/left_at",
        "order",
    ),
    (
        "phase visits out of time order",
        lambda a: _cycle(a, history=(_visit("define", 0, 10), _visit("discover", 9))),
        "/cycles/0/history/1/entered_at",
        "order",
    ),
    (
        "phase left before it is entered",
        lambda a: _cycle(a, history=(_visit("define", 5, 4),)),
        "/cycles/0/history/0/left_at",
        "order",
    ),
    (
        "phase that the template's plan does not have",
        lambda a: _cycle(a, history=(_visit("imagine", 0),)),
        "/cycles/0/history/0/phase",
        "template",
    ),
    (
        "variant that the template has no plan for",
        lambda a: _cycle(a, variant=CycleVariant.FOUR_I, history=(_visit("define", 0),)),
        "/cycles/0/variant",
        "template",
    ),
    (
        "organisation in the core team",
        lambda a: _cycle(a, core_team=("p1", "sme")),
        "/cycles/0/core_team/1",
        "kind",
    ),
    (
        "duplicate artefact id within a cycle",
        lambda a: _cycle(a, reviews=(Review(id="tp", on=date(2019, 9, 1), decision="renew"),)),
        "/cycles/0/reviews/0/id",
        "duplicate",
    ),
    (
        "artefact dated before its cycle starts",
        lambda a: _cycle(a, reviews=(Review(id="rv", on=date(2019, 2, 28), decision="close"),)),
        "/cycles/0/reviews/0/on",
        "order",
    ),
    (
        "action due before it is committed",
        lambda a: _cycle(
            a,
            actions=(
                Action(
                    id="ac",
                    title="Trial",
                    owner="sme",
                    committed_on=date(2019, 5, 1),
                    due=date(2019, 4, 30),
                ),
            ),
        ),
        "/cycles/0/actions/0/due",
        "order",
    ),
    (
        "endorsement by an organisation",
        lambda a: _cycle(
            a, endorsements=(Endorsement(id="en", dream="dr", person="uni", on=date(2019, 4, 2)),)
        ),
        "/cycles/0/endorsements/0/person",
        "kind",
    ),
    (
        "flow ends before it starts",
        lambda a: _set(a, "flows", 0, since=date(2020, 1, 2), until=date(2020, 1, 1)),
        "/flows/0/until",
        "order",
    ),
]


def test_the_example_arena_is_consistent() -> None:
    """The arena the cases below break has no problem, with or without its template."""
    arena = _arena()
    assert list(iter_problems(arena)) == []
    assert list(iter_problems(arena, load_template("smice/base"))) == []
    assert check_arena(arena) is arena


@pytest.mark.parametrize(
    ("mutate", "pointer", "keyword"),
    [pytest.param(m, p, k, id=name) for name, m, p, k in CASES],
)
def test_each_cross_object_check_reports_one_problem_at_its_pointer(
    mutate: Mutation, pointer: str, keyword: str
) -> None:
    """Each kind of cross-object problem is reported once, at the offending value, with the
    keyword of its check; ``check_arena`` raises it."""
    arena = mutate(_arena())
    template = _five_d_only()
    problems = list(iter_problems(arena, template))
    assert [(p.pointer, p.keyword) for p in problems] == [(pointer, keyword)]
    assert problems[0].message
    with pytest.raises(DocumentInvalid) as caught:
        check_arena(arena, template)
    assert caught.value.errors == tuple(problems)


def test_phases_are_checked_only_against_a_template() -> None:
    """Without a template, any phase id is accepted (the arena names its plan, not its
    checker)."""
    arena = _cycle(_arena(), history=(_visit("imagine", 0),))
    assert list(iter_problems(arena)) == []


def test_a_loop_of_parents_is_reported() -> None:
    """Two cycles that are each other's parent form a loop, reported on each of them."""
    arena = _arena()
    second = attrs.evolve(arena.cycles[0], id="c2", parent="c1")
    arena = attrs.evolve(arena, cycles=(attrs.evolve(arena.cycles[0], parent="c2"), second))
    problems = [(p.pointer, p.keyword) for p in iter_problems(arena)]
    assert problems == [("/cycles/0/parent", "loop"), ("/cycles/1/parent", "loop")]


@given(arenas())
def test_generated_arenas_have_no_problems(arena: Arena) -> None:
    """The ``arenas()`` strategy only makes consistent arenas, also against ``smice/base``
    (whose 5-D plan has the phases the strategy uses)."""
    base = _base()
    assert base.phase_plan(CycleVariant.FIVE_D).phase_ids == BASE_PHASES
    assert list(iter_problems(arena)) == []
    assert list(iter_problems(arena, base)) == []


@given(arenas_with_dangling())
def test_iter_problems_finds_the_injected_dangling_reference(case: tuple[Arena, str]) -> None:
    """``iter_problems`` reports an injected dangling id exactly once, as ``dangling``, at the
    pointer where it was injected, naming the missing id."""
    arena, pointer = case
    problems = list(iter_problems(arena))
    assert [(p.pointer, p.keyword) for p in problems] == [(pointer, "dangling")]
    assert "unknown" in problems[0].message


def test_dangling_sites_cover_every_reference_of_the_example_arena() -> None:
    """Every reference of the example arena is a site the dangling strategy can break (so
    its coverage does not silently shrink)."""
    sites = {"/" + "/".join(map(str, site)) for site in dangling_sites(_arena())}
    expected = {
        "/stakeholders/2/employer",
        "/stakeholders/3/employer",
        "/ties/0/source",
        "/ties/0/target",
        "/ties/0/cycle",
        "/ties/1/source",
        "/ties/1/target",
        "/ties/1/cycle",
        "/platforms/0/region",
        "/platforms/0/host",
        "/teams/0/platform",
        "/teams/0/memberships/0/person",
        "/teams/0/facilitators/0",
        "/cycles/0/team",
        "/cycles/0/parent",
        "/cycles/0/core_team/0",
        "/cycles/0/core_team/1",
        "/cycles/0/interviews/0/interviewer",
        "/cycles/0/interviews/0/interviewee",
        "/cycles/0/stories/0/interview",
        "/cycles/0/dreams/0/topic",
        "/cycles/0/endorsements/0/dream",
        "/cycles/0/endorsements/0/person",
        "/cycles/0/actions/0/owner",
        "/cycles/0/actions/0/proposition",
        "/cycles/0/action_teams/0/members/0",
        "/initiatives/0/participants/0",
        "/initiatives/0/participants/1",
        "/initiatives/0/cycle",
        "/initiatives/0/team",
        "/flows/0/owner",
        "/flows/0/source",
        "/flows/0/target",
    }
    assert sites == expected


def test_check_arena_on_a_template_with_another_plan() -> None:
    """A template without the cycle's variant reports the variant, not every phase."""
    base = load_template("smice/base")
    four_d = attrs.evolve(
        base, phase_plans=(attrs.evolve(base.phase_plan(), variant=CycleVariant.FOUR_D),)
    )
    four_d = attrs.evolve(four_d, default_variant=CycleVariant.FOUR_D)
    problems = list(iter_problems(_arena(), four_d))
    assert [(p.pointer, p.keyword) for p in problems] == [("/cycles/0/variant", "template")]
