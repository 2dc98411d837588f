"""What every family of indicators shares: the arena on the day, the template and
indexes built once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import Any, Final, TypeAlias

import attrs
import networkx as nx

from smice.domain import Arena, ArenaTemplate, ConsentScope, Stakeholder, StakeholderKind
from smice.indicators._extensions import Malformed
from smice.network import organisation_graph, to_graph
from smice.policy import FactValue

FIRM_KINDS: Final = frozenset(
    {
        StakeholderKind.SME,
        StakeholderKind.MICRO_FIRM,
        StakeholderKind.LARGE_FIRM,
        StakeholderKind.PRIMARY_PRODUCER,
        StakeholderKind.COOPERATIVE,
    }
)


#: The smallest number of persons a fact about persons may come from, unless the template
#: parameter ``min_cell_size`` says otherwise.
DEFAULT_MIN_CELL_SIZE: Final = 5
#: The consent scope that lets a person be counted in facts about persons.
COUNTED_SCOPE: Final = ConsentScope.NETWORK_ANALYSIS


@attrs.frozen
class Missing:
    """A fact that could not be computed, and why."""

    reason: str


@attrs.frozen
class FromPersons:
    """The value of a fact about persons, with how many persons it was computed from; the
    one suppression step of :func:`~smice.indicators.compute` turns it into the value, or
    into :class:`Missing` when the persons are fewer than the minimum cell size."""

    value: FactValue | Missing
    persons: int


Value: TypeAlias = FactValue | Missing | FromPersons
Values: TypeAlias = dict[str, Value]


def share(part: float, whole: float, reason: str) -> FactValue | Missing:
    """``part / whole``, or missing with *reason* when *whole* is 0."""
    return part / whole if whole else Missing(reason)


def is_firm(stakeholder: Stakeholder) -> bool:
    """Whether *stakeholder* is a firm of any size."""
    return bool(stakeholder.kinds & FIRM_KINDS) or stakeholder.is_sme


def guarded(read: Callable[[], Any]) -> Any:
    """Call *read*; a :class:`Malformed` extension becomes :class:`Missing`."""
    try:
        return read()
    except Malformed as problem:
        return Missing(problem.reason)


class Context:
    """The arena as it stood on *at*, with what several indicators need."""

    def __init__(
        self,
        arena: Arena,
        at: date,
        start: date,
        template: ArenaTemplate | None,
        betweenness_samples: int | None,
    ) -> None:
        self.arena = arena
        self.at = at
        self.start = start
        self.template = template
        self.betweenness_samples = betweenness_samples

    @cached_property
    def stakeholders(self) -> dict[str, Stakeholder]:
        found: dict[str, Stakeholder] = {}
        for s in self.arena.stakeholders:
            found.setdefault(s.id, s)
        return found

    @cached_property
    def counted_persons(self) -> dict[str, Stakeholder]:
        """The persons facts about persons may count: those whose consent to
        :data:`COUNTED_SCOPE` holds on *at*."""
        return {
            sid: s
            for sid, s in self.stakeholders.items()
            if s.is_person and s.consents_to(COUNTED_SCOPE, at=self.at)
        }

    @cached_property
    def min_cell_size(self) -> int:
        """*k*: the template parameter ``min_cell_size`` (a whole number of at least 1), or
        :data:`DEFAULT_MIN_CELL_SIZE`."""
        value = None if self.template is None else self.template.parameters.get("min_cell_size")
        if isinstance(value, bool) or not isinstance(value, int | float):
            return DEFAULT_MIN_CELL_SIZE
        if value != int(value) or value < 1:
            return DEFAULT_MIN_CELL_SIZE
        return int(value)

    @cached_property
    def firms(self) -> dict[str, Stakeholder]:
        return {sid: s for sid, s in self.stakeholders.items() if is_firm(s)}

    @cached_property
    def graph(self) -> nx.MultiDiGraph[Any]:
        """Stakeholders and the ties that hold on *at* (persons need consent)."""
        return to_graph(self.arena, at=self.at)

    @cached_property
    def organisation_graph(self) -> nx.DiGraph[Any]:
        """:attr:`graph` with persons folded into employers, remaining persons removed."""
        H = organisation_graph(self.graph)
        persons = [node for node, data in H.nodes(data=True) if data.get("is_person")]
        H.remove_nodes_from(persons)
        return H

    def organisation(self, sid: str) -> str | None:
        """The organisation *sid* counts for: itself, or a person's employer (if present);
        ``None`` for a person without one, or an id not in the graph."""
        node = self.graph.nodes.get(sid)
        if node is None:
            return None
        if not node.get("is_person"):
            return sid
        employer = node.get("employer")
        if employer is not None and employer in self.graph and employer != sid:
            employer_node = self.graph.nodes[employer]
            return None if employer_node.get("is_person") else str(employer)
        return None
