"""Hostile rule arithmetic (issue 11, finding 6): a rule set that loads never crashes
``assess``, ``explain``, ``rules lint`` or ``rules test``; arithmetic beyond the float range is
unknown; operator chains are bounded at load; tiny numbers are refused alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import smice
from smice.cli import main
from smice.errors import SmiceError
from smice.policy import lint, run_tests
from smice.policy.errors import RuleSyntaxError
from smice.policy.parser import MAX_ARITHMETIC, parse

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "arenas" / "tutorial.json"
#: Rules whose integer products leave the float range (25 factors of 1e15 = 1e375).
ARITHMETIC = Path(__file__).parent / "inputs" / "ruleset-arithmetic.json"


def test_overflowing_arithmetic_is_unknown_everywhere() -> None:
    ruleset = smice.load_ruleset(ARITHMETIC)
    assessment = smice.assess(smice.load_arena(TUTORIAL), ruleset)

    assert [r.rule_id for r in assessment.recommendations] == []
    for rule in ruleset.rules:
        assessment.explain(rule.id)
    lint(ruleset)
    assert run_tests(ruleset).passed


@pytest.mark.parametrize(
    "argv",
    [
        ["assess", str(TUTORIAL), "--rules", str(ARITHMETIC)],
        ["explain", str(TUTORIAL), "H1", "--rules", str(ARITHMETIC)],
        ["rules", "lint", str(ARITHMETIC)],
        ["rules", "test", str(ARITHMETIC)],
    ],
)
def test_the_command_line_survives_overflowing_arithmetic(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_a_499_term_chain_is_refused_at_load_with_its_column() -> None:
    text = " + ".join(["x"] * 499) + " > 1"
    assert len(text) < 4000  # inside the length and token limits

    with pytest.raises(RuleSyntaxError) as caught:
        parse(text)

    assert caught.value.column == len("x + ") * MAX_ARITHMETIC + 3


def test_the_longest_chain_accepted_evaluates() -> None:
    terms = MAX_ARITHMETIC + 1
    ruleset = json.loads(ARITHMETIC.read_text("utf-8"))
    rule = ruleset["rules"][0]
    rule["when"] = " + ".join(["A.n_stakeholders"] * terms) + " > 0"
    ruleset["rules"], ruleset["tests"] = [rule], []
    arena = smice.load_arena(TUTORIAL)
    assert [r.rule_id for r in smice.assess(arena, ruleset).recommendations] == ["H1"]


@pytest.mark.parametrize("number", ["1e-400", "1e-20", "0.0000000000000000001", "1e-16"])
def test_numbers_too_small_are_refused_alike(number: str) -> None:
    with pytest.raises(RuleSyntaxError, match="magnitude ≥ 1e-15 or zero"):
        parse(f"x > {number}")


@pytest.mark.parametrize("number", ["0", "0.0", "0e-400", "1e-15"])
def test_zero_and_the_smallest_magnitude_are_accepted(number: str) -> None:
    parse(f"x > {number}")


def test_a_rule_syntax_error_is_a_smice_error() -> None:
    assert issubclass(RuleSyntaxError, SmiceError)
