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

import attrs

from smice.cli._output import check_out, one_line
from smice.errors import InvalidValue
from smice.experiments import ExperimentSpec, estimate_effect, run_experiment
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
    summarize.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    summarize.add_argument(
        "--json", action="store_const", const="json", dest="fmt", help="same as --format json"
    )
    summarize.add_argument(
        "--effect",
        metavar="KEY=VALUE",
        help="the effect of a condition (e.g. interventions=vouchers) on every outcome, with "
        "a bootstrap confidence interval and Hedges' g, against --control",
    )
    summarize.add_argument(
        "--control",
        metavar="KEY=VALUE",
        help="the control condition (default: the one other value of KEY, e.g. "
        "interventions=none)",
    )
    summarize.add_argument("--seed", type=int, default=0, help="seed of the bootstrap")
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
    effects = _effects(rows, args.effect, args.control, args.seed) if args.effect else None
    if args.fmt == "json":
        document: Any = summary if effects is None else {"cells": summary, "effects": effects}
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(rows)} runs")
    print(
        _table(
            ["cell", "label", "outcome", "n", "mean", "sd"],
            [
                [str(item["cell"]), item["label"], item["outcome"], str(item["n"]),
                 _number(item["mean"]), _number(item["sd"])]
                for item in summary
            ],
        )
    )  # fmt: skip
    if effects is not None:
        treatment, control = effects[0]["treatment"], effects[0]["control"]
        print(f"\neffect of {treatment} against {control} (95% percentile bootstrap CI)")
        print(
            _table(
                ["outcome", "difference", "95% CI", "Hedges' g", "n"],
                [
                    [e["outcome"], _number(e["difference"], signed=True),
                     f"{_number(e['low'], signed=True)} to {_number(e['high'], signed=True)}",
                     _number(e["effect_size"]), f"{e['n_treatment']} vs {e['n_control']}"]
                    for e in effects
                ],
            )
        )  # fmt: skip
    return 0


def _number(value: float | None, *, signed: bool = False) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:+.4f}" if signed else f"{value:.4f}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    """Aligned columns: text left, numbers right."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    numeric = [
        all(cell.lstrip("+-").replace(".", "", 1).isdigit() or cell == "n/a" for cell in column)
        for column in zip(*rows, strict=True)
    ] or [False] * len(header)
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(row, widths, numeric, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _condition_value(value: object) -> str:
    if isinstance(value, list | tuple):
        return "+".join(str(item) for item in value) or "none"
    return str(value)


def _split(text: str, option: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise InvalidValue(option, "KEY=VALUE, e.g. interventions=vouchers", text)
    return key, value


def _effects(
    rows: list[dict[str, Any]], effect: str, control: str | None, seed: int
) -> list[dict[str, Any]]:
    """The effect of condition *effect* against *control* on every outcome."""
    key, wanted = _split(effect, "--effect")
    seen = sorted({_condition_value(r.get("condition", {}).get(key)) for r in rows})
    if wanted not in seen:
        raise InvalidValue("--effect", f"a value of {key!r} among {', '.join(seen)}", wanted)
    if control is None:
        others = [value for value in seen if value != wanted]
        if len(others) != 1:
            raise InvalidValue("--control", f"one of {', '.join(others)}", None)
        base = others[0]
    else:
        control_key, base = _split(control, "--control")
        if control_key != key:
            raise InvalidValue("--control", f"a value of {key!r}", control)
    tagged = []
    for row in rows:
        value = _condition_value(row.get("condition", {}).get(key))
        if value in (wanted, base):
            tagged.append({**row, "label": "treatment" if value == wanted else "control"})
    outcomes = sorted({k for row in rows for k in row.get("outcomes", {})})
    found = []
    for outcome in outcomes:
        try:
            estimate = estimate_effect(tagged, outcome, "treatment", "control", seed=seed)
        except InvalidValue:
            continue  # too few values of this outcome in one of the groups
        found.append(
            {
                "treatment": f"{key}={wanted}",
                "control": f"{key}={base}",
                **attrs.asdict(estimate),
            }
        )
    if not found:
        raise InvalidValue("--effect", "at least two values of an outcome in each group", effect)
    return found
