"""A full disk (issue 11, finding 10): ``Journal.append`` and every ``--out``/``--export`` of
the command line raise or report a :class:`~smice.StorageError` that says the disk is full,
exit 2 with one line, and leave nothing half-written.

The disk is filled by simulation: SQLite's ``max_page_count`` makes the database full, and the
file objects the writers get from :func:`os.fdopen` (or :func:`os.fsync`) fail with
``ENOSPC`` as a full disk makes them.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

import smice
from smice.cli import main
from smice.errors import StorageError
from smice.io.journal import Journal

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "arenas" / "tutorial.json"
JOURNAL = ROOT / "examples" / "journals" / "one-team.jsonl"
SPEC = {
    "smice": "experiment/1", "id": "full", "seed": 3, "replicates": 2,
    "base": {"n_stakeholders": 24, "steps": 2}, "outcomes": ["A.n_stakeholders"],
    "ruleset": None,
}  # fmt: skip


def _full(*_: object, **__: object) -> Any:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_database_is_a_storage_error_and_stores_nothing(tmp_path: Path) -> None:
    documents = [json.loads(line) for line in JOURNAL.read_text("utf-8").splitlines()]
    with Journal.open(tmp_path / "j.db") as journal:
        journal.append(documents[:5])
        pages = journal._db.execute("PRAGMA page_count").fetchone()[0]
        journal._db.execute(f"PRAGMA max_page_count = {pages}")

        with pytest.raises(StorageError, match="the disk is full") as caught:
            journal.append(documents[5:])

        assert caught.value.path == str(tmp_path / "j.db")
        assert journal.version == 5
        journal._db.execute("PRAGMA max_page_count = 1073741823")
        assert journal.append(documents[5:]) == len(documents)


class _FullFile:
    """A file on a full disk: writing fails as soon as anything is written."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def write(self, _: object) -> int:
        _full()
        return 0

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *_: object) -> None:
        self._handle.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def _fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return _FullFile(real(fd, *args, **kwargs))

    monkeypatch.setattr(os, "fdopen", fdopen)
    monkeypatch.setattr(os, "fsync", _full)


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    "argv",
    [
        ["assess", str(TUTORIAL), "--out", "{out}/report.txt"],
        ["assess", str(TUTORIAL), "--format", "html", "--out", "{out}/report.html"],
        ["demo", str(TUTORIAL), "--out", "{out}/report.html"],
        ["network", str(TUTORIAL), "--export", "graphml", "{out}/g.graphml"],
        ["network", str(TUTORIAL), "--export", "gexf", "{out}/g.gexf"],
        ["network", str(TUTORIAL), "--export", "json", "{out}/g.json"],
        ["replay", str(JOURNAL), "--output", "{out}/arena.json"],
        ["experiment", "run", "{out}/spec.json", "--out", "{out}/rows.jsonl"],
    ],
    ids=lambda argv: " ".join(argv[:1] + [a for a in argv if a.startswith("--")]),
)
def test_every_output_on_a_full_disk_is_one_line_exit_2_and_nothing_half_written(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    (tmp_path / "spec.json").write_text(json.dumps(SPEC), "utf-8")
    (tmp_path / "rows.jsonl").write_text("", "utf-8")  # an empty results file is ours
    for name in ("report.txt", "report.html", "arena.json", "g.graphml", "g.gexf", "g.json"):
        (tmp_path / name).write_text("the old content\n", "utf-8")
    before = _digests(tmp_path)
    monkeypatch.chdir(tmp_path)
    _fill_the_disk(monkeypatch)

    code = main([part.format(out=tmp_path) for part in argv])

    monkeypatch.undo()
    err = capsys.readouterr().err.splitlines()
    assert (code, len(err)) == (2, 1), err
    assert "disk is full" in err[0]
    assert _digests(tmp_path) == before


def test_save_arena_on_a_full_disk_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    arena = smice.load_arena(TUTORIAL)
    monkeypatch.setattr(os, "fsync", _full)
    with pytest.raises(StorageError, match="the disk is full"):
        smice.save_arena(arena, tmp_path / "a.json")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []
