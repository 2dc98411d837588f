"""The templates that ship with smice, read from package data for the process layer.

:func:`smice.load_template` (in :mod:`smice.io`) is *the* way to load templates: it validates
documents and resolves ``extends`` against files and libraries. The process layer sits below
I/O and must not import it, yet ``apply(arena, event)`` should work for an arena made from a
bundled template without the caller loading it. Bundled templates are trusted package data, so
this module builds them directly; a test checks that it agrees with :func:`smice.load_template`
for every bundled template.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from smice.domain import (
    ArenaTemplate,
    CriterionSpec,
    CycleVariant,
    FrozenMap,
    Helix,
    Level,
    PhaseDefinition,
    PhasePlan,
    StakeholderCategory,
    StakeholderKind,
    Transition,
    freeze_json,
    merge_templates,
)
from smice.errors import NotFound

__all__ = ["bundled_template"]


def _documents() -> dict[str, dict[str, Any]]:
    folder = resources.files("smice") / "templates"
    found: dict[str, dict[str, Any]] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            found[f"smice/{entry.name.removesuffix('.json')}"] = json.loads(
                entry.read_text("utf-8")
            )
    return found


def _labels(doc: Mapping[str, Any], key: str) -> FrozenMap[str, str]:
    return FrozenMap(doc.get(key, {}))


def _ext(doc: Mapping[str, Any]) -> Any:
    return freeze_json(doc.get("extensions", {}))


def _plan(doc: Mapping[str, Any]) -> PhasePlan:
    return PhasePlan(
        variant=CycleVariant(doc["variant"]),
        initial=doc["initial"],
        phases=tuple(
            PhaseDefinition(
                id=p["id"],
                labels=_labels(p, "labels"),
                artefacts=tuple(p.get("artefacts", ())),
                criteria=tuple(
                    CriterionSpec(
                        name=c["name"], params=FrozenMap(c.get("params", {})), extensions=_ext(c)
                    )
                    for c in p.get("criteria", ())
                ),
                terminal=bool(p.get("terminal", False)),
                extensions=_ext(p),
            )
            for p in doc["phases"]
        ),
        transitions=tuple(
            Transition(
                source=t["source"],
                event=t["event"],
                target=t["target"],
                guard=t.get("guard"),
                extensions=_ext(t),
            )
            for t in doc.get("transitions", ())
        ),
        extensions=_ext(doc),
    )


def _build(doc: Mapping[str, Any]) -> ArenaTemplate:
    optional: dict[str, Any] = {}
    if "default_variant" in doc:
        optional["default_variant"] = CycleVariant(doc["default_variant"])
    if "levels" in doc:
        optional["levels"] = tuple(Level(v) for v in doc["levels"])
    return ArenaTemplate(
        id=doc["id"],
        version=doc["version"],
        title=_labels(doc, "title"),
        phase_plans=tuple(_plan(p) for p in doc["phase_plans"]),
        extends=doc.get("extends"),
        description=_labels(doc, "description"),
        stakeholder_categories=tuple(
            StakeholderCategory(
                id=c["id"],
                helix=Helix(c["helix"]),
                kinds=frozenset(StakeholderKind(k) for k in c.get("kinds", ())),
                labels=_labels(c, "labels"),
                extensions=_ext(c),
            )
            for c in doc.get("stakeholder_categories", ())
        ),
        indicators=tuple(doc.get("indicators", ())),
        rulesets=tuple(doc.get("rulesets", ())),
        parameters=FrozenMap(doc.get("parameters", {})),
        extensions=_ext(doc),
        **optional,
    )


@cache
def bundled_template(ref: str) -> ArenaTemplate:
    """The bundled template *ref* (e.g. ``"smice/base"``), with ``extends`` resolved."""
    documents = _documents()
    if ref not in documents:
        raise NotFound("bundled template", ref, sorted(documents))
    document = documents[ref]
    merged: dict[str, Any] = dict(document)
    first_parent: str | None = document.get("extends")
    while "extends" in document:
        document = documents[document["extends"]]
        merged = merge_templates(document, merged)
    if first_parent is not None:
        merged["extends"] = first_parent
    return _build(merged)
