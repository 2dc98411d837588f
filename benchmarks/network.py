"""Benchmark smice.network against peers measured in the same run.

Synthetic arena-like graphs: clusters of about 40 stakeholders (mostly industry, some
academia, government and civil society; one country per cluster, a few across the
border), 1 % hub intermediaries tied into many clusters, and 30 % of ties reciprocated
(70 % of ties to an intermediary).

    python benchmarks/network.py                 # 1k, 10k, 50k nodes; brokerage to 200k
    python benchmarks/network.py --sizes 2000    # one size
    python benchmarks/network.py --smoke         # tiny, for the test suite

Peers: straightforward networkx loops implementing the same definitions (report, brokerage,
E-I), and for constraint networkx's default ``nx.constraint(G)`` and, when installed (the
``bench`` extra), igraph's ``Graph.constraint()`` including the conversion from the
networkx graph. Every contender is timed as the best of the same number of runs, taken in
turns; each row prints seconds and the ratio smice / peer (below 1: smice is faster). The
issue-10 rows follow: constraint at the largest size against igraph (goal: at most 1x) and
the growth of brokerage from 50k to 200k nodes (goal: exponent at most 1.15). R's
``sna::brokerage`` is not run here (no R at run time).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import CLOCK, best_of

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


def igraph_constraint(G: nx.DiGraph) -> list[float]:
    """igraph's constraint, converting the networkx graph first (both timed)."""
    import igraph  # noqa: PLC0415  (optional: the bench extra)

    index = {node: i for i, node in enumerate(G)}
    converted = igraph.Graph(
        n=len(index), edges=[(index[u], index[v]) for u, v in G.edges()], directed=True
    )
    return list(converted.constraint())


def _has_igraph() -> bool:
    try:
        import igraph  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def _contenders(G: nx.DiGraph, samples: int, baselines: bool) -> dict[str, dict[str, Any]]:
    cases: dict[str, dict[str, Any]] = {
        "report": {"smice": lambda: arena_metrics(G, betweenness_samples=samples)},
        "brokerage": {"smice": lambda: brokerage(G, "helix")},
        "ei_index": {"smice": lambda: ei_index(G, "helix")},
        "constraint": {
            "smice": lambda: constraint(G),
            "networkx": lambda: nx.constraint(G),
        },
    }
    if baselines:
        cases["report"]["loops"] = lambda: loop_report(G, samples)
        cases["brokerage"]["loops"] = lambda: loop_brokerage(G, "helix")
        cases["ei_index"]["loops"] = lambda: loop_ei(G, "helix")
    if _has_igraph():
        cases["constraint"]["igraph"] = lambda: igraph_constraint(G)
    return cases


def run(sizes: list[int], *, samples: int, baseline_limit: int, repeat: int) -> dict[str, Any]:
    print(f"({CLOCK.format(repeat=repeat)}; ratio = smice / peer)")
    print(
        f"{'nodes':>7} {'arcs':>8} {'metric':<10} {'smice s':>9} {'peer':>9} {'peer s':>9} "
        f"{'ratio':>7}"
    )
    last: dict[str, Any] = {}
    for n in sizes:
        G = arena_like(n)
        for metric, contenders in _contenders(G, samples, n <= baseline_limit).items():
            times = best_of(contenders, repeat)
            peers = [name for name in contenders if name != "smice"] or ["-"]
            for peer in peers:
                peer_s = times.get(peer, math.nan)
                print(
                    f"{n:>7} {G.number_of_edges():>8} {metric:<10} {times['smice']:>9.3f} "
                    f"{peer:>9} {peer_s:>9.3f} {times['smice'] / peer_s:>7.2f}"
                )
            last[metric] = (n, times)
    return last


def brokerage_growth(sizes: list[int], repeat: int) -> None:
    """The growth exponent of brokerage's time between the first and last of *sizes*."""
    times = {}
    for n in sizes:
        G = arena_like(n)
        times[n] = best_of({"smice": lambda G=G: brokerage(G, "helix")}, repeat)["smice"]
        print(f"{n:>7} {G.number_of_edges():>8} {'brokerage':<10} {times[n]:>9.3f}")
    first, last = sizes[0], sizes[-1]
    exponent = math.log(times[last] / times[first]) / math.log(last / first)
    print(
        f"  brokerage {first:,} -> {last:,} nodes: time grows as n^{exponent:.2f} "
        f"(goal <= 1.15) {'OK' if exponent <= 1.15 else 'MISSED'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument(
        "--brokerage-sizes",
        type=int,
        nargs="+",
        default=[50_000, 200_000],
        help="sizes for the growth of brokerage (first and last count)",
    )
    parser.add_argument(
        "--samples",
        type=int,
        default=0,
        help="betweenness source samples in the report (default 0: no betweenness)",
    )
    parser.add_argument(
        "--baseline-limit",
        type=int,
        default=10_000,
        help="skip the loop baselines above this many nodes",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="one tiny size (for tests)")
    args = parser.parse_args()
    if args.smoke:
        run([200], samples=min(args.samples, 20), baseline_limit=200, repeat=1)
        return
    last = run(
        args.sizes, samples=args.samples, baseline_limit=args.baseline_limit, repeat=args.repeat
    )
    n, times = last["constraint"]
    if "igraph" in times:
        ratio = times["smice"] / times["igraph"]
        print(
            f"  constraint at {n:,} nodes: {ratio:.2f}x igraph incl. conversion "
            f"(goal <= 1x) {'OK' if ratio <= 1 else 'MISSED'}"
        )
    else:
        print("  constraint against igraph: igraph is not installed (pip install igraph)")
    brokerage_growth(args.brokerage_sizes, args.repeat)


if __name__ == "__main__":
    main()
