"""Sphinx configuration for the smice documentation.

The build must work offline and with ``-W -n`` (warnings are errors, every cross-reference must
resolve):

- Python's inventory is committed (``_inv/python.inv``, from Debian's ``python3.11-doc``) and is
  the only intersphinx source, so nothing is fetched.
- Names of third-party libraries that have no committed inventory are listed in
  :data:`nitpick_ignore_regex`.
- smice re-exports its public names (``smice.load_arena`` is ``smice.io.arenas.load_arena``).
  Each object is documented once, in the module that defines it; :func:`_resolve_alias` makes
  every other public path of the same object (and the private path a type hint may carry)
  resolve to that one description.
"""

from __future__ import annotations

import enum
import importlib
import logging
import re
import sys
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.ext import intersphinx
from sphinx.util.nodes import make_refnode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:  # the docs also build without an installed smice
    sys.path.insert(0, str(ROOT / "src"))

import smice  # noqa: E402

project = "smice"
author = "smice developers"
copyright = "2025, smice developers"
version = release = smice.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx.ext.intersphinx",
    "sphinx_copybutton",
]

# Copy buttons copy commands, not prompts or output: ">>> " and "... " of doctests, "$ " of
# shell sessions.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_inv", "Thumbs.db", ".DS_Store", "**/.pytest_cache"]
language = "en"

# MyST
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Every reference must resolve.
nitpicky = True
nitpick_ignore_regex = [
    # Third-party libraries without a committed inventory.
    (
        r"py:.*",
        r"(attrs|attr|cattrs|jsonschema|referencing|networkx|nx|numpy|np|scipy|pandas|pd)(\..*)?",
    ),
    # numpydoc's informal type words.
    (
        r"py:.*",
        r"hashable|callable|iterable|optional|array-like|scalar|number|value|fact id|text"
        r"|language|networkx graph|collection",
    ),
    # Private classes of the standard library named in annotations.
    (r"py:.*", r"(argparse|concurrent\.futures\._base)\._?\w+"),
    # Type aliases that autodoc renders by name.
    (r"py:.*", r"Unconsented"),
    # Private helpers named in type hints of public functions.
    (r"py:.*", r"smice(\.\w+)*\._\w+"),
    # Type variables of generic classes and aliases.
    (r"py:.*", r"(smice\..*\.)?[KVT]"),
]

# Python's inventory, committed so the build never goes online.
intersphinx_mapping = {"python": ("https://docs.python.org/3.11", ("_inv/python.inv",))}
intersphinx_timeout = 1

# autodoc and napoleon (numpydoc style)
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
# Pages that document classes whose bases matter (errors, vocabularies) ask for
# ``:show-inheritance:``; the attrs values of the domain have none worth showing.
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_preprocess_types = True
napoleon_use_rtype = False
napoleon_type_aliases = {
    "path": ":term:`path-like object <python:path-like object>`",
    "mapping": ":class:`~collections.abc.Mapping`",
    "iterable": ":class:`~collections.abc.Iterable`",
    "sequence": ":class:`~collections.abc.Sequence`",
}

# HTML
html_theme = "furo"
html_title = f"smice {release}"
html_static_path: list[str] = []


_MISSING = object()
# Identity of each documented smice object -> (docname, node id, name); filled once all pages
# are read, emptied when the environment changes.
_DOCUMENTED: dict[int, tuple[str, str, str]] = {}


def _import(dotted: str) -> Any:
    """The object a dotted name refers to, or ``_MISSING``."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            obj = getattr(obj, attribute, _MISSING)
            if obj is _MISSING:
                return _MISSING
        return obj
    return _MISSING


def _identifiable(obj: Any) -> bool:
    # Numbers, strings, None and () may be shared by unrelated names (interning, small ints);
    # enumeration members are unique even when they are strings.
    if isinstance(obj, enum.Enum):
        return True
    if isinstance(obj, tuple):
        return bool(obj)
    return obj is not None and not isinstance(obj, int | float | complex | str | bytes)


def _documented(env: BuildEnvironment) -> dict[int, tuple[str, str, str]]:
    """Map the identity of every documented smice object to (docname, node id, name)."""
    cache = _DOCUMENTED
    if not cache:
        for name, entry in env.domains["py"].objects.items():
            if not name.startswith("smice") or entry.aliased:
                continue
            obj = _import(name)
            if obj is not _MISSING and _identifiable(obj):
                cache.setdefault(id(obj), (entry.docname, entry.node_id, name))
    return cache


def _resolve_alias(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """Resolve another public (or private) path of a documented smice object."""
    if node.get("refdomain") != "py":
        return None
    target: str = node["reftarget"].lstrip(".~")
    candidates = [target]
    module = node.get("py:module")
    if module:
        candidates.append(f"{module}.{target}")
        cls = node.get("py:class")
        if cls:
            candidates.append(f"{module}.{cls}.{target}")
    for candidate in candidates:
        if not candidate.startswith("smice"):
            continue
        obj = _import(candidate)
        if obj is _MISSING or not _identifiable(obj):
            continue
        found = _documented(env).get(id(obj))
        if found is not None:
            docname, node_id, name = found
            return make_refnode(app.builder, node["refdoc"], docname, node_id, contnode, name)
        # A name smice imported from elsewhere (``StrEnum`` in a string annotation): resolve
        # it by its canonical name, in this project or in Python's inventory.
        module_name = getattr(obj, "__module__", None)
        qualname = getattr(obj, "__qualname__", None)
        if not isinstance(module_name, str) or not isinstance(qualname, str):
            continue
        canonical = f"{module_name}.{qualname}"
        if canonical.startswith("smice") or canonical == candidate:
            continue
        retry = node.deepcopy()
        retry["reftarget"] = canonical
        python = env.domains["py"]
        resolved = python.resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], canonical, retry, contnode
        ) or intersphinx.missing_reference(app, env, retry, contnode)
        if resolved is not None:
            return resolved
    return None


_DIRECTIVE = re.compile(r"^\.\. [A-Za-z][\w-]*::")
_INLINE_TYPED = frozenset({"attribute", "data", "property"})


def _before_napoleon(  # noqa: PLR0917 - the signature of the Sphinx event
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Adjust docstrings written for readers so napoleon keeps their meaning.

    - napoleon reads the first line of an attribute, data or property docstring as
      ``type: description``, so ``The current phase: the phase of the last visit.`` would lose
      its first half. Types come from the annotations here; a leading ``: `` tells napoleon
      there is no inline type.
    - A directive such as ``.. versionadded::`` placed after a ``Raises`` section would become
      part of that section; two blank lines end a numpy section, so one is added before it.
    """
    if what in _INLINE_TYPED:
        for index, line in enumerate(lines):
            if line.strip():
                lines[index] = ": " + line
                break
        return
    # Numbered footnotes ([1]_ / .. [1]) are page-wide labels in docutils: several functions
    # on one page citing [1] would clash, so each gets an auto-numbered label with its name.
    prefix = name.rsplit(".", 1)[-1].strip("_") or "ref"
    fixed: list[str] = []
    for line in lines:
        if _DIRECTIVE.match(line) and fixed and fixed[-1] == "" and fixed[-2:-1] != [""]:
            fixed.append("")
        labelled = _CITATION.sub(lambda m: f".. [#{prefix}-{m.group(1)}]", line)
        fixed.append(_CITED.sub(lambda m: f"[#{prefix}-{m.group(1)}]_", labelled))
    lines[:] = fixed


_CITATION = re.compile(r"^\s*\.\. \[(\d+)\]")
_CITED = re.compile(r"\[(\d+)\]_")


def _forget(app: Sphinx, env: BuildEnvironment) -> None:
    _DOCUMENTED.clear()


class _QuietEmptyGlob(logging.Filter):
    """Let a section's ``*`` glob match nothing.

    Section indexes list their first pages in reading order and glob the rest, so that a page
    added later is picked up; while there is no such page the glob matches nothing. Sphinx
    warns about that without a warning type, so ``suppress_warnings`` cannot silence it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "subtype", None) != "empty_glob"


#: Figures written at build time into ``docs/_generated/`` (not committed): every picture in
#: the docs is drawn by the code it documents, from the example documents.
FIGURE_ARENAS = {
    "jamtland-trondelag": ROOT / "examples" / "arenas" / "jamtland-trondelag.json",
    "tutorial": ROOT / "examples" / "arenas" / "tutorial.json",
}


def _write_figures(app: Sphinx) -> None:
    """Draw the figures the pages show, before any page is read."""
    from smice.io import load_arena, load_template  # noqa: PLC0415
    from smice.process import to_svg  # noqa: PLC0415
    from smice.report import network_svg, timeline_svg  # noqa: PLC0415

    out = Path(app.srcdir) / "_generated"
    out.mkdir(exist_ok=True)
    figures: dict[str, str] = {}
    template = load_template("smice/base")
    for variant in template.variants:
        figures[f"phase-machine-{variant}.svg"] = to_svg(template, variant=variant)
    for name, path in FIGURE_ARENAS.items():
        arena = load_arena(path)
        figures[f"network-{name}.svg"] = network_svg(arena)
        figures[f"timeline-{name}.svg"] = timeline_svg(arena)
    for filename, svg in figures.items():
        target = out / filename
        # Rewrite only what changed, so incremental builds stay incremental.
        if not target.exists() or target.read_text(encoding="utf-8") != svg:
            target.write_text(svg, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the alias resolver, the docstring fixes and the figure writer."""
    app.connect("builder-inited", _write_figures)
    app.connect("missing-reference", _resolve_alias, priority=600)
    app.connect("autodoc-process-docstring", _before_napoleon, priority=400)
    app.connect("env-updated", _forget)
    logging.getLogger("sphinx.sphinx.directives.other").addFilter(_QuietEmptyGlob())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
