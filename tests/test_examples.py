"""The example arenas in ``examples/arenas/`` and the script that generates them.

Pins that every example loads without a problem, that ``examples/generate_arena.py``
reproduces the committed JSON byte for byte, and that the Jämtland-Trøndelag arena has what
its issue promised: 150+ stakeholders in all helices of both countries, the named
municipalities, persons with consent records, platforms, teams, cycles in every phase whose
passed phases meet the template's exit criteria, initiatives, flows and dated ties.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import smice
from smice.domain import (
    Arena,
    ArenaTemplate,
    BarrierKind,
    ConsentScope,
    Country,
    Cycle,
    CycleStatus,
    FlowStatus,
    Helix,
    PersonRole,
    StakeholderKind,
    TeamStatus,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARENAS = sorted((EXAMPLES / "arenas").glob("*.json"))
MAIN = EXAMPLES / "arenas" / "jamtland-trondelag.json"
FIRST_DAY, LAST_DAY = date(2018, 1, 15), date(2020, 12, 31)
SNAPSHOT = date(2020, 11, 30)  # the day the records were last updated
TEXTS = ConsentScope.INTERVIEW_TEXT
MUNICIPALITIES = {
    "Östersund", "Krokom", "Strömsund", "Åre", "Berg", "Härjedalen", "Bräcke", "Ragunda",
    "Indre Fosen", "Orkland", "Steinkjer", "Snåsa", "Levanger", "Stjørdal", "Røros",
    "Trondheim",
}  # fmt: skip


@pytest.fixture(scope="module")
def generator() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("generate_arena", EXAMPLES / "generate_arena.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


@pytest.fixture(scope="module")
def arena() -> Arena:
    return smice.load_arena(MAIN)


@pytest.fixture(scope="module")
def template() -> ArenaTemplate:
    return smice.load_template("smice/base")


def test_there_are_example_arenas() -> None:
    assert MAIN in ARENAS


@pytest.mark.parametrize("path", ARENAS, ids=lambda path: path.name)
def test_every_example_arena_loads_without_a_problem(path: Path) -> None:
    loaded = smice.load_arena(path)
    assert loaded.stakeholders


def test_the_generator_reproduces_the_committed_json(
    generator: ModuleType, tmp_path: Path
) -> None:
    output = tmp_path / "arena.json"
    assert generator.main(["--output", str(output), "--quiet"]) == 0
    assert MAIN.read_bytes() == output.read_bytes()


def test_the_generator_depends_only_on_its_seed(generator: ModuleType) -> None:
    assert generator.build_arena(7) == generator.build_arena(7)
    assert generator.build_arena(7) != generator.build_arena(8)


def test_stakeholders_cover_every_helix_in_both_countries(arena: Arena) -> None:
    assert len(arena.stakeholders) >= 150
    present = {(s.helix, s.country) for s in arena.stakeholders}
    assert {(h, c) for h in Helix for c in (Country.SE, Country.NO)} <= present
    organisations = {(s.helix, s.country) for s in arena.organisations}
    assert {(h, c) for h in Helix for c in (Country.SE, Country.NO)} <= organisations


def test_the_kinds_and_places_the_issue_names_are_there(arena: Arena) -> None:
    kinds = {kind for s in arena.stakeholders for kind in s.kinds}
    assert {
        StakeholderKind.SME,
        StakeholderKind.MICRO_FIRM,
        StakeholderKind.PRIMARY_PRODUCER,
        StakeholderKind.MUNICIPALITY,
        StakeholderKind.UNIVERSITY,
        StakeholderKind.RESEARCH_INSTITUTE,
        StakeholderKind.INTERMEDIARY,
        StakeholderKind.NGO,
        StakeholderKind.MAKERSPACE,
        StakeholderKind.PRIVATE_PERSON,
    } <= kinds
    municipalities = {s.municipality for s in arena.stakeholders}
    assert municipalities <= MUNICIPALITIES
    assert {
        s.municipality for s in arena.organisations if StakeholderKind.MUNICIPALITY in s.kinds
    } == MUNICIPALITIES
    region_municipalities = {m for region in arena.regions for m in region.municipalities}
    assert region_municipalities == MUNICIPALITIES


def test_persons_have_roles_employers_and_consent(arena: Arena) -> None:
    persons = arena.persons
    assert {p.role for p in persons} == set(PersonRole)
    for person in persons:
        assert person.consent is not None, person.id
        assert person.joined_on is not None
        assert person.consent.given_on <= person.joined_on
        if person.role is not PersonRole.CITIZEN:
            employer = arena.stakeholder(person.employer or "")
            assert not employer.is_person
            assert employer.helix is person.helix
    scopes = [p.consent.scopes for p in persons if p.consent]
    assert any(ConsentScope.NETWORK_ANALYSIS not in s for s in scopes)
    assert any(ConsentScope.EXPORT not in s for s in scopes)
    withdrawn = [p for p in persons if p.consent and p.consent.withdrawn_on]
    assert len(withdrawn) == 1
    assert any(p.gender is None for p in persons)
    assert any(p.age_band is None for p in persons)


def test_texts_of_persons_without_consent_are_not_kept(arena: Arena) -> None:
    kept = 0
    for cycle in arena.cycles:
        tellers = {i.id: arena.stakeholder(i.interviewee) for i in cycle.interviews}
        for interview in cycle.interviews:
            if interview.summary is not None:
                kept += 1
                assert tellers[interview.id].consents_to(TEXTS, at=SNAPSHOT), interview.id
        for story in cycle.stories:
            if story.text is not None and story.interview is not None:
                assert tellers[story.interview].consents_to(TEXTS, at=SNAPSHOT), story.id
    assert kept > 0
    withheld = [i for c in arena.cycles for i in c.interviews if i.summary is None]
    assert withheld, "some interviewees do not consent to keeping texts"


def test_platforms_teams_and_a_graduated_team(arena: Arena) -> None:
    assert len(arena.platforms) >= 3
    assert len(arena.teams) >= 4
    graduated = [t for t in arena.teams if t.status is TeamStatus.GRADUATED]
    assert graduated
    assert all(t.graduation is not None for t in graduated)


def test_cycles_are_in_different_phases(arena: Arena) -> None:
    active = {c.phase for c in arena.cycles if c.status is CycleStatus.ACTIVE}
    assert {"define", "discover", "design", "destiny"} <= active
    completed = [c for c in arena.cycles if c.status is CycleStatus.COMPLETED]
    assert completed
    assert all(c.phase == "review" and c.reviews for c in completed)


def test_a_sub_cycle_was_spawned_in_destiny(arena: Arena) -> None:
    children = [c for c in arena.cycles if c.parent is not None]
    assert children
    for child in children:
        parent = arena.cycle(child.parent or "")
        assert _phase_on(parent, child.started_at) == "destiny"


def test_every_phase_history_is_ordered(arena: Arena) -> None:
    for cycle in arena.cycles:
        for visit, following in zip(cycle.history, cycle.history[1:], strict=False):
            assert visit.left_at is not None
            assert visit.left_at <= following.entered_at
        if cycle.status is not CycleStatus.ACTIVE:
            assert cycle.history[-1].left_at is not None, cycle.id


def test_every_phase_a_cycle_advanced_from_met_its_exit_criteria(
    arena: Arena, template: ArenaTemplate
) -> None:
    plan = template.phase_plan()
    order = plan.phase_ids
    checked = 0
    for cycle in arena.cycles:
        for visit, following in zip(cycle.history, cycle.history[1:], strict=False):
            if order.index(following.phase) != order.index(visit.phase) + 1:
                continue  # a jump back needs a reason, not the exit criteria
            assert visit.left_at is not None
            params = {c.name: dict(c.params) for c in plan.phase(visit.phase).criteria}
            failures = _exit_failures(arena, cycle, visit.phase, visit.left_at.date(), params)
            assert not failures, (cycle.id, visit.phase, failures)
            checked += 1
    assert checked >= 12


def test_initiatives_and_resource_flows(arena: Arena) -> None:
    assert all(i.r_strategies for i in arena.initiatives)
    blocked = [
        i
        for i in arena.initiatives
        if any(
            b.kind in {BarrierKind.END_OF_WASTE_STATUS, BarrierKind.BY_PRODUCT_STATUS}
            and b.resolved_on is None
            for b in i.barriers
        )
    ]
    assert len(blocked) >= 3
    assert {FlowStatus.POTENTIAL, FlowStatus.NEGOTIATING, FlowStatus.REALISED} <= {
        f.status for f in arena.flows
    }
    energy = [f for f in arena.flows if f.bio_based and f.fate is not None and f.fate.rank == 9]
    material = {f.resource for f in arena.flows if f.fate is not None and f.fate.rank < 9}
    assert any(f.resource in material for f in energy)
    for flow in arena.flows:
        if flow.status in {FlowStatus.REALISED, FlowStatus.ENDED} and flow.target:
            assert any(
                t.kind.value == "exchanges_resource"
                and (t.source, t.target) == (flow.source, flow.target)
                for t in arena.ties
            ), flow.id


def test_ties_are_dated_and_of_many_kinds(arena: Arena) -> None:
    kinds = {t.kind.value for t in arena.ties}
    assert {
        "collaborates_with", "knowledge_flow", "exchanges_resource", "supplies", "procures",
        "funds", "co_applies", "brokered", "employed_by", "member_of", "interviewed",
    } <= kinds  # fmt: skip
    for tie in arena.ties:
        assert tie.since is not None, tie.id
        for end in (tie.source, tie.target):
            joined = arena.stakeholder(end).joined_on
            assert joined is not None, end
            assert joined <= tie.since, tie.id
    flows = [t for t in arena.ties if t.kind.value == "knowledge_flow"]
    assert any(t.direction is not None for t in flows)
    assert {t.pecuniary for t in flows} == {True, False}
    assert all(t.resource is not None for t in arena.ties if t.kind.value == "exchanges_resource")
    by_id = {s.id: s for s in arena.stakeholders}
    cross = sum(by_id[t.source].country is not by_id[t.target].country for t in arena.ties)
    assert 0 < cross < len(arena.ties) / 10


def test_few_small_firms_are_tied_to_research(arena: Arena) -> None:
    smes = {s.id for s in arena.organisations if s.is_sme}
    rnd = {s.id for s in arena.organisations if s.is_rnd}
    tied = {
        end
        for t in arena.ties
        for end, other in ((t.source, t.target), (t.target, t.source))
        if end in smes and other in rnd
    }
    assert 0 < len(tied) < 0.2 * len(smes)


def test_all_dates_fall_in_the_project_years(arena: Arena) -> None:
    assert arena.created_on == FIRST_DAY
    assert arena.template == "smice/base"
    assert [language.value for language in arena.languages] == ["en", "nb", "sv"]
    document = json.loads(MAIN.read_text(encoding="utf-8"))
    days = [day for day in _strings(document) if re.fullmatch(r"\d{4}-\d\d-\d\d.*", day)]
    assert days
    for day in days:
        assert FIRST_DAY <= date.fromisoformat(day[:10]) <= LAST_DAY, day


def test_extensions_are_used_once_at_the_top(arena: Arena) -> None:
    document = json.loads(MAIN.read_text(encoding="utf-8"))
    assert list(_paths_of_key(document, "extensions")) == [()]
    assert arena.extensions["generator"]["fictional"] is True  # type: ignore[index]


# -- helpers ---------------------------------------------------------------------------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _paths_of_key(
    value: Any, key: str, path: tuple[object, ...] = ()
) -> Iterator[tuple[object, ...]]:
    if isinstance(value, dict):
        if key in value:
            yield path
        for name, item in value.items():
            yield from _paths_of_key(item, key, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths_of_key(item, key, (*path, index))


def _phase_on(cycle: Cycle, moment: datetime) -> str:
    current = cycle.history[0].phase
    for visit in cycle.history:
        if visit.entered_at <= moment:
            current = visit.phase
    return current


def _members(arena: Arena, cycle: Cycle, day: date) -> tuple[str, ...]:
    if cycle.team is None:
        return cycle.core_team
    return arena.team(cycle.team).members_on(day)


Params = dict[str, dict[str, Any]]


def _define_failures(arena: Arena, cycle: Cycle, day: date, params: Params) -> Iterator[str]:
    limits, core = params["topics_count"], params["core_team"]
    if not limits["min"] <= len(cycle.topics) <= limits["max"]:
        yield "topics_count"
    protocol = cycle.protocol
    if protocol is None or protocol.approved_on is None or protocol.approved_on > day:
        yield "protocol_approved"
    helices = {arena.stakeholder(p).helix for p in cycle.core_team}
    if len(cycle.core_team) < core["min_persons"] or len(helices) < core["min_helices"]:
        yield "core_team"
    persons = (*cycle.core_team, *_members(arena, cycle, day))
    if any(arena.stakeholder(p).consent is None for p in persons):
        yield "consent_recorded"


def _discover_failures(arena: Arena, cycle: Cycle, day: date, params: Params) -> Iterator[str]:
    members = _members(arena, cycle, day)
    held = [i for i in cycle.interviews if i.on <= day]
    if not set(members) <= {i.interviewee for i in held}:
        yield "members_interviewed"
    external = [arena.stakeholder(i.interviewee) for i in held if i.interviewee not in members]
    team_helices = {arena.stakeholder(m).helix for m in members}
    absent = [s for s in external if s.helix not in team_helices]
    wanted = params["external_interviews"]
    if len(external) < wanted["min"] or len(absent) < wanted["min_from_absent_helix"]:
        yield "external_interviews"
    backed = params["themes_backed"]
    strong = [t for t in cycle.themes if len(t.stories) >= backed["min_stories"]]
    if len(strong) < backed["min_themes"]:
        yield "themes_backed"
    if cycle.positive_core is None or cycle.positive_core.on > day:
        yield "positive_core_mapped"


def _dream_failures(arena: Arena, cycle: Cycle, day: date, params: Params) -> Iterator[str]:
    members = set(_members(arena, cycle, day))
    needed = params["dreams_endorsed"]["min_share"] * len(members)
    for topic in cycle.topics:
        endorsers = [
            {e.person for e in cycle.endorsements if e.dream == d.id and e.on <= day} & members
            for d in cycle.dreams
            if d.topic == topic.id and d.on <= day
        ]
        if max(map(len, endorsers), default=0) < needed:
            yield f"dreams_endorsed {topic.id}"


def _design_failures(arena: Arena, cycle: Cycle, day: date, params: Params) -> Iterator[str]:
    min_stories = params["propositions_grounded"]["min_stories"]
    for topic in cycle.topics:
        if not any(
            p.topic == topic.id
            and p.on <= day
            and p.checklist.passed
            and len(p.stories) >= min_stories
            for p in cycle.propositions
        ):
            yield f"propositions_grounded {topic.id}"
    if len(cycle.targets) < params["measurable_targets"]["min"]:
        yield "measurable_targets"


def _destiny_failures(arena: Arena, cycle: Cycle, day: date, params: Params) -> Iterator[str]:
    owned = [a for a in cycle.actions if a.committed_on <= day]
    if len(owned) < params["actions_owned"]["min"]:
        yield "actions_owned"
    wanted = params["action_teams"]
    teams = [t for t in cycle.action_teams if len(t.members) >= wanted["min_persons"]]
    if len(teams) < wanted["min_teams"]:
        yield "action_teams"


#: The default exit criteria of the 5-D plan (DOMAIN.md, section 3), with the template's
#: parameters, evaluated on the artefacts a cycle had on the day it left the phase.
EXIT_CHECKS = {
    "define": _define_failures,
    "discover": _discover_failures,
    "dream": _dream_failures,
    "design": _design_failures,
    "destiny": _destiny_failures,
}


def _exit_failures(arena: Arena, cycle: Cycle, phase: str, day: date, params: Params) -> list[str]:
    return list(EXIT_CHECKS[phase](arena, cycle, day, params))
