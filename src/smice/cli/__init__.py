"""The ``smice`` command line.

Each subcommand lives in its own module exposing ``register(subparsers)``, which adds an
:mod:`argparse` parser whose ``run`` default takes the parsed arguments and returns the exit
code. Exit codes: 0 ok, 1 findings or refused, 2 bad input. Errors are one line on stderr,
never a traceback.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Final, NoReturn, TypeAlias

from smice.cli._output import VisibleStream, one_line
from smice.errors import SmiceError

__all__ = ["EXIT_BAD_INPUT", "EXIT_FINDINGS", "EXIT_OK", "main"]

EXIT_OK: Final = 0
EXIT_FINDINGS: Final = 1
EXIT_BAD_INPUT: Final = 2

#: What a subcommand module's ``register`` receives.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

# Each subcommand: its name, the module that registers it, and its one-line help (which that
# module's parser repeats; tests/cli/test_lazy.py keeps the two equal). A module is imported
# only when its command runs, so `smice --help` loads no analysis code (benchmarks/io.py,
# import).
_COMMANDS: Final = (
    ("demo", "_demo", "replay the example journal, assess the arena and write an HTML report"),
    ("validate", "_validate", "check a document (arena, template, event, rule set, experiment)"),
    ("replay", "replay", "replay a journal and print the arena it describes"),
    ("diagram", "diagram", "print a template's phase plan as a Mermaid, DOT or SVG diagram"),
    ("cycle", "cycle", "inspect an AI cycle"),
    (
        "network",
        "network",
        "measure, export and suggest contacts in an arena's stakeholder network",
    ),
    ("rules", "rules", "lint a rule set, run its embedded tests or evaluate it on facts"),
    ("experiment", "experiment", "run simulation experiments and summarize their results"),
    ("assess", "assess", "measure an arena and recommend policy instruments"),
    ("explain", "explain", "explain why a rule fired or did not"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, like every other error; the usage is one --help away.
        print(f"smice: error: {one_line(message)} (see '{self.prog} --help')", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser(*, only: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand, or with only the subcommands *only* in full
    (the others listed by name and help, their modules not imported)."""
    wanted = None if only is None else set(only)
    parser = _Parser(prog="smice", description="The SMICE method as a library and a tool.")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    commands: Commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser
    )
    commands.required = True
    for name, module, help_ in _COMMANDS:
        if wanted is None or name in wanted:
            register: Callable[[Commands], None] = importlib.import_module(
                f"smice.cli.{module}"
            ).register
            register(commands)
        else:
            commands.add_parser(name, help=help_, add_help=False)
    return parser


def _fail(message: str) -> int:
    print(f"smice: error: {one_line(message)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (``sys.argv[1:]`` by default); return the exit code.

    Whatever the command prints goes through ``smice.cli._output.visible``, so control
    characters in names show as escapes (``\\x1b``) instead of acting on the terminal.
    """
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(stdout), VisibleStream(stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: Sequence[str] | None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    chosen = next((a for a in arguments if not a.startswith("-")), None)
    parser = build_parser(only=[] if chosen is None else [chosen])
    try:
        args = parser.parse_args(arguments)
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except SystemExit as exit_:
        return int(exit_.code) if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    except SmiceError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        print("smice: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except (OSError, RecursionError, MemoryError) as error:
        return _fail(_describe(error))


def _describe(error: OSError | RecursionError | MemoryError) -> str:
    # A last line of defence: the commands map the errors they expect to SmiceErrors.
    if isinstance(error, OSError):
        from smice.io._files import storage_error  # noqa: PLC0415  (only on this path)

        where = error.filename if error.filename is not None else "a file"
        return str(storage_error("use", str(where), error))
    return f"the input is too large or too deeply nested ({type(error).__name__})"
