"""``smice demo [ARENA]``: the main job end to end on the example arena."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Final

from smice.domain import Language
from smice.errors import NotFound
from smice.io import load_arena
from smice.report import summarize

#: The example arena, relative to the repository root.
EXAMPLE: Final = Path("examples/arenas/jamtland-trondelag.json")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` subcommand."""
    parser = commands.add_parser(
        "demo",
        help="load the example arena and summarise it",
        description="Load an arena (the Jämtland–Trøndelag example by default), check it and "
        "print a readable summary.",
    )
    parser.add_argument("arena", nargs="?", type=Path, default=EXAMPLE, help="an arena file")
    parser.add_argument("--lang", choices=[str(lang) for lang in Language], default="en")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load, check and summarise the arena."""
    path: Path = args.arena
    if not path.exists():
        raise NotFound("arena file", str(path))
    arena = load_arena(path)
    print(summarize(arena, language=args.lang))
    return 0
