"""Write ``jamtland-trondelag.jsonl``: the journal whose replay gives the example arena.

The events come from :func:`smice.process.events_from_arena` applied to
``examples/arenas/jamtland-trondelag.json``; run ``python make_jamtland_trondelag.py`` to
rewrite the file. It stops with :class:`smice.ArenaNotReplayable` (naming the
place and the reason) if the arena is one no sequence of events can produce.
"""

from __future__ import annotations

from pathlib import Path

from smice import load_arena
from smice.io.events import dump_event
from smice.process import events_from_arena

HERE = Path(__file__).resolve().parent
ARENA = HERE.parent / "arenas" / "jamtland-trondelag.json"
JOURNAL = HERE / "jamtland-trondelag.jsonl"


def journal_text() -> str:
    """The journal, one event document per line."""
    events = events_from_arena(load_arena(ARENA), recorded_by="smice-example")
    return "".join(dump_event(event) + "\n" for event in events)


if __name__ == "__main__":
    text = journal_text()
    JOURNAL.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} events to {JOURNAL.name}")
