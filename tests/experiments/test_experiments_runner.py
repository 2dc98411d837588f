"""Running experiments: same rows on every executor, resumable after SIGKILL, own seeds."""

from __future__ import annotations

import concurrent.futures
import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from smice.errors import DocumentInvalid, InvalidValue
from smice.experiments import ExperimentSpec, run_experiment, run_seeds
from smice.io.experiments import load_experiment_document

TINY: dict[str, Any] = {
    "smice": "experiment/1",
    "id": "tiny",
    "seed": 12345,
    "replicates": 2,
    "base": {"n_stakeholders": 30, "steps": 4},
    "interventions": [{"id": "vouchers", "kind": "vouchers", "start": 1, "strength": 4}],
    "design": {"grid": {"interventions": [[], ["vouchers"]]}},
    "outcomes": ["N.sme_rnd_linkage_share", "A.n_stakeholders"],
    "ruleset": None,
}


def load_spec(source: Any) -> ExperimentSpec:
    return ExperimentSpec.from_document(load_experiment_document(source))


def spec(**changes: Any) -> ExperimentSpec:
    return load_spec({**TINY, **changes})


def test_rows_are_in_design_order_with_their_own_recorded_seeds() -> None:
    rows = run_experiment(spec(), progress=False).rows
    assert [r["run"] for r in rows] == [0, 1, 2, 3]
    assert [(r["cell"], r["replicate"]) for r in rows] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert [r["seed"] for r in rows] == list(run_seeds(12345, 4))
    assert len({r["seed"] for r in rows}) == 4
    assert [r["condition"] for r in rows][1:3] == [
        {"interventions": []},
        {"interventions": ["vouchers"]},
    ]
    json.dumps(rows)  # JSON-ready


@pytest.mark.slow
def test_identical_rows_serially_and_on_a_process_pool() -> None:
    serial = run_experiment(spec(), progress=False).rows
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        pooled = run_experiment(spec(), executor=pool, progress=False).rows
        # The caller's executor is not shut down.
        assert pool.submit(sum, [1, 2]).result() == 3
    assert pooled == serial


@pytest.mark.slow
def test_a_rule_set_travels_to_worker_processes() -> None:
    with_rules = spec(ruleset="smice/default", replicates=1)
    with concurrent.futures.ProcessPoolExecutor(1) as pool:
        pooled = run_experiment(with_rules, executor=pool, progress=False).rows
    assert pooled == run_experiment(with_rules, progress=False).rows


@pytest.mark.slow
def test_identical_rows_on_a_dask_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    import dask

    with dask.config.set({"temporary-directory": str(tmp_path)}):
        cluster = distributed.LocalCluster(
            # Any free port for the scheduler's HTTP server (None means 8787, which another
            # test run on the same machine may hold).
            n_workers=2, threads_per_worker=1, dashboard_address=":0", scheduler_port=0,
            local_directory=str(tmp_path),
        )  # fmt: skip
        with cluster, distributed.Client(cluster) as client:
            executor = client.get_executor(pure=False)
            rows = run_experiment(spec(), executor=executor, progress=False).rows
    assert rows == run_experiment(spec(), progress=False).rows


def test_rows_are_appended_and_a_rerun_skips_finished_runs(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    first = run_experiment(spec(), results_path=path, progress=False)
    assert len(path.read_text("utf-8").splitlines()) == 4
    again = run_experiment(spec(), results_path=path, progress=False)
    assert (first.resumed, again.resumed) == (0, 4)
    assert again.rows == first.rows
    assert len(path.read_text("utf-8").splitlines()) == 4


def test_a_torn_last_line_is_redone(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    full = run_experiment(spec(), results_path=path, progress=False).rows
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:2]) + lines[2][:25], "utf-8")
    resumed = run_experiment(spec(), results_path=path, progress=False)
    assert resumed.resumed == 2
    assert resumed.rows == full
    assert [json.loads(x)["run"] for x in path.read_text("utf-8").splitlines()].count(2) == 1


def test_rows_of_another_spec_are_not_mixed_in(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    run_experiment(spec(), results_path=path, progress=False)
    with pytest.raises(InvalidValue, match="a row of this experiment"):
        run_experiment(spec(seed=1), results_path=path, progress=False)


#: The child kills itself with SIGKILL right after its second row is on disk (the progress
#: bar steps once per row, after the row is written and fsynced): deterministic, no timing.
_KILLED = """
import os, signal, sys
from smice.experiments import ExperimentSpec, run_experiment, runner
from smice.io.experiments import load_experiment_document
rows = 0
def step(self):
    global rows
    rows += 1
    if rows == 2:
        os.kill(os.getpid(), signal.SIGKILL)
runner._Progress.step = step
spec = ExperimentSpec.from_document(load_experiment_document(sys.argv[1]))
run_experiment(spec, results_path=sys.argv[2], progress=False)
"""


@pytest.mark.slow
def test_a_sigkilled_experiment_resumes_to_the_same_rows(tmp_path: Path) -> None:
    document = {**TINY, "replicates": 3, "base": {"n_stakeholders": 120, "steps": 18}}
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(json.dumps(document), "utf-8")
    path = tmp_path / "rows.jsonl"
    child = subprocess.run(
        [sys.executable, "-c", _KILLED, str(spec_path), str(path)], check=False, timeout=300
    )
    assert child.returncode == -signal.SIGKILL
    done = path.read_bytes().count(b"\n")
    assert done == 2, "the child was killed right after its second row"
    resumed = run_experiment(load_spec(spec_path), results_path=path, progress=False)
    assert resumed.resumed == done
    fresh = run_experiment(load_spec(spec_path), progress=False)
    assert resumed.rows == fresh.rows


def test_progress_bar_on_request_and_silence_otherwise(capsys: pytest.CaptureFixture[str]) -> None:
    run_experiment(spec(), progress=True)
    err = capsys.readouterr().err
    assert "4/4 runs" in err
    assert "runs/s" in err
    assert "ETA" in err
    run_experiment(spec(), progress=False)
    run_experiment(spec())  # stderr is not a terminal under pytest
    assert capsys.readouterr().err == ""


def test_a_design_naming_an_unknown_intervention_is_refused() -> None:
    with pytest.raises(DocumentInvalid) as caught:
        spec(design={"grid": {"interventions": [["nope"]]}})
    assert caught.value.errors[0].pointer == "/design"


def test_a_random_design_draws_its_cells_from_the_master_seed() -> None:
    design = {
        "random": {"n": 3, "ranges": {"tie_rate": [0.0, 0.1], "facilitator_capacity": [0, 3]}}
    }
    a = spec(design=design, replicates=1).runs()
    b = spec(design=design, replicates=1).runs()
    assert [r.condition for r in a] == [r.condition for r in b]
    assert len({r.params.tie_rate for r in a}) == 3
    assert all(isinstance(r.params.facilitator_capacity, int) for r in a)


def test_the_schema_lists_exactly_the_simulation_parameters() -> None:
    import attrs

    from smice.experiments import SimulationParams
    from smice.io import schema

    names = set(schema("experiment")["$defs"]["parameters"]["properties"])
    assert names == {f.name for f in attrs.fields(SimulationParams)} - {"interventions"}
