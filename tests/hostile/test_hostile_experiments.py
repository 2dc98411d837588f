"""Hostile experiments (issue 11, findings 7, 9, 17, 18): huge designs are refused before
they are expanded, workers are bounded, a file that is not a results file is never changed, and
``summarize`` refuses what is not a results file with one line and exit 2."""

from __future__ import annotations

import json
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from smice.cli import experiment as experiment_cli
from smice.cli import main
from smice.errors import DocumentInvalid, SmiceError
from smice.experiments import ExperimentSpec, run_experiment
from smice.experiments.spec import MAX_RUNS
from smice.io.experiments import load_experiment_document

SPEC: dict[str, Any] = {
    "smice": "experiment/1", "id": "hostile", "seed": 3, "replicates": 2,
    "base": {"n_stakeholders": 24, "steps": 2}, "outcomes": ["A.n_stakeholders"],
    "ruleset": None,
}  # fmt: skip


def _spec(tmp_path: Path, **changes: Any) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps({**SPEC, **changes}), "utf-8")
    return path


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    "changes",
    [
        # 1000**4 = 1e12 cells: expanded, it would not fit in any memory.
        {"design": {"grid": {name: list(range(1000)) for name in
                             ("tie_rate", "mean_ties", "steps", "bridge_share")}}},
        {"design": {"random": {"n": 100_000, "ranges": {"tie_rate": [0, 1]}}},
         "replicates": 100_000},
    ],
)  # fmt: skip
def test_a_huge_design_is_refused_before_it_is_expanded(
    tmp_path: Path, changes: dict[str, Any]
) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(DocumentInvalid) as caught:
            ExperimentSpec.from_document(load_experiment_document(_spec(tmp_path, **changes)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.errors[0].keyword == "runs"
    assert f"at most {MAX_RUNS} runs" in caught.value.errors[0].message
    assert peak < 50 * 1024 * 1024
    assert time.perf_counter() - started < 30


def test_the_largest_design_accepted_has_max_runs(tmp_path: Path) -> None:
    spec = ExperimentSpec.from_mapping({**SPEC, "replicates": MAX_RUNS})
    assert spec.n_runs == MAX_RUNS


@pytest.mark.parametrize("workers", ["0", "-3", "257", "99999999999999999999"])
def test_a_bad_worker_count_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: str
) -> None:
    code, err = _cli(capsys, "experiment", "run", str(_spec(tmp_path)), "--workers", workers)
    assert (code, len(err)) == (2, 1)
    assert "--workers" in err[0]


def test_workers_are_never_more_than_the_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started: list[int | None] = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, max_workers: int | None = None) -> None:
            started.append(max_workers)
            super().__init__(max_workers)

    monkeypatch.setattr(experiment_cli.concurrent.futures, "ProcessPoolExecutor", Pool)
    code, _ = _cli(capsys, "experiment", "run", str(_spec(tmp_path)), "--workers", "48")
    assert (code, started) == (0, [2])


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:1", "garbage://"])
def test_an_unreachable_dask_scheduler_fails_fast_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    pytest.importorskip("dask.distributed")
    started = time.perf_counter()
    code, err = _cli(capsys, "experiment", "run", str(_spec(tmp_path)), "--dask", address)
    assert (code, len(err)) == (2, 1)
    assert "--dask" in err[0]
    assert time.perf_counter() - started < 25


NOTES = "Notes from the workshop\nBring coffee\nno newline at the end"


@pytest.mark.parametrize(
    "content",
    [
        NOTES.encode(),
        b'{"cell": 0, "spec": "someone-else"}\n{"cell": 0, "sp',
        b"\xff\xfe binary \x00\x01",
    ],
)
def test_a_file_that_is_not_ours_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    out = tmp_path / "notes.txt"
    out.write_bytes(content)
    spec = ExperimentSpec.from_mapping(SPEC)

    with pytest.raises(SmiceError):
        run_experiment(spec, results_path=out, progress=False)

    assert out.read_bytes() == content


def test_a_torn_row_of_ours_is_still_repaired(tmp_path: Path) -> None:
    spec = ExperimentSpec.from_mapping(SPEC)
    out = tmp_path / "rows.jsonl"
    first = run_experiment(spec, results_path=out, progress=False)
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(lines[0] + lines[1][:40])  # killed while writing the second row

    again = run_experiment(spec, results_path=out, progress=False)

    assert (again.rows, again.resumed) == (first.rows, 1)
    assert out.read_bytes().count(b"\n") == 2


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\n",
        b'{"spec": "%(digest)s"}\n',
        b'{"spec": "%(digest)s", "run": "abc"}\n',
        b'{"spec": "%(digest)s", "run": 99}\n',
        b'{"spec": "%(digest)s", "run": true}\n',
        b'{"spec": "%(digest)s", "run": 0}\n[1, 2]\n',
    ],
)
def test_a_bad_results_file_to_resume_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    digest = ExperimentSpec.from_mapping(SPEC).digest
    out = tmp_path / "rows.jsonl"
    out.write_bytes(content.replace(b"%(digest)s", digest.encode()))
    before = out.read_bytes()

    code, err = _cli(capsys, "experiment", "run", str(_spec(tmp_path)), "--out", str(out))

    assert (code, len(err)) == (2, 1)
    assert out.read_bytes() == before


def test_a_directory_to_resume_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _cli(capsys, "experiment", "run", str(_spec(tmp_path)), "--out", str(tmp_path))
    assert (code, len(err)) == (2, 1)


ROW = {"cell": 0, "label": "base", "outcomes": {"x": 1.0}}


@pytest.mark.parametrize(
    "content",
    [
        b'{"a": 1}\n',
        b"5\n",
        b"[1]\n",
        json.dumps({**ROW, "outcomes": {"x": "high"}}).encode(),
        json.dumps({**ROW, "outcomes": "x"}).encode(),
        json.dumps({**ROW, "cell": "abc"}).encode(),
        b'{"cell": 0, "label": "\xff"}\n',
        bytes(range(256)),
        b"",
        b"\n\n",
    ],
)
def test_summarize_refuses_what_is_not_a_results_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(content)
    code, err = _cli(capsys, "experiment", "summarize", str(path))
    assert (code, len(err)) == (2, 1)
    assert "Traceback" not in err[0]


def test_summarize_survives_outcomes_near_the_largest_float(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rows.jsonl"
    rows = [{**ROW, "outcomes": {"x": 1e308}}, {**ROW, "outcomes": {"x": 1.5e308}}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")

    assert main(["experiment", "summarize", str(path), "--json"]) == 0
    (summary,) = json.loads(capsys.readouterr().out)
    # mean of 1e308 and 1.5e308; sd = |a - b| / sqrt(2)
    assert summary["mean"] == pytest.approx(1.25e308)
    assert summary["sd"] == pytest.approx(0.5e308 / 2**0.5)
