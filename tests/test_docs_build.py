"""The documentation stays runnable and complete.

- The README's examples run, like every page under ``docs/`` does through ``docs/conftest.py``
  (pytest collects ``docs/`` but not the repository root, so the README is run from here).
- Every public module of smice has a reference page, so a new module cannot be left out of
  the API reference.
"""

from __future__ import annotations

import doctest
import pkgutil
import re
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser

import smice

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
_AUTOMODULE = re.compile(r"^\.\. automodule:: (\S+)", re.MULTILINE)


@pytest.mark.usefixtures("at_root")
def test_readme_examples_run() -> None:
    """Every ``>>>`` example of README.md gives the output the README shows."""
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    parser = Sybil(parsers=[PythonCodeBlockParser(doctest_optionflags=flags), SkipParser()])
    examples = list(parser.parse(README).examples())
    assert len(examples) >= 1, "the README's tour has no runnable example"
    for example in examples:
        example.evaluate()


def _public_modules() -> set[str]:
    names = {"smice"}
    for module in pkgutil.walk_packages(smice.__path__, prefix="smice."):
        parts = module.name.split(".")
        if not any(part.startswith("_") for part in parts):
            names.add(module.name)
    return names


def _documented_modules() -> set[str]:
    found: set[str] = set()
    for page in (DOCS / "reference").rglob("*.md"):
        found.update(_AUTOMODULE.findall(page.read_text(encoding="utf-8")))
    return found


def test_every_public_module_has_a_reference_page() -> None:
    """Each importable public module appears in an ``automodule`` directive under
    docs/reference/, so the reference lists all of the public API."""
    missing = sorted(_public_modules() - _documented_modules())
    assert missing == [], f"modules without a reference page under docs/reference/: {missing}"


def test_reference_pages_name_existing_modules() -> None:
    """No reference page documents a module that does not exist (a renamed or removed one)."""
    stale = sorted(_documented_modules() - _public_modules())
    assert stale == [], f"reference pages for modules that do not exist: {stale}"
