"""``smice experiment run SPEC [--workers N | --dask ADDRESS] [--out FILE]`` and
``smice experiment summarize FILE``."""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import math
import statistics
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from smice.errors import InvalidValue
from smice.experiments import ExperimentSpec, run_experiment
from smice.io.experiments import load_experiment_document

__all__ = ["register", "run_run", "run_summarize", "summarize_rows"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``experiment`` subcommand with ``run`` and ``summarize``."""
    parser = commands.add_parser(
        "experiment",
        help="run simulation experiments and summarize their results",
        description="Run an experiment spec (schemas/experiment.json) and summarize results.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))
    actions.required = True
    run = actions.add_parser(
        "run",
        help="run every run of SPEC, appending rows to --out (resumes if it exists)",
        description="Run SPEC serially, on N local processes or on a Dask cluster. Rows go to "
        "--out as JSON Lines as runs finish; rerunning with the same --out skips finished "
        "runs. Without --out the rows are printed to stdout.",
    )
    run.add_argument("spec", help="an experiment spec (JSON)")
    where = run.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N", help="run on N local processes")
    where.add_argument(
        "--dask", metavar="ADDRESS", help="run on the Dask scheduler at ADDRESS (tcp://host:port)"
    )
    run.add_argument("--out", metavar="FILE", help="results file (JSON Lines)")
    run.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    run.set_defaults(run=run_run)
    summarize = actions.add_parser(
        "summarize",
        help="mean, standard deviation and n of every outcome per design cell",
        description="Summarize a results file written by 'smice experiment run'.",
    )
    summarize.add_argument("file", help="results (JSON Lines)")
    summarize.add_argument("--json", action="store_true", help="print the summary as JSON")
    summarize.set_defaults(run=run_summarize)


@contextmanager
def _executor(args: argparse.Namespace) -> Iterator[concurrent.futures.Executor | None]:
    if args.workers is not None:
        if args.workers < 1:
            raise InvalidValue("--workers", "a whole number ≥ 1", args.workers)
        with concurrent.futures.ProcessPoolExecutor(args.workers) as pool:
            yield pool
    elif args.dask is not None:
        try:
            from dask.distributed import Client  # noqa: PLC0415  (optional extra)
        except ImportError:
            raise InvalidValue(
                "--dask", "dask.distributed installed (pip install 'smice[parallel]')", None
            ) from None
        with Client(args.dask) as client:  # type: ignore[no-untyped-call]
            yield client.get_executor(pure=False)
    else:
        yield None


def run_run(args: argparse.Namespace) -> int:
    """Run ``args.spec``; return the exit code."""
    spec = ExperimentSpec.from_document(load_experiment_document(args.spec))
    with _executor(args) as executor:
        result = run_experiment(
            spec,
            executor=executor,
            results_path=args.out,
            progress=False if args.no_progress else None,
        )
    if args.out is None:
        for row in result.rows:
            print(json.dumps(row, ensure_ascii=False, sort_keys=True))
    else:
        print(
            f"{spec.id}: {len(result.rows)} runs ({result.resumed} resumed) in {args.out}",
            file=sys.stderr,
        )
    return 0


def summarize_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per design cell and outcome: n, mean and standard deviation (JSON-ready)."""
    cells: dict[tuple[int, str], dict[str, list[float]]] = {}
    for row in rows:
        by_outcome = cells.setdefault((int(row["cell"]), str(row["label"])), {})
        for key, value in row.get("outcomes", {}).items():
            bucket = by_outcome.setdefault(key, [])
            if isinstance(value, int | float) and math.isfinite(value):
                bucket.append(float(value))
    summary = []
    for (cell, label), outcomes in sorted(cells.items()):
        for key, values in sorted(outcomes.items()):  # values: list[float]
            summary.append(
                {
                    "cell": cell,
                    "label": label,
                    "outcome": key,
                    "n": len(values),
                    "mean": statistics.fmean(values) if values else None,
                    "sd": statistics.stdev(values) if len(values) > 1 else None,
                }
            )
    return summary


def run_summarize(args: argparse.Namespace) -> int:
    """Summarize ``args.file``; return the exit code."""
    path = Path(args.file)
    rows = []
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise InvalidValue(
            "FILE", "a readable results file", f"{path} ({error.strerror})"
        ) from None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                raise InvalidValue(f"{path}:{number}", "a JSON row", line[:60]) from None
    summary = summarize_rows(rows)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(rows)} runs")
    for item in summary:
        mean = "n/a" if item["mean"] is None else f"{item['mean']:.4f}"
        sd = "n/a" if item["sd"] is None else f"{item['sd']:.4f}"
        print(f"[{item['cell']}] {item['label']:<30} {item['outcome']:<34} "
              f"n={item['n']:<4} mean={mean}  sd={sd}")  # fmt: skip
    return 0
