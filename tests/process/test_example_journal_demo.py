"""``smice demo`` replays the example journal and says how many events it replayed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from smice.cli import main

ROOT = Path(__file__).resolve().parents[2]
JOURNAL = ROOT / "examples" / "journals" / "jamtland-trondelag.jsonl"
ARENA = ROOT / "examples" / "arenas" / "jamtland-trondelag.json"


def test_the_example_journal_records_what_the_arena_could_not_say() -> None:
    events = [json.loads(line) for line in JOURNAL.read_text("utf-8").splitlines()]
    arena = json.loads(ARENA.read_text("utf-8"))
    # The cross-border team's protocol is still a draft.
    drafts = [e for e in events if e["type"] == "protocol_drafted"]
    assert [e["cycle"] for e in drafts] == ["cyc-border-food"]
    # The abandoned cycle is abandoned when its last phase was left.
    (abandoned,) = [c for c in arena["cycles"] if c.get("status") == "abandoned"]
    (gone,) = [e for e in events if e["type"] == "cycle_abandoned"]
    assert gone["cycle"] == abandoned["id"]
    assert gone["at"] == abandoned["history"][-1]["left_at"]


def test_demo_replays_the_example_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "report.html"
    assert main(["demo", "--out", str(target)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    count = len(JOURNAL.read_text("utf-8").splitlines())
    pattern = (
        rf"replayed {count} events of the journal examples/journals/jamtland-trondelag\.jsonl "
        r"in \d+\.\d\d s; assessed in \d+\.\d\d s"
    )
    assert re.fullmatch(pattern, first), first
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_demo_reads_an_arena_document_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", str(ARENA), "--out", str(tmp_path / "r.html")]) == 0
    assert capsys.readouterr().out.startswith(f"read the arena document {ARENA} in ")


def test_demo_away_from_the_examples_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "examples/journals/jamtland-trondelag.jsonl" in err
    assert "examples/arenas/jamtland-trondelag.json" in err
    assert "repository root" in err
    assert not (tmp_path / "r.html").exists()
