"""The phase machine: a template's phase plan, checked and compiled, and what it allows now.

A phase plan is data (:class:`~smice.domain.PhasePlan`): phases with the artefacts made in them
and their exit criteria, and transitions ``source --event[guard]--> target``.
:func:`check_template` checks a template as a definition (with :mod:`networkx` for
reachability); :func:`exit_report` and :func:`allowed_events` read a cycle against its plan.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from functools import lru_cache
from types import MappingProxyType
from typing import Final

import attrs
import networkx as nx

from smice._types import CycleId
from smice.domain import (
    ARTEFACT_FIELDS,
    Arena,
    ArenaTemplate,
    Cycle,
    CycleStatus,
    PhaseDefinition,
    PhasePlan,
    Review,
    Transition,
    iter_definition_problems,
)
from smice.errors import InvalidDefinition
from smice.process._bundled import bundled_template
from smice.process.criteria import CRITERIA, CriterionResult, evaluate, judgement_day
from smice.process.events import CYCLE_EVENTS, EVENT_TYPES, Event

__all__ = [
    "ARTEFACT_EVENTS",
    "GUARDS",
    "Machine",
    "allowed_events",
    "check_template",
    "compile_plan",
    "exit_report",
    "iter_template_problems",
    "resolve_template",
]

#: The event type that makes each artefact a phase may list.
ARTEFACT_EVENTS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "topics": "topic_added",
        "protocol": "protocol_approved",
        "core_team": "core_team_set",
        "interviews": "interview_recorded",
        "stories": "story_added",
        "themes": "theme_identified",
        "positive_core": "positive_core_mapped",
        "dreams": "dream_statement_added",
        "endorsements": "endorsement_recorded",
        "propositions": "proposition_drafted",
        "targets": "target_set",
        "actions": "action_committed",
        "action_teams": "action_team_formed",
        "reviews": "review_recorded",
    }
)
assert set(ARTEFACT_EVENTS) == {*ARTEFACT_FIELDS, "core_team"}

#: Further event types allowed in a phase that lists an artefact: a protocol is drafted
#: (``protocol_drafted``) before it is approved, in the same phase.
_ALSO_EVENTS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {"protocol": ("protocol_drafted",)}
)

Guard = Callable[[Cycle, Event], bool]


def _decision(value: str) -> Guard:
    def guard(cycle: Cycle, event: Event) -> bool:
        return isinstance(event.payload, Review) and event.payload.decision == value

    return guard


def _mode(value: str) -> Guard:
    def guard(cycle: Cycle, event: Event) -> bool:
        return cycle.destiny_mode is not None and str(cycle.destiny_mode) == value

    return guard


#: Named guards a transition may carry: pure predicates of the cycle and the event.
GUARDS: Final[Mapping[str, Guard]] = MappingProxyType(
    {
        **{f"decision_{d}": _decision(d) for d in ("renew", "graduate", "continue", "close")},
        **{f"mode_{m}": _mode(m) for m in ("improvisational", "implementation")},
    }
)


@attrs.frozen(kw_only=True)
class Machine:
    """A phase plan compiled for fast use: phases and transitions by id.

    .. versionadded:: 0.1.0
    """

    plan: PhasePlan
    phases: Mapping[str, PhaseDefinition]
    transitions: Mapping[tuple[str, str], tuple[Transition, ...]]
    artefact_events: Mapping[str, frozenset[str]]

    def phase(self, phase_id: str) -> PhaseDefinition:
        """The definition of *phase_id*."""
        return self.phases[phase_id]

    def next_transition(self, cycle: Cycle, event: Event) -> Transition | None:
        """The transition *event* takes from the cycle's phase: the first whose guard holds,
        else the unguarded one (``None`` when there is none)."""
        options = self.transitions.get((cycle.phase, event.type), ())
        fallback = None
        for t in options:
            if t.guard is None:
                fallback = t
            elif GUARDS[t.guard](cycle, event):
                return t
        return fallback


@lru_cache(maxsize=64)
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
    transitions: dict[tuple[str, str], list[Transition]] = {}
    for t in plan.transitions:
        transitions.setdefault((t.source, t.event), []).append(t)
    return Machine(
        plan=plan,
        phases=MappingProxyType({p.id: p for p in plan.phases}),
        transitions=MappingProxyType({k: tuple(v) for k, v in transitions.items()}),
        artefact_events=MappingProxyType(
            {
                p.id: frozenset(
                    event
                    for a in p.artefacts
                    if a in ARTEFACT_EVENTS
                    for event in (ARTEFACT_EVENTS[a], *_ALSO_EVENTS.get(a, ()))
                )
                for p in plan.phases
            }
        ),
    )


def _plan_problems(plan: PhasePlan) -> Iterator[str]:
    where = f"{plan.variant} plan"
    for phase in plan.phases:
        for artefact in phase.artefacts:
            if artefact not in ARTEFACT_EVENTS:
                yield (
                    f"{where}: phase {phase.id!r} lists unknown artefact {artefact!r} "
                    f"(known: {', '.join(ARTEFACT_EVENTS)})"
                )
        for spec in phase.criteria:
            criterion = CRITERIA.get(spec.name)
            if criterion is None:
                yield (
                    f"{where}: phase {phase.id!r} names unknown criterion {spec.name!r} "
                    f"(known: {', '.join(CRITERIA)})"
                )
                continue
            for key in spec.params:
                if key not in criterion.params:
                    known = ", ".join(criterion.params) or "none"
                    yield (
                        f"{where}: criterion {spec.name!r} in phase {phase.id!r} has unknown "
                        f"parameter {key!r} (known: {known})"
                    )
    yield from _transition_problems(plan, where)
    yield from _graph_problems(plan, where)


def _transition_problems(plan: PhasePlan, where: str) -> Iterator[str]:
    unguarded: dict[tuple[str, str], int] = {}
    for t in plan.transitions:
        if t.event not in CYCLE_EVENTS:
            yield f"{where}: transition from {t.source!r} on unknown event {t.event!r}"
        if t.guard is None:
            unguarded[(t.source, t.event)] = unguarded.get((t.source, t.event), 0) + 1
        elif t.guard not in GUARDS:
            yield (
                f"{where}: transition from {t.source!r} on {t.event!r} has unknown guard "
                f"{t.guard!r} (known: {', '.join(GUARDS)})"
            )
    for (source, event), count in unguarded.items():
        if count > 1:
            yield (
                f"{where}: {count} unguarded transitions from {source!r} on {event!r} "
                "(at most one may be unguarded)"
            )


def _graph_problems(plan: PhasePlan, where: str) -> Iterator[str]:
    ids = set(plan.phase_ids)
    if plan.initial not in ids or any(
        t.source not in ids or t.target not in ids for t in plan.transitions
    ):
        return  # the domain check reports these; reachability makes no sense without them
    graph = nx.DiGraph()
    graph.add_nodes_from(plan.phase_ids)
    graph.add_edges_from((t.source, t.target) for t in plan.transitions)
    reachable = nx.descendants(graph, plan.initial) | {plan.initial}
    for phase_id in plan.phase_ids:
        if phase_id not in reachable:
            yield f"{where}: phase {phase_id!r} cannot be reached from {plan.initial!r}"
    terminals = {p.id for p in plan.phases if p.terminal}
    if not terminals:
        yield f"{where}: no terminal phase"
        return
    for phase_id in plan.phase_ids:
        if phase_id in reachable and not (
            (nx.descendants(graph, phase_id) | {phase_id}) & terminals
        ):
            yield f"{where}: no path from phase {phase_id!r} to a terminal phase"


def iter_template_problems(template: ArenaTemplate) -> Iterator[str]:
    """Yield every problem of *template* as a phase-machine definition, one sentence each.

    Beyond :func:`smice.domain.iter_definition_problems`: unknown criteria, parameters,
    artefacts, events and guards; phases that cannot be reached from the initial one; phases
    with no path to a terminal phase; two unguarded transitions for one event.

    .. versionadded:: 0.1.0
    """
    yield from iter_definition_problems(template)
    for plan in template.phase_plans:
        yield from _plan_problems(plan)


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
    problems = list(iter_template_problems(template))
    if problems:
        raise InvalidDefinition(f"template {template.id!r}", problems)
    return template


@lru_cache(maxsize=32)
def _checked(template: ArenaTemplate) -> ArenaTemplate:
    return check_template(template)


def resolve_template(arena: Arena, template: ArenaTemplate | None) -> ArenaTemplate:
    """The template to run *arena* by: *template*, else the bundled one it names (checked).

    .. versionadded:: 0.1.0
    """
    return _checked(template if template is not None else bundled_template(arena.template))


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
    >>> from smice.process.apply import _example_arena
    >>> for result in exit_report(_example_arena(), "c1"):
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
    """The event types that may happen to the cycle now, in :data:`EVENT_TYPES` order.

    An active cycle may receive the artefacts of its current phase, ``phase_advanced`` when a
    transition exists and every exit criterion passes, ``phase_revisited`` when an earlier
    phase was visited, pause and abandonment, and in a phase that makes actions also
    sub-cycles, the destiny mode and action status changes. A paused cycle may be resumed or
    abandoned. Action status changes stay possible after a cycle ends.

    Examples
    --------
    >>> from smice.process.apply import _example_arena
    >>> allowed_events(_example_arena(), "c1")  # doctest: +NORMALIZE_WHITESPACE
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
    return tuple(t for t in EVENT_TYPES if t in allowed)
