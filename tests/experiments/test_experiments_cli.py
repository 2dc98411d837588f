"""``smice experiment run`` and ``smice experiment summarize``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from smice.cli import experiment


def main(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="smice")
    commands = parser.add_subparsers(dest="command")
    experiment.register(commands)
    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


SPEC = {
    "smice": "experiment/1", "id": "cli", "seed": 3, "replicates": 2,
    "base": {"n_stakeholders": 24, "steps": 2}, "outcomes": ["A.n_stakeholders"],
    "ruleset": None,
}  # fmt: skip


def test_run_writes_rows_and_summarize_reads_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPEC), "utf-8")
    out = tmp_path / "rows.jsonl"
    assert main("experiment", "run", str(spec), "--workers", "2", "--out", str(out)) == 0
    assert len(out.read_text("utf-8").splitlines()) == 2
    assert main("experiment", "summarize", str(out), "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert [(s["outcome"], s["n"]) for s in summary] == [("A.n_stakeholders", 2)]
    assert main("experiment", "run", str(spec)) == 0
    printed = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["run"] for r in printed] == [0, 1]
