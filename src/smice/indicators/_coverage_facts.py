"""Facts about where the work happens and how far the data reach: template parameters (T),
countries, helix coverage of teams and initiatives, consent coverage, youth participation,
barriers and anchoring in public plans; and the Wilson bounds of small-sample shares."""

from __future__ import annotations

import math
from collections.abc import Iterable
from statistics import NormalDist
from typing import Final

from smice.domain import (
    AgeBand,
    BarrierKind,
    ConsentScope,
    Helix,
    InitiativeMaturity,
    Stakeholder,
    TeamStatus,
)
from smice.indicators._context import Context, FromPersons, Missing, Value, Values, share
from smice.indicators.catalogue import BOUNDED

#: Template parameters rules read as facts, with the value used when the template is unknown
#: or silent (DOMAIN: "≥ 10 relevant subjects, ≥ 6 months observed").
TEMPLATE_PARAMETERS: Final = {
    "T.min_evidence_subjects": ("min_evidence_subjects", 10),
    "T.min_evidence_months": ("min_evidence_months", 6),
}

#: Fewer subjects than this: a share rule compares a Wilson bound, not the share itself.
SMALL_SAMPLE: Final = 30
#: The one-sided 95 % normal quantile (Wilson 1927; Brown, Cai & DasGupta 2001).
WILSON_Z: Final = NormalDist().inv_cdf(0.95)

#: Share fact → the fact that counts its subjects. Each share gets ``<id>_low`` and
#: ``<id>_high``: Wilson bounds under :data:`SMALL_SAMPLE` subjects, the share itself from there.
BOUNDED_SHARES: Final = BOUNDED

_YOUTH: Final = frozenset({AgeBand.UNDER_25, AgeBand.FROM_25_TO_34})
_ENDED_TEAMS: Final = frozenset({TeamStatus.CLOSED, TeamStatus.GRADUATED})
_ADVANCED: Final = frozenset(
    {
        InitiativeMaturity.PILOT,
        InitiativeMaturity.MARKET_ENTRY,
        InitiativeMaturity.MARKET_MATURITY,
    }
)
#: Barrier kinds with a rule of their own (waste status has P6).
BARRIER_FACTS: Final = {
    "C.n_initiatives_blocked_finance": BarrierKind.FINANCE,
    "C.n_initiatives_blocked_logistics": BarrierKind.LOGISTICS,
    "C.n_initiatives_blocked_knowledge": BarrierKind.KNOWLEDGE,
}


def wilson(successes: float, n: int, z: float = WILSON_Z) -> tuple[float, float]:
    """The Wilson score interval of a share of *n* subjects (Wilson 1927).

    >>> low, high = wilson(1.4, 10)   # 14 % of 10, one-sided 95 % bounds
    >>> round(low, 3), round(high, 3)
    (0.039, 0.394)
    """
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def _template_facts(ctx: Context, out: Values) -> None:
    parameters = ctx.template.parameters if ctx.template is not None else {}
    for fact, (name, default) in TEMPLATE_PARAMETERS.items():
        value = parameters.get(name, default)
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        out[fact] = value if ok else default


def _helices(person: Stakeholder, people: dict[str, Stakeholder]) -> set[Helix]:
    found = {person.helix}
    if person.employer is not None and person.employer in people:
        found.add(people[person.employer].helix)
    return found


def _coverage_facts(ctx: Context, out: Values) -> None:
    people = ctx.stakeholders
    countries = {s.country for s in people.values() if not s.is_person}
    out["A.n_countries"] = len(countries)
    units: list[Iterable[str]] = [
        team.members_on(ctx.at) for team in ctx.arena.teams if team.status not in _ENDED_TEAMS
    ]
    units += [
        i.participants
        for i in ctx.arena.initiatives
        if i.maturity is not InitiativeMaturity.DISCONTINUED
    ]
    units = [tuple(sid for sid in unit if sid in people) for unit in units]
    units = [unit for unit in units if unit]
    covered = 0
    for unit in units:
        helices: set[Helix] = set()
        for sid in unit:
            helices |= _helices(people[sid], people)
        covered += helices >= set(Helix)
    out["A.n_work_units"] = len(units)
    out["A.helix_coverage_share"] = share(
        covered, len(units), "no team or initiative with participants"
    )


def _person_facts(ctx: Context, out: Values) -> None:
    """Facts about persons, small cells suppressed by compute: consent coverage over every
    person (it says how much the N facts can see), age over the counted persons."""
    persons = [s for s in ctx.stakeholders.values() if s.is_person]
    out["A.n_persons"] = len(persons)
    consenting = sum(1 for p in persons if p.consents_to(ConsentScope.NETWORK_ANALYSIS, at=ctx.at))
    out["A.network_consent_share"] = FromPersons(
        share(consenting, len(persons), "no persons"), len(persons)
    )
    aged = [p for p in ctx.counted_persons.values() if p.age_band is not None]
    out["A.n_persons_with_age_band"] = FromPersons(len(aged), len(aged))
    out["A.youth_share"] = FromPersons(
        share(
            sum(1 for p in aged if p.age_band in _YOUTH), len(aged), "no person has an age band"
        ),
        len(aged),
    )


def _initiative_facts(ctx: Context, out: Values) -> None:
    initiatives = ctx.arena.initiatives
    for fact, kind in BARRIER_FACTS.items():
        out[fact] = sum(
            1
            for i in initiatives
            if any(
                b.kind is kind
                and (b.since is None or b.since <= ctx.at)
                and (b.resolved_on is None or b.resolved_on > ctx.at)
                for b in i.barriers
            )
        )
    advanced = [i for i in initiatives if i.maturity in _ADVANCED]
    out["C.n_advanced_initiatives"] = len(advanced)
    if not any("anchored_in" in i.extensions for i in initiatives):
        out["C.anchored_initiative_share"] = Missing(
            'no initiative records extensions["anchored_in"]'
        )
        return
    out["C.anchored_initiative_share"] = share(
        sum(1 for i in advanced if i.extensions.get("anchored_in")),
        len(advanced),
        "no initiative at pilot stage or beyond",
    )


def coverage_facts(ctx: Context) -> Values:
    """Every T fact and the coverage facts."""
    out: Values = {}
    _template_facts(ctx, out)
    _coverage_facts(ctx, out)
    _person_facts(ctx, out)
    _initiative_facts(ctx, out)
    return out


def bound_facts(values: Values) -> Values:
    """``<share>_low`` and ``<share>_high`` for every share of :data:`BOUNDED_SHARES`."""
    out: Values = {}
    for fact, subjects in BOUNDED_SHARES.items():
        value, n = values[fact], values[subjects]
        low: Value
        high: Value
        if (
            isinstance(value, Missing)
            or not isinstance(value, int | float)
            or not isinstance(n, int)
            or n >= SMALL_SAMPLE
        ):
            low = high = value
        else:
            assert isinstance(n, int)
            low, high = wilson(float(value) * n, n)
        out[f"{fact}_low"] = low
        out[f"{fact}_high"] = high
    return out
