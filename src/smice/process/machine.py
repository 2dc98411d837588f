"""The phase machine: a template's phase plan, checked and compiled, and what it allows now.

A phase plan is data (:class:`~smice.domain.PhasePlan`): phases with the artefacts made in them
and their exit criteria, and transitions ``source --event[guard]--> target``.
:func:`check_template` checks a template as a definition (with :mod:`networkx` for
reachability); :func:`exit_report` and :func:`allowed_events` read a cycle against its plan.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from types import MappingProxyType

from smice._types import CycleId
from smice.domain import Arena, ArenaTemplate, Cycle, CycleStatus, PhasePlan
from smice.process import _machine, registry
from smice.process._machine import GUARDS, Guard, Machine
from smice.process.criteria import CriterionResult, evaluate, judgement_day

__all__ = [
    "ARTEFACT_EVENTS",
    "GUARDS",
    "Guard",
    "Machine",
    "allowed_events",
    "check_template",
    "compile_plan",
    "exit_report",
    "iter_template_problems",
    "resolve_template",
]

#: The event type that makes each artefact a phase may list (derived from the registry).
ARTEFACT_EVENTS: Mapping[str, str] = MappingProxyType(
    {a: registry.REGISTRY.artefact_event(a) for a in registry.REGISTRY.artefacts}
)


def compile_plan(plan: PhasePlan) -> Machine:
    """Compile *plan* (assumed checked, see :func:`check_template`) into a :class:`Machine`.

    Examples
    --------
    >>> from smice.process._bundled import bundled_template
    >>> machine = compile_plan(bundled_template("smice/base").phase_plan())
    >>> sorted(machine.artefact_events["dream"])
    ['dream_statement_added', 'endorsement_recorded']

    .. versionadded:: 0.1.0
    """
    return _machine.compile_plan(plan, registry.REGISTRY)


def iter_template_problems(template: ArenaTemplate) -> Iterator[str]:
    """Yield every problem of *template* as a phase-machine definition, one sentence each.

    Beyond :func:`smice.domain.iter_definition_problems`: unknown criteria, parameters,
    artefacts, events and guards; phases that cannot be reached from the initial one; phases
    with no path to a terminal phase; two unguarded transitions for one event.

    .. versionadded:: 0.1.0
    """
    yield from _machine.iter_problems(template, registry.REGISTRY)


def check_template(template: ArenaTemplate) -> ArenaTemplate:
    """Return *template* if its phase plans make a sound machine; raise otherwise.

    Raises
    ------
    smice.errors.InvalidDefinition
        Naming every problem :func:`iter_template_problems` finds.

    Examples
    --------
    >>> from smice.domain import CycleVariant, FrozenMap, PhaseDefinition, PhasePlan
    >>> plan = PhasePlan(variant=CycleVariant.FOUR_D, initial="discover",
    ...                  phases=(PhaseDefinition(id="discover", terminal=True),
    ...                          PhaseDefinition(id="dream")))
    >>> check_template(ArenaTemplate(id="x/t", version="1", title=FrozenMap({"en": "T"}),
    ...                              phase_plans=(plan,), default_variant=CycleVariant.FOUR_D))
    Traceback (most recent call last):
    ...
    smice.errors.InvalidDefinition: invalid template 'x/t': 4-D plan: phase 'dream' cannot be
    reached from 'discover'

    .. versionadded:: 0.1.0
    """
    return _machine.check(template, registry.REGISTRY)


def resolve_template(arena: Arena, template: ArenaTemplate | None) -> ArenaTemplate:
    """The template to run *arena* by: *template*, else the bundled one it names (checked).

    .. versionadded:: 0.1.0
    """
    return _machine.resolve_template(arena, template, registry.REGISTRY)


def machine_for(template: ArenaTemplate, cycle: Cycle) -> Machine:
    """The compiled phase plan of *cycle*'s variant in *template*."""
    return compile_plan(template.phase_plan(cycle.variant))


def _report(
    arena: Arena,
    cycle: Cycle,
    machine: Machine,
    language: str,
    at: datetime | date | None = None,
) -> tuple[CriterionResult, ...]:
    phase = machine.phases.get(cycle.phase)
    if phase is None:
        return ()
    on = judgement_day(cycle, at)
    return tuple(evaluate(spec, arena, cycle, language=language, on=on) for spec in phase.criteria)


def exit_report(
    arena: Arena,
    cycle_id: CycleId | str,
    *,
    template: ArenaTemplate | None = None,
    language: str = "en",
    at: datetime | date | None = None,
) -> tuple[CriterionResult, ...]:
    """Every exit criterion of the cycle's current phase, checked, in plan order.

    Parameters
    ----------
    arena : Arena
    cycle_id : str
    template : ArenaTemplate, optional
        The arena's template (default: the bundled template ``arena.template`` names).
    language : {"en", "nb", "sv"}
        The language of the messages.
    at : datetime or date, optional
        When to judge consent (``consent_recorded``), as a ``phase_advanced`` at that moment
        would be judged (default: the latest moment the cycle's history records, see
        :func:`~smice.process.criteria.judgement_day`).

    Examples
    --------
    >>> from smice.examples import demo_arena
    >>> for result in exit_report(demo_arena(), "c1"):
    ...     print(result.passed, result.message)
    True criterion 'topics_count' expects 1–5 affirmative topics, found 1
    False criterion 'protocol_approved' expects an approved interview protocol, found 0
    False criterion 'core_team' expects a core team of ≥ 3 persons from ≥ 2 helices, ...
    True criterion 'consent_recorded' expects consent from every person with stored data, ...

    .. versionadded:: 0.1.0
    """
    resolved = resolve_template(arena, template)
    cycle = arena.cycle(cycle_id)
    return _report(arena, cycle, machine_for(resolved, cycle), language, at)


def allowed_events(
    arena: Arena, cycle_id: CycleId | str, *, template: ArenaTemplate | None = None
) -> tuple[str, ...]:
    """The event types that may happen to the cycle now, in the order of the registry.

    An active cycle may receive the artefacts of its current phase, ``phase_advanced`` when a
    transition exists and every exit criterion passes, ``phase_revisited`` when an earlier
    phase was visited, pause and abandonment, and in a phase that makes actions also
    sub-cycles, the destiny mode and action status changes. A paused cycle may be resumed or
    abandoned. Action status changes stay possible after a cycle ends.

    Examples
    --------
    >>> from smice.examples import demo_arena
    >>> allowed_events(demo_arena(), "c1")  # doctest: +NORMALIZE_WHITESPACE
    ('core_team_set', 'topic_added', 'protocol_drafted', 'protocol_approved',
     'cycle_paused', 'cycle_abandoned')

    .. versionadded:: 0.1.0
    """
    resolved = resolve_template(arena, template)
    cycle = arena.cycle(cycle_id)
    machine = machine_for(resolved, cycle)
    allowed: set[str] = set()
    if cycle.actions:
        allowed.add("action_status_changed")
    if cycle.status is CycleStatus.PAUSED:
        allowed |= {"cycle_resumed", "cycle_abandoned"}
    elif cycle.status is CycleStatus.ACTIVE:
        allowed |= machine.artefact_events.get(cycle.phase, frozenset())
        allowed |= {"cycle_paused", "cycle_abandoned"}
        if len({v.phase for v in cycle.history} - {cycle.phase}) > 0:
            allowed.add("phase_revisited")
        if "action_committed" in machine.artefact_events.get(cycle.phase, frozenset()):
            allowed |= {"subcycle_spawned", "destiny_mode_chosen"}
        if (cycle.phase, "phase_advanced") in machine.transitions and all(
            r.passed for r in _report(arena, cycle, machine, "en")
        ):
            allowed.add("phase_advanced")
    return tuple(t for t in registry.REGISTRY if t in allowed)
