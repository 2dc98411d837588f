"""The phase machine's engine: plans compiled for fast use, guards, definition checks
(private; :mod:`smice.process.machine` is the public face).

Everything that depends on the event types takes the :class:`~smice.process.specs.EventRegistry`
to read them from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Final

import attrs
import networkx as nx

from smice.domain import (
    Arena,
    ArenaTemplate,
    Cycle,
    PhaseDefinition,
    PhasePlan,
    Review,
    Transition,
    iter_definition_problems,
)
from smice.errors import InvalidDefinition
from smice.process._bundled import bundled_template
from smice.process.criteria import CRITERIA
from smice.process.specs import EventRegistry, EventView

__all__ = [
    "GUARDS",
    "Guard",
    "Machine",
    "check",
    "compile_plan",
    "iter_problems",
    "resolve_template",
]

Guard = Callable[[Cycle, EventView], bool]


def _decision(value: str) -> Guard:
    def guard(cycle: Cycle, event: EventView) -> bool:
        return isinstance(event.payload, Review) and event.payload.decision == value

    return guard


def _mode(value: str) -> Guard:
    def guard(cycle: Cycle, event: EventView) -> bool:
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

    def next_transition(self, cycle: Cycle, event: EventView) -> Transition | None:
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
def compile_plan(plan: PhasePlan, registry: EventRegistry) -> Machine:
    """Compile *plan* (assumed checked) into a :class:`Machine` for the event types of
    *registry*."""
    transitions: dict[tuple[str, str], list[Transition]] = {}
    for t in plan.transitions:
        transitions.setdefault((t.source, t.event), []).append(t)
    return Machine(
        plan=plan,
        phases=MappingProxyType({p.id: p for p in plan.phases}),
        transitions=MappingProxyType({k: tuple(v) for k, v in transitions.items()}),
        artefact_events=MappingProxyType(
            {p.id: registry.phase_events(p.artefacts) for p in plan.phases}
        ),
    )


def _plan_problems(plan: PhasePlan, registry: EventRegistry) -> Iterator[str]:
    where = f"{plan.variant} plan"
    for phase in plan.phases:
        for artefact in phase.artefacts:
            if artefact not in registry.artefacts:
                yield (
                    f"{where}: phase {phase.id!r} lists unknown artefact {artefact!r} "
                    f"(known: {', '.join(registry.artefacts)})"
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
    yield from _transition_problems(plan, where, registry)
    yield from _graph_problems(plan, where)


def _transition_problems(plan: PhasePlan, where: str, registry: EventRegistry) -> Iterator[str]:
    unguarded: dict[tuple[str, str], int] = {}
    for t in plan.transitions:
        if t.event not in registry.cycle_events:
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


def iter_problems(template: ArenaTemplate, registry: EventRegistry) -> Iterator[str]:
    """Every problem of *template* as a phase-machine definition for *registry*."""
    yield from iter_definition_problems(template)
    for plan in template.phase_plans:
        yield from _plan_problems(plan, registry)


def check(template: ArenaTemplate, registry: EventRegistry) -> ArenaTemplate:
    """*template* if its phase plans make a sound machine for *registry*; raise otherwise."""
    problems = list(iter_problems(template, registry))
    if problems:
        raise InvalidDefinition(f"template {template.id!r}", problems)
    return template


@lru_cache(maxsize=32)
def _checked(template: ArenaTemplate, registry: EventRegistry) -> ArenaTemplate:
    return check(template, registry)


def resolve_template(
    arena: Arena, template: ArenaTemplate | None, registry: EventRegistry
) -> ArenaTemplate:
    """The template to run *arena* by: *template*, else the bundled one it names (checked)."""
    given = template if template is not None else bundled_template(arena.template)
    return _checked(given, registry)
