"""Documents ⇄ domain: JSON Schemas, validation, loading and saving.

.. versionadded:: 0.1.0
"""

from smice.io.arenas import ARENA_FORMAT, dump_arena, load_arena, save_arena
from smice.io.schemas import KINDS, iter_errors, schema, validate
from smice.io.templates import TEMPLATE_FORMAT, bundled_templates, load_template, merge_templates

__all__ = [
    "ARENA_FORMAT",
    "KINDS",
    "TEMPLATE_FORMAT",
    "bundled_templates",
    "dump_arena",
    "iter_errors",
    "load_arena",
    "load_template",
    "merge_templates",
    "save_arena",
    "schema",
    "validate",
]
