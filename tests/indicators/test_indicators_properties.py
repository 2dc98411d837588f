"""Properties of compute() over generated arenas, and Leydesdorff's T through compute()."""

from __future__ import annotations

import math
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from smice.domain import (
    Arena,
    Country,
    Helix,
    Initiative,
    Stakeholder,
    StakeholderKind,
)
from smice.indicators import CATALOGUE, compute
from smice.policy.facts import unit
from strategies import arenas


@given(arenas(max_stakeholders=8), st.booleans())
def test_compute_never_raises_and_values_respect_their_units(arena: Arena, early: bool) -> None:
    """On any consistent arena (and on its creation day) compute returns every catalogue
    fact, each either missing with a reason or a value within its unit's range (shares in
    [0, 1]); counts are ints and booleans are bools."""
    facts = compute(arena, at=arena.created_on if early else None)
    assert list(CATALOGUE) == list(facts)
    for key, entry in CATALOGUE.items():
        fact = facts[key]
        assert fact.unit == entry.unit
        if fact.missing:
            assert fact.reason, key
            continue
        spec = unit(entry.unit)
        if spec.kind == "boolean":
            assert isinstance(fact.value, bool), key
            continue
        if spec.kind == "category":
            assert isinstance(fact.value, str), key
            continue
        assert isinstance(fact.value, int | float), key
        assert not isinstance(fact.value, bool), key
        assert math.isfinite(fact.value), key
        assert spec.minimum - 1e-9 <= fact.value <= spec.maximum + 1e-9, (key, fact.value)
        if spec.integral:
            assert isinstance(fact.value, int), key


_HELIX_OF = {"u": Helix.ACADEMIA, "i": Helix.INDUSTRY, "g": Helix.GOVERNMENT}
_KIND_OF = {
    "u": StakeholderKind.UNIVERSITY,
    "i": StakeholderKind.SME,
    "g": StakeholderKind.MUNICIPALITY,
}


def _arena_of(triples: list[tuple[int, int, int]]) -> Arena:
    """One initiative per (u, i, g) triple, with a participant from each present helix
    (and a civil-society one, so that no initiative is empty)."""
    people = [
        Stakeholder(id=h, name=h, helix=helix, kinds=frozenset({_KIND_OF[h]}), country=Country.SE)
        for h, helix in _HELIX_OF.items()
    ]
    people.append(
        Stakeholder(
            id="ngo",
            name="ngo",
            helix=Helix.CIVIL_SOCIETY,
            kinds=frozenset({StakeholderKind.NGO}),
            country=Country.SE,
        )
    )
    initiatives = tuple(
        Initiative(
            id=f"in{n}",
            name=f"in{n}",
            launched_on=date(2019, 1, 1),
            participants=("ngo", *(h for h, present in zip("uig", t, strict=True) if present)),
        )
        for n, t in enumerate(triples)
    )
    return Arena(
        id="th",
        name="th",
        template="smice/base",
        created_on=date(2018, 1, 1),
        stakeholders=tuple(people),
        initiatives=initiatives,
    )


def test_triple_helix_xor_is_minus_one_bit() -> None:
    """Leydesdorff (2003), McGill (1954): g = u xor i over four equally likely
    configurations gives T = 1 + 1 + 1 - 2 - 2 - 2 + 2 = -1 bit."""
    facts = compute(_arena_of([(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]))
    assert facts.value("N.triple_helix_synergy") == -1.0
    assert facts.unit("N.triple_helix_synergy") == "bits"


def test_triple_helix_independence_is_zero() -> None:
    """All eight configurations equally likely: the helices are independent, T = 0."""
    triples = [(u, i, g) for u in (0, 1) for i in (0, 1) for g in (0, 1)]
    assert compute(_arena_of(triples)).value("N.triple_helix_synergy") == 0.0
