"""The ``smice`` command line.

Each subcommand lives in its own module exposing ``register(subparsers)``, which adds an
:mod:`argparse` parser whose ``run`` default takes the parsed arguments and returns the exit
code. Exit codes: 0 ok, 1 findings or refused, 2 bad input. Errors are one line on stderr,
never a traceback.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Final, NoReturn, TypeAlias

from smice.cli import (
    _demo,
    _validate,
    assess,
    cycle,
    diagram,
    experiment,
    explain,
    network,
    replay,
    rules,
)
from smice.errors import SmiceError

__all__ = ["EXIT_BAD_INPUT", "EXIT_FINDINGS", "EXIT_OK", "main"]

EXIT_OK: Final = 0
EXIT_FINDINGS: Final = 1
EXIT_BAD_INPUT: Final = 2

#: What a subcommand module's ``register`` receives.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

_COMMANDS: Final[tuple[Callable[[Commands], None], ...]] = (
    _demo.register,
    _validate.register,
    replay.register,
    diagram.register,
    cycle.register,
    network.register,
    rules.register,
    experiment.register,
    assess.register,
    explain.register,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"smice: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = _Parser(prog="smice", description="The SMICE method as a library and a tool.")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    commands: Commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser
    )
    commands.required = True
    for register in _COMMANDS:
        register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (``sys.argv[1:]`` by default); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except SystemExit as exit_:
        return int(exit_.code) if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    except SmiceError as error:
        print(f"smice: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("smice: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
