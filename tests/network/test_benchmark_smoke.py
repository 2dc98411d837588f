"""The benchmark script runs at tiny size (no timing is asserted)."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "network.py"


@pytest.mark.slow
def test_benchmark_runs_at_tiny_size() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), "--smoke"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    lines = [line for line in result.stdout.splitlines() if not line.startswith("(")]
    assert lines[0].split()[:3] == ["nodes", "arcs", "metric"]
    assert {line.split()[2] for line in lines[1:]} == {
        "report",
        "brokerage",
        "ei_index",
        "constraint",
    }


def test_arena_like_graph_shape() -> None:
    spec = importlib.util.spec_from_file_location("smice_network_benchmark", BENCHMARK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    G = module.arena_like(500, seed=1)
    assert G.number_of_nodes() == 500
    reciprocated = sum(1 for u, v in G.edges if G.has_edge(v, u))
    assert 0 < reciprocated < G.number_of_edges()
