"""``smice network`` (the subcommand module; the lead wires it into ``smice.cli``)."""

import argparse
import json
import os
from pathlib import Path

import pytest

from smice.cli import network
from smice.errors import InvalidValue
from smice.io import dump_arena

from .arenas import small_arena


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="smice")
    network.register(parser.add_subparsers())
    args = parser.parse_args(["network", *argv])
    return int(args.run(args))


@pytest.fixture
def arena_file(tmp_path: Path) -> Path:
    path = tmp_path / "arena.json"
    path.write_text(json.dumps(dump_arena(small_arena())), encoding="utf-8")
    return path


def test_metrics_are_printed_by_default(
    arena_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(str(arena_file), "--at", "2019-06-01") == 0
    out = capsys.readouterr().out
    assert "sme_rnd_linkage_share: 0.5000" in out  # persons folded into employers
    assert "symbiosis_kernels: 1" in out


def test_suggestions(arena_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(str(arena_file), "--suggest", "2", "--at", "2019-06-01") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1. ")
    assert "sme_rnd_linkage_share" not in "".join(lines)


def test_pseudonymised_export(
    arena_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "g.json"
    monkeypatch.setenv("SMICE_PSEUDONYM_KEY", "a-secret-key-of-some-length")
    assert _run(str(arena_file), "--export", "json", str(out), "--pseudonymise") == 0
    text = out.read_text(encoding="utf-8")
    assert '"ann"' not in text
    assert "person-" in text
    assert "wrote json" in capsys.readouterr().out


def test_bad_format_and_missing_key_are_refused(arena_file: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidValue):
        _run(str(arena_file), "--export", "pdf", str(tmp_path / "g.pdf"))
    os.environ.pop("SMICE_NO_SUCH_KEY", None)
    with pytest.raises(InvalidValue):
        _run(
            str(arena_file),
            "--export",
            "json",
            str(tmp_path / "g.json"),
            "--pseudonymise",
            "--key-env",
            "SMICE_NO_SUCH_KEY",
        )


def test_bad_date_is_a_usage_error(arena_file: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        _run(str(arena_file), "--at", "yesterday")
    assert caught.value.code == 2
