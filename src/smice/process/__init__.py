"""The Appreciative Inquiry cycle: events, a pure phase machine, exit criteria and signals.

Every change to an arena is an :class:`Event`; :func:`apply` checks one against an arena and
returns the new arena (or raises :class:`~smice.errors.EventRefused`), :func:`replay` folds a
sequence. The phase machine is template data (:class:`~smice.domain.PhasePlan`), checked by
:func:`check_template`; :func:`exit_report` and :func:`allowed_events` read a cycle against it.

.. versionadded:: 0.1.0
"""

from smice.process.apply import apply, replay
from smice.process.criteria import CRITERIA, Criterion, CriterionResult, evaluate
from smice.process.decompose import events_from_arena
from smice.process.diagrams import to_dot, to_mermaid, to_svg
from smice.process.events import CYCLE_EVENTS, EVENT_TYPES, PAYLOADS, Event
from smice.process.fold import Fold
from smice.process.machine import (
    GUARDS,
    allowed_events,
    check_template,
    exit_report,
    iter_template_problems,
)
from smice.process.refusals import Refusal, RefusalCode
from smice.process.registry import REGISTRY, EventType
from smice.process.signals import (
    days_in_phase,
    destiny_mode,
    external_voice_share,
    improvisation_share,
    is_stalled,
)
from smice.process.uptake import Uptake, uptake

__all__ = [
    "CRITERIA",
    "CYCLE_EVENTS",
    "EVENT_TYPES",
    "GUARDS",
    "PAYLOADS",
    "REGISTRY",
    "Criterion",
    "CriterionResult",
    "Event",
    "EventType",
    "Fold",
    "Refusal",
    "RefusalCode",
    "Uptake",
    "allowed_events",
    "apply",
    "check_template",
    "days_in_phase",
    "destiny_mode",
    "evaluate",
    "events_from_arena",
    "exit_report",
    "external_voice_share",
    "improvisation_share",
    "is_stalled",
    "iter_template_problems",
    "replay",
    "to_dot",
    "to_mermaid",
    "to_svg",
    "uptake",
]
