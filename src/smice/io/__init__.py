"""Documents ⇄ domain: JSON Schemas, validation, loading and saving.

.. versionadded:: 0.1.0
"""

from smice.io.arenas import ARENA_FORMAT, dump_arena, load_arena, save_arena
from smice.io.events import event_to_document, load_event
from smice.io.experiments import load_experiment_document
from smice.io.journal import Journal
from smice.io.rulesets import (
    bundled_rulesets,
    dump_ruleset,
    load_fact_catalogue,
    load_ruleset,
)
from smice.io.schemas import KINDS, iter_errors, schema, validate
from smice.io.templates import TEMPLATE_FORMAT, bundled_templates, load_template, merge_templates

__all__ = [
    "ARENA_FORMAT",
    "KINDS",
    "TEMPLATE_FORMAT",
    "Journal",
    "bundled_rulesets",
    "bundled_templates",
    "dump_arena",
    "dump_ruleset",
    "event_to_document",
    "iter_errors",
    "load_arena",
    "load_event",
    "load_experiment_document",
    "load_fact_catalogue",
    "load_ruleset",
    "load_template",
    "merge_templates",
    "save_arena",
    "schema",
    "validate",
]
