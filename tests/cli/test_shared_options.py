"""One command line: the same option names everywhere, ``--format json`` where results are
printed, and the new ``rules eval``, ``cycle status --format json`` and ``diagram --out``."""

from __future__ import annotations

import argparse
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from smice.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "arenas" / "tutorial.json"
JOURNAL = ROOT / "examples" / "journals" / "one-team.jsonl"

#: The shared options every command that needs them spells the same way.
SHARED = {"--lang", "--at", "--format", "--out"}
#: Other spellings of the shared options: allowed only as aliases of the shared name.
ALIASES = {"--language": "--lang", "--output": "--out", "--json": "--format"}
#: Which shared options each command has.
EXPECTED = {
    ("assess",): {"--lang", "--at", "--format", "--out"},
    ("explain",): {"--lang", "--at", "--format"},
    ("demo",): {"--lang", "--out"},
    ("cycle", "status"): {"--lang", "--at", "--format"},
    ("diagram",): {"--lang", "--format", "--out"},
    ("rules", "lint"): {"--format"},
    ("rules", "test"): {"--format"},
    ("rules", "eval"): {"--lang", "--format"},
    ("replay",): {"--at"},
    ("network",): {"--at", "--format"},
    ("experiment", "run"): {"--out"},
    ("experiment", "summarize"): {"--format"},
    ("validate",): {"--format"},
}

#: Commands whose options change in a later landing (they are being hardened in parallel).
PENDING: set[tuple[str, ...]] = set()


def _leaves(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not actions:
        yield path, parser
        return
    for name, child in actions[0].choices.items():
        yield from _leaves(child, (*path, name))


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {option: action for action in parser._actions for option in action.option_strings}


def test_every_subcommand_has_help_and_spells_shared_options_alike(
    capsys: pytest.CaptureFixture[str],
) -> None:
    leaves = dict(_leaves(build_parser()))
    assert set(EXPECTED) <= set(leaves)
    for path, parser in leaves.items():
        if path in PENDING:
            continue
        with pytest.raises(SystemExit) as done:
            parser.parse_args(["--help"])
        assert done.value.code == 0
        shown = capsys.readouterr().out
        assert shown.startswith("usage:")
        options = _options(parser)
        for alias, canonical in ALIASES.items():
            if alias in options:
                # An old spelling stays only beside the shared one, writing the same value.
                assert canonical in options, (path, alias)
                assert options[alias].dest == options[canonical].dest, (path, alias)
        for option in EXPECTED.get(path, set()):
            assert option in options, (path, option)
            assert option in shown, (path, option)
        if "--format" in options and path != ("diagram",):
            assert "json" in (options["--format"].choices or ()), path
        if "--lang" in options:
            assert set(options["--lang"].choices or ()) == {"en", "nb", "sv"}, path


def test_rules_eval_explains_on_a_facts_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = tmp_path / "facts.json"
    # P1's condition (SMEs rarely tied to R&D, long enough observed) on plain values.
    facts.write_text(
        json.dumps({"A.n_smes": 20, "N.sme_rnd_linkage_share": 0.1, "A.months_observed": 24}),
        encoding="utf-8",
    )
    assert main(["rules", "eval", "smice/default", str(facts), "--rule", "P1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("P1 ")
    assert "of 1 rule(s) fired" in out
    assert "why:" in out
    assert main(["rules", "eval", "smice/default", str(facts), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["fired"] == [rule["rule_id"] for rule in document["rules"] if rule["fired"]]
    p1 = next(rule for rule in document["rules"] if rule["rule_id"] == "P1")
    assert p1["explanation"]["result"] is p1["fired"]
    others = [rule for rule in document["rules"] if not rule["fired"]]
    assert all(rule["reason"] for rule in others)


def test_rules_eval_reads_an_assessment_and_refuses_bad_facts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = tmp_path / "assessment.json"
    assert main(["assess", str(TUTORIAL), "--format", "json", "--out", str(written)]) == 0
    fired = json.loads(written.read_text(encoding="utf-8"))["recommendations"]
    capsys.readouterr()
    assert main(["rules", "eval", "smice/default", str(written), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["fired"] == [r["rule_id"] for r in fired]
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert main(["rules", "eval", "smice/default", str(bad)]) == 2
    assert main(["rules", "eval", "smice/default", str(tmp_path / "none.json")]) == 2
    assert "error" in capsys.readouterr().err


def test_rules_lint_summary_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "lint", "smice/default"]) == 0
    captured = capsys.readouterr()
    assert "error(s)" in captured.out
    assert captured.err == ""


def test_cycle_status_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["cycle", "status", str(JOURNAL), "c-wood-1", "--at", "40", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert document["cycle"] == "c-wood-1"
    assert code == (0 if all(c["passed"] for c in document["criteria"]) else 1)
    assert {"criterion", "passed", "expected", "actual", "message"} == set(document["criteria"][0])


def test_network_reads_a_journal_and_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", str(JOURNAL), "--metrics", "--suggest", "2", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["arena"] == "fosen-wood"
    assert document["metrics"]["nodes"] >= 1
    assert isinstance(document["suggestions"], list)


def test_diagram_writes_svg(tmp_path: Path) -> None:
    out = tmp_path / "plan.svg"
    assert (
        main(["diagram", "smice/base", "--format", "svg", "--lang", "nb", "--out", str(out)]) == 0
    )
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_experiment_summary_has_aligned_columns_and_an_effect_with_ci(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = []
    # Two cells, three runs each; the treatment adds exactly 1 to x.
    for run, (interventions, x) in enumerate(
        [([], 1.0), ([], 2.0), ([], 3.0), (["vouchers"], 2.0), (["vouchers"], 3.0),
         (["vouchers"], 4.0)]
    ):  # fmt: skip
        label = "interventions=" + ("+".join(interventions) or "none")
        rows.append(
            {"run": run, "cell": 0 if not interventions else 1, "label": label,
             "condition": {"interventions": interventions}, "outcomes": {"x": x}}
        )  # fmt: skip
    results = tmp_path / "results.jsonl"
    results.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert (
        main(["experiment", "summarize", str(results), "--effect", "interventions=vouchers"]) == 0
    )
    out = capsys.readouterr().out.splitlines()
    table = out[1:4]
    # Every line of the table has its columns at the same places.
    assert len({line.index("x ") for line in table[1:]}) == 1
    assert table[0].split() == ["cell", "label", "outcome", "n", "mean", "sd"]
    effect = next(line for line in out if line.startswith("x "))
    assert "+1.0000" in effect
    assert "3 vs 3" in effect
    code = main(
        ["experiment", "summarize", str(results), "--effect", "interventions=vouchers",
         "--format", "json"]
    )  # fmt: skip
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    (found,) = document["effects"]
    assert found["difference"] == pytest.approx(1.0)
    assert found["low"] <= 1.0 <= found["high"]
    assert found["control"] == "interventions=none"
    assert main(["experiment", "summarize", str(results), "--effect", "interventions=x"]) == 2


def test_validate_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(TUTORIAL), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["valid"] is True
    document = json.loads(TUTORIAL.read_text(encoding="utf-8"))
    document["stakeholders"][1]["helix"] = "business"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    assert main(["validate", str(broken), "--format", "json"]) == 2
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["valid"] is False
    assert "/stakeholders/1/helix" in [e["pointer"] for e in verdict["errors"]]
