"""Synthetic arenas: reproducible, valid against the schema, shaped like a border arena."""

from __future__ import annotations

from collections import Counter

import pytest

from smice.domain import Helix, StakeholderKind, TieKind
from smice.errors import InvalidValue
from smice.experiments import synthetic_arena, synthetic_events
from smice.io import dump_arena, event_to_document, validate
from smice.process import replay


def test_the_same_seed_gives_the_same_arena_and_another_seed_another() -> None:
    assert synthetic_arena(80, seed=5) == synthetic_arena(80, seed=5)
    assert synthetic_arena(80, seed=5) != synthetic_arena(80, seed=6)


@pytest.mark.parametrize("n", [12, 50, 300])
def test_the_arena_and_its_journal_are_valid_documents(n: int) -> None:
    events = synthetic_events(n, seed=n)
    for event in events:
        validate(event_to_document(event), "event")
    arena = replay(events)
    validate(dump_arena(arena), "arena")
    assert len(arena.stakeholders) == n


def test_every_helix_both_countries_and_municipalities_on_both_sides() -> None:
    arena = synthetic_arena(200, seed=11)
    orgs = arena.organisations
    assert {o.helix for o in orgs} == set(Helix)
    by_country = {c.value: {o.municipality for o in orgs if o.country is c}
                  for c in {o.country for o in orgs}}  # fmt: skip
    assert set(by_country) == {"SE", "NO"}
    assert all(len(m) >= 2 for m in by_country.values())
    firms = [o for o in orgs if o.helix is Helix.INDUSTRY]
    assert sum(o.is_sme for o in firms) / len(firms) > 0.6
    assert all(p.consent is not None for p in arena.persons)


def test_ties_cluster_by_municipality_with_few_bridges_and_hub_intermediaries() -> None:
    arena = synthetic_arena(300, seed=2)
    orgs = {o.id: o for o in arena.organisations}
    ties = [t for t in arena.ties if t.kind is not TieKind.EMPLOYED_BY]
    same_place = sum(orgs[t.source].municipality == orgs[t.target].municipality for t in ties)
    cross_border = sum(orgs[t.source].country != orgs[t.target].country for t in ties)
    # With 8 municipalities, random ties would share one in about 1 case of 8.
    assert same_place / len(ties) > 0.35
    assert cross_border / len(ties) < 0.1
    degree: Counter[str] = Counter()
    for t in ties:
        degree[t.source] += 1
        degree[t.target] += 1
    hubs = [degree[i] for i, o in orgs.items() if StakeholderKind.INTERMEDIARY in o.kinds]
    others = [degree[i] for i, o in orgs.items() if StakeholderKind.INTERMEDIARY not in o.kinds]
    assert sum(hubs) / len(hubs) > 2 * sum(others) / len(others)


@pytest.mark.parametrize(
    ("n", "more"), [(5, {}), (50, {"person_share": 0.95}), (50, {"bridge_share": 2.0})]
)
def test_bad_arguments_are_refused(n: int, more: dict[str, float]) -> None:
    with pytest.raises(InvalidValue):
        synthetic_arena(n, seed=1, **more)  # type: ignore[arg-type]
