"""Run the voucher study (``voucher-study.json``) and print the effect of vouchers on the
share of SMEs tied to R&D, with its 95 % bootstrap confidence interval.

Usage::

    python examples/experiments/voucher_study.py [--workers N] [--out results.jsonl]
"""

from __future__ import annotations

import argparse
import concurrent.futures
from pathlib import Path

from smice.experiments import ExperimentSpec, estimate_effect, run_experiment
from smice.io.experiments import load_experiment_document

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--out", default=None, help="results file (resumable)")
    args = parser.parse_args()
    spec = ExperimentSpec.from_document(load_experiment_document(HERE / "voucher-study.json"))
    if args.workers:
        with concurrent.futures.ProcessPoolExecutor(args.workers) as pool:
            result = run_experiment(spec, executor=pool, results_path=args.out)
    else:
        result = run_experiment(spec, results_path=args.out)
    for outcome in spec.outcomes:
        effect = estimate_effect(
            result.rows,
            outcome,
            treatment={"interventions": ["vouchers"]},
            control={"interventions": []},
            seed=spec.seed,
        )
        print(effect)


if __name__ == "__main__":
    main()
