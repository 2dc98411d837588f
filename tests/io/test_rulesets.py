"""Loading rule sets: bundled, files, mappings, extends, schema errors, syntax errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smice.errors import DocumentInvalid, InvalidDefinition, NotFound, SmiceError
from smice.io import validate
from smice.io.rulesets import (
    bundled_rulesets,
    dump_ruleset,
    load_fact_catalogue,
    load_ruleset,
    merge_rulesets,
)
from smice.policy import RuleSyntaxError, evaluate, run_tests

TEXTS = {"en": "t", "nb": "t", "sv": "t"}


def _document(**rule: Any) -> dict[str, Any]:
    item = {
        "id": "R1",
        "title": TEXTS,
        "when": "x < 1",
        "instrument": "brokering",
        "level": ["regional"],
        "recommendation": TEXTS,
    }
    item.update(rule)
    return {"smice": "ruleset/1", "id": "mine/rules", "version": "1.0.0", "rules": [item]}


def test_the_default_rule_set_is_bundled_and_valid() -> None:
    assert bundled_rulesets() == ("smice/default",)
    ruleset = load_ruleset("smice/default")
    assert (ruleset.id, ruleset.version) == ("smice/default", "0.2.0")
    validate(dump_ruleset(ruleset), "ruleset")


def test_load_from_a_file_and_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(_document()))
    from_file, from_mapping = load_ruleset(path), load_ruleset(_document())
    assert from_file == from_mapping
    assert from_file.rule("R1").instrument == ("brokering",)


def test_dump_then_load_gives_an_equal_rule_set() -> None:
    default = load_ruleset("smice/default")
    assert default == load_ruleset(dump_ruleset(default))


@given(
    st.sampled_from(["x < 1", "a and not b", "x / y >= 2 or z is missing", "h in ['a', 'b']"]),
    st.integers(0, 1000),
    st.booleans(),
)
def test_dump_load_round_trip_of_small_sets(when: str, priority: int, grouped: bool) -> None:
    extra: dict[str, Any] = {"priority": priority, "min_evidence": {"n": 3}}
    if grouped:
        extra["exclusive_group"] = "g"
    ruleset = load_ruleset(_document(when=when, **extra))
    assert ruleset == load_ruleset(dump_ruleset(ruleset))


def test_unknown_reference_is_not_found() -> None:
    with pytest.raises(NotFound) as caught:
        load_ruleset("smice/nope")
    assert "smice/default" in caught.value.available


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        (lambda d: d["rules"][0].pop("title"), "/rules/0"),
        (lambda d: d["rules"][0].update(instrument="bribery"), "/rules/0/instrument"),
        (lambda d: d["rules"][0].update(priority=-1), "/rules/0/priority"),
        (lambda d: d["rules"][0].update(min_evidence={"x": "ten!"}), "/rules/0/min_evidence/x"),
        (lambda d: d["rules"][0].update(colour="red"), "/rules/0"),
        (
            lambda d: d.update(tests=[{"name": "t", "facts": {"__x__": 1}, "expect_fired": []}]),
            "/tests/0/facts",
        ),
        (lambda d: d.update(version="one"), "/version"),
    ],
)
def test_schema_errors_carry_pointers(change: Any, pointer: str) -> None:
    document = _document()
    change(document)
    with pytest.raises(DocumentInvalid) as caught:
        load_ruleset(document)
    assert pointer in [e.pointer for e in caught.value.errors]


def test_syntax_errors_carry_pointer_and_column(tmp_path: Path) -> None:
    document = _document()
    document["rules"].append({**document["rules"][0], "id": "R2", "when": "x < 1 and y ** 2"})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(RuleSyntaxError) as caught:
        load_ruleset(path)
    error = caught.value
    assert ("/rules/1/when", 13, str(path)) == (error.pointer, error.column, error.source)
    assert str(error).startswith(f"{path}: /rules/1/when, column 13: exponentiation")


def test_template_errors_carry_pointer() -> None:
    with pytest.raises(RuleSyntaxError) as caught:
        load_ruleset(_document(recommendation={"en": "{x.__class__}"}))
    assert caught.value.pointer == "/rules/0/recommendation/en"


def test_hostile_documents_are_refused_with_smice_errors(tmp_path: Path) -> None:
    deep: Any = "x"
    for _ in range(200):
        deep = [deep]
    hostile = [
        {**_document(), "extensions": deep},
        _document(when="x" * 5000),
        _document(when="__import__('os').system('true')"),
        _document(when="x < 1\u0000"),
    ]
    for document in hostile:
        with pytest.raises(SmiceError):
            load_ruleset(document)
    big = tmp_path / "big.json"
    big.write_bytes(b"\xff\xfe not json")
    with pytest.raises(DocumentInvalid):
        load_ruleset(big)


def test_extends_merges_rules_by_id_and_tests_by_name() -> None:
    child = {
        "smice": "ruleset/1",
        "id": "region/strict",
        "version": "1.0.0",
        "extends": "smice/default",
        "rules": [
            {
                "id": "P1",
                "when": "N.sme_rnd_linkage_share_high < 0.30 and A.months_observed >= 12 and "
                "(A.network_consent_share >= 0.70 or A.network_consent_share is missing)",
                "min_evidence": {"A.n_smes": 20},
            },
            {
                "id": "X1",
                "title": TEXTS,
                "when": "A.female_share < 0.2",
                "instrument": ["governance"],
                "level": "arena",
                "recommendation": TEXTS,
            },
        ],
        "tests": [
            {
                "name": "P1 fires",
                "facts": {
                    "N.sme_rnd_linkage_share_high": 0.25,
                    "A.months_observed": 14,
                    "A.n_smes": 25,
                    "T.min_evidence_months": 6,
                },
                "expect_fired": ["P1"],
            }
        ],
    }
    ruleset = load_ruleset(child)
    default = load_ruleset("smice/default")
    assert (*default.rule_ids, "X1") == ruleset.rule_ids
    p1 = ruleset.rule("P1")
    assert dict(p1.min_evidence) == {"A.n_smes": 20, "A.months_observed": "T.min_evidence_months"}
    assert default.rule("P1").title == p1.title
    assert ruleset.extends == "smice/default"
    assert len(default.tests) == len(ruleset.tests)
    # The inherited near-miss test of P1 now fails: the stricter threshold shows up.
    report = run_tests(ruleset)
    assert [f.test for f in report.failures] == ["P1 stays silent just past its threshold"]
    child["tests"].append(
        {
            "name": "P1 stays silent just past its threshold",
            "facts": {"N.sme_rnd_linkage_share_high": 0.3},
            "expect_fired": [],
        }
    )
    assert run_tests(load_ruleset(child)).passed
    facts = {
        "N.sme_rnd_linkage_share_high": 0.25,
        "A.months_observed": 14,
        "A.n_smes": 25,
        "T.min_evidence_months": 6,
    }
    assert evaluate(ruleset, facts).fired == ("P1",)


def test_extends_through_a_library_and_cycles() -> None:
    base = _document()
    child = {
        "smice": "ruleset/1",
        "id": "b/child",
        "version": "1.0.0",
        "extends": "mine/rules",
        "rules": [{"id": "R1", "when": "x < 2"}],
    }
    assert load_ruleset(child, library={"mine/rules": base}).rule("R1").when == "x < 2"
    loop_a = {**child, "id": "a/a", "extends": "b/b"}
    loop_b = {**child, "id": "b/b", "extends": "a/a"}
    with pytest.raises(InvalidDefinition, match="cycle"):
        load_ruleset(loop_a, library={"a/a": loop_a, "b/b": loop_b})


def test_an_extending_rule_set_may_change_only_its_tests() -> None:
    child = {
        "smice": "ruleset/1",
        "id": "b/child",
        "version": "1.0.0",
        "extends": "smice/default",
        "tests": [{"name": "nothing", "facts": {}, "expect_fired": []}],
    }
    ruleset = load_ruleset(child)
    assert load_ruleset("smice/default").rules == ruleset.rules
    assert len(load_ruleset("smice/default").tests) + 1 == len(ruleset.tests)


def test_an_extending_rule_set_must_still_be_complete() -> None:
    child = {
        "smice": "ruleset/1",
        "id": "b/child",
        "version": "1.0.0",
        "extends": "smice/default",
        "rules": [{"id": "NEW", "when": "x < 1"}],
    }
    with pytest.raises(DocumentInvalid) as caught:
        load_ruleset(child)
    assert any(e.keyword == "required" for e in caught.value.errors)


def test_merge_keeps_parents_order() -> None:
    parent = {"id": "p", "rules": [{"id": "a"}, {"id": "b"}], "tests": [{"name": "t", "x": 1}]}
    child = {
        "id": "c",
        "rules": [{"id": "b", "when": "y"}, {"id": "c"}],
        "tests": [{"name": "t", "x": 2}],
    }
    merged = merge_rulesets(parent, copy.deepcopy(child))
    assert merged["rules"] == [{"id": "a"}, {"id": "b", "when": "y"}, {"id": "c"}]
    assert merged["tests"] == [{"name": "t", "x": 2}]


def test_fact_catalogues(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text(
        json.dumps(
            {
                "facts": [
                    {
                        "id": "x",
                        "unit": "count",
                        "level": "arena",
                        "description": "d",
                        "source": "s",
                    }
                ]
            }
        )
    )
    assert load_fact_catalogue(path)["x"].unit == "count"
    with pytest.raises(DocumentInvalid):
        load_fact_catalogue({"facts": [{"id": 3}]})
    with pytest.raises(DocumentInvalid):
        load_fact_catalogue({"nothing": []})
