"""The layers of DESIGN.md hold: every import in ``src/smice`` points down.

::

    L6  smice.cli
    L5  smice.report                           (loads rule sets by reference through io)
    L4  smice.io | smice.experiments
    L3  smice.indicators
    L2  smice.process | smice.network | smice.policy
    L1  smice.domain                   (attrs + the standard library only)
    L0  smice.errors | smice._types

Siblings on one line do not import each other. No file imports a private name (an ``_module``
or an ``_object``) of another package (``smice._types`` is the L0 layer itself, not a private
module), and no modules import each other, directly or round a longer circle.
``jsonschema``/``referencing`` are imported only in ``smice.io``; ``networkx`` only in
``smice.network``, ``smice.process`` and ``smice.indicators``. The top-level package
(``smice/__init__.py``, ``smice/__main__.py``) assembles the public API and may import
anything; nothing inside may import it back.

Imports are read with :mod:`ast`, so imports inside functions and under ``TYPE_CHECKING``
count too: a dependency is a dependency.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

LAYERS: dict[str, int] = {
    "errors": 0,
    "_types": 0,
    "domain": 1,
    "process": 2,
    "network": 2,
    "policy": 2,
    "indicators": 3,
    "examples": 3,
    "io": 4,
    "experiments": 4,
    "report": 5,
    "cli": 6,
}
#: Modules of the top-level package that may import anything.
FREE = {"smice", "smice.__main__"}
#: Third-party packages and the components allowed to import them.
RESTRICTED = {
    "jsonschema": {"io"},
    "jsonschema_rs": {"io"},
    "referencing": {"io"},
    "networkx": {"network", "process", "indicators"},
}
#: The domain is attrs and the standard library only.
DOMAIN_ALLOWED = {"attrs"}


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """Yield (line, absolute module name) for every import in *tree*."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "smice":
                # 'from smice import errors' imports a submodule; anything else is the API.
                for alias in node.names:
                    name = f"smice.{alias.name}"
                    yield node.lineno, name if alias.name in LAYERS else "smice"
            else:
                yield node.lineno, target


def _component(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "smice" else None


def layer_violations(src: Path) -> list[str]:
    """Every import under ``src/smice`` that breaks the layering, as readable lines."""
    found: list[str] = []
    for path in sorted((src / "smice").rglob("*.py")):
        module = _module_name(path, src)
        where = path.relative_to(src)
        if module in FREE:
            continue
        own = _component(module)
        if own not in LAYERS:
            found.append(f"{where}: module {module} belongs to no layer of DESIGN.md")
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, target in _imports(tree, module, path.name == "__init__.py"):
            top = target.split(".")[0]
            if top == "smice":
                other = _component(target)
                if other is None:
                    found.append(f"{where}:{line}: imports the top-level package smice")
                elif other not in LAYERS:
                    found.append(f"{where}:{line}: imports {target}, which belongs to no layer")
                elif other != own and LAYERS[other] > LAYERS[own]:
                    found.append(
                        f"{where}:{line}: upward import of {target} "
                        f"(L{LAYERS[other]}) from smice.{own} (L{LAYERS[own]})"
                    )
                elif other != own and LAYERS[other] == LAYERS[own]:
                    found.append(
                        f"{where}:{line}: sideways import of {target} from its sibling "
                        f"smice.{own} (both L{LAYERS[own]})"
                    )
            elif top in RESTRICTED and own not in RESTRICTED[top]:
                allowed = ", ".join(f"smice.{c}" for c in sorted(RESTRICTED[top]))
                found.append(f"{where}:{line}: imports {top}, allowed only in {allowed}")
            elif (
                own == "domain"
                and top not in sys.stdlib_module_names
                and top not in DOMAIN_ALLOWED
                and top != "__future__"
            ):
                found.append(f"{where}:{line}: the domain imports {top} (attrs + stdlib only)")
    return found


def test_src_follows_the_layers() -> None:
    assert layer_violations(SRC) == []


#: Private reach-ins known and owned elsewhere, to be removed (package, imported module):
#: the CLI reads JSON and writes files through io's guarded helpers (helper ``hostile`` owns
#: both sides); every other package keeps to the public names.
KNOWN_REACH_INS: frozenset[tuple[str, str]] = frozenset(
    {("smice.cli", "smice.io._guard"), ("smice.cli", "smice.io._files")}
)


def _modules(src: Path) -> dict[str, Path]:
    return {_module_name(p, src): p for p in sorted((src / "smice").rglob("*.py"))}


def _is_private(part: str) -> bool:
    return part.startswith("_") and not part.startswith("__")


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def _from_imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str, str]]:
    """Yield (line, absolute module, imported name or '') for every import in *tree*."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, ""
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                yield node.lineno, target, alias.name


def private_reach_ins(src: Path) -> list[str]:
    """Every import of a private module or object of another package, as readable lines."""
    modules = _modules(src)
    found: list[str] = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        own = _package(module)
        for line, target, name in _from_imports(tree, module, path.name == "__init__.py"):
            if not target.startswith("smice.") or _package(target) == own:
                continue
            if target == "smice._types" or target.startswith("smice._types."):
                continue  # the L0 layer, private-named but meant to be imported
            full = f"{target}.{name}" if name and f"{target}.{name}" in modules else target
            private_module = any(_is_private(p) for p in full.split(".")[1:])
            private_name = bool(name) and full == target and _is_private(name)
            if not (private_module or private_name):
                continue
            if (own, full) in KNOWN_REACH_INS:
                continue
            what = f"{target}.{name}" if private_name else full
            found.append(
                f"{path.relative_to(src)}:{line}: imports {what}, private to {_package(full)}"
            )
    return found


def import_cycles(src: Path) -> list[list[str]]:
    """The modules under ``src/smice`` that import each other (directly or in a circle)."""
    modules = _modules(src)
    graph = nx.DiGraph()
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for _, target, name in _from_imports(tree, module, path.name == "__init__.py"):
            if not target.startswith("smice"):
                continue
            sub = f"{target}.{name}"
            graph.add_edge(module, sub if sub in modules else target)
    return sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)


def test_no_file_imports_a_private_name_of_another_package() -> None:
    assert private_reach_ins(SRC) == []


def test_no_modules_import_each_other() -> None:
    assert import_cycles(SRC) == []


def test_every_top_level_module_has_a_layer() -> None:
    for entry in (SRC / "smice").iterdir():
        name = entry.stem if entry.suffix == ".py" else entry.name
        if entry.suffix == ".py" or (entry / "__init__.py").exists():
            assert name in LAYERS or f"smice.{name}" in FREE or name == "__init__", name


# ---------------------------------------------------------------------------- the checker


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "smice" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


CLEAN = {
    "__init__.py": "from smice.cli import main\nfrom smice.io import load_arena\n",
    "__main__.py": "import smice.cli\n",
    "errors.py": "from collections.abc import Sequence\n",
    "_types.py": "import re\n",
    "domain/__init__.py": "from smice.domain.arena import Arena\n",
    "domain/arena.py": "import attrs\nfrom smice.errors import SmiceError\n"
    "from smice._types import StakeholderId\nfrom . import other\n",
    "domain/other.py": "from smice.errors import SmiceError\n",
    "network/graphs.py": "import networkx as nx\nfrom smice.domain import Arena\n",
    "process/machine.py": "import networkx\nfrom ..domain import arena\n",
    "indicators/facts.py": "import networkx\nfrom smice.network import graphs\n"
    "from smice.process import machine\n",
    "io/schemas.py": "import jsonschema\nimport referencing\nimport cattrs\n"
    "from smice.indicators import facts\nfrom smice import errors\n",
    "cli/__init__.py": "from smice.io import schemas\nfrom smice.experiments import run\n",
    "experiments/run.py": "from smice.indicators import facts\n",
}


def test_checker_passes_a_clean_tree(tmp_path: Path) -> None:
    root = _tree(tmp_path, CLEAN)
    assert layer_violations(root) == []
    assert private_reach_ins(root) == []
    assert import_cycles(root) == []


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("domain/bad.py", "from smice.io import load_arena\n", "domain/bad.py:1: upward"),
        ("domain/bad.py", "def f():\n    from smice.cli import main\n", "domain/bad.py:2: upward"),
        ("io/bad.py", "from ..cli import main\n", "io/bad.py:1: upward import of smice.cli"),
        ("network/bad.py", "import smice.process.machine\n", "network/bad.py:1: sideways"),
        ("io/bad.py", "from smice.report import x\n", "io/bad.py:1: upward"),
        ("errors.py", "from smice._types import X\n", "errors.py:1: sideways"),
        ("policy/bad.py", "import networkx\n", "policy/bad.py:1: imports networkx"),
        ("cli/bad.py", "from jsonschema import validate\n", "cli/bad.py:1: imports jsonschema"),
        ("domain/bad.py", "import referencing.jsonschema\n", "domain/bad.py:1: imports refer"),
        ("domain/bad.py", "import cattrs\n", "domain/bad.py:1: the domain imports cattrs"),
        ("domain/bad.py", "from smice import load_arena\n", "domain/bad.py:1: imports the top"),
        ("io/bad.py", "import smice\n", "io/bad.py:1: imports the top-level package"),
        ("gadgets.py", "import json\n", "gadgets.py: module smice.gadgets belongs to no layer"),
        ("cli/bad.py", "import smice.gadgets\n", "cli/bad.py:1: imports smice.gadgets, which"),
        (
            "domain/bad.py",
            "import typing\nif typing.TYPE_CHECKING:\n    from smice.policy import R\n",
            "domain/bad.py:3: upward",
        ),
    ],
)
def test_checker_catches_a_planted_violation(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    root = _tree(tmp_path, {**CLEAN, name: text})

    found = layer_violations(root)

    assert len(found) == 1, found
    assert found[0].startswith(f"smice/{expected}"), found


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("process/bad.py", "from smice.domain._frozen import X\n", "imports smice.domain._frozen"),
        (
            "process/bad.py",
            "from smice.domain.arena import _hidden\n",
            "imports smice.domain.arena._hidden",
        ),
        ("process/bad.py", "import smice.io._guard\n", "imports smice.io._guard"),
        ("report/bad.py", "from smice.io import _guard\n", "imports smice.io._guard"),
    ],
)
def test_reach_in_checker_catches_a_planted_import(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    files = {**CLEAN, "io/_guard.py": "X = 1\n", name: text}
    found = private_reach_ins(_tree(tmp_path, files))
    assert len(found) == 1, found
    assert found[0].startswith(f"smice/{name}:1: {expected}"), found


def test_reach_in_checker_allows_its_own_package_and_the_types_layer(tmp_path: Path) -> None:
    files = {
        **CLEAN,
        "process/_engine.py": "X = 1\n",
        "process/fold.py": "from smice.process._engine import X\nfrom smice._types import Y\n",
    }
    assert private_reach_ins(_tree(tmp_path, files)) == []


def test_cycle_checker_finds_two_modules_and_a_longer_circle(tmp_path: Path) -> None:
    files = {
        **CLEAN,
        "process/a.py": "from smice.process.b import X\n",
        "process/b.py": "from smice.process import a\n",
        "io/x.py": "import smice.io.y\n",
        "io/y.py": "from .z import W\n",
        "io/z.py": "if TYPE_CHECKING:\n    from smice.io.x import V\n",
    }
    assert import_cycles(_tree(tmp_path, files)) == [
        ["smice.io.x", "smice.io.y", "smice.io.z"],
        ["smice.process.a", "smice.process.b"],
    ]
