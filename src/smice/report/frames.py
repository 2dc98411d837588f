"""Tidy tables for pandas (and R): one row per observation, one column per variable.

Every function returns a :class:`pandas.DataFrame` in long form, with plain scalar columns
that ``groupby``, ``pivot`` and ``to_csv`` take as they are: facts over time, the rows and
per-step series of an experiment, the nodes and edges of a graph with their metrics, exit
reports and recommendations. pandas is an optional dependency: install it with
``pip install "smice[pandas]"``.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from smice.domain import Arena
from smice.errors import InvalidValue, MissingExtra
from smice.experiments import ExperimentResult
from smice.indicators import compute, latest_date
from smice.network import constraint, effective_size, simple_graph
from smice.policy import FactValue, NotFired, Recommendation
from smice.process import exit_report
from smice.report.assess import Assessment

__all__ = [
    "edges_frame",
    "exit_report_frame",
    "experiment_frame",
    "facts_frame",
    "nodes_frame",
    "recommendations_frame",
    "series_frame",
]

#: How an experiment's condition shows an empty list of interventions.
NO_INTERVENTION = "none"


def _pandas(purpose: str) -> Any:
    try:
        import pandas as pd  # noqa: PLC0415  (an optional dependency)
    except ImportError:
        raise MissingExtra("pandas", purpose) from None
    return pd


def _number(value: FactValue) -> float:
    """A fact value as a float: booleans as 0 / 1, missing as NaN."""
    if value is None or isinstance(value, str):
        return math.nan
    return float(value)


def _scalar(value: object) -> object:
    """A condition value as a scalar: lists joined with ``+`` (empty: ``"none"``)."""
    if isinstance(value, list | tuple):
        return "+".join(str(item) for item in value) or NO_INTERVENTION
    return value


def facts_frame(
    arena: Arena,
    *,
    freq: str = "QS",
    dates: Iterable[date] | None = None,
) -> Any:
    """Every indicator of *arena* measured on a series of days, in long form.

    Parameters
    ----------
    arena : Arena
        The arena to measure.
    freq : str
        A pandas frequency (``"QS"``: the first day of each quarter, ``"MS"`` each month,
        ``"YS"`` each year): the days run from the arena's creation to its latest date
        (:func:`smice.indicators.latest_date`), which is added as the last day.
    dates : iterable of datetime.date, optional
        The days to measure instead.

    Returns
    -------
    pandas.DataFrame
        Columns ``arena`` (str), ``date`` (datetime64), ``fact`` (str), ``value`` (float64:
        booleans as 0 / 1, missing as NaN), ``unit`` (str) and ``missing_reason`` (str, empty
        when the value is there); one row per day and fact.

    Raises
    ------
    smice.errors.MissingExtra
        When pandas is not installed.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> frame = facts_frame(load_arena("examples/arenas/tutorial.json"), freq="YS")
    >>> list(frame.columns)
    ['arena', 'date', 'fact', 'value', 'unit', 'missing_reason']
    >>> frame.groupby("date")["fact"].count().nunique()
    1

    .. versionadded:: 0.2.0
    """
    pd = _pandas("facts_frame()")
    if not isinstance(arena, Arena):
        raise InvalidValue("arena", "an Arena", arena)
    if dates is None:
        last = latest_date(arena)
        days = [stamp.date() for stamp in pd.date_range(arena.created_on, last, freq=freq)]
        if last not in days:
            days.append(last)
    else:
        days = [d.date() if isinstance(d, datetime) else d for d in dates]
    rows = []
    for day in days:
        for fact_id, fact in compute(arena, at=day).items():
            rows.append(
                (arena.id, day, fact_id, _number(fact.value), fact.unit, fact.reason or "")
            )
    frame = pd.DataFrame(
        rows, columns=["arena", "date", "fact", "value", "unit", "missing_reason"]
    )
    frame["date"] = pd.to_datetime(frame["date"])
    frame["value"] = frame["value"].astype("float64")
    return frame


def _run_columns(row: Mapping[str, Any]) -> dict[str, Any]:
    columns = {
        "experiment": row.get("experiment"),
        "run": row.get("run"),
        "cell": row.get("cell"),
        "replicate": row.get("replicate"),
        "seed": row.get("seed"),
        "label": row.get("label"),
    }
    columns.update({k: _scalar(v) for k, v in row.get("condition", {}).items()})
    return columns


def experiment_frame(result: ExperimentResult | Iterable[Mapping[str, Any]]) -> Any:
    """One row per run of an experiment: its design cell, its condition as scalar columns
    and its final outcomes.

    Parameters
    ----------
    result : ExperimentResult or iterable of mapping
        A result, or rows read from a results file.

    Returns
    -------
    pandas.DataFrame
        Columns ``experiment``, ``run``, ``cell``, ``replicate``, ``seed``, ``label``, one
        column per condition parameter (a list of interventions joined with ``+``, ``"none"``
        when empty, so that ``groupby("interventions")`` works), ``n_events`` and one column
        per outcome (float64, missing as NaN).

    Examples
    --------
    >>> rows = [{"run": 0, "label": "a", "condition": {"interventions": []},
    ...          "outcomes": {"x": 1}}, {"run": 1, "label": "b",
    ...          "condition": {"interventions": ["vouchers"]}, "outcomes": {"x": None}}]
    >>> frame = experiment_frame(rows)
    >>> frame.groupby("interventions")["x"].count().to_dict()
    {'none': 1, 'vouchers': 0}

    .. versionadded:: 0.2.0
    """
    pd = _pandas("experiment_frame()")
    rows = result.rows if isinstance(result, ExperimentResult) else tuple(result)
    outcomes = list(dict.fromkeys(k for row in rows for k in row.get("outcomes", {})))
    flat = []
    for row in rows:
        item = _run_columns(row)
        item["n_events"] = row.get("n_events")
        item.update({k: _number(row.get("outcomes", {}).get(k)) for k in outcomes})
        flat.append(item)
    frame = pd.DataFrame(flat)
    for outcome in outcomes:
        frame[outcome] = frame[outcome].astype("float64")
    return frame


def series_frame(result: ExperimentResult | Iterable[Mapping[str, Any]]) -> Any:
    """The per-step series of every run, in long form.

    Returns
    -------
    pandas.DataFrame
        The run columns of :func:`experiment_frame` (without outcomes), then ``step`` (int,
        from 1), ``fact`` (str) and ``value`` (float64); one row per run, step and fact.

    Examples
    --------
    >>> rows = [{"run": 0, "label": "a", "condition": {"interventions": []},
    ...          "series": {"x": [1, 2, None]}}]
    >>> series_frame(rows)[["step", "fact", "value"]].to_dict("list")
    {'step': [1, 2, 3], 'fact': ['x', 'x', 'x'], 'value': [1.0, 2.0, nan]}

    .. versionadded:: 0.2.0
    """
    pd = _pandas("series_frame()")
    rows = result.rows if isinstance(result, ExperimentResult) else tuple(result)
    flat = []
    for row in rows:
        base = _run_columns(row)
        for fact, values in row.get("series", {}).items():
            for step, value in enumerate(values, start=1):
                flat.append({**base, "step": step, "fact": fact, "value": _number(value)})
    frame = pd.DataFrame(flat)
    if not flat:
        frame = pd.DataFrame(columns=["run", "label", "step", "fact", "value"])
    frame["value"] = frame["value"].astype("float64")
    return frame


def _attribute(value: object) -> object:
    if isinstance(value, list | tuple | set | frozenset):
        return "+".join(sorted(str(item) for item in value))
    return value


def nodes_frame(G: Any, *, metrics: bool = True) -> Any:
    """The nodes of a graph (from :func:`smice.network.to_graph`) with their attributes and
    metrics, one row per node.

    Parameters
    ----------
    G : networkx graph
        The graph.
    metrics : bool
        Add ``degree``, ``in_degree`` and ``out_degree`` (directed graphs), and Burt's
        ``constraint`` and ``effective_size`` (:mod:`smice.network.holes`; NaN for isolates)
        on the graph's simple form.

    Returns
    -------
    pandas.DataFrame
        Column ``node`` (str), one column per node attribute (collections joined with
        ``+``), then the metrics.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> from smice.network import to_graph
    >>> frame = nodes_frame(to_graph(load_arena("examples/arenas/tutorial.json")))
    >>> frame.set_index("node").loc["sawmill", ["helix", "country"]].tolist()
    ['industry', 'SE']

    .. versionadded:: 0.2.0
    """
    pd = _pandas("nodes_frame()")
    rows: list[dict[str, Any]] = []
    for node, data in G.nodes(data=True):
        row: dict[str, Any] = {"node": str(node)}
        row.update({str(k): _attribute(v) for k, v in data.items()})
        rows.append(row)
    frame = pd.DataFrame(rows, columns=None if rows else ["node"])
    if metrics:
        simple = simple_graph(G, directed=G.is_directed())
        nodes: list[Hashable] = list(G.nodes)
        frame["degree"] = [int(G.degree(n)) for n in nodes]
        if G.is_directed():
            frame["in_degree"] = [int(G.in_degree(n)) for n in nodes]
            frame["out_degree"] = [int(G.out_degree(n)) for n in nodes]
        burt = constraint(simple)
        size = effective_size(simple)
        frame["constraint"] = [float(burt.get(n, math.nan)) for n in nodes]
        frame["effective_size"] = [float(size.get(n, math.nan)) for n in nodes]
    return frame


def edges_frame(G: Any) -> Any:
    """The edges of a graph with their attributes, one row per edge (per tie of a
    multigraph).

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``target`` (str), ``key`` (multigraphs: the tie id), then one
        column per edge attribute.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> from smice.network import to_graph
    >>> frame = edges_frame(to_graph(load_arena("examples/arenas/tutorial.json")))
    >>> {"source", "target", "key", "kind"} <= set(frame.columns)
    True

    .. versionadded:: 0.2.0
    """
    pd = _pandas("edges_frame()")
    rows: list[dict[str, Any]] = []
    if G.is_multigraph():
        for source, target, key, data in G.edges(keys=True, data=True):
            row: dict[str, Any] = {"source": str(source), "target": str(target), "key": key}
            row.update({str(k): _attribute(v) for k, v in data.items()})
            rows.append(row)
    else:
        for source, target, data in G.edges(data=True):
            row = {"source": str(source), "target": str(target)}
            row.update({str(k): _attribute(v) for k, v in data.items()})
            rows.append(row)
    return pd.DataFrame(rows, columns=None if rows else ["source", "target"])


def exit_report_frame(arena: Arena, *, at: date | None = None) -> Any:
    """The exit report of every active or paused cycle of *arena*, one row per criterion.

    Returns
    -------
    pandas.DataFrame
        Columns ``arena``, ``cycle``, ``phase``, ``criterion`` (str), ``passed`` (bool),
        ``expected``, ``actual`` (as text) and ``message``.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> frame = exit_report_frame(load_arena("examples/arenas/jamtland-trondelag.json"))
    >>> frame.groupby("cycle")["passed"].all().dtype
    dtype('bool')

    .. versionadded:: 0.2.0
    """
    pd = _pandas("exit_report_frame()")
    rows = []
    for cycle in arena.cycles:
        if str(cycle.status) not in ("active", "paused"):
            continue
        for result in exit_report(arena, cycle.id, at=at):
            rows.append(
                (
                    arena.id, cycle.id, cycle.phase, result.criterion, bool(result.passed),
                    str(result.expected), str(result.actual), result.message,
                )
            )  # fmt: skip
    columns = ["arena", "cycle", "phase", "criterion", "passed", "expected", "actual", "message"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["passed"] = frame["passed"].astype("bool")
    return frame


def recommendations_frame(assessment: Assessment, *, language: str = "en") -> Any:
    """Every rule of an assessment, fired or not, one row per rule in evaluation order.

    Returns
    -------
    pandas.DataFrame
        Columns ``arena``, ``date`` (datetime64), ``ruleset``, ``rule``, ``priority`` (int),
        ``fired`` (bool), ``reason`` (why not; empty when fired), ``title`` (in *language*),
        ``smallest_change`` (empty when none) and ``evidence`` (the facts read, joined with
        ``+``).

    Examples
    --------
    >>> from smice.io import load_arena
    >>> from smice.report import assess
    >>> frame = recommendations_frame(assess(load_arena("examples/arenas/tutorial.json")))
    >>> frame["fired"].dtype, frame["priority"].dtype
    (dtype('bool'), dtype('int64'))

    .. versionadded:: 0.2.0
    """
    pd = _pandas("recommendations_frame()")
    rows = []
    outcomes: tuple[Recommendation | NotFired, ...] = (
        *assessment.recommendations,
        *assessment.not_fired,
    )
    for outcome in outcomes:
        rule = assessment.ruleset.rule(outcome.rule_id)
        title = rule.title.get(language) or rule.title.get("en") or ""
        fired = isinstance(outcome, Recommendation)
        reason = str(outcome.reason) if isinstance(outcome, NotFired) else ""
        changes = outcome.changes if isinstance(outcome, NotFired) else ()
        rows.append(
            (
                assessment.arena_id, assessment.at, assessment.ruleset.id, outcome.rule_id,
                int(outcome.priority), fired, reason, title,
                str(changes[0]) if changes else "", "+".join(outcome.evidence),
            )
        )  # fmt: skip
    columns = [
        "arena", "date", "ruleset", "rule", "priority", "fired", "reason", "title",
        "smallest_change", "evidence",
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["priority"] = frame["priority"].astype("int64")
    frame["fired"] = frame["fired"].astype("bool")
    return frame
