"""The SQLite journal: append, conflicts, state at past moments, snapshots, JSON Lines."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from smice import DocumentInvalid, EventRefused, JournalConflict
from smice.io.events import event_to_document, load_event
from smice.io.journal import Journal
from smice.process import replay

EXAMPLE = Path(__file__).parents[2] / "examples" / "journals" / "one-team.jsonl"


def documents() -> list[dict[str, Any]]:
    return [json.loads(line) for line in EXAMPLE.read_text("utf-8").splitlines()]


@pytest.fixture
def journal(tmp_path: Path) -> Any:
    with Journal.open(tmp_path / "j.db", snapshot_every=10) as j:
        yield j


def test_append_returns_the_new_version_and_state_equals_replay(journal: Journal) -> None:
    docs = documents()
    assert journal.append(docs[:1]) == 1
    assert journal.append(docs[1:20]) == 20
    for doc in docs[20:]:
        journal.append(doc)
    assert journal.version == len(docs)
    assert journal.state() == replay(load_event(d) for d in docs)
    assert [e.id for e in journal.events()] == [d["id"] for d in docs]
    assert [e.id for e in journal.events(since=60)] == [d["id"] for d in docs[60:]]


def test_a_stale_expected_version_raises_and_writes_nothing(journal: Journal) -> None:
    docs = documents()
    journal.append(docs[:5], expected_version=0)
    with pytest.raises(JournalConflict) as caught:
        journal.append(docs[5:8], expected_version=4)
    assert (caught.value.expected, caught.value.actual) == (4, 5)
    assert journal.version == 5
    assert journal.append(docs[5:8], expected_version=5) == 8


def test_a_refused_event_in_a_batch_writes_nothing(journal: Journal) -> None:
    docs = documents()
    journal.append(docs[:5])
    bad = dict(docs[5], payload={**docs[5]["payload"], "employer": "org-nowhere"})
    with pytest.raises(EventRefused) as caught:
        journal.append([docs[5 + 1], bad])
    assert "org-nowhere" in caught.value.reasons[0].message
    assert journal.version == 5


def test_a_schema_invalid_event_is_refused_before_apply(journal: Journal) -> None:
    with pytest.raises(DocumentInvalid) as caught:
        journal.append(
            {
                "type": "arena_created",
                "id": "e-1",
                "at": "yesterday",
                "recorded_by": "x",
                "payload": {},
            }
        )
    assert "/at" in {e.pointer for e in caught.value.errors}
    assert journal.version == 0


def test_event_ids_are_unique_in_a_journal(journal: Journal) -> None:
    docs = documents()
    journal.append(docs[:3])
    with pytest.raises(EventRefused, match="already used"):
        journal.append(dict(docs[3], id=docs[0]["id"]))


def test_state_at_a_past_moment_and_at_a_version(journal: Journal) -> None:
    docs = documents()
    journal.append(docs)
    events = [load_event(d) for d in docs]
    middle = events[40].at
    expected = replay(e for e in events[:41])
    assert journal.state(at=middle) == expected
    assert journal.state(at=41) == expected
    # reopening (no cached head) reads from a snapshot and gives the same
    with Journal.open(journal.path) as again:
        assert again.state(at=middle) == expected
        assert again.state() == journal.state()
    with pytest.raises(EventRefused):
        journal.state(at=datetime(2000, 1, 1, tzinfo=UTC))


def test_jsonl_round_trip_is_identical(journal: Journal, tmp_path: Path) -> None:
    docs = documents()
    journal.append(docs)
    out = journal.export_jsonl(tmp_path / "out.jsonl")
    with Journal.import_jsonl(out, tmp_path / "copy.db") as copy:
        assert list(copy.documents()) == list(journal.documents())
        assert copy.state() == journal.state()
        assert copy.export_jsonl(tmp_path / "again.jsonl").read_text() == out.read_text()
    assert [event_to_document(load_event(d)) for d in docs] == list(journal.documents())


@pytest.mark.parametrize(
    ("damage", "line"),
    [
        (lambda lines: [*lines[:-1], lines[-1][: len(lines[-1]) // 2]], 66),
        (lambda lines: [*lines[:9], "{not json", *lines[10:]], 10),
        (lambda lines: [*lines[:4], "", *lines[5:]], 5),
        (lambda lines: [*lines[:6], lines[6].replace('"country"', '"land"'), *lines[7:]], 7),
        # without the first advance, the next event (an interview) comes in the wrong phase
        (lambda lines: [x for x in lines if '"id": "e-029"' not in x], 29),
    ],
)
def test_import_refuses_a_damaged_line_naming_it_and_imports_nothing(
    tmp_path: Path, damage: Any, line: int
) -> None:
    lines = EXAMPLE.read_text("utf-8").splitlines()
    src = tmp_path / "bad.jsonl"
    src.write_text("\n".join(damage(lines)), encoding="utf-8")
    with pytest.raises(DocumentInvalid) as caught:
        Journal.import_jsonl(src, tmp_path / "dest.db")
    assert caught.value.errors[0].message.startswith(f"line {line}:")
    assert not (tmp_path / "dest.db").exists()


def test_import_refuses_a_journal_that_already_has_events(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "dest.db") as j:
        j.append(documents()[:2])
    with pytest.raises(DocumentInvalid, match="expected an empty journal"):
        Journal.import_jsonl(EXAMPLE, tmp_path / "dest.db")
    with Journal.open(tmp_path / "dest.db") as j:
        assert j.version == 2


def test_snapshots_are_written_and_used(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "s.db", snapshot_every=10) as j:
        for doc in documents()[:25]:
            j.append(doc)
        j.append(documents()[25:])  # one batch crossing four multiples: one snapshot at its end
        rows = j._db.execute("SELECT version FROM snapshots").fetchall()
        assert [r[0] for r in rows] == [10, 20, 66]
        assert j._snapshot(65)[1] == 20
        assert j.state(at=65) == replay(load_event(d) for d in documents()[:65])
