"""The journal's live head: appends fold into it, a refused batch leaves no trace in it,
``state(at)`` of the past reads the nearest snapshot without moving it, and the example
journals still replay to the same arenas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smice import EventRefused
from smice.io.events import load_event
from smice.io.journal import Journal
from smice.process import replay

JOURNALS = Path(__file__).parents[2] / "examples" / "journals"
EXAMPLE = JOURNALS / "one-team.jsonl"


def documents() -> list[dict[str, Any]]:
    return [json.loads(line) for line in EXAMPLE.read_text("utf-8").splitlines()]


def _refused(document: dict[str, Any]) -> dict[str, Any]:
    """*document* with a payload that cannot fit: a stakeholder that is already there."""
    return {**document, "id": f"{document['id']}-again"}


@pytest.mark.parametrize("snapshot_every", [1, 7, 10_000])
def test_a_batch_refused_half_way_leaves_the_head_as_it_was(
    tmp_path: Path, snapshot_every: int
) -> None:
    docs = documents()
    with Journal.open(tmp_path / "j.db", snapshot_every=snapshot_every) as journal:
        journal.append(docs[:20])
        before = journal.state()
        journal.append(docs[20:23])  # applied to the head, not frozen yet
        bad_batch = [*docs[23:26], _refused(docs[1])]

        with pytest.raises(EventRefused):
            journal.append(bad_batch)

        assert journal.version == 23
        assert replay(load_event(d) for d in docs[:23]) == journal.state()
        assert before == journal.state(at=20)
        assert journal.append(docs[23:]) == 66
        assert replay(load_event(d) for d in docs) == journal.state()


def test_state_of_the_past_on_a_fresh_journal_does_not_read_the_head(tmp_path: Path) -> None:
    docs = documents()
    with Journal.open(tmp_path / "j.db", snapshot_every=10) as journal:
        journal.append(docs)
    with Journal.open(tmp_path / "j.db", snapshot_every=10) as fresh:
        assert replay(load_event(d) for d in docs[:33]) == fresh.state(at=33)
        assert fresh._head is None  # the past came from the snapshot at 30 and 3 events
        assert replay(load_event(d) for d in docs) == fresh.state()


def test_appends_after_reading_the_state_go_on_from_it(tmp_path: Path) -> None:
    docs = documents()
    with Journal.open(tmp_path / "j.db", snapshot_every=10_000) as journal:
        for n, document in enumerate(docs, start=1):
            journal.append(document)
            if n % 9 == 0:
                assert replay(load_event(d) for d in docs[:n]) == journal.state()
        assert replay(load_event(d) for d in docs) == journal.state()


def test_another_writer_s_events_reach_the_head(tmp_path: Path) -> None:
    docs = documents()
    with Journal.open(tmp_path / "j.db") as one, Journal.open(tmp_path / "j.db") as two:
        one.append(docs[:30])
        one.state()
        two.append(docs[30:])
        one.append([])  # catches up without adding
        assert replay(load_event(d) for d in docs) == one.state()


@pytest.mark.parametrize("name", ["one-team.jsonl", "jamtland-trondelag.jsonl"])
def test_the_example_journals_replay_to_the_same_arena(tmp_path: Path, name: str) -> None:
    lines = (JOURNALS / name).read_text("utf-8").splitlines()
    expected = replay(load_event(json.loads(line)) for line in lines)
    with Journal.import_jsonl(JOURNALS / name, tmp_path / "i.db", snapshot_every=100) as j:
        assert expected == j.state()
    with Journal.open(tmp_path / "i.db", snapshot_every=100) as again:
        assert expected == again.state()
        middle = len(lines) // 2
        assert replay(load_event(json.loads(line)) for line in lines[:middle]) == again.state(
            at=middle
        )
