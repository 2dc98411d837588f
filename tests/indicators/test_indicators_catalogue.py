"""The catalogue is the single source of truth: the policy's default facts and the
documentation derive from it."""

from __future__ import annotations

import json
from pathlib import Path

from smice.indicators import CATALOGUE, fact_catalogue, markdown_table
from smice.policy import UNITS, default_facts

DOCS = Path(__file__).parents[2] / "docs"


def test_every_default_fact_is_in_the_catalogue_with_the_same_unit() -> None:
    """Every fact the default rule set reads is computed, with the unit it expects."""
    for key, spec in default_facts().items():
        assert key in CATALOGUE, key
        assert spec.unit == CATALOGUE[key].unit, key


def test_every_fact_the_default_rules_read_is_in_the_catalogue() -> None:
    """The rule set itself (conditions and evidence) reads only catalogue facts."""
    from smice.io import load_ruleset
    from smice.policy import facts_of

    ruleset = load_ruleset("smice/default")
    read: set[str] = set()
    for rule in ruleset.rules:
        read |= set(facts_of(rule.condition))
        read |= set(rule.min_evidence)
    assert read <= set(CATALOGUE), sorted(read - set(CATALOGUE))


def test_entries_are_complete() -> None:
    """Every entry has a known unit, a family prefix, a name, a definition and a source."""
    for key, entry in CATALOGUE.items():
        assert entry.id == key
        assert entry.unit in UNITS, key
        assert entry.name, key
        assert entry.description, key
        assert entry.source, key
        assert entry.family


def test_fact_catalogue_mirrors_the_catalogue() -> None:
    """fact_catalogue() gives the policy specs in catalogue order."""
    specs = fact_catalogue()
    assert list(CATALOGUE) == list(specs)
    assert all(specs[k].unit == e.unit for k, e in CATALOGUE.items())


def test_default_facts_json_is_derivable_from_the_catalogue() -> None:
    """Each default fact's id, unit and level in default_facts.json equal the catalogue's."""
    path = Path(__file__).parents[2] / "src/smice/policy/default_facts.json"
    for item in json.loads(path.read_text("utf-8"))["facts"]:
        entry = CATALOGUE[item["id"]]
        assert (item["unit"], item["level"]) == (entry.unit, entry.level)


def test_the_explanation_page_lists_every_indicator_with_its_unit() -> None:
    """docs/explanation/indicators.md holds the table markdown_table() renders, so it has a
    row for every catalogue entry with its unit (regenerate the table when this fails)."""
    text = (DOCS / "explanation" / "indicators.md").read_text("utf-8")
    assert markdown_table() in text
    for key, entry in CATALOGUE.items():
        assert f"| `{key}` | {entry.unit} |" in text, key
