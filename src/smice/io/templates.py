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
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

from smice.domain import ArenaTemplate, merge_templates
from smice.domain.templates import TEMPLATE_REF_PATTERN
from smice.errors import DocumentError, DocumentInvalid, InvalidDefinition, NotFound
from smice.io._convert import structure
from smice.process import check_template
from smice.io._guard import parse_json, plain_json, read_json_file
from smice.io.schemas import PARTIAL_TEMPLATE, validate

__all__ = ["TEMPLATE_FORMAT", "bundled_templates", "load_template", "merge_templates"]


#: The value of the ``smice`` member that marks a template document.
TEMPLATE_FORMAT: Final = "template/1"
_REF: Final = re.compile(TEMPLATE_REF_PATTERN)
_REQUIRED_AFTER_MERGE: Final = ("title", "phase_plans")

TemplateSource = str | os.PathLike[str] | Mapping[str, Any]


@cache
def _bundled() -> dict[str, str]:
    folder = resources.files("smice") / "templates"
    found: dict[str, str] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            found[f"smice/{entry.name.removesuffix('.json')}"] = entry.read_text("utf-8")
    return found


def bundled_templates() -> tuple[str, ...]:
    """The references of the templates that ship with smice, sorted.

    Examples
    --------
    >>> "smice/base" in bundled_templates()
    True
    """
    return tuple(sorted(_bundled()))


def _read(
    source: TemplateSource, library: Mapping[str, Mapping[str, Any]]
) -> tuple[Mapping[str, Any], str | None]:
    name: str | None
    if isinstance(source, Mapping):
        document: object = plain_json(source, "template")
        name = None
    elif not isinstance(source, str | os.PathLike):
        message = (
            f"expected a template reference, a path or a document, got a <{type(source).__name__}>"
        )
        raise DocumentInvalid("template", [DocumentError("", message, "type")])
    elif (name := os.fspath(source)) in library:
        document = plain_json(library[name], "template", name)
    elif name in _bundled():
        document = parse_json(_bundled()[name], "template", name)
    elif Path(name).is_file() or not _REF.match(name):
        document = read_json_file(name, "template")
    else:
        raise NotFound("template", name, (*bundled_templates(), *sorted(library)))
    extending = isinstance(document, Mapping) and "extends" in document
    validate(document, PARTIAL_TEMPLATE if extending else "template", source=name)
    assert isinstance(document, Mapping)
    return document, name


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
    if not library and isinstance(source, str) and source in _bundled():
        return _load_bundled(source)
    return _load(source, dict(library or {}))


@cache
def _load_bundled(ref: str) -> ArenaTemplate:
    # Templates are immutable values: a bundled one is read and checked once per process.
    return _load(ref, {})


def _load(source: TemplateSource, extra: dict[str, Mapping[str, Any]]) -> ArenaTemplate:
    document, origin = _read(source, extra)
    chain = [str(document["id"])]
    merged: dict[str, Any] = dict(document)
    while "extends" in document:
        parent_ref = str(document["extends"])
        if parent_ref in chain:
            raise InvalidDefinition(
                f"template {chain[0]!r}",
                [f"'extends' forms a cycle: {' -> '.join([*chain, parent_ref])}"],
            )
        chain.append(parent_ref)
        document, _ = _read(parent_ref, extra)
        merged = merge_templates(document, merged)
        merged["extends"] = chain[1]
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
