"""``smice assess`` and ``smice explain`` on arena documents and journals: formats, files,
languages, days, and exit codes (0 ran, 1 refused event, 2 bad input)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from unittest.mock import patch

import pytest

from smice.cli import assess as assess_cli
from smice.cli import build_parser, main
from smice.cli import explain as explain_cli
from smice.io import load_arena
from smice.io.journal import Journal
from smice.report import assess

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "arenas" / "tutorial.json"
EXAMPLE = ROOT / "examples" / "arenas" / "jamtland-trondelag.json"
JOURNAL = ROOT / "examples" / "journals" / "one-team.jsonl"


def _parser(**_: object) -> argparse.ArgumentParser:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "assess" not in commands.choices:  # until smice.cli lists the two subcommands
        assess_cli.register(commands)
        explain_cli.register(commands)
    return parser


def _run(argv: list[str]) -> int:
    """What ``smice ARGV`` returns, with the error handling of :func:`smice.cli.main`."""
    with patch("smice.cli.build_parser", _parser):
        return main(argv)


def test_text_is_the_default(capsys):
    assert _run(["assess", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    expected = assess(load_arena(EXAMPLE))
    assert out.startswith("Assessment of ")
    for recommendation in expected.recommendations:
        assert f"{recommendation.rule_id} fired:" in out


def test_json_output_is_the_assessment_document(capsys):
    assert _run(["assess", str(EXAMPLE), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert assess(load_arena(EXAMPLE)).to_json() == document


def test_html_goes_to_the_out_file(tmp_path, capsys):
    target = tmp_path / "deep" / "report.html"
    target.parent.mkdir()  # --out needs an existing folder (tests/hostile/test_cli_table.py)
    assert _run(["assess", str(TUTORIAL), "--format", "html", "--out", str(target)]) == 0
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert capsys.readouterr().out == ""


def test_language_and_day_are_honoured(capsys):
    assert _run(["assess", str(TUTORIAL), "--lang", "nb", "--at", "2018-12-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Vurdering av ")
    assert "per 2018-12-01" in out.splitlines()[0]


def test_a_journal_is_replayed_and_can_be_looked_at_on_a_past_day(tmp_path, capsys):
    assert _run(["assess", str(JOURNAL), "--format", "json", "--at", "2019-03-05"]) == 0
    early = json.loads(capsys.readouterr().out)
    assert _run(["assess", str(JOURNAL), "--format", "json"]) == 0
    late = json.loads(capsys.readouterr().out)
    assert early["at"] == "2019-03-05"
    assert (
        early["facts"]["A.n_stakeholders"]["value"] <= late["facts"]["A.n_stakeholders"]["value"]
    )
    database = tmp_path / "one-team.db"
    Journal.import_jsonl(JOURNAL, database).close()
    assert _run(["assess", str(database), "--format", "json"]) == 0
    assert late == json.loads(capsys.readouterr().out)


def test_a_rule_set_file_can_be_given(tmp_path, capsys):
    rules = tmp_path / "rules.json"
    rules.write_text(
        json.dumps(
            {
                "smice": "ruleset/1",
                "id": "t/always",
                "version": "1.0.0",
                "rules": [
                    {
                        "id": "ALWAYS",
                        "title": {"en": "Always"},
                        "when": "A.n_stakeholders >= 1",
                        "instrument": ["information"],
                        "level": ["local"],
                        "recommendation": {"en": "{A.n_stakeholders:d} stakeholders."},
                    }
                ],
            }
        ),
        "utf-8",
    )
    assert _run(["assess", str(TUTORIAL), "--rules", str(rules)]) == 0
    assert "ALWAYS fired: Always" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["assess", "no/such/file.json"],
        ["assess", str(TUTORIAL), "--at", "yesterday"],
        ["assess", str(TUTORIAL), "--rules", "smice/nothing"],
        ["assess", str(TUTORIAL), "--format", "pdf"],
        ["explain", str(TUTORIAL), "P999"],
    ],
)
def test_bad_input_exits_2_with_one_line(argv, capsys):
    assert _run(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("smice: error:")


def test_a_refused_event_exits_1(tmp_path, capsys):
    lines = JOURNAL.read_text("utf-8").splitlines()
    broken = tmp_path / "broken.jsonl"
    again = json.loads(lines[1])
    again["id"] = "e-again"  # the same stakeholder joins twice: a valid event, refused
    broken.write_text("\n".join([lines[0], lines[1], json.dumps(again)]) + "\n", "utf-8")
    assert _run(["assess", str(broken)]) == 1
    assert "broken.jsonl" in capsys.readouterr().err


def test_explain_prints_the_tree_and_the_smallest_change(capsys):
    assessment = assess(load_arena(EXAMPLE))
    fired = assessment.recommendations[0].rule_id
    assert _run(["explain", str(EXAMPLE), fired]) == 0
    out = capsys.readouterr().out
    assert f"{fired} fired:" in out
    assert f"✓ rule {fired}" in out
    item = next(n for n in assessment.not_fired if n.changes)
    assert _run(["explain", str(EXAMPLE), item.rule_id]) == 0
    out = capsys.readouterr().out
    assert f"{item.rule_id} did not fire" in out
    assert f"smallest change: {item.changes[0]}" in out


def test_explain_as_json(capsys):
    assert _run(["explain", str(EXAMPLE), "P1", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["rule_id"] == "P1"
    assert isinstance(document["fired"], bool)
    assert "explanation" in document


@pytest.mark.usefixtures("at_root")
def test_demo_assesses_the_example_and_writes_the_report(tmp_path, capsys):
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()  # only the default report folder is created
    assert main(["demo", "--out", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Key indicators" in out
    assert " fired: " in out
    assert f"report: {target}" in out
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_demo_refuses_a_missing_source(tmp_path, capsys):
    assert main(["demo", str(tmp_path / "nothing.jsonl")]) == 2
    assert "nothing.jsonl" in capsys.readouterr().err
