"""The engine's working copy: a mutable copy of an arena for folding events (private).

Lookups read the base arena until a collection is first written; then that collection lives
in a dict (id → value, in the arena's order) until :meth:`Working.arena` freezes it again.
Handlers (:mod:`smice.process._arena`, :mod:`smice.process._cycle`) check an event through
the ``need*`` helpers, which refuse it, and write only when every check passed.
"""

from __future__ import annotations

from typing import Any, Final, NoReturn

import attrs

from smice.domain import (
    Arena,
    ArenaTemplate,
    ConsentScope,
    CycleVariant,
    ProgressTeam,
    Stakeholder,
)
from smice.errors import EventRefused, UnknownId
from smice.process._draft import Draft
from smice.process._machine import Machine, compile_plan, resolve_template
from smice.process.refusals import Refusal
from smice.process.specs import EventRegistry
from smice.process.specs import EventView as Event

__all__ = ["Working", "no_arena", "order", "refuse"]

_LOOKUP: Final = {
    "stakeholders": ("stakeholder", "stakeholder"),
    "ties": ("tie", "tie"),
    "platforms": ("platform", "platform"),
    "teams": ("team", "team"),
    "cycles": ("cycle", "cycle"),
    "initiatives": ("initiative", "initiative"),
    "flows": ("flow", "resource flow"),
    "regions": ("region", "region"),
    "recommendations": ("recommendation", "recommendation"),
}


def refuse(event: Event, *reasons: Refusal) -> NoReturn:
    """Raise :class:`~smice.errors.EventRefused` for *event* with *reasons*."""
    raise EventRefused(event.type, reasons, event_id=event.id)


class Working:
    """A mutable working copy of an arena, for folding events (private to the process layer).

    Lookups read the base arena until a collection is first written; then that collection
    lives in a dict (id → value, in the arena's order) until :meth:`arena` freezes it again.
    """

    __slots__ = (
        "_machines",
        "_template",
        "base",
        "criteria",
        "drafts",
        "given",
        "maps",
        "registry",
    )

    def __init__(
        self, arena: Arena | None, template: ArenaTemplate | None, registry: EventRegistry
    ) -> None:
        self.base = arena
        self.given = template
        #: The event types this copy is folded by.
        self.registry = registry
        self.maps: dict[str, dict[str, Any]] = {}
        self._template: ArenaTemplate | None = None
        self._machines: dict[CycleVariant, Machine] = {}
        #: The cycles touched so far, as mutable drafts (see :mod:`smice.process._cycle`).
        self.drafts: dict[str | None, Draft] = {}
        #: The fast checks of a phase's exit criteria with their merged parameters, by
        #: ``id`` of the phase's tuple of criterion specs (kept, so the id stays its own).
        self.criteria: dict[int, tuple[Any, Any]] = {}

    # -- reading -------------------------------------------------------------------------
    def get(self, collection: str, key: str | None) -> Any:
        """The value with id *key* in *collection*, or ``None``."""
        if key is None:
            return None
        if collection == "cycles" and self.drafts:
            draft = self.drafts.get(key)
            if draft is not None:
                return draft.freeze()
        found = self.maps.get(collection)
        if found is not None:
            return found.get(key)
        if self.base is None:
            return None
        try:
            return getattr(self.base, _LOOKUP[collection][0])(key)
        except UnknownId:
            return None

    def has(self, collection: str, key: str) -> bool:
        """Whether *collection* holds *key* (a drafted cycle is not frozen to tell)."""
        if collection == "cycles" and key in self.drafts:
            return True
        found = self.maps.get(collection)
        if found is not None:
            return key in found
        return self.get(collection, key) is not None

    def stakeholder(self, sid: str, /) -> Stakeholder:
        """The stakeholder *sid* (raises :class:`UnknownId`); criteria read through this."""
        found = self.maps.get("stakeholders")
        s: Stakeholder | None = (
            found.get(sid) if found is not None else self.get("stakeholders", sid)
        )
        if s is None:
            raise UnknownId("stakeholder", sid)
        return s

    def team(self, tid: str, /) -> ProgressTeam:
        """The team *tid* (raises :class:`UnknownId`)."""
        found = self.maps.get("teams")
        t: ProgressTeam | None = found.get(tid) if found is not None else self.get("teams", tid)
        if t is None:
            raise UnknownId("team", tid)
        return t

    def template(self) -> ArenaTemplate:
        """The arena's template, resolved once."""
        if self._template is None:
            assert self.base is not None
            self._template = resolve_template(self.base, self.given, self.registry)
        return self._template

    def machine(self, variant: CycleVariant) -> Machine:
        """The compiled phase plan for *variant*."""
        found = self._machines.get(variant)
        if found is None:
            plan = self.template().phase_plan(variant)
            found = self._machines[variant] = compile_plan(plan, self.registry)
        return found

    # -- writing -------------------------------------------------------------------------
    def put(self, collection: str, value: Any) -> None:
        """Add *value* to *collection*, or replace the value with its id in place."""
        found = self.maps.get(collection)
        if found is None:
            items = getattr(self.base, collection) if self.base is not None else ()
            found = self.maps[collection] = {item.id: item for item in items}
        found[value.id] = value

    def arena(self) -> Arena:
        """The frozen arena with every change so far."""
        assert self.base is not None
        drafts, self.drafts = self.drafts, {}
        for draft in drafts.values():
            self.put("cycles", draft.freeze())
        if not self.maps:
            return self.base
        changes: dict[str, Any] = {
            name: tuple(values.values()) for name, values in self.maps.items()
        }
        self.base = attrs.evolve(self.base, **changes)
        self.maps = {}
        return self.base

    # -- helpers for handlers -------------------------------------------------------------
    def need(self, event: Event, collection: str, key: str | None, field: str) -> Any:
        """The value *key* names, or refuse *event* naming the *field* that holds it
        (``None`` when *key* is ``None``: an optional reference left out)."""
        found = self.maps.get(collection)
        if found is not None and collection != "cycles":
            value = found.get(key) if key is not None else None
        else:
            value = self.get(collection, key)
        if value is None and key is not None:
            what = _LOOKUP[collection][1]
            refuse(
                event,
                Refusal(
                    code="unknown_id",
                    pointer=field,
                    message=f"expected the id of a {what} of this arena, got {key!r}",
                ),
            )
        return value

    def need_id(self, event: Event, collection: str, key: str | None, field: str) -> None:
        """Like :meth:`need` when only the existence of *key* matters."""
        if key is not None and not self.has(collection, key):
            self.need(event, collection, key, field)

    def need_new(
        self, event: Event, collection: str, key: str, field: str = "/payload/id"
    ) -> None:
        """Refuse *event* if *collection* already holds *key* (named by *field*)."""
        if self.has(collection, key):
            what = _LOOKUP[collection][1]
            refuse(
                event,
                Refusal(
                    code="duplicate",
                    pointer=field,
                    message=f"a {what} with id {key!r} already exists",
                ),
            )

    def need_person(self, event: Event, sid: str, field: str) -> Stakeholder:
        """The person *sid*, or refuse (unknown, or an organisation)."""
        found: Stakeholder = self.need(event, "stakeholders", sid, field)
        if not found.is_person:
            refuse(
                event,
                Refusal(
                    code="not_a_person",
                    pointer=field,
                    message=f"expected a person, got {sid!r} that is an organisation",
                ),
            )
        return found

    def need_consent(
        self,
        event: Event,
        sid: str,
        field: str,
        scope: ConsentScope = ConsentScope.STORAGE,
        found: Stakeholder | None = None,
    ) -> None:
        """Refuse *event* unless *sid* (if a person) consents to *scope* on the event's day
        (*found*: the stakeholder *sid*, when the caller has it already)."""
        if found is None:
            found = self.need(event, "stakeholders", sid, field)
        if not found.consents_to(scope, at=event.at.date()):
            refuse(
                event,
                Refusal(
                    code="no_consent",
                    pointer=field,
                    message=f"person {sid!r} has no consent to {str(scope)!r} on "
                    f"{event.at.date().isoformat()}",
                ),
            )


def no_arena(event: Event) -> NoReturn:
    """Refuse *event*: there is no arena yet."""
    refuse(
        event,
        Refusal(code="no_arena", message="expected 'arena_created' first: there is no arena yet"),
    )


def order(event: Event, field: str, later: Any, earlier: Any, what: str) -> None:
    """Refuse *event* when *later* is before *earlier* (both optional dates)."""
    if later is not None and earlier is not None and later < earlier:
        refuse(
            event,
            Refusal(
                code="order",
                pointer=field,
                message=f"{what} ({later.isoformat()} is before {earlier.isoformat()})",
            ),
        )
