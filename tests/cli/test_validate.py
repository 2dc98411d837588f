"""``smice validate``: exit 0 and one line when valid; exit 2 and one line per error, each with
its pointer, when not; one clear line and no traceback when the file cannot be read."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smice.cli import EXIT_BAD_INPUT, EXIT_OK, main

TEMPLATE = {
    "smice": "template/1",
    "id": "test/tiny",
    "version": "1.0.0",
    "title": {"en": "Tiny"},
    "default_variant": "4-D",
    "phase_plans": [
        {
            "variant": "4-D",
            "initial": "discover",
            "phases": [{"id": "discover"}, {"id": "dream", "terminal": True}],
            "transitions": [{"source": "discover", "event": "phase_advanced", "target": "dream"}],
        }
    ],
}

#: Members that make the small arena invalid: two errors for the schema...
INVALID = {"name": 42, "created_on": "2021-02-30"}
INVALID_POINTERS = ["/created_on", "/name"]
#: ... and, once the schema is satisfied, three cross-object problems.
DANGLING = {
    "ties": [
        {"id": "t1", "kind": "supplies", "source": "org", "target": "ghost"},
        {"id": "t2", "kind": "supplies", "source": "nobody", "target": "uni"},
    ],
    "flows": [{"id": "f", "owner": "x9", "source": "org", "flow_type": "water", "resource": "W"}],
}
DANGLING_POINTERS = ["/flows/0/owner", "/ties/0/target", "/ties/1/source"]


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, _lines(out), _lines(err)


def test_valid_arena_exits_0_with_one_line(
    write_json: Callable[[str, object], Path],
    arena_document: Callable[..., dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_json("arena.json", arena_document())

    code, out, err = _run(capsys, str(path))

    assert (code, err, len(out)) == (EXIT_OK, [], 1)
    assert str(path) in out[0]
    assert "valid" in out[0]


@pytest.mark.parametrize(
    ("members", "pointers"),
    [(INVALID, INVALID_POINTERS), (DANGLING, DANGLING_POINTERS)],
    ids=["schema", "cross-object"],
)
def test_invalid_arena_exits_2_with_one_line_per_error(
    arena_document: Callable[..., dict[str, Any]],
    write_json: Callable[[str, object], Path],
    capsys: pytest.CaptureFixture[str],
    members: dict[str, Any],
    pointers: list[str],
) -> None:
    path = write_json("arena.json", arena_document(**members))

    code, out, err = _run(capsys, str(path))

    assert (code, out) == (EXIT_BAD_INPUT, [])
    assert len(pointers) == len(err)
    for pointer in pointers:
        [line] = [line for line in err if f": {pointer}: " in line]
        assert line.startswith(str(path))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("missing.json", None),
        ("broken.json", b'{"smice": "arena/1",'),
        ("text.json", b"this is not JSON at all"),
        ("latin1.json", b'{"name": "caf\xe9"}'),
        ("nan.json", b'{"weight": NaN}'),
        ("twice.json", b'{"id": "a", "id": "b"}'),
    ],
)
def test_unreadable_file_exits_2_with_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)

    code, out, err = _run(capsys, str(path))

    assert (code, out, len(err)) == (EXIT_BAD_INPUT, [], 1)
    assert str(path) in err[0]
    assert "Traceback" not in err[0]


def test_directory_exits_2_with_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, str(tmp_path))

    assert (code, out, len(err)) == (EXIT_BAD_INPUT, [], 1)


def test_huge_file_is_refused_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(1024**3 + 1)  # sparse

    code, out, err = _run(capsys, str(path))

    assert (code, out, len(err)) == (EXIT_BAD_INPUT, [], 1)
    assert "bytes" in err[0]


def test_template_with_kind_option(
    write_json: Callable[[str, object], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_json("template.json", TEMPLATE)

    code, out, err = _run(capsys, str(path), "--kind", "template")

    assert (code, err, len(out)) == (EXIT_OK, [], 1)
    assert "template" in out[0]


def test_kind_is_read_from_the_smice_member(
    write_json: Callable[[str, object], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_json("template.json", TEMPLATE)

    code, out, _ = _run(capsys, str(path))

    assert code == EXIT_OK
    assert "template" in out[0]


def test_template_given_as_arena_is_refused(
    write_json: Callable[[str, object], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_json("template.json", TEMPLATE)

    code, out, err = _run(capsys, str(path), "--kind", "arena")

    assert (code, out) == (EXIT_BAD_INPUT, [])
    assert err
    assert all(line.startswith(str(path)) for line in err)


def test_invalid_template_exits_2_with_its_pointer(
    write_json: Callable[[str, object], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_json("template.json", {**TEMPLATE, "version": "one"})

    code, out, err = _run(capsys, str(path), "--kind", "template")

    assert (code, out, len(err)) == (EXIT_BAD_INPUT, [], 1)
    assert ": /version: " in err[0]


def test_senseless_template_exits_2_with_one_line_per_problem(
    write_json: Callable[[str, object], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(json.dumps(TEMPLATE))
    plan = document["phase_plans"][0]
    plan["initial"] = "define"
    plan["transitions"][0]["target"] = "design"
    path = write_json("template.json", document)

    code, out, err = _run(capsys, str(path), "--kind", "template")

    assert (code, out, len(err)) == (EXIT_BAD_INPUT, [], 2)
    assert any("'define'" in line for line in err)
    assert any("'design'" in line for line in err)


@pytest.mark.parametrize(
    ("kind", "document", "code"),
    [
        ("event", {"type": "phase_advanced", "id": "e1", "at": "2019-03-01T10:00:00+01:00",
                   "recorded_by": "p1", "cycle": "c1"}, EXIT_OK),
        ("event", {"type": "phase_advanced"}, EXIT_BAD_INPUT),
        ("experiment", {"smice": "experiment/1", "id": "x", "seed": 7}, EXIT_OK),
        ("experiment", [1, 2, 3], EXIT_BAD_INPUT),
        ("ruleset", 42, EXIT_BAD_INPUT),
    ],
)  # fmt: skip
def test_other_kinds(
    write_json: Callable[[str, object], Path],
    capsys: pytest.CaptureFixture[str],
    kind: str,
    document: object,
    code: int,
) -> None:
    path = write_json("document.json", document)

    got, out, err = _run(capsys, str(path), "--kind", kind)

    assert code == got
    if code == EXIT_OK:
        assert (len(out), err) == (1, [])
    else:
        assert out == []
        assert err
        assert all(line.startswith(f"{path}: ") for line in err)


def test_unknown_kind_is_a_usage_error(
    write_json: Callable[[str, object], Path],
    arena_document: Callable[..., dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_json("arena.json", arena_document())

    code, _, err = _run(capsys, str(path), "--kind", "arenas")

    assert code == EXIT_BAD_INPUT
    assert any("arenas" in line for line in err)
    assert not any("Traceback" in line for line in err)


# ---------------------------------------------------------------------------- python -m smice


def _smice(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smice", "validate", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_module_entry_point(
    write_json: Callable[[str, object], Path],
    arena_document: Callable[..., dict[str, Any]],
    tmp_path: Path,
) -> None:
    """The same behaviour through ``python -m smice``, run away from the repository."""
    write_json("good.json", arena_document())
    write_json("bad.json", arena_document(**DANGLING))
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")

    good = _smice(tmp_path, "good.json")
    assert (good.returncode, good.stderr) == (EXIT_OK, "")
    assert len(_lines(good.stdout)) == 1

    bad = _smice(tmp_path, "bad.json")
    assert (bad.returncode, bad.stdout) == (EXIT_BAD_INPUT, "")
    err = _lines(bad.stderr)
    assert len(DANGLING_POINTERS) == len(err)
    for pointer in DANGLING_POINTERS:
        assert any(f"bad.json: {pointer}: " in line for line in err), err

    for name in ("missing.json", "broken.json"):
        failed = _smice(tmp_path, name)
        assert (failed.returncode, failed.stdout) == (EXIT_BAD_INPUT, "")
        assert len(_lines(failed.stderr)) == 1, failed.stderr
        assert "Traceback" not in failed.stderr
        assert name in failed.stderr
