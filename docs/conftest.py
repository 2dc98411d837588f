"""Run every example of the documentation pages under pytest, with Sybil.

In MyST pages, a ```` ```python ```` block whose lines start with ``>>>`` is a doctest; other
Python blocks are executed as they are. ``% skip: next`` (and the other forms of Sybil's skip
directive) leaves an example out.

Examples run with the repository root as the working directory, so pages use paths such as
``examples/arenas/tutorial.json`` exactly as a reader in a checkout would. Every page has a
namespace of its own.
"""

from __future__ import annotations

import doctest
import os
from pathlib import Path
from typing import Any

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser

#: The repository root: the working directory of every example.
ROOT = Path(__file__).resolve().parent.parent

OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# Not doctest modules: conf.py is Sphinx's configuration and this file holds no doctests;
# _build holds build output.
collect_ignore = ["conf.py", "conftest.py", "_build"]


def parsers() -> list[Any]:
    """The parsers for MyST pages: ```python blocks (doctests when they hold ``>>>``) and skips."""
    return [PythonCodeBlockParser(doctest_optionflags=OPTIONFLAGS), SkipParser()]


def _enter_root(namespace: dict[str, Any]) -> None:
    namespace["_smice_previous_cwd"] = os.getcwd()
    os.chdir(ROOT)


def _leave_root(namespace: dict[str, Any]) -> None:
    os.chdir(namespace.pop("_smice_previous_cwd", ROOT))


pytest_collect_file = Sybil(
    parsers=parsers(),
    patterns=["*.md"],
    excludes=["_build/*"],
    setup=_enter_root,
    teardown=_leave_root,
    name="docs",
).pytest()
