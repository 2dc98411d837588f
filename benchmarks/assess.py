"""Benchmark ``smice.assess`` at scale: time per arena size, growth, and peak memory.

The peer is smice itself at a smaller size: the issue-10 rows are ``assess`` at 50,000
stakeholders (goal: at most 10 s) and the growth exponent from 10,000 to 50,000
(``log(t50k / t10k) / log(5)``, goal: at most 1.15). Arenas come from
:func:`smice.experiments.synthetic_arena` (seeded); generating them is not timed.

The peak memory of ``assess`` at the largest size is measured in a child process: the peak
resident set is reset after the arena is built (Linux ``/proc/self/clear_refs``), so the
figure is what ``assess`` adds on top of its input.

    python benchmarks/assess.py                 # 10k and 50k stakeholders
    python benchmarks/assess.py --sizes 2000 10000
    python benchmarks/assess.py --smoke         # tiny, for the test suite
"""

from __future__ import annotations

import argparse
import gc
import math
import resource
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import CLOCK, best_of

from smice import assess
from smice.experiments import synthetic_arena


def _rss_peak_kib() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _rss_now_kib() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory(n: int) -> None:
    """Print the peak resident memory of one ``assess`` of an *n*-stakeholder arena."""
    arena = synthetic_arena(n, seed=1)
    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")  # reset the peak to the current RSS
        reset = True
    except OSError:
        reset = False
    before = _rss_now_kib()
    assess(arena)
    peak = _rss_peak_kib()
    note = "" if reset else " (peak of the whole process: no /proc/self/clear_refs here)"
    print(f"{peak / 1024:.0f} MB (the arena before it: {before / 1024:.0f} MB){note}")


def run(sizes: list[int], repeat: int) -> None:
    print(f"assess on synthetic arenas ({CLOCK.format(repeat=repeat)})")
    print(f"{'stakeholders':>12} {'ties':>7} {'assess s':>9} {'growth':>22}")
    times: dict[int, float] = {}
    for n in sizes:
        arena = synthetic_arena(n, seed=1)
        times[n] = best_of({"assess": lambda arena=arena: assess(arena)}, repeat)["assess"]
        growth = ""
        if len(times) > 1:
            first = sizes[0]
            exponent = math.log(times[n] / times[first]) / math.log(n / first)
            growth = f"n^{exponent:.2f} from {first:,}"
        print(f"{n:>12,} {len(arena.ties):>7,} {times[n]:>9.2f} {growth:>22}")
        del arena
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        exponent = math.log(times[last] / times[first]) / math.log(last / first)
        print(
            f"  assess at {last:,}: {times[last]:.1f} s (goal <= 10 s) "
            f"{'OK' if times[last] <= 10 else 'MISSED'}; growth from {first:,}: "
            f"n^{exponent:.2f} (goal <= 1.15) {'OK' if exponent <= 1.15 else 'MISSED'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--memory", type=int, help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--smoke", action="store_true", help="one tiny size")
    args = parser.parse_args()
    if args.memory:
        memory(args.memory)
        return
    sizes = [60, 120] if args.smoke else args.sizes
    run(sizes, 1 if args.smoke else args.repeat)
    largest = sizes[-1]
    child = subprocess.run(
        [sys.executable, __file__, "--memory", str(largest)],
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"  peak resident memory of assess at {largest:,}: {child.stdout.strip()}")


if __name__ == "__main__":
    main()
