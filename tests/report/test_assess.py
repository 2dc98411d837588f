"""``assess`` measures an arena with the indicators, evaluates a rule set on exactly those
facts, and keeps what a report needs; its JSON form is deterministic and JSON-ready."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from smice.errors import InvalidValue, NotFound, UnknownId
from smice.indicators import compute, latest_date
from smice.io import load_arena
from smice.io.rulesets import dump_ruleset, load_ruleset
from smice.policy import Rule, RuleSet, evaluate
from smice.report import Assessment, assess, render_text

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "arenas" / "tutorial.json"
EXAMPLE = ROOT / "examples" / "arenas" / "jamtland-trondelag.json"


@pytest.fixture(scope="module")
def arena():
    return load_arena(EXAMPLE)


@pytest.fixture(scope="module")
def assessment(arena) -> Assessment:
    return assess(arena)


def test_assess_evaluates_the_default_rules_on_the_computed_facts(arena, assessment):
    facts = compute(arena)
    expected = evaluate(load_ruleset("smice/default"), facts)
    assert facts == assessment.facts
    assert expected == assessment.evaluation
    assert expected.recommendations == assessment.recommendations
    assert expected.not_fired == assessment.not_fired
    assert (assessment.arena_id, assessment.at) == ("jamtland-trondelag", latest_date(arena))


def test_every_rule_is_either_recommended_or_explained_as_not_fired(assessment):
    ids = [r.rule_id for r in assessment.recommendations] + [
        n.rule_id for n in assessment.not_fired
    ]
    assert sorted(assessment.ruleset.rule_ids) == sorted(ids)


def test_a_rule_set_may_be_given_loaded_by_reference_by_path_or_as_a_document(tmp_path, arena):
    document = dump_ruleset(load_ruleset("smice/default"))
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(document), "utf-8")
    results = {
        assess(arena, source).evaluation
        for source in (load_ruleset("smice/default"), "smice/default", path, str(path), document)
    }
    assert len(results) == 1


def test_a_custom_rule_fires_on_the_measured_value(arena):
    rules = RuleSet(
        id="t/count",
        version="1",
        rules=[
            Rule(id="many", when="A.n_stakeholders >= 1"),
            Rule(id="few", when="A.n_stakeholders < 1"),
        ],
    )
    result = assess(arena, rules)
    assert result.evaluation.fired == ("many",)
    assert len(arena.stakeholders) == result.recommendations[0].evidence["A.n_stakeholders"]


def test_checks_say_whether_each_threshold_holds(arena):
    n = len(arena.stakeholders)
    rules = RuleSet(
        id="t/checks",
        version="1",
        rules=[
            Rule(id="a", when=f"A.n_stakeholders >= {n}"),
            Rule(id="b", when=f"A.n_stakeholders > {n}"),
            Rule(id="c", when="not.a.fact < 3"),
        ],
    )
    checks = {c.rule_id: c for c in assess(arena, rules).checks()}
    assert (checks["a"].holds, checks["a"].fired) == (True, True)
    assert (checks["b"].holds, checks["b"].fired) == (False, False)
    assert (checks["c"].holds, checks["c"].value) == (None, None)


def test_at_is_passed_to_the_indicators(arena):
    day = date(2019, 6, 30)
    result = assess(arena, at=day)
    assert compute(arena, at=day) == result.facts
    assert day == result.at
    assert day == assess(arena, at=datetime(2019, 6, 30, 12)).at


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"ruleset": 42}, InvalidValue),
        ({"ruleset": "smice/no-such-rules"}, NotFound),
        ({"at": "2019-06-30"}, InvalidValue),
    ],
)
def test_bad_arguments_are_refused_with_smice_errors(arena, kwargs, error):
    with pytest.raises(error):
        assess(arena, **kwargs)


def test_an_arena_is_required():
    with pytest.raises(InvalidValue) as caught:
        assess({"id": "not an arena"})  # type: ignore[arg-type]
    assert caught.value.name == "arena"


def test_explain_returns_the_outcome_of_one_rule(assessment):
    for rule_id in assessment.ruleset.rule_ids:
        assert rule_id == assessment.explain(rule_id).rule_id
    with pytest.raises(UnknownId):
        assessment.explain("P999")


def test_json_is_json_ready_complete_and_deterministic(arena, assessment):
    document = assessment.to_json()
    text = json.dumps(document, sort_keys=False)
    assert document == json.loads(text)
    assert text == json.dumps(assess(load_arena(EXAMPLE)).to_json(), sort_keys=False)
    assert document["smice"] == "assessment/1"
    assert sorted(assessment.facts) == list(document["facts"])
    assert list(assessment.evaluation.fired) == [r["rule_id"] for r in document["recommendations"]]
    assert [n.rule_id for n in assessment.not_fired] == [
        n["rule_id"] for n in document["not_fired"]
    ]
    for item in document["recommendations"]:
        assert item["explanation"]["result"] is True
        assert set(item["evidence"]) == {t["fact"] for t in item["thresholds"]} | set(
            item["evidence"]
        )


def test_json_names_no_person(arena, assessment):
    text = json.dumps(assessment.to_json(), ensure_ascii=False)
    persons = [s for s in arena.stakeholders if s.is_person]
    assert persons
    assert [s.name for s in persons if s.name in text] == []
    assert [s.id for s in persons if f'"{s.id}"' in text] == []


def test_text_report_lists_recommendations_and_why_not(assessment):
    text = render_text(assessment)
    for recommendation in assessment.recommendations:
        assert f"{recommendation.rule_id} fired: {recommendation.title['en']}" in text
    for item in assessment.not_fired:
        assert f"- {item.rule_id}: " in text
    assert text.startswith("Assessment of ")


def test_text_report_speaks_norwegian_and_swedish(assessment):
    assert "Nøkkelindikatorer" in render_text(assessment, language="nb")
    assert "Nyckelindikatorer" in render_text(assessment, language="sv")
    with pytest.raises(NotFound):
        render_text(assessment, language="de")
