"""Each default exit criterion at its boundary: one below the threshold fails, at it passes.

The thresholds are the defaults of the SMICE method as summarised in shared DOMAIN.md §3 (from
Cooperrider & Whitney's 5-D cycle: 1–5 affirmative topics, a core team of ≥ 3 persons from
≥ 2 helices, ≥ 3 external interviews, ≥ 3 themes of ≥ 2 stories, dreams endorsed by ≥ 2/3 of
active members, ...), and are the parameters of the bundled ``smice/base`` template.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

from smice.domain import (
    Action,
    ActionStatus,
    ActionTeam,
    Arena,
    CriterionSpec,
    Cycle,
    Endorsement,
    FrozenMap,
    PropositionChecklist,
    Topic,
)
from smice.errors import EventRefused
from smice.io.events import load_event
from smice.process import CRITERIA, CriterionResult, apply, evaluate, exit_report, replay
from smice.process._bundled import bundled_template
from smice.process.criteria import judgement_day

EXAMPLE = Path(__file__).parents[2] / "examples" / "journals" / "one-team.jsonl"
EVENTS = [load_event(json.loads(line)) for line in EXAMPLE.read_text("utf-8").splitlines()]
ARENA = replay(EVENTS)
CYCLE = ARENA.cycle("c-wood-1")


def check(name: str, cycle: Cycle, arena: Arena = ARENA, **params: Any) -> bool:
    spec = CriterionSpec(name=name, params=FrozenMap(params))
    result = evaluate(spec, arena, cycle)
    # The fast predicate the phase machine asks must agree with the full check every time.
    criterion = CRITERIA[name]
    assert criterion.holds(arena, cycle, {**criterion.params, **params}, None) is result.passed
    return result.passed


def test_the_example_cycle_passes_every_default_criterion() -> None:
    plan = bundled_template("smice/base").phase_plan()
    for phase in plan.phases:
        for spec in phase.criteria:
            assert evaluate(spec, ARENA, CYCLE).passed, spec.name


def test_topics_count_between_1_and_5() -> None:
    topics = tuple(Topic(id=f"t{n}", title="T") for n in range(6))
    results = [check("topics_count", attrs.evolve(CYCLE, topics=topics[:n])) for n in range(7)]
    assert results == [False, True, True, True, True, True, False]


def test_protocol_approved() -> None:
    assert not check("protocol_approved", attrs.evolve(CYCLE, protocol=None))
    draft = attrs.evolve(CYCLE.protocol, approved_on=None)
    assert not check("protocol_approved", attrs.evolve(CYCLE, protocol=draft))
    assert check("protocol_approved", CYCLE)


def test_core_team_3_persons_from_2_helices() -> None:
    # p-ingrid industry, p-ola academia, p-kari government, p-erik industry
    assert not check("core_team", attrs.evolve(CYCLE, core_team=("p-ingrid", "p-ola")))
    assert check("core_team", attrs.evolve(CYCLE, core_team=("p-ingrid", "p-ola", "p-kari")))
    one_helix = attrs.evolve(CYCLE, core_team=("p-ingrid", "p-erik"))
    assert not check("core_team", one_helix, min_persons=2, min_helices=2)
    assert check("core_team", one_helix, min_persons=2, min_helices=1)
    # organisations do not count as persons
    assert not check("core_team", attrs.evolve(CYCLE, core_team=("p-ingrid", "p-ola", "org-ntnu")))


def test_consent_recorded_for_every_person_with_data() -> None:
    assert check("consent_recorded", CYCLE)
    ola = ARENA.stakeholder("p-ola")
    withdrawn = attrs.evolve(ola, consent=attrs.evolve(ola.consent, withdrawn_on=date(2019, 6, 1)))
    arena = attrs.evolve(
        ARENA, stakeholders=tuple(withdrawn if s.id == "p-ola" else s for s in ARENA.stakeholders)
    )
    result = evaluate(CriterionSpec(name="consent_recorded"), arena, CYCLE)
    assert (result.passed, result.actual) == (False, 1)
    assert "p-ola" in result.message


def test_members_interviewed() -> None:
    assert check("members_interviewed", CYCLE)
    without_kari = tuple(i for i in CYCLE.interviews if i.interviewee != "p-kari")
    assert not check("members_interviewed", attrs.evolve(CYCLE, interviews=without_kari))


def test_external_interviews_3_with_1_from_an_absent_helix() -> None:
    # externals in the example: p-lars (civil society), p-erik (industry), p-mari (civil society)
    externals = [i for i in CYCLE.interviews if i.interviewee in {"p-lars", "p-erik", "p-mari"}]
    internal = [i for i in CYCLE.interviews if i not in externals]
    assert check("external_interviews", CYCLE)
    assert not check(
        "external_interviews", attrs.evolve(CYCLE, interviews=tuple(internal + externals[:2]))
    )
    only_industry = tuple(internal + [i for i in externals if i.interviewee == "p-erik"])
    assert not check("external_interviews", attrs.evolve(CYCLE, interviews=only_industry), min=1)
    assert check(
        "external_interviews",
        attrs.evolve(CYCLE, interviews=only_industry),
        min=1,
        min_from_absent_helix=0,
    )


def test_themes_backed_3_themes_of_2_stories() -> None:
    assert check("themes_backed", CYCLE)
    assert not check("themes_backed", attrs.evolve(CYCLE, themes=CYCLE.themes[:2]))
    thin = attrs.evolve(CYCLE.themes[0], stories=CYCLE.themes[0].stories[:1])
    assert not check("themes_backed", attrs.evolve(CYCLE, themes=(thin, *CYCLE.themes[1:])))


def test_positive_core_mapped() -> None:
    assert check("positive_core_mapped", CYCLE)
    assert not check("positive_core_mapped", attrs.evolve(CYCLE, positive_core=None))


def test_dreams_endorsed_by_two_thirds_of_active_members() -> None:
    # three active members; dream-bark has two endorsers (2/3), dream-skills three
    assert check("dreams_endorsed", CYCLE)
    one = tuple(
        e for e in CYCLE.endorsements if not (e.dream == "dream-bark" and e.person == "p-ola")
    )
    assert not check("dreams_endorsed", attrs.evolve(CYCLE, endorsements=one))
    # an endorsement by a non-member does not count
    outsider = Endorsement(id="end-x", dream="dream-bark", person="p-lars", on=date(2019, 4, 3))
    assert not check("dreams_endorsed", attrs.evolve(CYCLE, endorsements=(*one, outsider)))


def test_propositions_grounded_per_topic() -> None:
    assert check("propositions_grounded", CYCLE)
    ungrounded = attrs.evolve(CYCLE.propositions[1], stories=())
    assert not check(
        "propositions_grounded",
        attrs.evolve(CYCLE, propositions=(CYCLE.propositions[0], ungrounded)),
    )
    failing = attrs.evolve(CYCLE.propositions[1], checklist=PropositionChecklist(vivid=True))
    assert not check(
        "propositions_grounded", attrs.evolve(CYCLE, propositions=(CYCLE.propositions[0], failing))
    )
    assert not check("propositions_grounded", CYCLE, min_stories=2)


def test_measurable_targets_at_least_1() -> None:
    assert check("measurable_targets", CYCLE)
    assert not check("measurable_targets", attrs.evolve(CYCLE, targets=()))


def test_actions_owned_at_least_1_not_dropped() -> None:
    first = CYCLE.actions[0]
    assert check("actions_owned", attrs.evolve(CYCLE, actions=(first,)))
    assert not check("actions_owned", attrs.evolve(CYCLE, actions=()))
    dropped: Action = attrs.evolve(first, status=ActionStatus.DROPPED)
    assert not check("actions_owned", attrs.evolve(CYCLE, actions=(dropped,)))


def test_action_teams_one_of_2_persons() -> None:
    assert check("action_teams", CYCLE)
    solo = ActionTeam(id="at-solo", name="Solo", members=("p-ingrid",))
    assert not check("action_teams", attrs.evolve(CYCLE, action_teams=(solo,)))
    with_org = ActionTeam(id="at-org", name="Org", members=("p-ingrid", "org-ntnu"))
    assert not check("action_teams", attrs.evolve(CYCLE, action_teams=(with_org,)))


def test_review_recorded() -> None:
    assert check("review_recorded", CYCLE)
    assert not check("review_recorded", attrs.evolve(CYCLE, reviews=()))


@pytest.mark.parametrize("language", ["en", "nb", "sv"])
@pytest.mark.parametrize("name", sorted(CRITERIA))
def test_every_criterion_speaks_en_nb_sv(name: str, language: str) -> None:
    empty = attrs.evolve(
        CYCLE,
        topics=(),
        interviews=(),
        themes=(),
        reviews=(),
        actions=(),
        action_teams=(),
        targets=(),
        core_team=(),
    )
    result = evaluate(CriterionSpec(name=name), ARENA, empty, language=language)
    criterion = CRITERIA[name]
    assert criterion.holds(ARENA, empty, criterion.params, None) is result.passed
    prefix = {"en": "criterion", "nb": "kriteriet", "sv": "kriteriet"}[language]
    assert result.message.startswith(f"{prefix} {name!r} ")
    assert "{" not in result.message
    if isinstance(result.actual, int):
        assert str(result.actual) in result.message


# -- consent is judged on the day -------------------------------------------------------------
# Consent.allows: valid from given_on, up to but excluding withdrawn_on and expires_on (GDPR
# art. 7(3): a withdrawal does not affect processing before it). The first advance of the
# example cycle (define -> discover) is on 2019-03-13; p-ola is in its core team.
FIRST = next(i for i, e in enumerate(EVENTS) if e.type == "phase_advanced")
BEFORE = replay(EVENTS[:FIRST])
ADVANCE = EVENTS[FIRST]
DAY = ADVANCE.at.date()


def with_ola_consent(arena: Arena, **changes: Any) -> Arena:
    ola = arena.stakeholder("p-ola")
    changed = attrs.evolve(ola, consent=attrs.evolve(ola.consent, **changes))
    people = tuple(changed if s.id == "p-ola" else s for s in arena.stakeholders)
    return attrs.evolve(arena, stakeholders=people)


def consent_result(results: tuple[CriterionResult, ...]) -> CriterionResult:
    return next(r for r in results if r.criterion == "consent_recorded")


ON_THE_DAY = [
    pytest.param({"expires_on": DAY + timedelta(1)}, True, id="expires the day after"),
    pytest.param({"expires_on": DAY}, False, id="expires on the day"),
    pytest.param({"withdrawn_on": DAY - timedelta(1)}, False, id="withdrawn the day before"),
    pytest.param({"withdrawn_on": DAY}, False, id="withdrawn on the day"),
    pytest.param({"withdrawn_on": DAY + timedelta(1)}, True, id="withdrawn the day after"),
    pytest.param({"given_on": DAY + timedelta(1)}, False, id="given the day after"),
    pytest.param({"given_on": DAY}, True, id="given on the day"),
]


def test_the_advance_is_on_the_day_the_boundaries_are_built_around() -> None:
    assert (ADVANCE.type, ADVANCE.cycle, DAY) == ("phase_advanced", "c-wood-1", date(2019, 3, 13))
    assert "p-ola" in BEFORE.cycle("c-wood-1").core_team
    assert apply(BEFORE, ADVANCE).cycle("c-wood-1").phase == "discover"


@pytest.mark.parametrize(("changes", "passes"), ON_THE_DAY)
def test_phase_advanced_judges_consent_on_its_day(changes: dict[str, date], passes: bool) -> None:
    arena = with_ola_consent(BEFORE, **changes)
    if passes:
        assert apply(arena, ADVANCE).cycle("c-wood-1").phase == "discover"
        assert replay([ADVANCE], arena=arena).cycle("c-wood-1").phase == "discover"
        return
    for advance in (lambda: apply(arena, ADVANCE), lambda: replay([ADVANCE], arena=arena)):
        with pytest.raises(EventRefused) as refused:
            advance()
        (reason,) = refused.value.reasons
        assert isinstance(reason, CriterionResult)
        assert (reason.criterion, reason.passed, reason.actual) == ("consent_recorded", False, 1)
        assert "p-ola" in reason.message


@pytest.mark.parametrize(("changes", "passes"), ON_THE_DAY)
def test_exit_report_judges_consent_at_the_moment_asked(
    changes: dict[str, date], passes: bool
) -> None:
    arena = with_ola_consent(BEFORE, **changes)
    assert consent_result(exit_report(arena, "c-wood-1", at=ADVANCE.at)).passed is passes
    assert consent_result(exit_report(arena, "c-wood-1", at=DAY)).passed is passes
    spec = CriterionSpec(name="consent_recorded")
    assert evaluate(spec, arena, arena.cycle("c-wood-1"), on=DAY).passed is passes


def test_exit_report_defaults_to_the_latest_moment_of_the_history() -> None:
    cycle = BEFORE.cycle("c-wood-1")
    latest = max(v.entered_at for v in cycle.history)
    assert judgement_day(cycle) == latest.date() == date(2019, 3, 7)  # cycle_started, e-024
    last_day = with_ola_consent(BEFORE, expires_on=latest.date() + timedelta(1))
    assert consent_result(exit_report(last_day, "c-wood-1")).passed
    expired = with_ola_consent(BEFORE, expires_on=latest.date())
    assert not consent_result(exit_report(expired, "c-wood-1")).passed
    # left_at counts too: after the advance the latest moment is the advance itself
    advanced = apply(BEFORE, ADVANCE).cycle("c-wood-1")
    assert judgement_day(advanced) == DAY


def test_without_a_day_consent_is_judged_today() -> None:
    spec = CriterionSpec(name="consent_recorded")
    today = date.today()
    expiring = with_ola_consent(ARENA, expires_on=today + timedelta(1))
    assert evaluate(spec, expiring, CYCLE).passed
    assert evaluate(spec, expiring, CYCLE, on=date(2019, 6, 1)).passed
    expired = with_ola_consent(ARENA, expires_on=today)
    assert not evaluate(spec, expired, CYCLE).passed
    assert evaluate(spec, ARENA, CYCLE).passed
    assert evaluate(spec, ARENA, CYCLE, on=date(2019, 6, 1)).passed
