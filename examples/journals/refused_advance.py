"""A refused phase advance and its reasons.

Replays the one-team journal up to the middle of Discover, asks to advance, and prints why the
machine refuses: exactly the exit criteria that fail, in English, Norwegian and Swedish. Then
it records the missing positive-core map and advances.

Run: ``python examples/journals/refused_advance.py``
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from smice import EventRefused
from smice.io.events import load_event
from smice.process import Event, allowed_events, apply, exit_report, replay
from smice.process.events import PAYLOADS

HERE = Path(__file__).resolve().parent
documents = [
    json.loads(line) for line in (HERE / "one-team.jsonl").read_text("utf-8").splitlines()
]
stop = next(i for i, d in enumerate(documents) if d["type"] == "positive_core_mapped")
arena = replay(load_event(d) for d in documents[:stop])
cycle = arena.cycle("c-wood-1")
at = cycle.history[-1].entered_at + timedelta(days=12)
print(f"cycle {cycle.id} is in {cycle.phase!r}; allowed now:")
print("  " + ", ".join(allowed_events(arena, cycle.id)))

advance = Event(type="phase_advanced", id="e-try", cycle=cycle.id, at=at, recorded_by="fac")
try:
    apply(arena, advance)
except EventRefused as refused:
    print(f"\nrefused ({len(refused.reasons)} reason):")
    for reason in refused.reasons:
        print(f"  - {reason.message}")

for language in ("nb", "sv"):
    failing = [r for r in exit_report(arena, cycle.id, language=language) if not r.passed]
    print(f"\n{language}: " + "; ".join(r.message for r in failing))

core = documents[stop]
assert PAYLOADS[core["type"]] is not None
mapped = load_event(core)
arena = apply(arena, mapped)
again = Event(
    type="phase_advanced",
    id="e-again",
    cycle=cycle.id,
    recorded_by="fac",
    at=mapped.at + timedelta(hours=1),
)
arena = apply(arena, again)
print(f"\nafter mapping the positive core: phase {arena.cycle(cycle.id).phase!r}")
