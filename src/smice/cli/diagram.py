"""``smice diagram TEMPLATE [--format mermaid|dot|svg] [--variant V]``: a phase plan as text
or as an SVG picture."""

from __future__ import annotations

import argparse

from smice.cli.assess import write_output
from smice.io import load_template
from smice.process import check_template, to_dot, to_mermaid, to_svg


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``diagram`` subcommand."""
    parser = commands.add_parser(
        "diagram",
        help="print a template's phase plan as a Mermaid, DOT or SVG diagram",
        description="Print the phase plan of a template (a bundled reference such as "
        "smice/base, or a file) as a Mermaid stateDiagram-v2, a Graphviz digraph or an SVG "
        "picture, with "
        "the exit criteria as notes.",
    )
    parser.add_argument("template", help="a bundled template reference or a template file")
    parser.add_argument("--format", choices=("mermaid", "dot", "svg"), default="mermaid")
    parser.add_argument("--variant", help="the cycle variant (default: the template's)")
    parser.add_argument("--lang", choices=("en", "nb", "sv"), default="en")
    parser.add_argument("--out", "-o", help="write to this file instead of standard output")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the diagram; return the exit code."""
    template = check_template(load_template(args.template))
    if args.format == "svg":
        text = to_svg(template, variant=args.variant, language=args.lang)
    else:
        render = to_mermaid if args.format == "mermaid" else to_dot
        text = render(template, variant=args.variant)
    if args.out:
        write_output(text, args.out)
    else:
        print(text, end="")
    return 0
