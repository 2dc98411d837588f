"""Tidy frames: column sets and dtypes, scalar condition columns, a clear error without
pandas."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

import pytest

from smice.errors import MissingExtra
from smice.experiments import ExperimentSpec, run_experiment
from smice.io import load_arena
from smice.io.experiments import load_experiment_document
from smice.network import to_graph
from smice.report import assess
from smice.report.frames import (
    edges_frame,
    exit_report_frame,
    experiment_frame,
    facts_frame,
    nodes_frame,
    recommendations_frame,
    series_frame,
)

pd = pytest.importorskip("pandas")

TUTORIAL = "examples/arenas/tutorial.json"
LARGE = "examples/arenas/jamtland-trondelag.json"
TINY: dict[str, Any] = {
    "smice": "experiment/1",
    "id": "tiny",
    "seed": 7,
    "replicates": 2,
    "base": {"n_stakeholders": 20, "steps": 3},
    "interventions": [{"id": "vouchers", "kind": "vouchers", "start": 1, "strength": 4}],
    "design": {"grid": {"interventions": [[], ["vouchers"]], "tie_rate": [0.01, 0.03]}},
    "outcomes": ["A.n_stakeholders", "N.sme_rnd_linkage_share"],
    "ruleset": None,
}


@pytest.fixture(scope="module")
def result():
    spec = ExperimentSpec.from_document(load_experiment_document(TINY))
    return run_experiment(spec, progress=False)


def test_facts_over_time_are_long_with_one_row_per_day_and_fact():
    arena = load_arena(TUTORIAL)
    frame = facts_frame(arena, freq="QS")
    assert list(frame.columns) == ["arena", "date", "fact", "value", "unit", "missing_reason"]
    assert str(frame["date"].dtype).startswith("datetime64")
    assert frame["value"].dtype == "float64"
    assert frame["fact"].map(type).eq(str).all()
    days = frame["date"].drop_duplicates().dt.date.tolist()
    assert days[0] >= arena.created_on
    assert all(day.day == 1 and day.month in (1, 4, 7, 10) for day in days[:-1])
    counts = frame.groupby("date")["fact"].count()
    assert counts.nunique() == 1
    missing = frame[frame["value"].isna()]
    assert (missing["missing_reason"] != "").all()


def test_facts_on_chosen_days():
    frame = facts_frame(load_arena(TUTORIAL), dates=[date(2019, 1, 1), date(2019, 6, 1)])
    assert frame["date"].dt.date.drop_duplicates().tolist() == [
        date(2019, 1, 1),
        date(2019, 6, 1),
    ]


def test_experiment_rows_have_scalar_conditions_that_group(result):
    frame = experiment_frame(result)
    expected = {"experiment", "run", "cell", "replicate", "seed", "label", "interventions",
                "tie_rate", "n_events", "A.n_stakeholders", "N.sme_rnd_linkage_share"}  # fmt: skip
    assert set(frame.columns) == expected
    assert len(frame) == len(result.rows) == 8
    means = frame.groupby(["interventions", "tie_rate"])["A.n_stakeholders"].mean()
    assert set(means.index.get_level_values(0)) == {"none", "vouchers"}
    assert frame["A.n_stakeholders"].dtype == "float64"
    old = result.to_dataframe()
    assert set(old["condition.interventions"]) == {"none", "vouchers"}
    old.groupby("condition.interventions").size()


def test_the_series_is_long_with_a_step_per_row(result):
    frame = series_frame(result)
    assert {"run", "label", "interventions", "step", "fact", "value"} <= set(frame.columns)
    assert frame["value"].dtype == "float64"
    assert frame["step"].dtype == "int64"
    per_run = frame.groupby(["run", "fact"])["step"].max()
    assert set(per_run) == {3}


def test_nodes_and_edges_with_metrics():
    G = to_graph(load_arena(TUTORIAL))
    nodes = nodes_frame(G)
    assert {"node", "helix", "country", "degree", "in_degree", "out_degree", "constraint",
            "effective_size"} <= set(nodes.columns)  # fmt: skip
    assert len(nodes) == G.number_of_nodes()
    assert nodes["degree"].dtype == "int64"
    assert nodes["constraint"].dtype == "float64"
    assert nodes["node"].is_unique
    edges = edges_frame(G)
    assert {"source", "target", "key", "kind"} <= set(edges.columns)
    assert len(edges) == G.number_of_edges()
    # Every column holds scalars: nothing a groupby would choke on.
    for column in (*nodes.columns, *edges.columns):
        frame = nodes if column in nodes.columns else edges
        assert not frame[column].map(lambda v: isinstance(v, list | set | tuple)).any(), column


def test_exit_reports_and_recommendations():
    arena = load_arena(LARGE)
    reports = exit_report_frame(arena)
    assert list(reports.columns) == ["arena", "cycle", "phase", "criterion", "passed",
                                     "expected", "actual", "message"]  # fmt: skip
    assert reports["passed"].dtype == "bool"
    active = {c.id for c in arena.cycles if c.status in ("active", "paused")}
    assert set(reports["cycle"]) == active
    assessment = assess(arena)
    recs = recommendations_frame(assessment)
    assert len(recs) == len(assessment.ruleset.rules)
    assert recs["fired"].sum() == len(assessment.recommendations)
    assert recs["fired"].dtype == "bool"
    assert (recs.loc[~recs["fired"], "reason"] != "").all()


def test_without_pandas_the_error_names_the_extra(monkeypatch, result):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtra, match=r'pip install "smice\[pandas\]"') as caught:
        facts_frame(load_arena(TUTORIAL))
    assert caught.value.extra == "pandas"
    with pytest.raises(MissingExtra):
        result.to_dataframe()
