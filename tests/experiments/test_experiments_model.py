"""The agent-based model: every run is a valid journal, interventions act as documented."""

from __future__ import annotations

import attrs
import pytest

from smice.domain import CycleStatus
from smice.errors import InvalidValue
from smice.experiments import Intervention, SimulationParams, simulate
from smice.io import event_to_document, load_ruleset, validate
from smice.process import replay

SMALL = {"n_stakeholders": 50, "steps": 12}


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_every_simulated_journal_replays_to_the_final_arena(seed: int) -> None:
    result = simulate(SMALL, seed=seed)
    assert replay(result.events) == result.arena
    validate(event_to_document(result.events[-1]), "event")


def test_the_journal_documents_are_valid_and_cycles_move_through_phases() -> None:
    result = simulate({"n_stakeholders": 80, "steps": 24}, seed=4)
    for event in result.events:
        validate(event_to_document(event), "event")
    phases = {visit.phase for c in result.arena.cycles for visit in c.history}
    assert {"define", "discover", "dream"} <= phases
    assert result.arena.teams
    assert any(c.status is not CycleStatus.ACTIVE for c in result.arena.cycles)


def test_same_seed_same_result_and_series_have_one_value_per_step() -> None:
    a = simulate(SMALL, seed=9, outcomes=["N.sme_rnd_linkage_share"])
    b = simulate(
        SimulationParams.from_mapping(SMALL), seed=9, outcomes=["N.sme_rnd_linkage_share"]
    )
    assert a == b
    assert list(a.series) == ["N.sme_rnd_linkage_share"]
    assert len(a.series["N.sme_rnd_linkage_share"]) == len(a.days) == 12
    assert simulate(SMALL, seed=10).events != a.events


def test_vouchers_raise_sme_rnd_linkage() -> None:
    base = SimulationParams(n_stakeholders=100, steps=18)
    treated = attrs.evolve(base, interventions=(Intervention(kind="vouchers", strength=8.0),))
    outcome = "N.sme_rnd_linkage_share"
    control = [simulate(base, seed=s, outcomes=[outcome]).final(outcome) for s in range(6)]
    voucher = [simulate(treated, seed=s, outcomes=[outcome]).final(outcome) for s in range(6)]
    assert sum(voucher) > sum(control)  # type: ignore[arg-type]


def test_interventions_switch_on_and_off_at_their_steps() -> None:
    params = SimulationParams(interventions=(
        Intervention(kind="vouchers", start=2, end=4, strength=3.0),
        Intervention(kind="vouchers", start=3, strength=2.0),
        Intervention(kind="facilitators", start=1, strength=2.0),
    ))  # fmt: skip
    assert [params.factor("vouchers", s) for s in range(6)] == [1, 1, 3, 6, 2, 2]
    assert [params.factor("facilitators", s) for s in range(3)] == [0, 2, 2]
    assert params.factor("study_trips", 5) == 1


def test_recommendations_come_from_the_rule_set_every_step() -> None:
    ruleset = load_ruleset("smice/default")
    result = simulate(SMALL, seed=1, ruleset=ruleset)
    assert len(result.recommendations) == 12
    known = {rule.id for rule in ruleset.rules}
    assert all(set(step) <= known for step in result.recommendations)


@pytest.mark.parametrize(
    "bad",
    [{"steps": 0}, {"team_rate": 1.5}, {"nonsense": 1}, {"start": "yesterday"},
     {"interventions": [{"kind": "magic"}]}],
)  # fmt: skip
def test_bad_parameters_are_refused_with_their_name(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidValue):
        SimulationParams.from_mapping(bad)


def test_parameters_round_trip_through_a_mapping() -> None:
    params = SimulationParams(interventions=(Intervention(kind="study_trips", start=3),))
    assert SimulationParams.from_mapping(params.to_mapping()) == params
