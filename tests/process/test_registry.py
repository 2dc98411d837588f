"""The registry of event types: one spec per type, every table derived from it, and a new
type that takes only a spec, a handler and a schema branch."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from smice.domain import ARTEFACT_FIELDS, CycleStatus, Theme
from smice.domain.validators import text
from smice.errors import EventRefused
from smice.io.events import load_event
from smice.process import (
    CYCLE_EVENTS,
    EVENT_TYPES,
    PAYLOADS,
    Event,
    Fold,
    allowed_events,
    check_template,
    registry,
    replay,
)
from smice.process._bundled import bundled_template
from smice.process.criteria import Refusal
from smice.process.events import ArenaCreated
from smice.process.machine import ARTEFACT_EVENTS
from smice.process.registry import REGISTRY, EventType
from smice.process.specs import EventSpec, Scope

SCHEMAS = Path(__file__).parents[2] / "src" / "smice" / "schemas"


def _schema(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return document


def test_the_enum_and_the_registry_list_the_same_types_in_the_same_order() -> None:
    assert list(REGISTRY) == [str(t) for t in EventType]
    assert tuple(EventType) == EVENT_TYPES


def test_the_event_schema_knows_exactly_the_registered_types() -> None:
    assert _schema("event.json")["properties"]["type"]["enum"] == list(REGISTRY)


def test_the_old_tables_are_derived_from_the_registry() -> None:
    assert {t: s.payload for t, s in REGISTRY.items()} == dict(PAYLOADS)
    assert {t for t, s in REGISTRY.items() if s.scope in (Scope.CYCLE, Scope.NEW_CYCLE)} == set(
        CYCLE_EVENTS
    )
    # Every artefact a cycle records (and its core team) is made by exactly one event type.
    assert set(ARTEFACT_EVENTS) == {*ARTEFACT_FIELDS, "core_team"}
    assert ARTEFACT_EVENTS["protocol"] == "protocol_approved"
    assert REGISTRY.artefacts["protocol"] == ("protocol_drafted", "protocol_approved")


def test_every_phase_artefact_of_the_bundled_templates_is_registered() -> None:
    for ref in ("smice/base",):
        template = bundled_template(ref)
        for plan in template.phase_plans:
            for phase in plan.phases:
                assert set(phase.artefacts) <= set(REGISTRY.artefacts), (ref, phase.id)


def test_statuses_say_when_a_cycle_event_may_happen() -> None:
    assert REGISTRY["cycle_resumed"].statuses == {CycleStatus.PAUSED}
    assert REGISTRY["cycle_abandoned"].statuses == {CycleStatus.ACTIVE, CycleStatus.PAUSED}
    assert REGISTRY["action_status_changed"].statuses == set(CycleStatus)
    assert REGISTRY["topic_added"].statuses == {CycleStatus.ACTIVE}


def test_a_registry_refuses_a_type_twice_and_an_artefact_made_twice() -> None:
    spec = REGISTRY["topic_added"]
    with pytest.raises(ValueError, match="registered twice"):
        registry.EventRegistry((spec, spec))
    other = attrs.evolve(spec, type="topic_added_again")
    with pytest.raises(ValueError, match="one event type"):
        registry.EventRegistry((spec, other))


# -- adding a type ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ArenaRenamed:
    """The toy payload: the arena's new name."""

    name: str = attrs.field(validator=text(300))


def _renamed(w: Any, e: Any, p: ArenaRenamed) -> None:
    """The toy handler: check first (refusing), then write."""
    if p.name == w.base.name:
        raise EventRefused(
            e.type, [Refusal(code="state", message=f"payload/name: already {p.name!r}")]
        )
    w.base = attrs.evolve(w.base, name=p.name)


#: Step 3, the schema: the type in the enum, and the branch for its payload.
_BRANCH = {
    "if": {"properties": {"type": {"const": "arena_renamed"}}},
    "then": {
        "required": ["payload"],
        "properties": {
            "payload": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 300}},
                "additionalProperties": False,
            }
        },
    },
}


def _validator(event_schema: dict[str, Any]) -> Draft202012Validator:
    resources = [
        (document["$id"], Resource.from_contents(document))
        for document in (
            *(_schema(p.name) for p in SCHEMAS.glob("*.json") if p.name != "event.json"),
            event_schema,
        )
    ]
    return Draft202012Validator(event_schema, registry=Registry().with_resources(resources))


def test_a_new_event_type_takes_a_spec_a_handler_and_a_schema_branch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = datetime(2019, 1, 1, tzinfo=UTC)
    created = Event(
        type="arena_created",
        id="e-1",
        at=at,
        recorded_by="fac",
        payload=ArenaCreated(
            id="a", name="Old", template="smice/base", created_on=date(2019, 1, 1)
        ),
    )
    document = {
        "type": "arena_renamed",
        "id": "e-2",
        "at": "2019-01-02T00:00:00+00:00",
        "recorded_by": "fac",
        "payload": {"name": "New"},
    }
    schema = _schema("event.json")
    assert not _validator(schema).is_valid(document)  # unknown before
    with pytest.raises(Exception, match="a known event type"):
        Event(type="arena_renamed", id="e-2", at=at, recorded_by="fac")

    # Steps 1 and 2: the spec (naming payload and handler) added to the registry.
    spec = EventSpec(
        type="arena_renamed", payload=ArenaRenamed, scope=Scope.ARENA, handler=_renamed, rank=18
    )
    monkeypatch.setattr(registry, "REGISTRY", REGISTRY.with_specs(spec))
    # Step 3: the schema.
    schema["properties"]["type"]["enum"].append("arena_renamed")
    schema["allOf"].append(_BRANCH)
    assert _validator(schema).is_valid(document)

    # Nothing else: the event is a valid value, folds, replays, and refuses as its handler says.
    renamed = Event(
        type="arena_renamed",
        id="e-2",
        at=at,
        recorded_by="fac",
        payload=ArenaRenamed(name=document["payload"]["name"]),
    )
    assert replay([created, renamed]).name == "New"
    fold = Fold()
    fold.extend([created, renamed])
    with pytest.raises(EventRefused) as refused:
        fold.apply(attrs.evolve(renamed, id="e-3"))
    assert [r.code for r in refused.value.reasons] == ["state"]
    assert fold.arena is not None
    assert fold.arena.name == "New"
    # The phase plans are still sound definitions for the grown registry.
    check_template(bundled_template("smice/base"))


def test_a_cycle_event_type_added_the_same_way_follows_the_phase_plan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A toy artefact event of the Discover phase's ``themes`` artefact: allowed only where
    the plan lists the artefact, like the built-in ones."""

    def _theme_again(w: Any, e: Any, cycle: Any, p: Theme) -> None:
        cycle.themes.append(p)

    spec = EventSpec(
        type="theme_noted",
        payload=Theme,
        scope=Scope.CYCLE,
        handler=_theme_again,
        artefact="themes",
        makes=False,
        rank=8,
    )
    monkeypatch.setattr(registry, "REGISTRY", REGISTRY.with_specs(spec))
    example = Path(__file__).parents[2] / "examples" / "journals" / "one-team.jsonl"
    events = [load_event(json.loads(line)) for line in example.read_text("utf-8").splitlines()]
    first_advance = next(i for i, e in enumerate(events) if e.type == "phase_advanced")
    in_define = replay(events[:first_advance])
    cycle = events[first_advance].cycle
    assert cycle is not None
    assert "theme_noted" not in allowed_events(in_define, cycle)
    noted = Event(
        type="theme_noted",
        id="e-toy",
        at=events[first_advance].at,
        recorded_by="fac",
        cycle=cycle,
        payload=Theme(id="theme-toy", name="Toy"),
    )
    with pytest.raises(EventRefused) as refused:
        Fold(in_define).apply(noted)
    assert [r.code for r in refused.value.reasons] == ["wrong_phase"]
    in_discover = replay(events[: first_advance + 1])
    after = replay([noted], arena=in_discover)
    assert [t.id for t in after.cycle(cycle).themes] == ["theme-toy"]
