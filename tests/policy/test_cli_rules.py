"""``smice rules lint|test`` (src/smice/cli/rules.py), driven through its own parser until the
lead wires it into smice.cli."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smice.cli import _Parser
from smice.cli import rules as rules_cli
from smice.io.rulesets import dump_ruleset, load_ruleset


def _run(argv: list[str]) -> int:
    parser = _Parser(prog="smice")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    rules_cli.register(commands)
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


def test_lint_of_the_default_set_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["rules", "lint", "smice/default"]) == 0
    assert "0 error(s), 0 warning(s), 0 note(s)" in capsys.readouterr().out


def test_lint_reports_findings_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = dump_ruleset(load_ruleset("smice/default"))
    document["rules"][0]["when"] = "N.sme_rnd_linkage_share < 20"
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(document))
    assert _run(["rules", "lint", str(path), "--json"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {k: lines[0][k] for k in ("severity", "code", "rule", "pointer")} == {
        "severity": "warning",
        "code": "always-true",
        "rule": "P1",
        "pointer": "/rules/0/when",
    }


def test_lint_with_another_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalogue = tmp_path / "facts.json"
    catalogue.write_text(json.dumps({"facts": [{"id": "A.months_observed", "unit": "months"}]}))
    assert _run(["rules", "lint", "smice/default", "--facts", str(catalogue)]) == 1
    assert "unknown fact N.sme_rnd_linkage_share" in capsys.readouterr().out


def test_test_runs_embedded_tests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["rules", "test", "smice/default"]) == 0
    assert "66/66 tests passed; 100% of rules fired in some test" in capsys.readouterr().out
    document = dump_ruleset(load_ruleset("smice/default"))
    document["tests"][0]["expect_fired"] = []
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(document))
    assert _run(["rules", "test", str(path)]) == 1
    assert "FAIL test 'P1 fires': did not expect P1 to fire" in capsys.readouterr().out
