"""Benchmark of smice's everyday I/O: import, load/save of arenas, journal appends and state.

Prints, for each row of issue 10's table, the time of smice and of the named peer measured in
the same run (best of the same number of runs for both) and their ratio; asserts nothing.

Usage: ``python benchmarks/io.py [--quick] [--repeat R] [--sizes 10000,50000]
[--journal 100000]``. ``--quick`` uses small sizes (a few seconds to a minute).

Rows (goal in brackets):

1. ``import smice`` in a fresh interpreter / ``import networkx, attrs, cattrs`` (≤ 1.5x).
2. ``load_arena`` of a synthetic arena file / ``json.loads`` of the same text (≤ 5x).
3. ``save_arena`` / ``json.dumps`` of the same document, with the same options (≤ 5x).
4. ``Journal.append`` of a batch of 1,000 events / the same rows inserted with bare
   ``sqlite3``, same PRAGMAs and tables, one transaction (≤ 10x).
5. ``Journal.append`` of one event to a journal of J events / to a journal of one (≤ 1.3x).
6. ``Journal.state(at=...)`` on a freshly opened journal of J events / ``SELECT`` of the
   nearest snapshot and the events after it, ``json.loads`` of each, folded into a dict
   (≤ 1.5x); and loading that snapshot / ``json.loads`` of its text (≤ 2x).
"""

from __future__ import annotations

import argparse
import gc
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import smice
from smice import Journal
from smice.experiments import synthetic_arena
from smice.io import event_to_document, load_event
from smice.io.journal import _SCHEMA

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "journals" / "one-team.jsonl"
RESULTS: list[tuple[str, float, str]] = []


def best(run: Callable[[], Any], repeat: int, setup: Callable[[], Any] | None = None) -> float:
    """The best of *repeat* runs of *run* (after *setup*, untimed; a full collection first)."""
    seconds = float("inf")
    for _ in range(repeat):
        if setup is not None:
            setup()
        gc.collect()
        start = time.perf_counter()
        run()
        seconds = min(seconds, time.perf_counter() - start)
    return seconds


def row(label: str, ours: float, peer: float, peer_label: str, goal: float) -> None:
    ratio = ours / peer
    verdict = "ok" if ratio <= goal else "MISSED"
    print(f"  {label:<44} {ours * 1e3:10.1f} ms  {peer_label:<34} {peer * 1e3:10.1f} ms")
    print(f"  {'':<44} ratio {ratio:6.2f}x  (goal <= {goal}x: {verdict})")
    RESULTS.append((label, ratio, verdict))


# -- 1. import ------------------------------------------------------------------------------
def bench_import(repeat: int) -> None:
    def fresh(code: str) -> Callable[[], Any]:
        return lambda: subprocess.run(
            [sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL
        )

    ours = best(fresh("import smice"), repeat)
    peer = best(fresh("import networkx, attrs, cattrs"), repeat)
    row("import smice", ours, peer, "import networkx, attrs, cattrs", 1.5)
    helped = best(fresh("import smice.cli; smice.cli.main(['--help'])"), 1)
    print(f"  (smice --help in a fresh interpreter: {helped * 1e3:.0f} ms)")


# -- 2, 3. arenas -----------------------------------------------------------------------------
def bench_arenas(sizes: list[int], repeat: int, folder: Path) -> None:
    for n in sizes:
        arena = synthetic_arena(n, seed=1)
        path = folder / f"arena-{n}.json"
        smice.save_arena(arena, path)
        text = path.read_text("utf-8")
        ours = best(lambda path=path: smice.load_arena(path), repeat)  # type: ignore[misc]
        peer = best(lambda text=text: json.loads(text), repeat)  # type: ignore[misc]
        row(f"load_arena, {n:,} stakeholders", ours, peer, "json.loads of its text", 5)
        if n == sizes[0]:
            document = smice.dump_arena(arena)
            target = folder / "saved.json"
            ours = best(lambda arena=arena, target=target: smice.save_arena(arena, target), repeat)  # type: ignore[misc]
            peer = best(
                lambda document=document: json.dumps(document, ensure_ascii=False, indent=2),  # type: ignore[misc]
                repeat,
            )
            row(f"save_arena, {n:,} stakeholders", ours, peer, "json.dumps, same options", 5)


# -- 4-6. the journal --------------------------------------------------------------------------
def _ids(docs: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    stack: list[Any] = [docs]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            found.update(value[key] for key in ("id", "cycle") if isinstance(value.get(key), str))
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found


def _rename(value: Any, ids: set[str], suffix: str) -> Any:
    if isinstance(value, dict):
        return {k: _rename(v, ids, suffix) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, ids, suffix) for v in value]
    if isinstance(value, str) and value in ids:
        return f"{value}-{suffix}"
    return value


def event_documents(size: int, first: int = 0) -> list[dict[str, Any]]:
    """*size* events that fit one after another: the one-team example journal (its
    ``arena_created`` once, when *first* is 0) and clones of the rest with renamed ids."""
    docs = [json.loads(line) for line in EXAMPLE.read_text("utf-8").splitlines()]
    ids = _ids(docs[1:]) - {docs[0]["payload"]["id"]}
    out = [docs[0]] if first == 0 else []
    k = first
    while len(out) < size:
        out.extend(_rename(d, ids, str(k)) for d in docs[1:])
        k += 1
    return out[:size]


def _bare_sqlite(path: Path, rows: list[tuple[Any, ...]]) -> None:
    # The journal's PRAGMAs and tables, and one transaction of plain inserts.
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    for statement in _SCHEMA:
        db.execute(statement)
    db.execute("BEGIN IMMEDIATE")
    db.executemany("INSERT INTO events (version, id, type, at, body) VALUES (?, ?, ?, ?, ?)", rows)
    db.execute("COMMIT")
    db.close()


def _dict_fold(path: Path, at: int) -> dict[str, Any]:
    # The peer of state(at): nearest snapshot, events after it, json.loads, fold into dicts.
    db = sqlite3.connect(path)
    snap = db.execute(
        "SELECT version, arena FROM snapshots WHERE version <= ? ORDER BY version DESC LIMIT 1",
        (at,),
    ).fetchone()
    state: dict[str, Any] = json.loads(snap[1])
    by_type: dict[str, dict[str, Any]] = {}
    for (body,) in db.execute(
        "SELECT body FROM events WHERE version > ? AND version <= ? ORDER BY version",
        (snap[0], at),
    ):
        event = json.loads(body)
        payload = event.get("payload") or {}
        by_type.setdefault(event["type"], {})[payload.get("id", event["id"])] = payload
    state["folded"] = by_type
    db.close()
    return state


def bench_journal(size: int, repeat: int, folder: Path) -> None:
    docs = event_documents(size)
    big = folder / "big.db"
    lines = folder / "big.jsonl"
    lines.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    start = time.perf_counter()
    Journal.import_jsonl(lines, big).close()
    print(f"  (import_jsonl of {size:,} events: {time.perf_counter() - start:.1f} s)")
    bench_batches(docs, repeat, folder)
    bench_one(docs, big, size, repeat, folder)
    bench_state(big, size, repeat)


def bench_batches(docs: list[dict[str, Any]], repeat: int, folder: Path) -> None:
    """4. batches of 1,000 after the first 1,000 events, against bare sqlite3."""
    head, batch = docs[:1000], docs[1000:2000]
    if len(batch) < 1000:
        batch = event_documents(1000, first=10_000)
    rows = []
    for n, d in enumerate(batch, start=1001):
        e = load_event(d)
        text = json.dumps(event_to_document(e), ensure_ascii=False, separators=(",", ":"))
        rows.append((n, e.id, e.type, d["at"], text))
    counter = iter(range(10**6))
    state: dict[str, Any] = {}

    def fresh_journal() -> None:
        if "journal" in state:
            state["journal"].close()
        path = folder / f"batch-{next(counter)}.db"
        state["journal"] = journal = Journal.open(path)
        journal.append(head)

    def fresh_bare() -> None:
        state["bare"] = folder / f"bare-{next(counter)}.db"
        _bare_sqlite(state["bare"], [])

    ours = best(lambda: state["journal"].append(batch), repeat, fresh_journal)
    state["journal"].close()
    peer = best(lambda: _bare_sqlite(state["bare"], rows), repeat, fresh_bare)
    row("Journal.append, a batch of 1,000", ours, peer, "bare sqlite3, same PRAGMAs", 10)


def bench_one(docs: list[dict[str, Any]], big: Path, size: int, repeat: int, folder: Path) -> None:
    """5. one event at `size` events against one event at 1 event."""
    # The first events of two fresh clones (stakeholders joining), one for each journal. Each
    # journal's first append after state() is left out of the timing (it turns the frozen
    # collection it writes to back into a working dict, once); commits wait for fsync, so
    # both contenders get more runs than the other rows.
    runs = max(repeat, 7)
    extra_big = iter(event_documents(runs + 1, first=20_000))
    extra_small = iter(event_documents(runs + 1, first=30_000))

    with Journal.open(big) as journal:
        journal.state()  # the head is current, as in a long-running writer
        first = best(lambda: journal.append(next(extra_big)), 1)
        at_big = best(lambda: journal.append(next(extra_big)), runs)
    with Journal.open(folder / "small.db") as journal:
        journal.append(docs[0])
        journal.state()
        journal.append(next(extra_small))
        at_small = best(lambda: journal.append(next(extra_small)), runs)
    print(f"  (the first append after state() at {size:,} events: {first * 1e3:.1f} ms)")
    row(f"Journal.append, one event at {size:,}", at_big, at_small, "at 1 event", 1.3)


def bench_state(big: Path, size: int, repeat: int) -> None:
    """6. state(at) on a freshly opened journal: just after its last snapshot but one."""
    with Journal.open(big) as journal:
        every = journal._snapshot_every
    at = max(every, (size // every - 1) * every) + 100
    at = min(at, size)

    def ours_state() -> None:
        with Journal.open(big) as journal:
            journal.state(at=at)

    ours = best(ours_state, repeat)
    peer = best(lambda: _dict_fold(big, at), repeat)
    row(
        f"Journal.state(at={at:,}), fresh, {size:,}",
        ours,
        peer,
        "SELECT+json.loads+dict fold",
        1.5,
    )
    db = sqlite3.connect(big)
    version, text = db.execute(
        "SELECT version, arena FROM snapshots WHERE version <= ? ORDER BY version DESC LIMIT 1",
        (at,),
    ).fetchone()
    db.close()
    with Journal.open(big) as journal:
        ours = best(lambda: journal._snapshot(version), repeat)
    peer = best(lambda: json.loads(text), repeat)
    row(f"loading the snapshot at {version:,}", ours, peer, "json.loads of its text", 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a quick look")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="10000,50000", help="stakeholders, comma-separated")
    parser.add_argument("--journal", type=int, default=100_000, help="events in the journal")
    parser.add_argument("--only", default="import,arenas,journal", help="sections to run")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    journal = args.journal
    if args.quick:
        sizes, journal = [2_000, 5_000], 20_000
    print(f"benchmarks/io.py: best of {args.repeat} runs for every contender")
    only = set(args.only.split(","))
    if "import" in only:
        print("import")
        bench_import(args.repeat)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if "arenas" in only:
            print("arenas")
            bench_arenas(sizes, args.repeat, folder)
        if "journal" in only:
            print("journal")
            bench_journal(journal, args.repeat, folder)
    missed = [label for label, _, verdict in RESULTS if verdict != "ok"]
    print(f"{len(RESULTS) - len(missed)} of {len(RESULTS)} rows within their goal")
    for label in missed:
        print(f"  missed: {label}")


if __name__ == "__main__":
    main()
