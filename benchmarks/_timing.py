"""Timing shared by the benchmarks: contenders run in turn, best of the same number of runs.

The machine the benchmarks run on is shared, so each contender is timed by the CPU time of
this process (:func:`time.process_time`, all its threads), and contenders take turns run by
run instead of one after the other: a burst of load elsewhere then hits all of them alike.
The best run of each counts.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping

#: What the timings measure, for the benchmarks' headers.
CLOCK = "CPU seconds of this process, best of {repeat} runs taken in turns"


def best_of(contenders: Mapping[str, Callable[[], object]], repeat: int = 3) -> dict[str, float]:
    """The best time of each contender over *repeat* rounds, every round running each once."""
    best = dict.fromkeys(contenders, math.inf)
    for _ in range(repeat):
        for name, function in contenders.items():
            start = time.process_time()
            function()
            best[name] = min(best[name], time.process_time() - start)
    return best
