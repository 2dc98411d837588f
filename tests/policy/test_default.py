"""The default rule set smice/default and its fact catalogue.

The thresholds pinned here are those of the candidate-rule table in the SMICE domain brief
(``DOMAIN.md`` §6, "Policy instruments and candidate rules"), itself drawn from the SMICE
project description and the programme indicators it cites.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from smice.io.rulesets import load_ruleset
from smice.policy import (
    Facts,
    Reason,
    Severity,
    default_facts,
    evaluate,
    facts_of,
    lint,
    run_tests,
)
from smice.policy.texts import Placeholder

DEFAULT = load_ruleset("smice/default")
DOMAIN_RULES = [f"P{i}" for i in range(1, 23)]


def test_it_is_lint_clean_against_its_catalogue() -> None:
    findings = lint(DEFAULT, default_facts())
    assert [str(f) for f in findings if f.severity is not Severity.INFO] == []
    assert [str(f) for f in findings] == []


def test_its_tests_pass_and_make_every_rule_fire_and_not_fire() -> None:
    report = run_tests(DEFAULT)
    assert [str(f) for f in report.failures] == []
    assert report.coverage == 1.0
    assert report.always_fired == ()
    for rule in DEFAULT.rules:
        silent = [t for t in DEFAULT.tests if rule.id not in t.expect_fired]
        assert any(set(rule.facts) <= set(t.facts) for t in silent), rule.id


def test_every_domain_rule_is_covered_once_p22_split_in_two() -> None:
    ids = DEFAULT.rule_ids
    assert sorted([*DOMAIN_RULES[:-1], "P22a", "P22b"]) == sorted(ids)


def test_every_rule_speaks_three_languages_and_cites_references() -> None:
    for rule in DEFAULT.rules:
        for field in (rule.title, rule.recommendation, rule.rationale):
            assert {"en", "nb", "sv"} == set(field), rule.id
        assert rule.references, rule.id
        assert rule.min_evidence, rule.id
        assert rule.instrument, rule.id
        assert rule.level, rule.id


def test_the_catalogue_lists_exactly_the_facts_the_rules_read() -> None:
    used: set[str] = set()
    for rule in DEFAULT.rules:
        used.update(rule.facts)
        for template in rule.templates.values():
            used.update(p.fact for p in template.parts if isinstance(p, Placeholder))
    assert sorted(used) == sorted(default_facts())
    raw = json.loads((resources.files("smice.policy") / "default_facts.json").read_text())
    for item in raw["facts"]:
        assert {"id", "unit", "level", "description", "source"} == set(item)
        assert item["id"][:2] in ("A.", "N.", "C.")


def test_evidence_defaults_follow_the_domain_brief() -> None:
    # DOMAIN.md §6: "A rule fires only with enough evidence (default: >= 10 relevant subjects,
    # >= 6 months observed)"; rules deviating say why in their rationale.
    for rule in DEFAULT.rules:
        assert rule.min_evidence.get("A.months_observed", 0) >= 6, rule.id
        subjects = [v for k, v in rule.min_evidence.items() if k != "A.months_observed"]
        assert subjects, rule.id
        if min(subjects) < 10:
            assert "evidence" in rule.rationale["en"] or rule.exclusive_group, rule.id


@pytest.mark.parametrize(
    ("rule_id", "fact", "op", "value"),
    [
        ("P1", "N.sme_rnd_linkage_share", "<", 0.2),
        ("P1", "A.months_observed", ">=", 12),
        ("P2", "A.min_helix_share", "<", 0.1),
        ("P2", "A.private_person_share", "<", 0.15),
        ("P3", "N.top_broker_betweenness_share", ">", 0.5),
        ("P4", "N.cross_border_tie_share", "<", 0.1),
        ("P5", "C.n_potential_flows", ">=", 5),
        ("P5", "C.realised_flow_share", "<", 0.25),
        ("P6", "C.n_initiatives_blocked_waste_status", ">=", 3),
        ("P7", "C.low_r_initiative_share", ">", 0.6),
        ("P8", "C.bio_sidestream_energy_share", ">", 0.5),
        ("P9", "C.n_circular_suppliers_mature", ">=", 3),
        ("P10", "A.stalled_cycle_share", ">", 0.3),
        ("P11", "A.action_start_share", "<", 0.4),
        ("P12", "A.mature_team_graduation_share", "<", 0.1),
        ("P13", "A.non_manager_share", "<", 0.3),
        ("P14", "A.external_interview_share", "<", 0.2),
        ("P15", "A.female_share", "<", 0.4),
        ("P15", "A.female_share", ">", 0.6),
        ("P16", "N.co_applications_per_firm_year", "<", 0.1),
        ("P16", "N.application_success_share", "<", 0.3),
        ("P17", "C.max_non_s3_domain_initiatives", ">=", 5),
        ("P18", "A.median_support_contacts", ">=", 4),
        ("P19", "A.core_funding_share", "<", 0.3),
        ("P19", "A.months_of_funding_left", "<=", 12),
        ("P20", "A.action_capital_gini", ">", 0.6),
        ("P22a", "A.reviews_per_closed_cycle", "<", 0.8),
        ("P22b", "A.months_since_first_recommendation", ">=", 12),
    ],
)
def test_thresholds_are_those_of_the_domain_table(
    rule_id: str, fact: str, op: str, value: float
) -> None:
    thresholds = {(t.fact, t.op, t.value) for t in DEFAULT.rule(rule_id).thresholds}
    assert (fact, op, value) in thresholds


def test_a_young_arena_gets_no_recommendation_and_is_told_why() -> None:
    facts = Facts.from_values(
        {"N.sme_rnd_linkage_share": 0.05, "A.n_smes": 30, "A.months_observed": 4},
        units=default_facts(),
    )
    result = evaluate(DEFAULT, facts)
    assert result.fired == ()
    p1 = result.result("P1")
    assert p1.reason == Reason.INSUFFICIENT_EVIDENCE  # type: ignore[union-attr]
    assert "A.months_observed >= 6 (A.months_observed = 4)" in p1.failing  # type: ignore[union-attr]
    assert p1.smallest_change is not None  # type: ignore[union-attr]
    assert (
        p1.smallest_change.fact,  # type: ignore[union-attr]
        p1.smallest_change.proposed,  # type: ignore[union-attr]
    ) == ("A.months_observed", 12)


def test_p3_fires_on_a_cut_vertex_alone() -> None:
    condition = DEFAULT.rule("P3").condition
    assert {"N.top_broker_betweenness_share", "N.top_broker_is_cut_vertex"} == set(
        facts_of(condition)
    )
