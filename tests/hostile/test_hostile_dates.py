"""Dates at the edges (issue 11, finding 8): the schemas accept the years 1000 to 8999, and
everything the schemas accept converts to UTC, replays, and assesses."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import smice
from smice.cli import main
from smice.errors import DocumentInvalid
from smice.io._guard import MAX_YEAR, MIN_YEAR
from smice.io.journal import Journal

ROOT = Path(__file__).resolve().parents[2]
JOURNAL = ROOT / "examples" / "journals" / "one-team.jsonl"


def _documents() -> list[dict[str, Any]]:
    return [json.loads(line) for line in JOURNAL.read_text("utf-8").splitlines()]


@pytest.mark.parametrize(
    "at", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "0999-12-31T23:59:59Z"]
)
def test_moments_beyond_the_range_are_refused_by_the_schema(tmp_path: Path, at: str) -> None:
    first = {**_documents()[0], "at": at}
    with Journal.open(tmp_path / "j.db") as journal, pytest.raises(DocumentInvalid) as caught:
        journal.append(first)
    assert caught.value.errors[0].pointer == "/at"


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "0999-12-31", "9000-01-01"])
def test_dates_beyond_the_range_are_refused_by_the_schema(day: str) -> None:
    document = {"smice": "arena/1", "id": "a", "name": "A", "template": "smice/base",
                "created_on": day}  # fmt: skip
    with pytest.raises(DocumentInvalid) as caught:
        smice.load_arena(document)
    assert caught.value.errors[0].pointer == "/created_on"


@pytest.mark.parametrize(
    "at",
    [
        f"{MIN_YEAR}-01-01T00:00:00+14:00",  # the earliest moment: before 1000 in UTC
        f"{MAX_YEAR}-12-31T23:59:59-12:00",  # the latest: after 8999 in UTC
    ],
)
def test_the_edges_of_the_range_append_replay_and_assess(tmp_path: Path, at: str) -> None:
    documents = _documents()
    first = {**documents[0], "at": at}
    first["payload"] = {**first["payload"], "created_on": at[:10]}
    with Journal.open(tmp_path / "j.db") as journal:
        assert journal.append(first) == 1
        moment = datetime.fromisoformat(at)
        assert journal.state(at=moment).id == first["payload"]["id"]
        arena = journal.state()
    smice.assess(arena, at=date.fromisoformat(at[:10]))


def test_a_moment_at_the_ends_of_datetime_is_before_or_after_every_event(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.db") as journal:
        journal.append(_documents()[:3])
        latest = datetime.max.replace(tzinfo=timezone(timedelta(hours=-1)))
        earliest = datetime.min.replace(tzinfo=timezone(timedelta(hours=1)))
        assert journal.state(at=latest) == journal.state()
        with pytest.raises(smice.EventRefused):
            journal.state(at=earliest)
        assert journal.state(at=datetime(2100, 1, 1, tzinfo=UTC)) == journal.state()


@pytest.mark.parametrize(
    "argv",
    [
        ["assess", "{journal}", "--at", "9999-12-31"],
        ["assess", "{journal}", "--at", "0001-01-01"],
        ["replay", "{journal}", "--at", "9999-12-31T23:59:59-01:00"],
        ["replay", "{journal}", "--at", "0001-01-01T00:00:00+01:00"],
        ["network", "{arena}", "--at", "9999-12-31"],
    ],
)
def test_the_command_line_refuses_days_beyond_the_range_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    arena = ROOT / "examples" / "arenas" / "tutorial.json"
    code = main([a.format(journal=JOURNAL, arena=arena) for a in argv])
    err = capsys.readouterr().err.splitlines()
    assert (code, len(err)) == (2, 1), err
    assert f"{MIN_YEAR} to {MAX_YEAR}" in err[0]
