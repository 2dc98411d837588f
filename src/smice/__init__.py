"""smice: the SMICE method as a library.

An arena template (domain model), an Appreciative Inquiry phase machine, stakeholder network
graphs and policy-recommendation rules, for regions, local communities and companies or
clusters working toward a circular economy.

``import smice`` loads only the domain values and the errors; the subpackages and the names
they provide (:func:`load_arena`, :func:`assess`, :mod:`smice.network`, ...) are imported on
first use (:pep:`562`), so the command line and small scripts do not pay for jsonschema, scipy
or networkx before they need them.

Examples
--------
>>> import smice
>>> template = smice.load_template("smice/base")
>>> template.phase_plan().phase_ids
('define', 'discover', 'dream', 'design', 'destiny', 'review')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from smice.domain import Arena, ArenaTemplate
from smice.errors import (
    ArenaNotReplayable,
    DocumentError,
    DocumentInvalid,
    EventRefused,
    InvalidDefinition,
    InvalidValue,
    JournalConflict,
    MissingExtra,
    NotFound,
    RuleSyntaxError,
    SmiceError,
    StorageError,
    UnknownId,
)

if TYPE_CHECKING:
    from smice import indicators, network, policy, process
    from smice.io import (
        Journal,
        dump_arena,
        iter_errors,
        load_arena,
        load_ruleset,
        load_template,
        save_arena,
        validate,
    )
    from smice.report import Assessment, assess

__version__ = "0.1.0"

__all__ = [
    "Arena",
    "ArenaNotReplayable",
    "ArenaTemplate",
    "Assessment",
    "DocumentError",
    "DocumentInvalid",
    "EventRefused",
    "InvalidDefinition",
    "InvalidValue",
    "Journal",
    "JournalConflict",
    "MissingExtra",
    "NotFound",
    "RuleSyntaxError",
    "SmiceError",
    "StorageError",
    "UnknownId",
    "__version__",
    "assess",
    "dump_arena",
    "indicators",
    "iter_errors",
    "load_arena",
    "load_ruleset",
    "load_template",
    "network",
    "policy",
    "process",
    "save_arena",
    "validate",
]

# Where each lazily loaded name lives: a subpackage (the name is the module) or a module
# that defines it. Speed: `import smice` 7 s -> well under 1 s (benchmarks/io.py, "import").
_LAZY: Final = {
    "indicators": "smice.indicators",
    "network": "smice.network",
    "policy": "smice.policy",
    "process": "smice.process",
    "Journal": "smice.io",
    "dump_arena": "smice.io",
    "iter_errors": "smice.io",
    "load_arena": "smice.io",
    "load_ruleset": "smice.io",
    "load_template": "smice.io",
    "save_arena": "smice.io",
    "validate": "smice.io",
    "Assessment": "smice.report",
    "assess": "smice.report",
}


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'smice' has no attribute {name!r}")
    module = importlib.import_module(where)
    value = module if where == f"smice.{name}" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
