"""From an arena to facts: every indicator of the catalogue on one day.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

from smice.domain import Arena, ArenaTemplate
from smice.errors import InvalidValue, SmiceError
from smice.indicators._arena_facts import arena_facts
from smice.indicators._circularity_facts import circularity_facts
from smice.indicators._context import Context, FromPersons, Missing, Values
from smice.indicators._coverage_facts import bound_facts, coverage_facts
from smice.indicators._network_facts import network_facts
from smice.indicators.catalogue import CATALOGUE
from smice.indicators.timeline import arena_on, latest_date
from smice.policy import Fact, Facts
from smice.process.machine import resolve_template

__all__ = ["compute", "suppression_reason"]


def _template(arena: Arena, template: ArenaTemplate | None) -> ArenaTemplate | None:
    if template is not None:
        return template
    try:
        return resolve_template(arena, None)
    except SmiceError:
        return None  # a template that is not bundled: its parameters are unknown here


def suppression_reason(k: int) -> str:
    """The reason a fact about persons is missing when fewer than *k* persons are counted.

    Examples
    --------
    >>> suppression_reason(5)
    'suppressed: fewer than 5 persons'

    .. versionadded:: 0.2.0
    """
    return f"suppressed: fewer than {k} persons"


def _suppress_small_cells(values: Values, k: int) -> None:
    """The one suppression step: every fact about persons (an ``about_persons`` entry of the
    catalogue, or any value computed from persons) from fewer than *k* persons becomes
    missing with :func:`suppression_reason`; the others lose their person count (a fact
    missing for its own reason keeps that reason). A fact the
    catalogue marks as about persons that does not say how many persons it comes from is
    suppressed too: the step fails closed."""
    for key, value in values.items():
        entry = CATALOGUE.get(key)
        about_persons = entry is not None and entry.about_persons
        if isinstance(value, FromPersons):
            small = value.persons < k and not isinstance(value.value, Missing)
            values[key] = Missing(suppression_reason(k)) if small else value.value
        elif about_persons and not isinstance(value, Missing):
            values[key] = Missing(suppression_reason(k))


def compute(
    arena: Arena,
    *,
    at: date | None = None,
    template: ArenaTemplate | None = None,
    betweenness_samples: int | None = None,
) -> Facts:
    """Every indicator of :data:`~smice.indicators.CATALOGUE` for *arena* on day *at*.

    Everything is judged on the arena as it stood on *at* (see
    :func:`~smice.indicators.arena_on`): stakeholders active then, ties holding then,
    artefacts dated by then. A value that cannot be computed is missing (``None``) with the
    reason, never 0: a share without subjects, a fact that needs an ``extensions`` key the
    arena does not record. Network facts follow :func:`smice.network.to_graph`: persons
    without consent to network analysis on *at* are left out. Facts about persons (marked
    ``about_persons`` in the catalogue) count only persons whose consent to network analysis
    holds on *at*, and are missing with the reason :func:`suppression_reason` when fewer than
    *k* persons are counted: *k* is the template parameter ``min_cell_size`` (default 5).

    Parameters
    ----------
    arena : Arena
    at : datetime.date, optional
        The assessment date; by default the latest date the arena records.
    template : ArenaTemplate, optional
        The template whose parameters apply (``stall_days``, ``s3_domains``); by default
        the bundled template the arena names, if any.
    betweenness_samples : int, optional
        Estimate betweenness from this many seeded sources (0: exact). By default exact up
        to 3,000 organisations (networkx up to 200, batched sparse Brandes beyond) and
        estimated from 128 seeded sources above that.

    Returns
    -------
    smice.policy.Facts
        One fact per catalogue entry, in catalogue order, each with its unit.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> facts = compute(load_arena("examples/arenas/jamtland-trondelag.json"))
    >>> facts["A.n_stakeholders"]
    Fact(value=193, unit='count', reason='')
    >>> 0 <= facts.value("N.sme_rnd_linkage_share") <= 1
    True
    >>> facts["A.core_funding_share"].reason
    'the arena records no extensions["funding"]'
    >>> facts["A.female_share"].missing, compute(load_arena("examples/arenas/tutorial.json"))[
    ...     "A.female_share"].reason
    (False, 'suppressed: fewer than 5 persons')

    .. versionadded:: 0.1.0
    """
    if betweenness_samples is not None and (
        isinstance(betweenness_samples, bool)
        or not isinstance(betweenness_samples, int)
        or betweenness_samples < 0
    ):
        raise InvalidValue(
            "betweenness_samples", "a non-negative int or None", betweenness_samples
        )
    if at is not None and not isinstance(at, date):
        raise InvalidValue("at", "a datetime.date or None", at)
    day = latest_date(arena) if at is None else at
    start = min(arena.created_on, day)
    ctx = Context(
        arena_on(arena, day), day, start, _template(arena, template), betweenness_samples
    )
    values: Values = {}
    values.update(arena_facts(ctx))
    values.update(network_facts(ctx))
    values.update(circularity_facts(ctx))
    values.update(coverage_facts(ctx))
    # Every fact about persons is in `values` by now; facts derived from them come after
    # this step, so they see the suppressed values.
    _suppress_small_cells(values, ctx.min_cell_size)
    values.update(bound_facts(values))
    items: dict[str, Fact] = {}
    for key, entry in CATALOGUE.items():
        value = values[key]
        if isinstance(value, FromPersons):  # pragma: no cover - _suppress_small_cells unwraps
            value = value.value
        if isinstance(value, Missing):
            items[key] = Fact(None, entry.unit, value.reason)
        else:
            items[key] = Fact(value, entry.unit)
    return Facts(items)
