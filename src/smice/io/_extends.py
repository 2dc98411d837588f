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

__all__ = ["ReadParent", "bundled_documents", "read_document", "read_parent", "resolve_extends"]

_REF: Final = re.compile(TEMPLATE_REF_PATTERN)


#: Reads the parent named by a reference: ``read(ref, origin of the child)`` gives the parent
#: document and where it came from (a file path, or ``None`` for a bundled or library one).
ReadParent = Callable[[str, str | None], tuple[Mapping[str, Any], str | None]]


def resolve_extends(
    document: Mapping[str, Any],
    read: ReadParent,
    merge: Callable[[Mapping[str, Any], Mapping[str, Any]], dict[str, Any]],
    what: str,
    origin: str | None = None,
) -> dict[str, Any]:
    """Merge *document* onto everything it extends, nearest parent first.

    *read* gives the document of a reference, given where the document naming it came from;
    *merge* merges a child onto its parent. The result's ``extends`` names the direct parent.
    A reference met twice is a cycle.

    Raises
    ------
    smice.errors.InvalidDefinition
        When ``extends`` forms a cycle.
    """
    chain = [str(document["id"])]
    merged = dict(document)
    where = origin
    while "extends" in document:
        parent_ref = str(document["extends"])
        if parent_ref in chain:
            raise InvalidDefinition(
                f"{what} {chain[0]!r}",
                [f"'extends' forms a cycle: {' -> '.join([*chain, parent_ref])}"],
            )
        chain.append(parent_ref)
        document, where = read(parent_ref, where)
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


def _beside(ref: str, origin: str | None) -> Path | None:
    """The file a reference names beside the document at *origin*: ``REF`` or ``REF.json`` in
    that document's folder. References cannot leave the folder: the reference pattern allows
    no absolute path and no ``..`` part. Never the current directory."""
    if (
        origin is None
        or not _REF.match(ref)
        or any(part in ("", ".", "..") for part in ref.split("/"))
    ):
        return None
    folder = Path(origin).parent
    for candidate in (folder / ref, folder / f"{ref}.json"):
        if candidate.is_file():
            return candidate
    return None


def read_parent(
    ref: str,
    origin: str | None,
    library: Mapping[str, Mapping[str, Any]],
    *,
    folder: str,
    kind: str,
    what: str,
) -> tuple[dict[str, Any], str | None]:
    """Read the document that ``extends: ref`` names, in a document that came from *origin*.

    A reference is looked up in *library*, then among the bundled documents of *folder*, then
    as a file beside the document that names it (``REF`` or ``REF.json`` in its folder; not
    for a document given as a mapping). A file there must be a smice document of *kind*
    (``"smice": "<kind>/1"``); one that is not is refused without showing its content.

    Raises
    ------
    smice.errors.NotFound
        When the reference names nothing of these.
    smice.errors.DocumentInvalid
        When the parent is not a valid (possibly partial) document of *kind*.
    """
    bundled = bundled_documents(folder)
    where: str | None = None
    if ref in library:
        document = plain_json(library[ref], kind, ref)
    elif ref in bundled:
        document = parse_json(bundled[ref], kind, ref)
    else:
        path = _beside(ref, origin)
        if path is None:
            raise NotFound(what, ref, (*sorted(bundled), *sorted(library)))
        where = str(path)
        document = read_json_file(path, kind)
        marker = document.get("smice") if isinstance(document, dict) else None
        if not (isinstance(marker, str) and marker.split("/")[0] == kind):
            message = (
                f'expected a smice {what} document ("smice": "{kind}/1"), got a JSON '
                "file that is not one (its content is not shown)"
            )
            raise DocumentInvalid(kind, [DocumentError("", message, "smice")], where)
    extending = isinstance(document, dict) and "extends" in document
    validate(document, kind, source=where or ref, partial=extending)
    assert isinstance(document, dict)  # the schema says so
    return document, where
