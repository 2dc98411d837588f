"""The C family: resource flows, side-streams, R-strategies and material circularity."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from datetime import date
from typing import Final

from smice.domain import (
    BarrierKind,
    FlowStatus,
    FlowType,
    InitiativeMaturity,
    RStrategy,
)
from smice.errors import InvalidValue
from smice.indicators import _extensions as ext
from smice.indicators._context import Context, Missing, Values, guarded, share
from smice.indicators.circularity import product_circularity

_WASTE_STATUS: Final = frozenset({BarrierKind.END_OF_WASTE_STATUS, BarrierKind.BY_PRODUCT_STATUS})
_LOW_R: Final = frozenset({RStrategy.RECYCLE, RStrategy.RECOVER})
_NO_R = "no initiative tagged with an R-strategy"


def _flow_facts(ctx: Context, out: Values) -> None:
    flows = ctx.arena.flows
    out["C.n_potential_flows"] = len(flows)
    realised = sum(1 for f in flows if f.status in (FlowStatus.REALISED, FlowStatus.ENDED))
    out["C.realised_flow_share"] = share(realised, len(flows), "no identified resource flows")
    running = [f for f in flows if f.status is not FlowStatus.ENDED]
    out["C.realisation_ratio"] = share(
        sum(1 for f in running if f.status is FlowStatus.REALISED),
        len(running),
        "no resource flows that have not ended",
    )
    people = ctx.stakeholders
    streams = [
        f
        for f in running
        if f.flow_type is FlowType.BY_PRODUCT
        and f.fate is not None
        and (f.bio_based or (f.source in people and people[f.source].bio_based))
    ]
    to_energy = [f for f in streams if f.fate is RStrategy.RECOVER]
    out["C.n_bio_sidestreams"] = len(streams)
    out["C.bio_sidestream_energy_share"] = share(
        len(to_energy), len(streams), "no bio-based side-streams with a recorded fate"
    )
    recorded = [f for f in to_energy if "material_use" in f.extensions]
    if to_energy and not recorded:
        out["C.n_energy_sidestreams_with_material_use"] = Missing(
            'no side-stream going to energy records extensions["material_use"]'
        )
    else:
        out["C.n_energy_sidestreams_with_material_use"] = sum(
            1 for f in recorded if f.extensions["material_use"] not in (False, None, "")
        )


def _initiative_facts(ctx: Context, out: Values) -> None:
    initiatives = ctx.arena.initiatives
    out["C.n_initiatives_blocked_waste_status"] = sum(
        1
        for i in initiatives
        if any(b.kind in _WASTE_STATUS and b.resolved_on is None for b in i.barriers)
    )
    tagged = [i for i in initiatives if i.r_strategies]
    best = Counter(min(r.rank for r in i.r_strategies) for i in tagged)
    out["C.n_initiatives_with_r_strategy"] = len(tagged)
    out["C.r0_r2_initiative_share"] = share(sum(best[r] for r in (0, 1, 2)), len(tagged), _NO_R)
    out["C.r3_r7_initiative_share"] = share(sum(best[r] for r in range(3, 8)), len(tagged), _NO_R)
    out["C.low_r_initiative_share"] = share(
        sum(1 for i in tagged if i.r_strategies <= _LOW_R), len(tagged), _NO_R
    )
    suppliers: set[str] = set()
    for i in initiatives:
        if i.maturity is InitiativeMaturity.MARKET_MATURITY and (i.r_strategies or i.patterns):
            suppliers.update(sid for sid in i.participants if sid in ctx.firms)
    out["C.n_circular_suppliers_mature"] = len(suppliers)

    priorities = guarded(lambda: ext.s3_domains(ctx.arena, ctx.template))
    if priorities is None:
        out["C.max_non_s3_domain_initiatives"] = Missing(
            "no smart-specialisation priorities recorded"
        )
    elif isinstance(priorities, Missing):
        out["C.max_non_s3_domain_initiatives"] = priorities
    else:
        domains = Counter(
            ext.normalise(i.domain)
            for i in initiatives
            if i.domain is not None and ext.normalise(i.domain) not in priorities
        )
        out["C.max_non_s3_domain_initiatives"] = max(domains.values(), default=0)


def _firm_circularity(ctx: Context, out: Values) -> None:
    scores: dict[str, dict[str, tuple[date, float]]] = {}
    for sid, firm in ctx.firms.items():
        try:
            found = ext.circularity(firm)
        except ext.Malformed as problem:
            out["C.n_firms_with_circularity"] = 0
            out["C.firm_circularity_change"] = Missing(problem.reason)
            out["C.firm_circularity_change_high"] = Missing(problem.reason)
            return
        if found:
            begun = {label: v for label, v in found.items() if v[0] <= ctx.at}
            if begun:
                scores[sid] = begun
    periods = sorted(
        {(start, label) for s in scores.values() for label, (start, _) in s.items()},
        key=lambda pair: (pair[0], pair[1]),
    )
    both = []
    if len(periods) >= 2:
        last, before = periods[-1][1], periods[-2][1]
        both = [(s[before][1], s[last][1]) for s in scores.values() if before in s and last in s]
    out["C.n_firms_with_circularity"] = len(both)
    out["C.firm_circularity_change"] = (
        sum(b - a for a, b in both) / len(both)
        if both
        else Missing("no firm scored in both of the last two periods")
    )
    out["C.firm_circularity_change_high"] = _upper_bound([b - a for a, b in both])


def _upper_bound(changes: list[float]) -> float | Missing:
    """The one-sided 95 % upper confidence bound of the mean of *changes* (Student t)."""
    if len(changes) < 2:
        return Missing("fewer than two firms scored in both of the last two periods")
    from scipy.stats import t  # noqa: PLC0415 - scipy.stats takes a second to import

    n = len(changes)
    spread = statistics.stdev(changes)
    high = statistics.fmean(changes) + float(t.ppf(0.95, n - 1)) * spread / math.sqrt(n)
    return max(-1.0, min(1.0, high))


def _mci(ctx: Context, out: Values) -> None:
    weighted = mass = 0.0
    n = 0
    for initiative in ctx.arena.initiatives:
        try:
            found = ext.products(initiative)
        except ext.Malformed as problem:
            out["C.n_products_with_mci"] = 0
            out["C.material_circularity"] = Missing(problem.reason)
            return
        for product in found or ():
            try:
                value = product_circularity(product)
            except InvalidValue as problem:
                out["C.n_products_with_mci"] = 0
                out["C.material_circularity"] = Missing(
                    f"a product of initiative {initiative.id!r}: {problem}"
                )
                return
            weighted += value * product["mass"]
            mass += product["mass"]
            n += 1
    out["C.n_products_with_mci"] = n
    out["C.material_circularity"] = (
        min(1.0, max(0.0, weighted / mass))
        if n and mass > 0 and math.isfinite(weighted / mass)
        else Missing("no products with complete MCI inputs")
    )


def circularity_facts(ctx: Context) -> Values:
    """Every C fact."""
    out: Values = {}
    _flow_facts(ctx, out)
    _initiative_facts(ctx, out)
    _firm_circularity(ctx, out)
    _mci(ctx, out)
    return out
