"""Running experiments: serially or on any :class:`concurrent.futures.Executor`, resumable
from a JSON Lines results file, with a progress bar on an interactive stderr.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import errno
import json
import os
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Final

import attrs

from smice.domain import thaw_json
from smice.domain.display import card, clip, short_repr, table
from smice.errors import InvalidValue, MissingExtra, StorageError
from smice.experiments.model import simulate
from smice.experiments.spec import ExperimentSpec, Run
from smice.policy import RuleSet

__all__ = ["ExperimentResult", "run_experiment", "run_row"]


def _portable(value: Any) -> Any:
    """*value* as nested plain data that pickles: attrs instances become (class, init
    arguments). Rule sets hold compiled closures that do not pickle; this carries their
    definition to another process, where :func:`_rebuilt` compiles them again."""
    if attrs.has(type(value)):
        fields = {
            f.alias: _portable(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.init
        }
        return (_ATTRS, type(value), fields)
    if isinstance(value, tuple):
        return tuple(_portable(v) for v in value)
    return value


def _rebuilt(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 3 and value[0] == _ATTRS:
        return value[1](**{k: _rebuilt(v) for k, v in value[2].items()})
    if isinstance(value, tuple):
        return tuple(_rebuilt(v) for v in value)
    return value


_ATTRS = "smice.experiments:attrs"
_RULESETS: dict[str, RuleSet] = {}


def _ruleset(digest: str, portable: Any) -> RuleSet | None:
    if portable is None:
        return None
    found = _RULESETS.get(digest)
    if found is None:
        found = _RULESETS[digest] = _rebuilt(portable)
    return found


@attrs.frozen(kw_only=True)
class _Task:
    """What a worker needs for one run (pickled to process pools and Dask workers)."""

    experiment: str
    digest: str
    run: Run
    outcomes: tuple[str, ...]
    ruleset: Any  # a portable RuleSet (see _portable) or None


def run_row(task: _Task) -> dict[str, Any]:
    """Simulate one run and return its row (a module-level function, so executors can ship
    it to other processes)."""
    run = task.run
    result = simulate(
        run.params,
        seed=run.seed,
        ruleset=_ruleset(task.digest, task.ruleset),
        outcomes=task.outcomes or None,
    )
    outcomes = {k: result.final(k) for k in task.outcomes or sorted(result.series)}
    return {
        "experiment": task.experiment,
        "spec": task.digest,
        "run": run.index,
        "cell": run.cell,
        "replicate": run.replicate,
        "seed": run.seed,
        "label": run.label,
        "condition": thaw_json(run.condition),
        "outcomes": outcomes,
        "series": {k: list(result.series.get(k, ())) for k in outcomes},
        "recommendations": list(result.recommendations[-1]) if result.recommendations else [],
        "n_events": len(result.events),
    }


@attrs.frozen(kw_only=True)
class ExperimentResult:
    """The rows of an experiment, one per run, in design order.

    .. versionadded:: 0.1.0
    """

    spec: ExperimentSpec
    rows: tuple[dict[str, Any], ...]
    resumed: int = 0

    def __repr__(self) -> str:
        labels = sorted({str(row.get("label", "")) for row in self.rows})
        return short_repr(
            "ExperimentResult",
            self.spec.id,
            details=f"{len(self.rows)} runs in {len(labels)} cells "
            f"({clip(', '.join(labels), 150)})"
            + (f", {self.resumed} resumed" if self.resumed else ""),
        )

    def _repr_html_(self) -> str:
        outcomes = list(self.spec.outcomes)
        cells: dict[str, list[dict[str, Any]]] = {}
        for row in self.rows:
            cells.setdefault(str(row.get("label", "")), []).append(row)
        rows = []
        for label, found in cells.items():
            means = []
            for outcome in outcomes:
                values = [
                    float(v)
                    for r in found
                    if isinstance(v := r.get("outcomes", {}).get(outcome), int | float)
                ]
                means.append(f"{sum(values) / len(values):.4g}" if values else None)
            rows.append((label, len(found), *means))
        return card(
            f"Experiment {self.spec.id}",
            f"{len(self.rows)} runs · mean outcome per design cell",
            [table(["cell", "runs", *outcomes], rows, limit=60)],
        )

    def to_dataframe(self) -> Any:
        """The rows as a ``pandas.DataFrame``, one per run: the run's columns, one scalar
        column per condition parameter (prefixed ``condition.``; a list of interventions
        joined with ``+``, ``"none"`` when empty, so that ``groupby`` works) and one column
        per outcome (prefixed ``outcome.``). Needs pandas (``pip install "smice[pandas]"``);
        :func:`smice.report.frames.experiment_frame` and
        :func:`~smice.report.frames.series_frame` give tidy tables.

        .. versionadded:: 0.1.0
        """
        try:
            import pandas as pd  # noqa: PLC0415  (an optional dependency)
        except ImportError:
            raise MissingExtra("pandas", "ExperimentResult.to_dataframe()") from None
        flat = []
        for row in self.rows:
            item = {k: v for k, v in row.items() if k not in ("outcomes", "series", "condition")}
            item.update(
                {
                    f"condition.{k}": "+".join(map(str, v)) or "none"
                    if isinstance(v, list | tuple)
                    else v
                    for k, v in row["condition"].items()
                }
            )
            item.update({f"outcome.{k}": v for k, v in row["outcomes"].items()})
            flat.append(item)
        return pd.DataFrame(flat)


class _Progress:
    """A one-line progress bar on stderr: done / total, runs per second, ETA."""

    def __init__(self, total: int, done: int, stream: IO[str] | None) -> None:
        self.total, self.done, self.stream = total, done, stream
        self.first = done
        self.started = time.monotonic()

    def step(self) -> None:
        self.done += 1
        if self.stream is None:
            return
        elapsed = time.monotonic() - self.started
        rate = (self.done - self.first) / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"\r[{bar}] {self.done}/{self.total} runs  {rate:.2f} runs/s  ETA {left:.0f} s "
        )
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


#: How every row written by :func:`run_experiment` starts (``json.dumps`` with sorted keys).
_ROW_START: Final = b'{"cell": '


#: Largest results file read to resume (a row is a few kilobytes; MAX_RUNS rows fit).
MAX_RESULTS_BYTES: Final = 2 * 1024 * 1024 * 1024


def _storage(action: str, path: Path, error: OSError) -> StorageError:
    if isinstance(error, StorageError):
        return error
    reason = error.strerror or str(error)
    if error.errno == errno.ENOSPC:
        reason = f"the disk is full ({reason})"
    return StorageError(action, str(path), reason)


def _read_results(path: Path) -> bytes:
    """The bytes of the results file *path*: a regular file (a FIFO or device is refused
    without blocking), read up to :data:`MAX_RESULTS_BYTES`. (:mod:`smice.io` reads documents
    the same way; experiments sit beside io in the layers, so cannot use it.)"""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise _storage("read", path, error) from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise StorageError("read", str(path), "it is not a regular file")
        os.set_blocking(handle, True)
        chunks, total = [], 0
        while chunk := os.read(handle, 1 << 20):
            total += len(chunk)
            if total > MAX_RESULTS_BYTES:
                raise StorageError("read", str(path), f"larger than {MAX_RESULTS_BYTES} bytes")
            chunks.append(chunk)
    except OSError as error:
        raise _storage("read", path, error) from None
    finally:
        os.close(handle)
    return b"".join(chunks)


def _results_error(path: Path, line: int | None, expected: str, got: object) -> InvalidValue:
    where = f"{path}:{line}" if line is not None else str(path)
    return InvalidValue(f"results file {where}", expected, got)


def _read_finished(path: Path, digest: str, n_runs: int) -> dict[int, dict[str, Any]]:
    """Finished rows of *path*; a torn (incomplete) last line is cut off so it is redone.

    Every complete line is checked first; the file is changed (the torn line cut off) only
    when all of them are rows of this experiment and the torn line starts like one, so a file
    that is not ours is refused untouched.
    """
    if not path.exists() and not path.is_symlink():
        return {}
    data = _read_results(path)
    keep = data.rfind(b"\n") + 1
    try:
        text = data[:keep].decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data.count(b"\n", 0, error.start) + 1
        raise _results_error(path, bad, "UTF-8 text", data[error.start : error.end]) from None
    rows: dict[int, dict[str, Any]] = {}
    for number, line in enumerate(text.split("\n")[:-1], start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError):
            raise _results_error(path, number, "a JSON row", line[:60]) from None
        if not isinstance(row, dict) or row.get("spec") != digest:
            raise _results_error(
                path,
                number,
                f"a row of this experiment (spec {digest})",
                row.get("spec") if isinstance(row, dict) else row,
            )
        run = row.get("run")
        if isinstance(run, bool) or not isinstance(run, int) or not 0 <= run < n_runs:
            raise _results_error(path, number, f"a run number from 0 to {n_runs - 1}", run)
        rows[run] = row
    torn = data[keep:]
    if torn:  # a run killed while writing its row
        if not (_ROW_START.startswith(torn) or torn.startswith(_ROW_START)):
            raise _results_error(path, None, "rows of this experiment", torn[:60])
        try:
            with path.open("r+b") as file:
                file.truncate(keep)
        except OSError as error:
            raise _storage("repair", path, error) from None
    return rows


def _writable(path: Path) -> Path:
    if path.is_dir():
        raise StorageError("write", str(path), "it is a directory")
    if not path.parent.is_dir():
        raise StorageError("write", str(path), f"the folder {str(path.parent)!r} does not exist")
    return path


def _append(out: IO[str], path: Path, text: str) -> None:
    """Append one row durably; on failure (a full disk) cut the file back to where it was, so
    no half-written row is left."""
    start = out.tell()
    try:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    except OSError as error:
        with contextlib.suppress(OSError):
            out.truncate(start)
        raise _storage("write", path, error) from None


def _completed(
    tasks: list[_Task], executor: concurrent.futures.Executor | None
) -> Iterator[dict[str, Any]]:
    if executor is None:
        for task in tasks:
            yield run_row(task)
        return
    futures = [executor.submit(run_row, task) for task in tasks]
    try:
        for future in concurrent.futures.as_completed(futures):
            yield future.result()
    finally:
        for future in futures:
            future.cancel()


def run_experiment(
    spec: ExperimentSpec,
    *,
    executor: concurrent.futures.Executor | None = None,
    results_path: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
) -> ExperimentResult:
    """Run every run of *spec* and return the rows in design order.

    Parameters
    ----------
    spec : ExperimentSpec
        From :meth:`~smice.experiments.spec.ExperimentSpec.from_document` (or
        :meth:`~smice.experiments.spec.ExperimentSpec.from_mapping`).
    executor : concurrent.futures.Executor, optional
        Where runs execute: serially in this process by default; a
        :class:`~concurrent.futures.ProcessPoolExecutor`, or Dask's
        ``client.get_executor(pure=False)``. It is never shut down here.
    results_path : path, optional
        A JSON Lines file; each row is appended as its run finishes. Rows already there (of
        the same spec) are kept and their runs skipped, so a killed experiment resumes; a
        torn last line is redone.
    progress : bool, optional
        A progress bar on stderr; by default only when stderr is a terminal.

    Returns
    -------
    ExperimentResult
        ``.rows`` are identical whatever the executor and however often the run resumed.

    Examples
    --------
    >>> spec = ExperimentSpec.from_mapping({"smice": "experiment/1", "id": "tiny", "seed": 7,
    ...     "replicates": 2, "base": {"n_stakeholders": 24, "steps": 2},
    ...     "outcomes": ["A.n_stakeholders"]})
    >>> result = run_experiment(spec, progress=False)
    >>> [row["run"] for row in result.rows], result.rows[0]["seed"] != result.rows[1]["seed"]
    ([0, 1], True)

    .. versionadded:: 0.1.0
    """
    runs = spec.runs()
    digest = spec.digest
    path = _writable(Path(results_path)) if results_path is not None else None
    finished = _read_finished(path, digest, len(runs)) if path is not None else {}
    portable = _portable(spec.ruleset) if spec.ruleset is not None else None
    tasks = [
        _Task(experiment=spec.id, digest=digest, run=run, outcomes=spec.outcomes,
              ruleset=portable)
        for run in runs
        if run.index not in finished
    ]  # fmt: skip
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(len(runs), len(finished), sys.stderr if show else None)
    rows = dict(finished)
    out: IO[str] | None = None
    if path is not None:
        try:
            out = path.open("a", encoding="utf-8")
        except OSError as error:
            raise _storage("write", path, error) from None
    try:
        for row in _completed(tasks, executor):
            rows[row["run"]] = row
            if out is not None and path is not None:
                _append(out, path, json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            bar.step()
    finally:
        if out is not None:
            with contextlib.suppress(OSError):
                out.close()
    return ExperimentResult(
        spec=spec, rows=tuple(rows[r.index] for r in runs), resumed=len(finished)
    )
