"""Bounded memory (issue 11, finding 5): reading a valid 20 MB arena whose size is one large
array takes memory within a stated multiple of the file's size.

The issue measured 2.2 GB and 70 s for such a document. Python objects for JSON numbers and
the copies that checking makes cost several times the text; the bound below is what the
readers promise (docs/how-to/validate-documents.md, "Limits").
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import smice
from smice.io._guard import read_json_file

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "arenas" / "tutorial.json"
#: Peak memory allowed while reading, as a multiple of the file's size.
MULTIPLE = 40


def _big(tmp_path: Path, megabytes: int) -> Path:
    document: dict[str, Any] = json.loads(TUTORIAL.read_text("utf-8"))
    # Integers of seven digits and a comma: 8 bytes each.
    document["extensions"] = {"x-readings": list(range(1_000_000, 1_000_000 + megabytes * 2**17))}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(document, separators=(",", ":")), "utf-8")
    return path


def _peak(call: Any) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
@pytest.mark.parametrize(
    "read",
    [lambda path: read_json_file(path, "arena"), smice.load_arena],
    ids=["read", "load_arena"],
)
def test_a_20_mb_arena_is_read_within_a_multiple_of_its_size(tmp_path: Path, read: Any) -> None:
    path = _big(tmp_path, 20)
    size = path.stat().st_size
    assert size > 20 * 10**6

    peak = _peak(lambda: read(path))

    assert peak < MULTIPLE * size, f"{peak / size:.1f} × the file's size"
