"""The replay, diagram and cycle-status commands (run through their own parsers)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from smice.cli import cycle, diagram, replay
from smice.io.journal import Journal

EXAMPLE = Path(__file__).parents[2] / "examples" / "journals" / "one-team.jsonl"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="smice")
    commands = parser.add_subparsers()
    for module in (replay, diagram, cycle):
        module.register(commands)
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


def test_replay_prints_the_arena_of_a_jsonl_or_sqlite_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("replay", str(EXAMPLE)) == 0
    from_jsonl = json.loads(capsys.readouterr().out)
    with Journal.import_jsonl(EXAMPLE, tmp_path / "j.db"):
        pass
    assert run("replay", str(tmp_path / "j.db")) == 0
    assert json.loads(capsys.readouterr().out) == from_jsonl
    assert from_jsonl["cycles"][0]["status"] == "completed"
    assert run("replay", str(EXAMPLE), "--at", "2019-03-20T00:00:00+01:00") == 0
    early = json.loads(capsys.readouterr().out)
    assert early["cycles"][0]["history"][-1]["phase"] == "discover"


def test_diagram_prints_mermaid_and_dot(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("diagram", "smice/base") == 0
    assert capsys.readouterr().out.startswith("stateDiagram-v2\n")
    assert run("diagram", "smice/base", "--format", "dot", "--variant", "4-D") == 0
    assert capsys.readouterr().out.startswith('digraph "smice/base 4-D" {')


def test_cycle_status_prints_the_exit_report_and_exits_1_on_failures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("cycle", "status", str(EXAMPLE), "c-wood-1", "--at", "40") == 1
    out = capsys.readouterr().out
    assert "phase 'discover'" in out
    assert "positive_core_mapped  NO" in out
    assert run("cycle", "status", str(EXAMPLE), "c-wood-1", "--language", "sv") == 0
    assert "kriteriet 'review_recorded'" in capsys.readouterr().out
