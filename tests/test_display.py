"""Rich displays: every repr of the main values is short, every ``_repr_html_`` is well-formed
markup with untrusted names escaped."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from typing import Any

import attrs
import pytest

from smice.domain import Arena
from smice.domain.display import MAX_REPR
from smice.experiments import ExperimentSpec, estimate_effect, run_experiment, simulate
from smice.experiments.params import SimulationParams
from smice.io import load_arena
from smice.io.experiments import load_experiment_document
from smice.network import brokerage, simple_graph, to_graph
from smice.process import exit_report
from smice.report import assess

LARGE = "examples/arenas/jamtland-trondelag.json"
HOSTILE = '<script>alert("x")</script> & <b>'

TINY: dict[str, Any] = {
    "smice": "experiment/1",
    "id": "tiny",
    "seed": 12345,
    "replicates": 2,
    "base": {"n_stakeholders": 30, "steps": 3},
    "interventions": [{"id": "vouchers", "kind": "vouchers", "start": 1, "strength": 4}],
    "design": {"grid": {"interventions": [[], ["vouchers"]]}},
    "outcomes": ["N.sme_rnd_linkage_share", "A.n_stakeholders"],
    "ruleset": None,
}


@functools.cache
def large() -> Arena:
    return load_arena(LARGE)


@functools.cache
def values() -> dict[str, object]:
    """One of each displayed value, built from the large example arena."""
    arena = large()
    assessment = assess(arena)
    G = simple_graph(to_graph(arena), directed=True)
    spec = ExperimentSpec.from_document(load_experiment_document(TINY))
    result = run_experiment(spec, progress=False)
    effect = estimate_effect(
        result.rows,
        "A.n_stakeholders",
        treatment={"interventions": ["vouchers"]},
        control={"interventions": []},
        seed=3,
        n_boot=200,
    )
    cycle = next(c for c in arena.cycles if c.status == "active")
    return {
        "arena": arena,
        "assessment": assessment,
        "evaluation": assessment.evaluation,
        "ruleset": assessment.ruleset,
        "facts": assessment.facts,
        "recommendation": assessment.recommendations[0],
        "not_fired": assessment.not_fired[0],
        "brokerage": brokerage(G, "helix"),
        "experiment": result,
        "effect": effect,
        "simulation": simulate(SimulationParams(n_stakeholders=30, steps=2), seed=1),
        "criterion": exit_report(arena, cycle.id)[0],
    }


NAMES = [
    "arena", "assessment", "evaluation", "ruleset", "facts", "recommendation", "not_fired",
    "brokerage", "experiment", "effect", "simulation", "criterion",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_repr_is_short(name: str) -> None:
    shown = repr(values()[name])
    assert len(shown) <= MAX_REPR, shown
    assert shown.startswith("<")


@pytest.mark.parametrize("name", NAMES)
def test_html_display_is_well_formed(name: str) -> None:
    page = values()[name]._repr_html_()  # type: ignore[attr-defined]
    root = ET.fromstring(page)
    assert root.tag == "div"
    assert root.get("class") == "smice-card"


def test_the_arena_card_counts_by_helix_country_and_phase() -> None:
    arena = large()
    text = "".join(ET.fromstring(arena._repr_html_()).itertext())
    helices = {s.helix for s in arena.stakeholders}
    assert all(f"{helix}: " in text for helix in helices)
    assert all(f"{s.country}: " in text for s in arena.stakeholders)
    assert all(f"{c.phase}: " in text for c in arena.cycles)


def test_untrusted_names_are_escaped() -> None:
    arena = attrs.evolve(large(), name=HOSTILE)
    for page in (arena._repr_html_(), assess(arena)._repr_html_()):
        assert "<script" not in page
        assert "&lt;script&gt;" in page
        ET.fromstring(page)
    assert len(repr(attrs.evolve(large(), name="x" * 300))) <= MAX_REPR


def test_displays_keep_attrs_equality_and_hashing() -> None:
    arena = large()
    same = attrs.evolve(arena)
    assert same == arena
    assert hash(same) == hash(arena)
    assert attrs.evolve(arena, name="other") != arena
