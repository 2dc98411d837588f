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
from typing import Any, Final

from smice.cli._output import check_out, one_line
from smice.errors import InvalidValue
from smice.experiments import ExperimentSpec, run_experiment
from smice.io._guard import decode_text, read_file_bytes
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


#: Most local worker processes ``--workers`` may ask for.
MAX_WORKERS: Final = 256
#: Seconds to wait for a Dask scheduler before giving up.
DASK_TIMEOUT: Final = 10


def _workers(requested: int, runs: int) -> int:
    """The number of processes to start: *requested*, checked, and never more than *runs*."""
    if not 1 <= requested <= MAX_WORKERS:
        raise InvalidValue("--workers", f"a whole number from 1 to {MAX_WORKERS}", requested)
    return max(1, min(requested, runs))


@contextmanager
def _executor(args: argparse.Namespace, runs: int) -> Iterator[concurrent.futures.Executor | None]:
    if args.workers is not None:
        with concurrent.futures.ProcessPoolExecutor(_workers(args.workers, runs)) as pool:
            yield pool
    elif args.dask is not None:
        try:
            from dask.distributed import Client  # noqa: PLC0415  (optional extra)
        except ImportError:
            raise InvalidValue(
                "--dask", "dask.distributed installed (pip install 'smice[parallel]')", None
            ) from None
        try:
            client = Client(args.dask, timeout=DASK_TIMEOUT)  # type: ignore[no-untyped-call]
        except Exception as error:
            reason = one_line(str(error))[:200] or type(error).__name__
            raise InvalidValue(
                "--dask", "the address of a reachable Dask scheduler (tcp://host:port)",
                f"{args.dask} ({reason})",
            ) from None  # fmt: skip
        with client:
            yield client.get_executor(pure=False)  # type: ignore[no-untyped-call]
    else:
        yield None


def run_run(args: argparse.Namespace) -> int:
    """Run ``args.spec``; return the exit code."""
    if args.workers is not None:
        _workers(args.workers, 1)  # a bad --workers fails before anything is read
    if args.out is not None:
        check_out(args.out)
    spec = ExperimentSpec.from_document(load_experiment_document(args.spec))
    with _executor(args, spec.n_runs) as executor:
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


def _spread(values: list[float]) -> tuple[float | None, float | None]:
    """Mean and standard deviation of finite *values*, computed on scaled values so that
    numbers near the largest float do not overflow; ``None`` where not defined or finite."""
    if not values:
        return None, None
    scale = max(abs(v) for v in values) or 1.0
    scaled = [v / scale for v in values]
    mean = statistics.fmean(scaled) * scale
    sd = statistics.stdev(scaled) * scale if len(values) > 1 else None
    return mean, (sd if sd is not None and math.isfinite(sd) else None)


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
            mean, sd = _spread(values)
            summary.append(
                {"cell": cell, "label": label, "outcome": key, "n": len(values),
                 "mean": mean, "sd": sd}
            )  # fmt: skip
    return summary


def _row_problem(row: object) -> str | None:
    """What is wrong with one row of a results file, or ``None``."""
    if not isinstance(row, dict):
        return f"a JSON object, got a <{type(row).__name__}>"
    cell = row.get("cell")
    if isinstance(cell, bool) or not isinstance(cell, int) or cell < 0:
        return f"'cell' as a whole number ≥ 0, got {cell!r:.40}"
    if not isinstance(row.get("label"), str):
        return "'label' as a string"
    outcomes = row.get("outcomes")
    if not isinstance(outcomes, dict):
        return "'outcomes' as an object"
    for key, value in outcomes.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            return f"outcome {key!r:.40} as a number or null, got {value!r:.40}"
    return None


def _read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of the results file *path*, each checked; problems name the line."""
    text = decode_text(read_file_bytes(path, "results"), "results", str(path))
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError):
            raise InvalidValue(f"{path}:{number}", "a JSON row", line[:60]) from None
        problem = _row_problem(row)
        if problem is not None:
            raise InvalidValue(f"{path}:{number}", f"a results row with {problem}", line[:60])
        rows.append(row)
    if not rows:
        raise InvalidValue(str(path), "a results file with at least one row", "no rows")
    return rows


def run_summarize(args: argparse.Namespace) -> int:
    """Summarize ``args.file``; return the exit code."""
    path = Path(args.file)
    rows = _read_rows(path)
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
