"""Control characters in names (issue 11, finding 19): what the command line prints shows
them as escapes (``\\x1b``) instead of sending them to the terminal, in text and in JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from smice.cli import main
from smice.cli._output import one_line, visible

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "arenas" / "tutorial.json"
#: Retitle the terminal, clear it, a NUL, a C1 CSI, a right-to-left override.
NASTY = "\x1b]0;pwned\x07\x1b[2J\x00\x9b31m\u202e"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]")


def _arena(tmp_path: Path) -> Path:
    document: dict[str, Any] = json.loads(TUTORIAL.read_text("utf-8"))
    for n, stakeholder in enumerate(document["stakeholders"]):
        stakeholder["name"] = f"{stakeholder['name']} {NASTY}{n}"
        scopes = stakeholder.get("consent", {}).get("scopes", [])
        scopes.extend(s for s in ("network_analysis", "contact", "export") if s not in scopes)
    document["name"] = f"Tutorial {NASTY}"
    path = tmp_path / "nasty.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["assess", "{arena}"],
        ["assess", "{arena}", "--format", "json"],
        ["demo", "{arena}", "--out", "{folder}/report.html"],
        ["network", "{arena}", "--persons", "--suggest", "5"],
        ["network", "{arena}", "--suggest", "5"],
        ["validate", "{arena}"],
        ["replay", "{arena}"],
    ],
)
def test_control_characters_in_names_are_printed_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    arena = _arena(tmp_path)
    code = main([a.format(arena=arena, folder=tmp_path) for a in argv])
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    assert RAW.search(captured.out) is None
    assert RAW.search(captured.err) is None
    if "--format" in argv:
        json.loads(captured.out)  # still JSON


def test_demo_shows_the_escapes_of_a_name() -> None:
    assert visible(f"Mill {NASTY}") == "Mill \\x1b]0;pwned\\x07\\x1b[2J\\x00\\u009b31m\\u202e"


def test_an_error_line_is_one_line() -> None:
    assert one_line("bad\nname\r\x1b[2J") == "bad\\x0aname\\x0d\\x1b[2J"
