"""Benchmark: the default rule set over many fact snapshots.

Compares, in one run and on the same snapshots,

* smice (``smice.policy.fired``: compiled closures, three-valued logic, evidence, groups),
* the ``rule-engine`` package evaluating the same conditions (``pip install rule-engine``,
  the ``bench`` extra), and
* hand-written Python functions, one per rule,

after checking that all three fire exactly the same rules on every snapshot. Goals: at least
10x faster than rule-engine and within 2x of hand-written code. The full ``evaluate`` (with
explanations and smallest changes) is timed on a sample for information.

Run: ``python benchmarks/policy.py [--snapshots 100000] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

from smice.io.rulesets import load_ruleset
from smice.policy import RuleSet, default_facts, evaluate, fired, to_text

Snapshot = dict[str, Any]


def snapshots(count: int, seed: int) -> list[Snapshot]:
    """Complete fact snapshots drawn so that every rule fires in some of them."""
    rng = random.Random(seed)
    draw: dict[str, Callable[[], Any]] = {
        "share": lambda: round(rng.random(), 3),
        "count": lambda: rng.randint(0, 30),
        "months": lambda: round(rng.uniform(0, 36), 1),
        "rate": lambda: round(rng.uniform(0, 5), 2),
        "coefficient": lambda: round(rng.random(), 3),
        "index": lambda: round(rng.uniform(-0.1, 0.1), 3),
        "boolean": lambda: rng.random() < 0.2,
    }
    specs = list(default_facts().values())
    result = []
    for _ in range(count):
        snapshot = {spec.id: draw[spec.unit]() for spec in specs}
        if rng.random() < 0.5:  # healthy arenas: most rules do not fire
            for spec in specs:
                if spec.unit == "share":
                    snapshot[spec.id] = round(rng.uniform(0.3, 0.55), 3)
        result.append(snapshot)
    return result


# -- hand-written Python, one function per rule, testing the condition before the evidence
# (the order smice uses) ------------------------------------------------------------------


def _hand_written() -> list[tuple[str, str | None, Callable[[Mapping[str, Any]], bool]]]:
    def p1(f: Mapping[str, Any]) -> bool:
        return (
            f["N.sme_rnd_linkage_share"] < 0.20
            and f["A.months_observed"] >= 12
            and f["A.n_smes"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p4(f: Mapping[str, Any]) -> bool:
        return (
            f["N.cross_border_tie_share"] < 0.10
            and f["A.months_observed"] >= 12
            and f["N.n_ties"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p10(f: Mapping[str, Any]) -> bool:
        return (
            f["A.stalled_cycle_share"] > 0.30
            and f["A.n_active_cycles"] >= 5
            and f["A.months_observed"] >= 6
        )

    def p2(f: Mapping[str, Any]) -> bool:
        return (
            (f["A.min_helix_share"] < 0.10 or f["A.private_person_share"] < 0.15)
            and f["A.n_stakeholders"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p3(f: Mapping[str, Any]) -> bool:
        return (
            (f["N.top_broker_betweenness_share"] > 0.50 or f["N.top_broker_is_cut_vertex"])
            and f["A.n_stakeholders"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p5(f: Mapping[str, Any]) -> bool:
        return (
            f["C.n_potential_flows"] >= 5
            and f["C.realised_flow_share"] < 0.25
            and f["A.n_firms"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p6(f: Mapping[str, Any]) -> bool:
        return (
            f["C.n_initiatives_blocked_waste_status"] >= 3
            and f["A.n_initiatives"] >= 3
            and f["A.months_observed"] >= 6
        )

    def p7(f: Mapping[str, Any]) -> bool:
        return (
            f["C.low_r_initiative_share"] > 0.60
            and f["A.n_initiatives"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p8(f: Mapping[str, Any]) -> bool:
        return (
            f["C.bio_sidestream_energy_share"] > 0.50
            and f["C.n_energy_sidestreams_with_material_use"] >= 1
            and f["C.n_bio_sidestreams"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p9(f: Mapping[str, Any]) -> bool:
        return (
            f["N.n_municipal_procurement_ties"] == 0
            and f["C.n_circular_suppliers_mature"] >= 3
            and f["A.n_firms"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p21(f: Mapping[str, Any]) -> bool:
        return (
            f["C.firm_circularity_change"] <= 0
            and f["C.n_firms_with_circularity"] >= 10
            and f["A.months_observed"] >= 12
        )

    def p11(f: Mapping[str, Any]) -> bool:
        return (
            f["A.action_start_share"] < 0.40
            and f["A.n_actions_due"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p12(f: Mapping[str, Any]) -> bool:
        return (
            f["A.mature_team_graduation_share"] < 0.10
            and f["A.n_mature_teams"] >= 5
            and f["A.months_observed"] >= 24
        )

    def p16(f: Mapping[str, Any]) -> bool:
        return (
            (f["N.co_applications_per_firm_year"] < 0.1 or f["N.application_success_share"] < 0.30)
            and f["A.n_firms"] >= 10
            and f["A.months_observed"] >= 12
        )

    def p18(f: Mapping[str, Any]) -> bool:
        return (
            f["A.median_support_contacts"] >= 4
            and f["A.firm_progress_share"] < 0.25
            and f["A.n_firms"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p19(f: Mapping[str, Any]) -> bool:
        return (
            f["A.core_funding_share"] < 0.30
            and f["A.months_of_funding_left"] <= 12
            and f["A.n_stakeholders"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p13(f: Mapping[str, Any]) -> bool:
        return (
            f["A.non_manager_share"] < 0.30
            and f["A.n_firm_team_members"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p14(f: Mapping[str, Any]) -> bool:
        return (
            f["A.external_interview_share"] < 0.20
            and f["A.n_discover_interviews"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p15(f: Mapping[str, Any]) -> bool:
        return (
            (f["A.female_share"] < 0.40 or f["A.female_share"] > 0.60)
            and f["A.n_persons_with_gender"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p17(f: Mapping[str, Any]) -> bool:
        return (
            f["C.max_non_s3_domain_initiatives"] >= 5
            and f["A.n_initiatives"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p20(f: Mapping[str, Any]) -> bool:
        return (
            f["A.action_capital_gini"] > 0.6
            and f["A.n_actions"] >= 10
            and f["A.months_observed"] >= 6
        )

    def p22a(f: Mapping[str, Any]) -> bool:
        return (
            f["A.reviews_per_closed_cycle"] < 0.8
            and f["A.n_closed_cycles"] >= 5
            and f["A.months_observed"] >= 6
        )

    def p22b(f: Mapping[str, Any]) -> bool:
        return (
            f["A.months_since_first_recommendation"] >= 12
            and f["A.n_recommendations_taken_up"] == 0
            and f["A.n_recommendations"] >= 3
            and f["A.months_observed"] >= 12
        )

    return [
        ("P1", None, p1), ("P4", None, p4), ("P10", None, p10), ("P2", None, p2),
        ("P3", None, p3), ("P5", None, p5), ("P6", None, p6), ("P7", None, p7),
        ("P8", None, p8), ("P9", None, p9), ("P21", None, p21), ("P11", None, p11),
        ("P12", None, p12), ("P16", None, p16), ("P18", None, p18), ("P19", None, p19),
        ("P13", None, p13), ("P14", None, p14), ("P15", None, p15), ("P17", None, p17),
        ("P20", None, p20), ("P22a", "learning-evaluation", p22a),
        ("P22b", "learning-evaluation", p22b),
    ]  # fmt: skip


def run_hand_written(
    rules: list[tuple[str, str | None, Callable[[Mapping[str, Any]], bool]]], f: Snapshot
) -> tuple[str, ...]:
    result = []
    taken = set()
    for rule_id, group, test in rules:
        if test(f):
            if group is not None:
                if group in taken:
                    continue
                taken.add(group)
            result.append(rule_id)
    return tuple(result)


# -- rule-engine -----------------------------------------------------------------------------


def _symbol(fact: str) -> str:
    return fact.replace(".", "__")


def rule_engine_rules(ruleset: RuleSet) -> list[tuple[str, str | None, Any]]:
    import rule_engine  # noqa: PLC0415  (optional: the bench extra)

    compiled = []
    for rule in ruleset.ordered:
        text = to_text(rule.full_condition)
        text = re.sub(r"\b([ANC])\.([a-z0-9_]+)", lambda m: _symbol(m.group(0)), text)
        compiled.append((rule.id, rule.exclusive_group, rule_engine.Rule(text)))
    return compiled


def run_rule_engine(rules: list[tuple[str, str | None, Any]], f: Snapshot) -> tuple[str, ...]:
    result = []
    taken = set()
    for rule_id, group, rule in rules:
        if rule.matches(f):
            if group is not None:
                if group in taken:
                    continue
                taken.add(group)
            result.append(rule_id)
    return tuple(result)


def _time(function: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snapshots", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    ruleset = load_ruleset("smice/default")
    data = snapshots(args.snapshots, args.seed)
    renamed = [{_symbol(k): v for k, v in s.items()} for s in data]
    hand = _hand_written()
    assert [r[0] for r in hand] == [r.id for r in ruleset.ordered], "rule order differs"

    smice_out = [fired(ruleset, s) for s in data]
    hand_out = [run_hand_written(hand, s) for s in data]
    try:
        engine = rule_engine_rules(ruleset)
    except ImportError:
        print("rule-engine is not installed: pip install rule-engine", file=sys.stderr)
        return 2
    engine_out = [run_rule_engine(engine, s) for s in renamed]
    assert smice_out == hand_out, "smice and the hand-written rules disagree"
    assert smice_out == engine_out, "smice and rule-engine disagree"
    fired_share = sum(bool(out) for out in smice_out) / len(data)
    per_rule = {r.id: sum(r.id in out for out in smice_out) for r in ruleset.rules}

    t_smice = _time(lambda: [fired(ruleset, s) for s in data], args.repeat)
    t_hand = _time(lambda: [run_hand_written(hand, s) for s in data], args.repeat)
    t_engine = _time(lambda: [run_rule_engine(engine, s) for s in renamed], 1)
    sample = data[:200]
    t_full = _time(lambda: [evaluate(ruleset, s) for s in sample], 1) / len(sample)

    n = len(data)
    print(f"default rule set ({len(ruleset.rules)} rules) over {n:,} snapshots, seed {args.seed}")
    print(
        f"  snapshots with a recommendation: {fired_share:.0%}; "
        f"least-fired rule fired {min(per_rule.values()):,} times"
    )
    print(f"  {'smice fired()':<34}{t_smice:8.2f} s  {t_smice / n * 1e6:7.2f} µs/snapshot")
    print(f"  {'hand-written Python':<34}{t_hand:8.2f} s  {t_hand / n * 1e6:7.2f} µs/snapshot")
    print(f"  {'rule-engine':<34}{t_engine:8.2f} s  {t_engine / n * 1e6:7.2f} µs/snapshot")
    print(
        f"  {'smice evaluate() (explanations)':<34}{'':>10}  {t_full * 1e6:7.0f} µs/snapshot "
        f"(timed on {len(sample):,})"
    )
    speedup, overhead = t_engine / t_smice, t_smice / t_hand
    print(
        f"  smice vs rule-engine: {speedup:.1f}x faster (goal >= 10x) "
        f"{'OK' if speedup >= 10 else 'MISSED'}"
    )
    print(
        f"  smice vs hand-written: {overhead:.2f}x the time (goal <= 2x) "
        f"{'OK' if overhead <= 2 else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
