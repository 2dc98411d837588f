"""Runs per second of the quick experiment (examples/experiments/quick.json): serially, on
2 local processes and on a 2-worker Dask LocalCluster, with the scaling efficiency of each
parallel executor (speed-up over serial divided by the number of workers).

Run ``python benchmarks/experiments.py [--repeat N]``; the Dask line needs the ``parallel``
extra. Rows are checked to be identical on every executor.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import tempfile
import time
from pathlib import Path
from typing import Any

from smice.experiments import ExperimentSpec, run_experiment
from smice.io.experiments import load_experiment_document

QUICK = Path(__file__).resolve().parents[1] / "examples" / "experiments" / "quick.json"


def _timed(
    spec: ExperimentSpec, executor: concurrent.futures.Executor | None
) -> tuple[float, Any]:
    started = time.perf_counter()
    rows = run_experiment(spec, executor=executor, progress=False).rows
    return time.perf_counter() - started, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="repeat the spec's replicates")
    args = parser.parse_args()
    spec = ExperimentSpec.from_document(load_experiment_document(QUICK))
    if args.repeat > 1:
        spec = ExperimentSpec.from_mapping(
            {**spec.document, "replicates": spec.replicates * args.repeat}, ruleset=spec.ruleset
        )
    n = len(spec.runs())
    serial, reference = _timed(spec, None)
    print(f"quick spec: {n} runs")
    print(f"serial          {n / serial:7.2f} runs/s  ({serial:.2f} s)")
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        pool.submit(int).result()  # start the workers before timing
        seconds, rows = _timed(spec, pool)
    assert rows == reference, "a process pool gave other rows"
    print(f"2 processes     {n / seconds:7.2f} runs/s  ({seconds:.2f} s)  "
          f"speed-up {serial / seconds:.2f}×  efficiency {serial / seconds / 2:.0%}")  # fmt: skip
    try:
        import dask  # noqa: PLC0415  (optional extra)
        from dask.distributed import Client, LocalCluster  # noqa: PLC0415
    except ImportError:
        print("dask 2 workers  (skipped: install the 'parallel' extra)")
        return
    with (
        tempfile.TemporaryDirectory() as scratch,
        dask.config.set({"temporary-directory": scratch}),
    ):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None, local_directory=scratch
        )
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            seconds, rows = _timed(spec, client.get_executor(pure=False))
    assert rows == reference, "Dask gave other rows"
    print(f"dask 2 workers  {n / seconds:7.2f} runs/s  ({seconds:.2f} s)  "
          f"speed-up {serial / seconds:.2f}×  efficiency {serial / seconds / 2:.0%}")  # fmt: skip


if __name__ == "__main__":
    main()
