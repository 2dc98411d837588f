"""Benchmark smice.indicators.compute against a naive per-fact recomputation, in one run.

``compute`` builds the arena of the day, its graphs and indexes once and derives every
indicator from them. The baseline computes each indicator on its own, from scratch: a fresh
snapshot of the arena, fresh graphs, its whole family, keeping only that one fact (what a
caller asking fact by fact would do).

Synthetic arenas come from :func:`smice.experiments.synthetic_arena` (seeded).

    python benchmarks/indicators.py                  # 1k, 10k, 50k stakeholders
    python benchmarks/indicators.py --sizes 2000     # one size
    python benchmarks/indicators.py --smoke          # tiny, for the test suite

Prints seconds for ``compute`` (best of three up to 10k, one run beyond) and for the
baseline, and their ratio (baseline / compute). Beyond ``--baseline-limit`` stakeholders
the baseline is timed on every 8th fact and scaled to the whole catalogue (marked "est.").
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from smice.domain import Arena
from smice.experiments import synthetic_arena
from smice.indicators import CATALOGUE, compute
from smice.indicators._arena_facts import arena_facts
from smice.indicators._circularity_facts import circularity_facts
from smice.indicators._context import Context, Values
from smice.indicators._network_facts import network_facts
from smice.indicators.timeline import arena_on, latest_date

FAMILY: dict[str, Callable[[Context], Values]] = {
    "A": arena_facts,
    "N": network_facts,
    "C": circularity_facts,
}


def naive(arena: Arena, fact_ids: list[str]) -> None:
    """Each fact on its own: a fresh day, snapshot, template and graphs every time."""
    for fact_id in fact_ids:
        day = latest_date(arena)
        ctx = Context(arena_on(arena, day), day, arena.created_on, None, None)
        FAMILY[fact_id.split(".", 1)[0]](ctx)[fact_id]


def _time(function: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def run(sizes: list[int], *, baseline_limit: int) -> None:
    print(f"{'stakeholders':>12} {'ties':>7} {'compute s':>10} {'naive s':>12} {'ratio':>7}")
    previous: tuple[int, float] | None = None
    for n in sizes:
        arena = synthetic_arena(n, seed=1)
        repeats = 3 if n <= 10_000 else 1
        fast = _time(lambda arena=arena: compute(arena), repeats)
        ids = list(CATALOGUE)
        if n <= baseline_limit:
            slow, mark = _time(lambda arena=arena, ids=ids: naive(arena, ids), 1), ""
        else:
            sample = ids[::8]
            part = _time(lambda arena=arena, sample=sample: naive(arena, sample), 1)
            slow = part * len(ids) / len(sample)
            mark = " est."
        growth = ""
        if previous is not None:
            growth = f"  (x{fast / previous[1]:.1f} time for x{n / previous[0]:.0f} size)"
        print(
            f"{n:>12} {len(arena.ties):>7} {fast:>10.3f} {slow:>8.2f}{mark:<4} "
            f"{slow / fast:>7.1f}{growth}"
        )
        previous = (n, fast)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--baseline-limit", type=int, default=10_000)
    parser.add_argument("--smoke", action="store_true", help="one tiny size")
    args = parser.parse_args()
    if args.smoke:
        run([60], baseline_limit=60)
    else:
        run(args.sizes, baseline_limit=args.baseline_limit)


if __name__ == "__main__":
    main()
