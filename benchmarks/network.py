"""Benchmark smice.network against straightforward networkx loops, measured in the same run.

Synthetic arena-like graphs: clusters of about 40 stakeholders (mostly industry, some
academia, government and civil society; one country per cluster, a few across the
border), 1 % hub intermediaries tied into many clusters, and 30 % of ties reciprocated
(70 % of ties to an intermediary).

    python benchmarks/network.py                 # 1k, 10k, 50k nodes
    python benchmarks/network.py --sizes 2000    # one size
    python benchmarks/network.py --smoke         # tiny, for the test suite

Prints seconds for smice and the loop baseline and their ratio (baseline / smice), per
metric and size, and how smice's time grows from one size to the next (``×t/×n``). smice
is timed as the best of three runs, the loops once. The report leaves betweenness out
(``--samples K`` adds a K-source sample to both sides).
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections.abc import Callable
from typing import Any

import networkx as nx

from smice.network import arena_metrics, brokerage, constraint, ei_index

HELICES = ("industry", "industry", "industry", "academia", "government", "civil_society")
COUNTRIES = ("SE", "NO", "SE", "FI")


def arena_like(n: int, *, seed: int = 0) -> nx.DiGraph:
    """A clustered directed graph with hubs and reciprocated ties, with node attributes
    ``helix``, ``country``, ``is_sme``, ``is_rnd``, and ``kind`` on every arc."""
    rng = random.Random(seed)
    G: nx.DiGraph = nx.DiGraph()
    cluster_size = 40
    hubs = max(1, n // 100)
    for node in range(n):
        helix = "civil_society" if node < hubs else rng.choice(HELICES)
        cluster = node // cluster_size
        country = COUNTRIES[cluster % len(COUNTRIES)] if rng.random() > 0.05 else "NO"
        G.add_node(
            node,
            helix=helix,
            country=country,
            is_sme=helix == "industry" and rng.random() < 0.8,
            is_rnd=helix == "academia",
        )
    for node in range(hubs, n):
        cluster = node // cluster_size
        members = range(max(hubs, cluster * cluster_size), min(n, (cluster + 1) * cluster_size))
        for _ in range(3):
            other = rng.choice(members)
            if other != node:
                G.add_edge(node, other, kind="collaborates_with")
        if rng.random() < 0.5:
            G.add_edge(node, rng.randrange(hubs), kind="knowledge_flow")
        if rng.random() < 0.05:
            G.add_edge(node, rng.randrange(hubs, n), kind="collaborates_with")
    for u, v in list(G.edges()):
        if rng.random() < (0.7 if v < hubs else 0.3):  # intermediaries answer more often
            G.add_edge(v, u, kind=G.edges[u, v]["kind"])
    return G


# ---- straightforward networkx loops implementing the same definitions -------------------


def loop_brokerage(G: nx.DiGraph, attr: str) -> dict[Any, dict[str, int]]:
    roles = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
    counts = {node: dict.fromkeys(roles, 0) for node in G}
    group = nx.get_node_attributes(G, attr)
    for b in G:
        for a in G.predecessors(b):
            for c in G.successors(b):
                if a == c or G.has_edge(a, c):
                    continue
                ga, gb, gc = group[a], group[b], group[c]
                if ga == gb == gc:
                    counts[b]["coordinator"] += 1
                elif ga == gc:
                    counts[b]["itinerant"] += 1
                elif ga == gb:
                    counts[b]["representative"] += 1
                elif gb == gc:
                    counts[b]["gatekeeper"] += 1
                else:
                    counts[b]["liaison"] += 1
    return counts


def loop_ei(G: nx.DiGraph, attr: str) -> float:
    internal = external = 0
    for u, v in G.edges():
        if G.nodes[u][attr] == G.nodes[v][attr]:
            internal += 1
        else:
            external += 1
    return (external - internal) / (external + internal)


def loop_constraint(G: nx.DiGraph) -> dict[Any, float]:
    return nx.constraint(G, nodes=list(G))  # networkx's per-node loop path


def loop_report(G: nx.DiGraph, samples: int) -> dict[str, float]:
    smes = [n for n, d in G.nodes(data=True) if d["is_sme"]]
    linked = {n for n in smes if any(G.nodes[m]["is_rnd"] for m in nx.all_neighbors(G, n))}
    cross = sum(1 for u, v in G.edges() if G.nodes[u]["country"] != G.nodes[v]["country"])
    report: dict[str, float] = {}
    if samples:
        H = G.to_undirected()
        scores = nx.betweenness_centrality(H, k=samples, seed=0, normalized=False)
        top = max(scores, key=scores.__getitem__)
        report["betweenness"] = scores[top] / sum(scores.values())
        report["cut"] = float(top in set(nx.articulation_points(H)))
    helices: dict[str, int] = {}
    for _, helix in G.nodes(data="helix"):
        helices[helix] = helices.get(helix, 0) + 1
    exchange = nx.Graph()
    statuses = []
    for u, v, data in G.edges(data=True):
        if "resource" in data:
            exchange.add_edge(u, v)
        if "status" in data:
            statuses.append(data["status"])
    kernels = [c for c in nx.connected_components(exchange) if len(c) >= 3]
    return report | {
        "helix_shares": len(helices),
        "kernels": len(kernels),
        "realised": statuses.count("realised") / len(statuses) if statuses else math.nan,
        "sme_rnd": len(linked) / len(smes),
        "cross_border": cross / G.number_of_edges(),
        "ei": loop_ei(G, "helix"),
        "assortativity": nx.attribute_assortativity_coefficient(G, "helix"),
    }


def _time(function: Callable[[], object], repeats: int = 1) -> float:
    """The best of *repeats* runs, in seconds."""
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


Case = tuple[str, Callable[[], object], Callable[[], object]]


def _cases(G: nx.DiGraph, samples: int) -> list[Case]:
    return [
        (
            "report",
            lambda: arena_metrics(G, betweenness_samples=samples),
            lambda: loop_report(G, samples),
        ),
        ("brokerage", lambda: brokerage(G, "helix"), lambda: loop_brokerage(G, "helix")),
        ("ei_index", lambda: ei_index(G, "helix"), lambda: loop_ei(G, "helix")),
        ("constraint", lambda: constraint(G), lambda: loop_constraint(G)),
    ]


def run(sizes: list[int], *, samples: int, baseline_limit: int, constraint_limit: int) -> None:
    previous: dict[str, tuple[int, float]] = {}
    print(
        f"{'nodes':>7} {'arcs':>8} {'metric':<10} {'smice s':>9} {'loop s':>9} {'ratio':>7} "
        f"{'growth':>8}"
    )
    for n in sizes:
        G = arena_like(n)
        cases = _cases(G, samples)
        for name, ours, loop in cases:
            ours_s = _time(ours, repeats=3)
            limit = constraint_limit if name == "constraint" else baseline_limit
            loop_s = _time(loop) if n <= limit else math.nan
            ratio = loop_s / ours_s if ours_s > 0 else math.nan
            growth = ""
            if name in previous:
                n0, t0 = previous[name]
                growth = f"×{ours_s / t0:.1f}/×{n / n0:.0f}"
            previous[name] = (n, ours_s)
            print(
                f"{n:>7} {G.number_of_edges():>8} {name:<10} {ours_s:>9.3f} {loop_s:>9.3f} "
                f"{ratio:>7.1f} {growth:>8}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument(
        "--samples",
        type=int,
        default=0,
        help="betweenness source samples in the report (default 0: no betweenness)",
    )
    parser.add_argument(
        "--baseline-limit",
        type=int,
        default=50_000,
        help="skip the loop baselines above this many nodes",
    )
    parser.add_argument(
        "--constraint-baseline-limit",
        type=int,
        default=10_000,
        help="skip networkx's per-node constraint loop above this many nodes (it takes "
        "minutes at 50k)",
    )
    parser.add_argument("--smoke", action="store_true", help="one tiny size (for tests)")
    args = parser.parse_args()
    sizes = [200] if args.smoke else args.sizes
    run(
        sizes,
        samples=min(args.samples, 20) if args.smoke else args.samples,
        baseline_limit=args.baseline_limit,
        constraint_limit=args.constraint_baseline_limit,
    )


if __name__ == "__main__":
    main()
