"""The parameters of the simulation model and the interventions that switch on during a run.

Every parameter is a plain number, so a parameter set is a JSON object (the ``base`` of an
experiment spec) and a design varies parameters by name. The meaning of each parameter and what
the model leaves out: ``docs/explanation/simulation-model.md``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

import attrs

from smice.errors import InvalidValue

__all__ = ["INTERVENTION_KINDS", "Intervention", "SimulationParams"]

#: Intervention kinds and what their ``strength`` means.
INTERVENTION_KINDS: Final[Mapping[str, str]] = {
    "vouchers": "innovation vouchers: SME–R&D tie formation multiplied by strength",
    "facilitators": "facilitator capacity: strength more cycles facilitated at a time",
    "study_trips": "cross-border study trips: cross-border tie formation multiplied by strength",
    "mobilisation": "targeted mobilisation: participation propensity multiplied by strength",
}


def _share(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise InvalidValue(attribute.name, "a probability from 0 to 1", value)


def _non_negative(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise InvalidValue(attribute.name, "a number ≥ 0", value)


def _count(low: int, high: int) -> Any:
    def check(_: object, attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidValue(attribute.name, f"a whole number from {low} to {high}", value)

    return check


@attrs.frozen(kw_only=True)
class Intervention:
    """A policy instrument that switches on at step ``start`` (and off at ``end``, exclusive).

    Examples
    --------
    >>> vouchers = Intervention(kind="vouchers", start=6, strength=3.0)
    >>> vouchers.active(5), vouchers.active(6)
    (False, True)

    .. versionadded:: 0.1.0
    """

    kind: str = attrs.field()
    start: int = attrs.field(default=0, validator=_count(0, 100_000))
    end: int | None = attrs.field(default=None)
    strength: float = attrs.field(default=2.0, validator=_non_negative)

    @kind.validator
    def _known(self, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in INTERVENTION_KINDS:
            raise InvalidValue("kind", f"one of {', '.join(INTERVENTION_KINDS)}", value)

    @end.validator
    def _after_start(self, attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidValue("end", "a whole number or None", value)
        if value is not None and value <= self.start:
            raise InvalidValue("end", f"a step after start {self.start}", value)

    def active(self, step: int) -> bool:
        """Whether the intervention is on at *step*."""
        return self.start <= step and (self.end is None or step < self.end)


@attrs.frozen(kw_only=True)
class SimulationParams:
    """Everything a simulated run depends on, except its seed.

    Attributes
    ----------
    n_stakeholders : int
        Size of the synthetic population (organisations and persons) the arena draws from.
    steps, step_days : int
        Number of time steps and their length in days (default 24 monthly steps).
    start : date
        The first day.
    initial_share : float
        Share of the population taking part from the start (platform hosts always do).
    join_industry, join_academia, join_government, join_civil_society : float
        Per-step probability that an outsider organisation of that helix takes part (its
        persons join with it).
    sme_join_factor : float
        Multiplies the propensity of small and micro firms (their time is scarce).
    team_rate : float
        Per-step probability that a platform forms a new progress team.
    max_teams_per_platform : int
        Active teams a platform carries at most.
    progress_rate : float
        Per-step probability that a facilitated cycle finishes its phase's work.
    unfacilitated_factor : float
        Multiplies ``progress_rate`` for a cycle without facilitator capacity.
    facilitator_capacity : int
        Cycles each facilitator can support at a time.
    abandon_rate : float
        Per-step probability that a cycle stuck for ``abandon_after`` steps is abandoned.
    abandon_after : int
        Steps without progress before abandonment becomes possible.
    collaboration_rate : float
        Probability that an interview leads the two employers to collaborate.
    tie_rate : float
        Per-step probability that an organisation forms a tie within its municipality.
    sme_rnd_rate : float
        Per-step probability that a taking-part SME forms a tie to an R&D organisation.
    cross_border_rate : float
        Per-step probability that an organisation forms a tie across the border.
    initiative_rate : float
        Probability that a Destiny action launches an initiative.
    action_start_rate : float
        Per-step probability that a committed action starts.
    graduation_rate, renewal_rate : float
        Probabilities of a review deciding to graduate the team or to renew (a new cycle).
    person_share, mean_ties, bridge_share : float
        Shape of the synthetic population (see :func:`~smice.experiments.synthetic_arena`).
    interventions : tuple of Intervention
        Instruments switching on during the run.

    Examples
    --------
    >>> params = SimulationParams.from_mapping({"n_stakeholders": 40, "steps": 6})
    >>> params.steps, params.step_days
    (6, 30)
    >>> params.to_mapping()["n_stakeholders"]
    40

    .. versionadded:: 0.1.0
    """

    n_stakeholders: int = attrs.field(default=80, validator=_count(12, 100_000))
    steps: int = attrs.field(default=24, validator=_count(1, 10_000))
    step_days: int = attrs.field(default=30, validator=_count(1, 366))
    start: date = date(2018, 1, 1)
    initial_share: float = attrs.field(default=0.3, validator=_share)
    join_industry: float = attrs.field(default=0.04, validator=_share)
    join_academia: float = attrs.field(default=0.10, validator=_share)
    join_government: float = attrs.field(default=0.08, validator=_share)
    join_civil_society: float = attrs.field(default=0.06, validator=_share)
    sme_join_factor: float = attrs.field(default=0.8, validator=_non_negative)
    team_rate: float = attrs.field(default=0.25, validator=_share)
    max_teams_per_platform: int = attrs.field(default=3, validator=_count(0, 1000))
    progress_rate: float = attrs.field(default=0.7, validator=_share)
    unfacilitated_factor: float = attrs.field(default=0.35, validator=_share)
    facilitator_capacity: int = attrs.field(default=1, validator=_count(0, 100))
    abandon_rate: float = attrs.field(default=0.2, validator=_share)
    abandon_after: int = attrs.field(default=6, validator=_count(1, 10_000))
    collaboration_rate: float = attrs.field(default=0.15, validator=_share)
    tie_rate: float = attrs.field(default=0.02, validator=_share)
    sme_rnd_rate: float = attrs.field(default=0.01, validator=_share)
    cross_border_rate: float = attrs.field(default=0.005, validator=_share)
    initiative_rate: float = attrs.field(default=0.4, validator=_share)
    action_start_rate: float = attrs.field(default=0.3, validator=_share)
    graduation_rate: float = attrs.field(default=0.2, validator=_share)
    renewal_rate: float = attrs.field(default=0.6, validator=_share)
    person_share: float = attrs.field(default=0.35, validator=_share)
    mean_ties: float = attrs.field(default=3.0, validator=_non_negative)
    bridge_share: float = attrs.field(default=0.05, validator=_share)
    interventions: tuple[Intervention, ...] = ()

    def factor(self, kind: str, step: int) -> float:
        """The product of the strengths of the *kind* interventions on at *step* (1 if none).

        ``facilitators`` interventions add up instead (extra cycles facilitated).
        """
        value = 0.0 if kind == "facilitators" else 1.0
        for intervention in self.interventions:
            if intervention.kind == kind and intervention.active(step):
                if kind == "facilitators":
                    value += intervention.strength
                else:
                    value *= intervention.strength
        return value

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> SimulationParams:
        """Parameters from a JSON-like mapping (``start`` as ISO date text, ``interventions``
        as a list of mappings); unknown names raise :class:`~smice.errors.InvalidValue`.

        .. versionadded:: 0.1.0
        """
        known = {a.name for a in attrs.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InvalidValue(
                "parameters", f"names among {', '.join(sorted(known))}", ", ".join(unknown)
            )
        given: dict[str, Any] = dict(values)
        if isinstance(given.get("start"), str):
            try:
                given["start"] = date.fromisoformat(given["start"])
            except ValueError:
                raise InvalidValue("start", "an ISO date (YYYY-MM-DD)", given["start"]) from None
        if "interventions" in given:
            given["interventions"] = tuple(
                item if isinstance(item, Intervention) else Intervention(**item)
                for item in given["interventions"]
            )
        for name in ("mean_ties", "sme_join_factor"):
            if isinstance(given.get(name), int) and not isinstance(given[name], bool):
                given[name] = float(given[name])
        return cls(**given)

    def to_mapping(self) -> dict[str, Any]:
        """The parameters as a JSON-ready mapping (the inverse of :meth:`from_mapping`).

        .. versionadded:: 0.1.0
        """
        out: dict[str, Any] = {}
        for field in attrs.fields(type(self)):
            value = getattr(self, field.name)
            if field.name == "start":
                value = value.isoformat()
            elif field.name == "interventions":
                value = [attrs.asdict(i) for i in value]
            out[field.name] = value
        return out
