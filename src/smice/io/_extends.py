"""Resolving ``extends`` chains of documents (templates, rule sets)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

from smice.domain.templates import TEMPLATE_REF_PATTERN
from smice.errors import DocumentError, DocumentInvalid, InvalidDefinition, NotFound
from smice.io._guard import parse_json, plain_json, read_json_file
from smice.io.schemas import validate

__all__ = ["bundled_documents", "read_document", "resolve_extends"]

_REF: Final = re.compile(TEMPLATE_REF_PATTERN)


def resolve_extends(
    document: Mapping[str, Any],
    read: Callable[[str], Mapping[str, Any]],
    merge: Callable[[Mapping[str, Any], Mapping[str, Any]], dict[str, Any]],
    what: str,
) -> dict[str, Any]:
    """Merge *document* onto everything it extends, nearest parent first.

    *read* gives the document of a reference; *merge* merges a child onto its parent. The
    result's ``extends`` names the direct parent. A reference met twice is a cycle.

    Raises
    ------
    smice.errors.InvalidDefinition
        When ``extends`` forms a cycle.
    """
    chain = [str(document["id"])]
    merged = dict(document)
    while "extends" in document:
        parent_ref = str(document["extends"])
        if parent_ref in chain:
            raise InvalidDefinition(
                f"{what} {chain[0]!r}",
                [f"'extends' forms a cycle: {' -> '.join([*chain, parent_ref])}"],
            )
        chain.append(parent_ref)
        document = read(parent_ref)
        merged = merge(document, merged)
        merged["extends"] = chain[1]
    return merged


@cache
def bundled_documents(folder: str) -> dict[str, str]:
    """The JSON texts in the package folder *folder*, by reference (``smice/<name>``)."""
    entries = resources.files("smice") / folder
    return {
        f"smice/{entry.name.removesuffix('.json')}": entry.read_text("utf-8")
        for entry in entries.iterdir()
        if entry.name.endswith(".json")
    }


def read_document(
    source: str | os.PathLike[str] | Mapping[str, Any],
    library: Mapping[str, Mapping[str, Any]],
    *,
    folder: str,
    kind: str,
    what: str,
) -> tuple[dict[str, Any], str | None]:
    """Read a document that may ``extend`` another: a mapping, a reference in *library* or
    among the bundled documents of *folder*, or a file path.

    The document is checked against the *kind* schema; one that extends another may leave out
    what it inherits (``partial`` validation).
    """
    name: str | None = None
    if isinstance(source, Mapping):
        document = plain_json(source, kind)
    elif not isinstance(source, str | os.PathLike):
        message = (
            f"expected a {what} reference, a path or a document, got a <{type(source).__name__}>"
        )
        raise DocumentInvalid(kind, [DocumentError("", message, "type")])
    elif (name := os.fspath(source)) in library:
        document = plain_json(library[name], kind, name)
    elif name in bundled_documents(folder):
        document = parse_json(bundled_documents(folder)[name], kind, name)
    elif Path(name).is_file() or not _REF.match(name):
        document = read_json_file(name, kind)
    else:
        raise NotFound(what, name, (*sorted(bundled_documents(folder)), *sorted(library)))
    extending = isinstance(document, dict) and "extends" in document
    validate(document, kind, source=name, partial=extending)
    assert isinstance(document, dict)  # the schema says so
    return document, name
