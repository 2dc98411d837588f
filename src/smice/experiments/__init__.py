"""Experiments for researchers: synthetic arenas, an agent-based model of an arena over time,
parameter sweeps that run serially or on any executor and resume after a crash, and effect
estimates.

Spec documents are validated by :func:`smice.io.experiments.load_experiment_document`;
:meth:`~smice.experiments.spec.ExperimentSpec.from_document` turns the result into the spec
this package runs.

.. versionadded:: 0.1.0
"""

from smice.experiments.analysis import Effect, estimate_effect, select
from smice.experiments.model import SimulationResult, simulate
from smice.experiments.params import INTERVENTION_KINDS, Intervention, SimulationParams
from smice.experiments.runner import ExperimentResult, run_experiment, run_row
from smice.experiments.spec import ExperimentSpec, Run, SpecDocument, condition_label, run_seeds
from smice.experiments.synthetic import (
    MUNICIPALITIES,
    Population,
    population,
    synthetic_arena,
    synthetic_events,
)

__all__ = [
    "INTERVENTION_KINDS",
    "MUNICIPALITIES",
    "Effect",
    "ExperimentResult",
    "ExperimentSpec",
    "Intervention",
    "Population",
    "Run",
    "SimulationParams",
    "SimulationResult",
    "SpecDocument",
    "condition_label",
    "estimate_effect",
    "population",
    "run_experiment",
    "run_row",
    "run_seeds",
    "select",
    "simulate",
    "synthetic_arena",
    "synthetic_events",
]
