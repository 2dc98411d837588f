"""Change between two snapshots of an arena's network.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping
from datetime import date
from typing import Any

import attrs
import networkx as nx

from smice.domain.arena import Arena
from smice.network.arena_metrics import LINKAGE_KINDS, arena_metrics
from smice.network.graphs import to_graph

__all__ = ["Comparison", "MetricChange", "Snapshot", "compare", "snapshots"]

TieKey = tuple[Hashable, Hashable, Hashable]


@attrs.frozen(kw_only=True)
class MetricChange:
    """One metric before and after, and the change (``nan`` when either is undefined).

    .. versionadded:: 0.1.0
    """

    before: float
    after: float
    change: float


@attrs.frozen(kw_only=True)
class Comparison:
    """What changed between two graphs.

    Attributes
    ----------
    gained, lost : mapping
        Number of ties gained and lost, keyed by ``(kind, (helix, helix))``; the helix pair
        is sorted, so ties count whatever their direction.
    metrics : mapping
        :class:`MetricChange` per key of :func:`~smice.network.arena_metrics`.
    new_sme_rnd_links, new_cross_border_links : tuple
        Node pairs ``(u, v)`` newly linked (by a tie of
        :data:`~smice.network.arena_metrics.LINKAGE_KINDS`) between an SME and an R&D
        stakeholder, and across a border.

    .. versionadded:: 0.1.0
    """

    gained: Mapping[tuple[str, tuple[str, str]], int]
    lost: Mapping[tuple[str, tuple[str, str]], int]
    metrics: Mapping[str, MetricChange]
    new_sme_rnd_links: tuple[tuple[Hashable, Hashable], ...]
    new_cross_border_links: tuple[tuple[Hashable, Hashable], ...]


def _ties(G: nx.Graph[Any]) -> dict[TieKey, dict[str, Any]]:
    if G.is_multigraph():
        return {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}
    return {(u, v, d.get("kind")): d for u, v, d in G.edges(data=True)}


def _helix_pair(G: nx.Graph[Any], u: Hashable, v: Hashable) -> tuple[str, str]:
    a, b = str(G.nodes[u].get("helix")), str(G.nodes[v].get("helix"))
    return (a, b) if a <= b else (b, a)


def _linked_pairs(G: nx.Graph[Any]) -> set[frozenset[Hashable]]:
    pairs = set()
    for u, v, d in G.edges(data=True):
        kinds = d.get("kinds", (d.get("kind"),))
        if u != v and any(kind in LINKAGE_KINDS for kind in kinds):
            pairs.add(frozenset((u, v)))
    return pairs


def _tally(
    G: nx.Graph[Any], keys: set[TieKey], ties: Mapping[TieKey, Mapping[str, Any]]
) -> dict[tuple[str, tuple[str, str]], int]:
    counts: Counter[tuple[str, tuple[str, str]]] = Counter()
    for key in keys:
        u, v, _ = key
        counts[(str(ties[key].get("kind")), _helix_pair(G, u, v))] += 1
    return dict(sorted(counts.items()))


def compare(
    G_before: nx.Graph[Any], G_after: nx.Graph[Any], *, betweenness_samples: int | None = None
) -> Comparison:
    """Ties gained and lost by kind and helix pair, the change of each arena metric, and the
    new SME-R&D and cross-border links between two graphs of :func:`to_graph`.

    Ties are matched by ``(source, target, key)`` (the tie id in graphs from
    :func:`to_graph`).

    Examples
    --------
    >>> before = nx.MultiDiGraph()
    >>> before.add_nodes_from([("f", {"helix": "industry", "is_sme": True, "country": "SE"}),
    ...                        ("u", {"helix": "academia", "is_rnd": True, "country": "NO"})])
    >>> after = before.copy()
    >>> _ = after.add_edge("f", "u", key="t1", kind="collaborates_with")
    >>> result = compare(before, after)
    >>> dict(result.gained), result.new_sme_rnd_links, result.new_cross_border_links
    ({('collaborates_with', ('academia', 'industry')): 1}, (('f', 'u'),), (('f', 'u'),))
    >>> result.metrics["sme_rnd_linkage_share"]
    MetricChange(before=0.0, after=1.0, change=1.0)

    .. versionadded:: 0.1.0
    """
    before, after = _ties(G_before), _ties(G_after)
    gained = _tally(G_after, set(after) - set(before), after)
    lost = _tally(G_before, set(before) - set(after), before)
    metrics_before = arena_metrics(G_before, betweenness_samples=betweenness_samples)
    metrics_after = arena_metrics(G_after, betweenness_samples=betweenness_samples)
    changes = {}
    for key in metrics_before.keys() | metrics_after.keys():
        b = metrics_before.get(key, math.nan)
        a = metrics_after.get(key, math.nan)
        changes[key] = MetricChange(before=b, after=a, change=a - b)
    new_pairs = _linked_pairs(G_after) - _linked_pairs(G_before)
    position = {node: i for i, node in enumerate(G_after)}
    ordered = sorted(
        (tuple(sorted(pair, key=position.__getitem__)) for pair in new_pairs),
        key=lambda p: (position[p[0]], position[p[-1]]),
    )
    sme_rnd, cross = [], []
    for pair in ordered:
        u, v = pair[0], pair[-1]
        du, dv = G_after.nodes[u], G_after.nodes[v]
        if (du.get("is_sme") and dv.get("is_rnd")) or (du.get("is_rnd") and dv.get("is_sme")):
            sme_rnd.append((u, v))
        if du.get("country") != dv.get("country"):
            cross.append((u, v))
    return Comparison(
        gained=gained,
        lost=lost,
        metrics=dict(sorted(changes.items())),
        new_sme_rnd_links=tuple(sme_rnd),
        new_cross_border_links=tuple(cross),
    )


@attrs.frozen(kw_only=True)
class Snapshot:
    """The graph of an arena on the day a cycle entered (or finally left) a phase.

    .. versionadded:: 0.1.0
    """

    phase: str
    on: date
    graph: nx.MultiDiGraph[Any]


def snapshots(arena: Arena, cycle_id: str, **to_graph_options: Any) -> tuple[Snapshot, ...]:
    """The graph at each phase boundary of cycle *cycle_id*: one snapshot per phase visit on
    the day it was entered, plus one on the day the last visit was left (``phase`` is then
    ``"end"``). Options go to :func:`to_graph`.

    Examples
    --------
    >>> from smice.io import load_arena
    >>> arena = load_arena("examples/arenas/tutorial.json")
    >>> shots = snapshots(arena, arena.cycles[0].id)
    >>> [shot.phase for shot in shots][:1]
    ['define']

    .. versionadded:: 0.1.0
    """
    cycle = arena.cycle(cycle_id)
    shots = [
        Snapshot(
            phase=visit.phase,
            on=visit.entered_at.date(),
            graph=to_graph(arena, at=visit.entered_at.date(), **to_graph_options),
        )
        for visit in cycle.history
    ]
    last = cycle.history[-1].left_at
    if last is not None:
        shots.append(
            Snapshot(
                phase="end",
                on=last.date(),
                graph=to_graph(arena, at=last.date(), **to_graph_options),
            )
        )
    return tuple(shots)
