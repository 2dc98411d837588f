"""Reading and writing arena documents.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from smice.domain import Arena, ArenaTemplate, iter_problems
from smice.errors import DocumentError, DocumentInvalid, SmiceError, StorageError
from smice.io._convert import paused_gc, structure, unstructure
from smice.io._files import atomic_write_text
from smice.io._guard import checked_json, read_json_file
from smice.io.schemas import validate
from smice.io.templates import bundled_templates, load_template

__all__ = ["ARENA_FORMAT", "dump_arena", "load_arena", "save_arena"]

#: The value of the ``smice`` member that marks an arena document and its format version.
ARENA_FORMAT: Final = "arena/1"

ArenaSource = str | os.PathLike[str] | Mapping[str, Any]


def _resolve_template(arena: Arena, template: ArenaTemplate | str | None) -> ArenaTemplate | None:
    if isinstance(template, ArenaTemplate):
        return template
    if template is not None:
        return load_template(template)
    if arena.template in bundled_templates():
        return load_template(arena.template)
    return None


def load_arena(source: ArenaSource, *, template: ArenaTemplate | str | None = None) -> Arena:
    """Load an arena from a JSON file or a mapping, and check it completely.

    The document is checked against the arena schema, then built into an
    :class:`~smice.domain.Arena` and checked for cross-object problems (dangling ids,
    duplicates, dates out of order; see :func:`smice.domain.iter_problems`). Cycle phases are
    checked against *template*, or against the arena's own template when it is bundled.

    Parameters
    ----------
    source : path or mapping
        A path to a JSON file, or the document itself.
    template : ArenaTemplate or str, optional
        The template to check the arena's cycles against.

    Raises
    ------
    smice.errors.DocumentInvalid
        With every problem, each with its JSON pointer.

    Examples
    --------
    >>> arena = load_arena({"smice": "arena/1", "id": "demo", "name": "Demo",
    ...                     "template": "smice/base", "created_on": "2018-05-01"})
    >>> arena.name, arena.stakeholders
    ('Demo', ())

    .. versionadded:: 0.1.0
    """
    with paused_gc():
        return _load(source, template)


def _load(source: ArenaSource, template: ArenaTemplate | str | None) -> Arena:
    if isinstance(source, Mapping):
        document = checked_json(source, "arena")
        origin = None
    elif isinstance(source, str | os.PathLike):
        origin = os.fspath(source)
        document = read_json_file(source, "arena")
    else:
        message = (
            f"expected an arena document (an object) or a path, got a <{type(source).__name__}>"
        )
        raise DocumentInvalid("arena", [DocumentError("", message, "type")])
    validate(document, "arena", source=origin)
    assert isinstance(document, dict)  # the schema says so
    body = {key: value for key, value in document.items() if key != "smice"}
    arena = structure(body, Arena, "arena", origin)
    problems = list(iter_problems(arena, _resolve_template(arena, template)))
    if problems:
        raise DocumentInvalid("arena", problems, origin)
    return arena


def dump_arena(arena: Arena) -> dict[str, Any]:
    """The JSON-ready document of *arena*, valid against the arena schema.

    Members with their default value are left out; sets are listed in sorted order.

    Examples
    --------
    >>> from datetime import date
    >>> dump_arena(Arena(id="demo", name="Demo", template="smice/base",
    ...                  created_on=date(2018, 5, 1)))
    {'smice': 'arena/1', 'id': 'demo', 'name': 'Demo', 'template': 'smice/base',
     'created_on': '2018-05-01'}

    .. versionadded:: 0.1.0
    """
    if not isinstance(arena, Arena):
        raise SmiceError(f"expected an Arena, got {arena!r} that is a <{type(arena).__name__}>")
    document: dict[str, Any] = {"smice": ARENA_FORMAT}
    document.update(unstructure(arena))
    return document


def save_arena(arena: Arena, path: str | os.PathLike[str]) -> Path:
    """Check *arena* and write it to *path* atomically (temporary file, fsync, rename).

    Nothing is written when the arena has problems; an existing file stays as it was.

    Raises
    ------
    smice.errors.DocumentInvalid
        When the arena has cross-object problems or its document is not schema-valid.

    .. versionadded:: 0.1.0
    """
    document = dump_arena(arena)
    validate(document, "arena", source=str(path))
    problems = list(iter_problems(arena))
    if problems:
        raise DocumentInvalid("arena", problems, str(path))
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        atomic_write_text(path, text)
    except StorageError:
        raise
    except OSError as error:
        raise StorageError("write", os.fspath(path), error.strerror or str(error)) from None
    return Path(path)
