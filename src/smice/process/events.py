"""Events: every change to an arena, as an immutable value.

An :class:`Event` carries an envelope (``type``, ``id``, ``at``, ``recorded_by`` and, for
events that concern a cycle, ``cycle``) and a typed ``payload``. Payloads that add or replace a
whole domain object *are* that object (``stakeholder_joined`` carries a
:class:`~smice.domain.Stakeholder`); the others are the small values of
:mod:`smice.process.payloads`, re-exported here. What each type carries and concerns is the
registry's (:mod:`smice.process.registry`); :data:`PAYLOADS`, :data:`EVENT_TYPES` and
:data:`CYCLE_EVENTS` are derived from it.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final

import attrs

from smice._types import CycleId
from smice.domain import NO_EXTENSIONS, Extensions
from smice.domain.validators import aware_datetime, ident, optional
from smice.errors import InvalidValue
from smice.process import registry
from smice.process.payloads import (
    ArenaCreated,
    ConsentRecorded,
    ConsentWithdrawn,
    CoreTeamSet,
    CycleAbandoned,
    CyclePaused,
    CycleStarted,
    DestinyModeChosen,
    MemberJoined,
    MemberLeft,
    Payload,
    PhaseRevisited,
    ProtocolDrafted,
    RecommendationIssued,
    RecommendationStatusChanged,
    StakeholderLeft,
    StatusChanged,
    SubcycleSpawned,
    TeamGraduated,
    TieEnded,
)

__all__ = [
    "CYCLE_EVENTS",
    "EVENT_TYPES",
    "PAYLOADS",
    "ArenaCreated",
    "ConsentRecorded",
    "ConsentWithdrawn",
    "CoreTeamSet",
    "CycleAbandoned",
    "CyclePaused",
    "CycleStarted",
    "DestinyModeChosen",
    "Event",
    "MemberJoined",
    "MemberLeft",
    "Payload",
    "PhaseRevisited",
    "ProtocolDrafted",
    "RecommendationIssued",
    "RecommendationStatusChanged",
    "StakeholderLeft",
    "StatusChanged",
    "SubcycleSpawned",
    "TeamGraduated",
    "TieEnded",
]

#: The payload class of every event type (``None``: the event has no payload).
PAYLOADS: Final[Mapping[str, type | None]] = registry.REGISTRY.payloads

#: Every event type, in the order of the registry.
EVENT_TYPES: Final = tuple(registry.REGISTRY)

#: The event types that concern one cycle and name it in their ``cycle`` field.
CYCLE_EVENTS: Final = registry.REGISTRY.cycle_events


def _known_type(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in registry.REGISTRY:
        raise InvalidValue(attribute.name, "a known event type", value)


@attrs.frozen(kw_only=True)
class Event:
    """One change to an arena.

    Parameters
    ----------
    type : str
        One of the registry's types (:class:`~smice.process.registry.EventType`).
    id : str
        The event's own id (unique in a journal).
    at : datetime
        When it happened, timezone-aware.
    recorded_by : str
        Who recorded it (a stakeholder id, or a tool's id).
    payload : object
        An instance of the type's payload class (``None`` when the type has none).
    cycle : str, optional
        The cycle the event concerns; required for the types whose scope names one.

    Examples
    --------
    >>> from datetime import timezone
    >>> event = Event(type="phase_advanced", id="e-42", cycle="c1", recorded_by="fac-1",
    ...               at=datetime(2019, 3, 1, 10, tzinfo=timezone.utc))
    >>> event.type, event.cycle, event.payload
    ('phase_advanced', 'c1', None)

    .. versionadded:: 0.1.0
    """

    type: str = attrs.field(validator=_known_type)
    id: str = attrs.field(validator=ident)
    at: datetime = attrs.field(validator=aware_datetime)
    recorded_by: str = attrs.field(validator=ident)
    payload: Payload = attrs.field(default=None)
    cycle: CycleId | None = attrs.field(default=None, validator=optional(ident))
    extensions: Extensions = NO_EXTENSIONS

    @payload.validator
    def _check_payload(self, attribute: attrs.Attribute[Payload], value: Payload) -> None:
        spec = registry.REGISTRY[self.type]
        if spec.scope.names_cycle and self.cycle is None:
            raise InvalidValue(
                "cycle", f"the id of the cycle a {self.type!r} event concerns", None
            )
        expected = spec.payload
        if expected is None:
            if value is not None:
                raise InvalidValue("payload", f"nothing for a {self.type!r} event", value)
        elif type(value) is not expected:
            raise InvalidValue("payload", f"a {expected.__name__} for {self.type!r}", value)
