"""``smice --help`` loads no analysis code; each command's module loads when it runs."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from smice.cli import _COMMANDS, build_parser, main

HEAVY = ("jsonschema", "jsonschema_rs", "scipy", "networkx", "numpy")


def _choices(
    parser: argparse.ArgumentParser,
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


@pytest.mark.slow  # a fresh interpreter
def test_smice_help_loads_none_of_the_heavy_dependencies() -> None:
    probe = (
        "import json, sys\nfrom smice.cli import main\ncode = main(['--help'])\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(result.stdout.splitlines()[-1]))

    assert set() == {name for name in HEAVY if name in loaded}
    for name, _, _ in _COMMANDS:
        assert name in result.stdout


def test_the_help_listed_for_each_command_is_the_one_its_module_gives() -> None:
    full = {a.dest: a.help for a in _choices(build_parser())._choices_actions}
    listed = {a.dest: a.help for a in _choices(build_parser(only=()))._choices_actions}

    assert full == listed
    assert [name for name, _, _ in _COMMANDS] == list(full)


def test_a_command_still_runs_with_its_own_options(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diagram", "smice/base", "--format", "mermaid"])

    assert code == 0
    assert "define" in capsys.readouterr().out


def test_a_command_help_is_the_full_help_of_that_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "--help"]) == 0
    assert "the JSON document" in capsys.readouterr().out
