"""Hostile input to the readers (issue 11, findings 5, 12, 13, 14): special files, files that
lie about their size, invalid UTF-8, odd paths and damaged journal rows all end in a
:class:`~smice.SmiceError` that names the path, quickly, and leave nothing behind."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import smice
from smice.errors import DocumentInvalid, SmiceError, StorageError
from smice.io._guard import read_file_bytes
from smice.io.journal import Journal

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "journals" / "one-team.jsonl"
#: Eight valid events, then a line with the byte 0xff (tests/hostile/inputs).
BAD_UTF8 = Path(__file__).parent / "inputs" / "journal-invalid-utf8-line-9.jsonl"


def _special_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    return {
        "/dev/zero": Path("/dev/zero"),
        "/dev/urandom": Path("/dev/urandom"),
        "a FIFO": fifo,
        "a directory": tmp_path,
    }


READERS: dict[str, Callable[[Path, Path], object]] = {
    "load_arena": lambda path, _: smice.load_arena(path),
    "load_template": lambda path, _: smice.load_template(path),
    "load_ruleset": lambda path, _: smice.load_ruleset(path),
    "import_jsonl": lambda path, tmp: Journal.import_jsonl(path, tmp / "new.db"),
}


def _in_a_thread(call: Callable[[], object], seconds: float = 60) -> BaseException | None:
    """Run *call*; fail the test if it blocks (a FIFO opened for reading waits for a writer)."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            call()
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, "the reader blocked"
    return outcome[0]


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "a FIFO", "a directory"])
def test_only_regular_files_are_read(tmp_path: Path, reader: str, special: str) -> None:
    path = _special_files(tmp_path)[special]

    error = _in_a_thread(lambda: READERS[reader](path, tmp_path))

    assert isinstance(error, DocumentInvalid), error
    assert error.source == str(path)
    assert error.errors[0].keyword == "io"
    assert "regular file" in error.errors[0].message
    assert not (tmp_path / "new.db").exists()


def test_the_size_cap_holds_while_reading_whatever_the_size_says() -> None:
    # Files under /proc are regular files whose stat size is 0, like the devices of the
    # report: only the cap while reading can stop them.
    path = Path("/proc/self/maps")
    assert path.stat().st_size == 0

    with pytest.raises(DocumentInvalid) as caught:
        read_file_bytes(path, "arena", max_bytes=16)

    assert caught.value.errors[0].keyword == "size"


def test_a_path_with_a_nul_character_is_a_smice_error() -> None:
    with pytest.raises(DocumentInvalid) as caught:
        smice.load_arena("a\x00b.json")
    assert "NUL" in caught.value.errors[0].message


def test_invalid_utf8_in_an_import_names_the_line_and_leaves_no_journal(tmp_path: Path) -> None:
    dest = tmp_path / "new.db"

    with pytest.raises(DocumentInvalid) as caught:
        Journal.import_jsonl(BAD_UTF8, dest)

    assert "line 9" in caught.value.errors[0].message
    assert list(tmp_path.iterdir()) == []


def test_an_import_that_fails_after_reading_leaves_no_new_journal(tmp_path: Path) -> None:
    lines = EXAMPLE.read_text("utf-8").splitlines()
    source = tmp_path / "twice.jsonl"
    second = json.loads(lines[1])
    source.write_text("\n".join([*lines[:2], json.dumps(second)]) + "\n", "utf-8")
    dest = tmp_path / "new.db"

    with pytest.raises(SmiceError):
        Journal.import_jsonl(source, dest)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["twice.jsonl"]


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("a directory", lambda tmp: str(tmp) + os.sep),
        ("a missing folder", lambda tmp: tmp / "missing" / "x.db"),
        ("a NUL character", lambda tmp: str(tmp / "a\x00b.db")),
        ("/dev/zero", lambda _: "/dev/zero"),
    ],
)
def test_opening_a_journal_at_a_bad_path_is_a_storage_error(
    tmp_path: Path, name: str, make: Callable[[Path], Any]
) -> None:
    with pytest.raises(StorageError) as caught:
        Journal.open(make(tmp_path))
    assert caught.value.path
    assert caught.value.action == "open the journal"


def _tampered(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "j.db"
    with Journal.open(path) as journal:
        journal.append([json.loads(line) for line in EXAMPLE.read_text("utf-8").splitlines()[:5]])
    with sqlite3.connect(path) as db:
        db.execute("UPDATE events SET body = ? WHERE version = 3", (body,))
    db.close()
    return path


@pytest.mark.parametrize(
    "body", ["{not json", "[1, 2]", "{}", '{"type": "no_such_type"}', '{"type": "arena_created"}']
)
def test_a_tampered_row_is_reported_with_its_version(tmp_path: Path, body: str) -> None:
    path = _tampered(tmp_path, body)

    for read in (lambda j: j.state(), lambda j: list(j.events())):
        with Journal.open(path) as journal, pytest.raises(DocumentInvalid) as caught:
            read(journal)
        assert caught.value.source == str(path)
        assert "event version 3" in caught.value.errors[0].message
        assert caught.value.errors[0].keyword == "damaged"
