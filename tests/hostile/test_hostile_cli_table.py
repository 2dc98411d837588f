"""The command line against a table of bad inputs (issue 11, findings 15–19): every
subcommand, every bad input: exit 2, exactly one line on stderr, no traceback, and no file
touched."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from smice.cli import main
from smice.cli._output import visible

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "arenas" / "tutorial.json"
JOURNAL = ROOT / "examples" / "journals" / "one-team.jsonl"
SPEC = {
    "smice": "experiment/1", "id": "table", "seed": 3, "replicates": 2,
    "base": {"n_stakeholders": 24, "steps": 2}, "outcomes": ["A.n_stakeholders"],
    "ruleset": None,
}  # fmt: skip

#: Every subcommand, with ``{}`` where the bad input goes.
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "{}"],
    "replay": ["replay", "{}"],
    "assess": ["assess", "{}"],
    "explain": ["explain", "{}", "P1"],
    "network": ["network", "{}"],
    "cycle status": ["cycle", "status", "{}", "c1"],
    "diagram": ["diagram", "{}"],
    "rules lint": ["rules", "lint", "{}"],
    "rules test": ["rules", "test", "{}"],
    "experiment run": ["experiment", "run", "{}"],
    "experiment summarize": ["experiment", "summarize", "{}"],
    "demo": ["demo", "{}"],
}


def _write(name: str, content: bytes) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        path = folder / name
        path.write_bytes(content)
        return str(path)

    return make


def _fifo(folder: Path) -> str:
    path = folder / "fifo.json"
    os.mkfifo(path)
    return str(path)


def _directory(folder: Path) -> str:
    path = folder / "folder.json"
    path.mkdir()
    return str(path)


#: Bad inputs, each made in the test's folder.
BAD: dict[str, Callable[[Path], str]] = {
    "missing": lambda folder: str(folder / "missing.json"),
    "directory": _directory,
    "/dev/zero": lambda _: "/dev/zero",
    "/dev/urandom": lambda _: "/dev/urandom",
    "fifo": _fifo,
    "nul in the path": lambda folder: str(folder / "a\x00b.json"),
    "invalid UTF-8": _write("bad.json", b'{"smice": "arena/1", "id": "\xff"}'),
    "invalid UTF-8 journal": _write("bad.jsonl", JOURNAL.read_bytes()[:300] + b"\n\xff\n"),
    "not JSON": _write("text.json", b"hello, world"),
    "empty": _write("empty.json", b""),
    "an array": _write("array.json", b"[1]"),
    "a number": _write("number.json", b"5"),
    "an object of nothing": _write("object.json", b'{"a": 1}'),
    "binary": _write("binary.json", bytes(range(256)) * 4),
    "deeply nested": _write("deep.json", b"[" * 100_000 + b"]" * 100_000),
}


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under *folder* with a digest of its content (a FIFO by its kind)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_fifo():
            found[str(path)] = "fifo"
        elif path.is_file():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[str(path)] = "folder"
    return found


def _one_line_exit_2(argv: list[str], folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(folder)
    code = main(argv)
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert code == 2, (argv, captured.err)
    assert "Traceback" not in captured.err
    if argv[0] == "validate" and len(err) > 1:
        # validate reports every error of a document, one line each, by design
        assert all(line.startswith(f"{argv[1]}: /") for line in err), err
    else:
        assert len(err) == 1, err
        assert err[0].startswith(("smice: ", visible(argv[-1]))), err
    assert _snapshot(folder) == before, "a refused command touched a file"


@pytest.mark.parametrize("bad", sorted(BAD))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_refuses_every_bad_input_with_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    bad: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "inputs"
    folder.mkdir()
    given = BAD[bad](folder)
    argv = [given if part == "{}" else part for part in COMMANDS[command]]
    _one_line_exit_2(argv, tmp_path, capsys)


def _proc(_: Path) -> str:
    return "/proc/smice-report.out"


def _missing_parent(folder: Path) -> str:
    return str(folder / "no" / "such" / "folder" / "report.out")


def _a_directory(folder: Path) -> str:
    return str(folder)


def _a_fifo(folder: Path) -> str:
    path = folder / "out.fifo"
    os.mkfifo(path)
    return str(path)


#: Bad output paths.
BAD_OUT: dict[str, Callable[[Path], str]] = {
    "a directory": _a_directory,
    "a missing parent": _missing_parent,
    "under /proc": _proc,
    "a FIFO": _a_fifo,
}


def _writers(folder: Path) -> dict[str, list[str]]:
    spec = folder / "spec.json"
    spec.write_text(json.dumps(SPEC), "utf-8")
    return {
        "assess --out": ["assess", str(TUTORIAL), "--out", "{}"],
        "demo --out": ["demo", str(TUTORIAL), "--out", "{}"],
        "network --export graphml": ["network", str(TUTORIAL), "--export", "graphml", "{}"],
        "network --export gexf": ["network", str(TUTORIAL), "--export", "gexf", "{}"],
        "network --export json": ["network", str(TUTORIAL), "--export", "json", "{}"],
        "experiment run --out": ["experiment", "run", str(spec), "--out", "{}"],
        "replay --output": ["replay", str(JOURNAL), "--output", "{}"],
    }


@pytest.mark.parametrize("out", sorted(BAD_OUT))
@pytest.mark.parametrize(
    "writer",
    [
        "assess --out",
        "demo --out",
        "network --export graphml",
        "network --export gexf",
        "network --export json",
        "experiment run --out",
        "replay --output",
    ],
)
def test_every_output_option_refuses_a_bad_path_with_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    writer: str,
    out: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "work"
    folder.mkdir()
    argv = _writers(folder)[writer]
    target = BAD_OUT[out](folder)
    argv = [target if part == "{}" else part for part in argv]
    _one_line_exit_2(argv, tmp_path, capsys)
    assert not Path("/proc/smice-report.out").exists()
