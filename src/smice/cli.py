"""The ``smice`` command line (stub; replaced as the CLI grows)."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    del argv
    return 0
