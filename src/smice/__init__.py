"""smice: the SMICE method as a library.

An arena template (domain model), an Appreciative Inquiry phase machine, stakeholder network
graphs and policy-recommendation rules, for regions, local communities and companies or
clusters working toward a circular economy.

Examples
--------
>>> import smice
>>> template = smice.load_template("smice/base")
>>> template.phase_plan().phase_ids
('define', 'discover', 'dream', 'design', 'destiny', 'review')
"""

from smice import indicators, network, policy, process
from smice.domain import Arena, ArenaTemplate
from smice.errors import (
    DocumentError,
    DocumentInvalid,
    EventRefused,
    InvalidDefinition,
    InvalidValue,
    JournalConflict,
    NotFound,
    SmiceError,
    UnknownId,
)
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
    "ArenaTemplate",
    "Assessment",
    "DocumentError",
    "DocumentInvalid",
    "EventRefused",
    "InvalidDefinition",
    "InvalidValue",
    "Journal",
    "JournalConflict",
    "NotFound",
    "SmiceError",
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
