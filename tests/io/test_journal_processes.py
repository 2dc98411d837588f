"""Durability of the journal across processes: a SIGKILLed writer and two concurrent writers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from smice.io.journal import Journal

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="needs fork/exec and SIGKILL"),
]

# Each writer first makes sure the arena exists, then appends stakeholders with unique ids.
WRITER = textwrap.dedent(
    """
    import sys
    from smice.errors import EventRefused, JournalConflict
    from smice.io.journal import Journal

    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    created = {"type": "arena_created", "id": "e-created", "at": "2019-01-01T00:00:00+00:00",
               "recorded_by": "test", "payload": {"id": "a", "name": "A",
               "template": "smice/base", "created_on": "2019-01-01"}}

    def joined(n):
        return {"type": "stakeholder_joined", "id": f"e-{name}-{n}",
                "at": "2019-01-02T00:00:00+00:00", "recorded_by": "test",
                "payload": {"id": f"s-{name}-{n}", "name": f"Firm {n}", "helix": "industry",
                            "kinds": ["sme"], "country": "SE"}}

    with Journal.open(path, snapshot_every=250) as journal:
        while True:
            try:
                if journal.version == 0:
                    journal.append(created, expected_version=0)
                break
            except (JournalConflict, EventRefused):
                continue
        n = 0
        while count == 0 or n < count:
            try:
                version = journal.append([joined(n)], expected_version=journal.version)
            except JournalConflict:
                continue
            print(f"{name}-{n} {version}", flush=True)
            n += 1
    """
)


def _writer(tmp_path: Path, name: str, count: int) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "j.db"), name, str(count)],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_killed_writer_loses_no_acknowledged_event_and_leaves_nothing_partial(
    tmp_path: Path,
) -> None:
    writer = _writer(tmp_path, "k", 0)
    assert writer.stdout is not None
    acknowledged = []
    # Generous: the loop ends at 150 events; a machine busy with other work (or the other
    # xdist worker) may take long to start the writer and import smice.
    deadline = time.monotonic() + 300
    while len(acknowledged) < 150 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        acknowledged.append(line.split()[0])
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    assert len(acknowledged) >= 150
    with Journal.open(tmp_path / "j.db") as journal:
        stored = [d["id"] for d in journal.documents()]
        arena = journal.state()
        assert journal.version == len(stored)
    ids = {s.removeprefix("e-") for s in stored}
    assert set(acknowledged) <= ids  # every acknowledged event is there
    assert len(arena.stakeholders) == len(stored) - 1  # every stored event is whole
    assert stored[1 : len(acknowledged) + 1] == [f"e-{a}" for a in acknowledged]


def test_two_writers_never_lose_an_event(tmp_path: Path) -> None:
    count = 1000
    writers = [_writer(tmp_path, name, count) for name in ("a", "b")]
    for w in writers:
        out, _ = w.communicate(timeout=240)
        assert w.returncode == 0
        assert len(out.splitlines()) == count
    with Journal.open(tmp_path / "j.db") as journal:
        documents = list(journal.documents())
        arena = journal.state()
    assert len(documents) == 2 * count + 1
    assert len({d["id"] for d in documents}) == 2 * count + 1
    assert len(arena.stakeholders) == 2 * count
    # each writer's events keep their own order
    for name in ("a", "b"):
        mine = [d["id"] for d in documents if d["id"].startswith(f"e-{name}-")]
        assert mine == [f"e-{name}-{n}" for n in range(count)]
    assert json.loads(json.dumps(documents)) == documents
