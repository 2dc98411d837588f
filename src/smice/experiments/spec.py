"""Experiment specs: base parameters, a design, replicates, a master seed, outcomes and
interventions, and the runs they expand to.

Documents are validated against ``schemas/experiment.json`` by
:func:`smice.io.experiments.load_experiment_document`; :meth:`ExperimentSpec.from_document`
builds the spec from what it returns (this module does not import :mod:`smice.io`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import random
from collections.abc import Mapping
from typing import Any, Final, Protocol

import attrs
import numpy as np

from smice.domain import FrozenMap, JsonValue, freeze_json
from smice.errors import DocumentError, DocumentInvalid, InvalidValue
from smice.experiments.params import Intervention, SimulationParams
from smice.policy import RuleSet

__all__ = [
    "MAX_RUNS",
    "ExperimentSpec",
    "Run",
    "SpecDocument",
    "condition_label",
    "run_seeds",
]

#: Most runs (design cells × replicates) one experiment may plan. Checked before the design
#: is expanded, so a grid of 10**11 cells is refused at once instead of filling the memory.
MAX_RUNS: Final = 100_000

_EMPTY: Final[FrozenMap[str, Any]] = FrozenMap()

_INTERVENTIONS: Final = "interventions"


class SpecDocument(Protocol):
    """What :meth:`ExperimentSpec.from_document` reads: a validated document and its rule set
    (:class:`smice.io.experiments.ExperimentDocument` is one).

    .. versionadded:: 0.1.0
    """

    @property
    def document(self) -> Mapping[str, Any]: ...

    @property
    def ruleset(self) -> RuleSet | None: ...

    @property
    def source(self) -> str | None: ...


def run_seeds(master: int, n: int) -> tuple[int, ...]:
    """*n* independent seeds spawned from *master* (``numpy.random.SeedSequence``), as
    non-negative integers below 2**63.

    Examples
    --------
    >>> run_seeds(42, 3) == run_seeds(42, 3), len(set(run_seeds(42, 100)))
    (True, 100)

    .. versionadded:: 0.1.0
    """
    children = np.random.SeedSequence(master).spawn(n)
    return tuple(int(c.generate_state(1, np.uint64)[0]) >> 1 for c in children)


@attrs.frozen(kw_only=True)
class Run:
    """One planned run: its index in design order, cell, replicate, seed and parameters.

    .. versionadded:: 0.1.0
    """

    index: int
    cell: int
    replicate: int
    seed: int
    condition: FrozenMap[str, JsonValue]
    params: SimulationParams

    @property
    def label(self) -> str:
        """The condition as ``name=value`` pairs (``control`` for the empty condition)."""
        return condition_label(self.condition)


def condition_label(condition: Mapping[str, Any]) -> str:
    """A short text naming a design cell, e.g. ``interventions=vouchers, tie_rate=0.02``."""
    parts = []
    for key in sorted(condition):
        value = condition[key]
        if isinstance(value, list | tuple):
            value = "+".join(str(v) for v in value) or "none"
        parts.append(f"{key}={value}")
    return ", ".join(parts) or "base"


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_thaw(v) for v in value]
    return value


@attrs.frozen(kw_only=True)
class ExperimentSpec:
    """A validated experiment: what to vary, how often, from which master seed.

    Build one with :meth:`from_document` from
    :func:`smice.io.experiments.load_experiment_document` (which validates the document), or
    with :meth:`from_mapping` from a mapping valid against the schema.

    Examples
    --------
    >>> spec = ExperimentSpec.from_mapping({
    ...     "smice": "experiment/1", "id": "demo", "seed": 1, "replicates": 2,
    ...     "base": {"n_stakeholders": 30, "steps": 3},
    ...     "interventions": [{"id": "v", "kind": "vouchers", "start": 1, "strength": 3}],
    ...     "design": {"grid": {"interventions": [[], ["v"]]}},
    ...     "outcomes": ["N.sme_rnd_linkage_share"],
    ... })
    >>> for run in spec.runs():
    ...     print(run.index, run.cell, run.replicate, run.label)
    0 0 0 interventions=none
    1 0 1 interventions=none
    2 1 0 interventions=v
    3 1 1 interventions=v

    .. versionadded:: 0.1.0
    """

    id: str
    seed: int
    replicates: int = 1
    base: FrozenMap[str, JsonValue] = _EMPTY
    design: FrozenMap[str, JsonValue] = _EMPTY
    outcomes: tuple[str, ...] = ()
    interventions: FrozenMap[str, Intervention] = _EMPTY
    ruleset: RuleSet | None = None
    document: FrozenMap[str, JsonValue] = _EMPTY

    @classmethod
    def from_document(cls, loaded: SpecDocument) -> ExperimentSpec:
        """The spec of a document read by :func:`smice.io.experiments.load_experiment_document`.

        Examples
        --------
        >>> from smice.io.experiments import load_experiment_document
        >>> spec = ExperimentSpec.from_document(load_experiment_document(
        ...     {"smice": "experiment/1", "id": "x", "seed": 1, "replicates": 3}))
        >>> len(spec.runs()), spec.ruleset.id
        (3, 'smice/default')

        .. versionadded:: 0.1.0
        """
        return cls.from_mapping(loaded.document, ruleset=loaded.ruleset, source=loaded.source)

    @classmethod
    def from_mapping(
        cls,
        document: Mapping[str, Any],
        *,
        ruleset: RuleSet | None = None,
        source: str | None = None,
    ) -> ExperimentSpec:
        """An :class:`ExperimentSpec` from a document already valid against the schema.

        Intervention ids and parameter values are checked here (the schema cannot know which
        ids a design may name); a problem raises :class:`~smice.errors.DocumentInvalid`.

        .. versionadded:: 0.1.0
        """
        named: dict[str, Intervention] = {}
        for n, item in enumerate(document.get(_INTERVENTIONS, ())):
            fields = {k: v for k, v in item.items() if k != "id"}
            try:
                named[item["id"]] = Intervention(**fields)
            except (InvalidValue, TypeError) as error:
                problem = DocumentError(f"/interventions/{n}", str(error), "semantics")
                raise DocumentInvalid("experiment", [problem], source) from None
        spec = cls(
            id=document["id"],
            seed=document["seed"],
            replicates=document.get("replicates", 1),
            base=freeze_json(dict(document.get("base", {}))),  # type: ignore[arg-type]
            design=freeze_json(dict(document.get("design", {}))),  # type: ignore[arg-type]
            outcomes=tuple(document.get("outcomes", ())),
            interventions=FrozenMap(named),
            ruleset=ruleset,
            document=freeze_json(dict(document)),  # type: ignore[arg-type]
        )
        planned = spec.n_runs
        if planned > MAX_RUNS:
            message = (
                f"expected at most {MAX_RUNS} runs (design cells × replicates), got "
                f"{spec.n_cells} cells × {spec.replicates} replicates = {planned}"
            )
            problem = DocumentError("/design", message, "runs")
            raise DocumentInvalid("experiment", [problem], source)
        try:
            spec.runs()  # checks every cell's parameters
        except InvalidValue as error:
            problem = DocumentError("/design", str(error), "semantics")
            raise DocumentInvalid("experiment", [problem], source) from None
        return spec

    @property
    def digest(self) -> str:
        """A SHA-256 of the spec document: rows of another spec are never mixed in."""
        text = json.dumps(_thaw(self.document), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @property
    def n_cells(self) -> int:
        """How many design cells the design has, counted without expanding it.

        .. versionadded:: 0.2.0
        """
        design = self.design
        if "grid" in design:
            grid = design["grid"]
            assert isinstance(grid, Mapping)
            sizes: list[int] = [len(values) for values in grid.values()]  # type: ignore[arg-type]
            return math.prod(sizes)
        if "random" in design:
            plan = design["random"]
            assert isinstance(plan, Mapping)
            return int(plan["n"])  # type: ignore[arg-type]
        return 1

    @property
    def n_runs(self) -> int:
        """How many runs the spec plans (cells × replicates), counted without expanding.

        .. versionadded:: 0.2.0
        """
        return self.n_cells * self.replicates

    def _check_size(self) -> None:
        if self.n_runs > MAX_RUNS:
            raise InvalidValue(
                "the experiment's runs", f"at most {MAX_RUNS} (cells × replicates)", self.n_runs
            )

    def cells(self) -> list[dict[str, Any]]:
        """The design's conditions, in design order (one empty condition without a design).

        Raises
        ------
        smice.errors.InvalidValue
            When the design has more than :data:`MAX_RUNS` runs (checked before expanding).
        """
        self._check_size()
        design = _thaw(self.design)
        if "grid" in design:
            grid: dict[str, list[Any]] = design["grid"]
            names = list(grid)
            return [dict(zip(names, combo, strict=True)) for combo in
                    itertools.product(*(grid[n] for n in names))]  # fmt: skip
        if "random" in design:
            plan = design["random"]
            rng = random.Random(run_seeds(self.seed, 1)[0] ^ 0x5EED)  # noqa: S311
            cells = []
            for _ in range(plan["n"]):
                cell: dict[str, Any] = {}
                for name in sorted(plan["ranges"]):
                    low, high = plan["ranges"][name]
                    both_int = isinstance(low, int) and isinstance(high, int)
                    cell[name] = rng.randint(low, high) if both_int else rng.uniform(low, high)
                cells.append(cell)
            return cells
        return [{}]

    def params_for(self, condition: Mapping[str, Any]) -> SimulationParams:
        """The simulation parameters of one design cell."""
        values: dict[str, Any] = {**_thaw(self.base), **condition}
        chosen = values.pop(_INTERVENTIONS, None)
        ids = list(self.interventions) if chosen is None else list(chosen)
        unknown = [i for i in ids if i not in self.interventions]
        if unknown:
            raise InvalidValue(
                "design/interventions",
                f"ids among {', '.join(self.interventions) or '(none defined)'}",
                ", ".join(unknown),
            )
        values[_INTERVENTIONS] = tuple(self.interventions[i] for i in ids)
        return SimulationParams.from_mapping(values)

    def runs(self) -> tuple[Run, ...]:
        """Every run in design order: cell by cell, replicates within a cell."""
        cells = self.cells()
        seeds = run_seeds(self.seed, len(cells) * self.replicates)
        runs = []
        for c, condition in enumerate(cells):
            params = self.params_for(condition)
            for r in range(self.replicates):
                index = c * self.replicates + r
                runs.append(
                    Run(
                        index=index, cell=c, replicate=r, seed=seeds[index],
                        condition=freeze_json(condition),  # type: ignore[arg-type]
                        params=params,
                    )
                )  # fmt: skip
        return tuple(runs)
