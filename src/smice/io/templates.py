"""Loading arena templates: bundled ones, files and mappings, with ``extends``.

How ``extends`` merges a template (the *child*) onto the one it extends (the *parent*):

1. ``smice``, ``id``, ``version`` and ``extends`` are the child's own.
2. Objects merge key by key, recursively.
3. Arrays of objects that carry a key (``id``; ``variant`` for phase plans; ``name`` for
   criteria) merge item by item: parent items keep their place, a child item with the same key
   merges into it, new child items are appended in the child's order.
4. Any other array (``transitions``, ``levels``, ...) and every scalar given by the child
   replaces the parent's.

A template may extend one that extends another; a cycle of ``extends`` is an
:class:`~smice.errors.InvalidDefinition`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from typing import Any, Final

from smice.domain import ArenaTemplate, merge_templates
from smice.errors import DocumentError, DocumentInvalid
from smice.io._convert import structure
from smice.io._extends import bundled_documents, read_document, read_parent, resolve_extends
from smice.io.schemas import validate
from smice.process import check_template

__all__ = ["TEMPLATE_FORMAT", "bundled_templates", "load_template", "merge_templates"]


#: The value of the ``smice`` member that marks a template document.
TEMPLATE_FORMAT: Final = "template/1"
_REQUIRED_AFTER_MERGE: Final = ("title", "phase_plans")

TemplateSource = str | os.PathLike[str] | Mapping[str, Any]


def bundled_templates() -> tuple[str, ...]:
    """The references of the templates that ship with smice, sorted.

    Examples
    --------
    >>> "smice/base" in bundled_templates()
    True
    """
    return tuple(sorted(bundled_documents("templates")))


def _read(
    source: TemplateSource, library: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, Any], str | None]:
    return read_document(source, library, folder="templates", kind="template", what="template")


def load_template(
    source: TemplateSource, *, library: Mapping[str, Mapping[str, Any]] | None = None
) -> ArenaTemplate:
    """Load a template from a bundled reference, a JSON file or a mapping.

    ``extends`` is resolved against *library* (template documents by id), then the bundled
    templates, and merged as described in :mod:`smice.io.templates`.

    Parameters
    ----------
    source : str, path or mapping
        A bundled reference such as ``"smice/base"``, a path to a JSON file, or a document.
    library : mapping, optional
        Further template documents by id, for ``extends`` (and for *source* by id).

    Raises
    ------
    smice.errors.DocumentInvalid
        When a document is not valid against the template schema (after merging, too).
    smice.errors.InvalidDefinition
        When ``extends`` forms a cycle or the merged template does not make sense.
    smice.errors.NotFound
        When a reference names no known template.

    Examples
    --------
    >>> base = load_template("smice/base")
    >>> base.id, str(base.default_variant), base.phase_plan().phase_ids
    ('smice/base', '5-D', ('define', 'discover', 'dream', 'design', 'destiny', 'review'))
    >>> rural = load_template("smice/rural-community")
    >>> rural.extends, rural.parameters["stall_days"]
    ('smice/base', 120)

    .. versionadded:: 0.1.0
    """
    if not library and isinstance(source, str) and source in bundled_documents("templates"):
        return _load_bundled(source)
    return _load(source, dict(library or {}))


@cache
def _load_bundled(ref: str) -> ArenaTemplate:
    # Templates are immutable values: a bundled one is read and checked once per process.
    return _load(ref, {})


def _load(source: TemplateSource, extra: dict[str, Mapping[str, Any]]) -> ArenaTemplate:
    document, origin = _read(source, extra)
    merged = resolve_extends(
        document,
        lambda ref, where: read_parent(
            ref, where, extra, folder="templates", kind="template", what="template"
        ),
        merge_templates,
        "template",
        origin,
    )
    missing = [key for key in _REQUIRED_AFTER_MERGE if key not in merged]
    if missing:
        errors = [
            DocumentError(
                "", f"expected the key {key!r} (in the template or one it extends)", "required"
            )
            for key in missing
        ]
        raise DocumentInvalid("template", errors, origin)
    validate(merged, "template", source=origin)
    body = {key: value for key, value in merged.items() if key != "smice"}
    return check_template(structure(body, ArenaTemplate, "template", origin))
