"""Shared pytest configuration: Hypothesis profiles and the fixtures several test files use.

``ci`` is selected when the environment variable ``CI`` is set, ``dev`` otherwise.

Test tiers: tests marked ``slow`` (a wheel build, subprocesses, process pools and clusters,
stateful machines) run in ``make test`` and are left out by ``make test-fast``
(``pytest -m "not slow"``). Every test is safe to run in parallel under pytest-xdist: each
writes only below its own ``tmp_path`` and binds no fixed port.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "dev",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

#: The repository root: where README, docs/ and examples/ are.
ROOT = Path(__file__).resolve().parent.parent

#: A small valid arena document: two stakeholders (one name not ASCII) and a tie between them.
ARENA_DOCUMENT: dict[str, Any] = {
    "smice": "arena/1",
    "id": "a1",
    "name": "Arena",
    "template": "smice/base",
    "created_on": "2019-01-01",
    "stakeholders": [
        {"id": "org", "name": "Bergs Sågverk AB", "helix": "industry", "kinds": ["sme"],
         "country": "SE"},
        {"id": "uni", "name": "Nord University", "helix": "academia",
         "kinds": ["university"], "country": "NO"},
    ],
    "ties": [{"id": "t1", "kind": "collaborates_with", "source": "org", "target": "uni"}],
}  # fmt: skip


@pytest.fixture
def arena_document() -> Callable[..., dict[str, Any]]:
    """Build a fresh copy of :data:`ARENA_DOCUMENT`, its top-level members replaced by keywords.

    ``arena_document(name=42)`` is the small arena with a bad name; every call returns a new
    document, so a test may change it freely.
    """

    def build(**members: Any) -> dict[str, Any]:
        document = copy.deepcopy(ARENA_DOCUMENT)
        document.update(members)
        return document

    return build


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[str, object], Path]:
    """Write a JSON document to a file of the given name in the test's ``tmp_path``."""

    def write(name: str, document: object) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test in the repository root, where documented relative paths start."""
    monkeypatch.chdir(ROOT)
    return ROOT
