"""Leydesdorff's triple-helix transmission T (Leydesdorff 2003, Scientometrics 58)."""

import math

import pytest

from smice.errors import InvalidValue
from smice.network import helix_presence_counts, triple_helix_synergy

from .arenas import small_arena


def test_xor_table_is_minus_one_bit() -> None:
    """g = u XOR i over four equally likely triples: H_u = H_i = H_g = 1, each pair 2 bits,
    the triple 2 bits: T = 3 - 6 + 2 = -1."""
    xor = {(u, i, u ^ i): 5 for u in (0, 1) for i in (0, 1)}
    assert triple_helix_synergy(xor) == -1.0


def test_independence_is_zero() -> None:
    counts = {
        (u, i, g): (1 + u) * (2 + i) * (3 + g) for u in (0, 1) for i in (0, 1) for g in (0, 1)
    }
    assert triple_helix_synergy(counts) == pytest.approx(0.0, abs=1e-12)


def test_identical_dimensions_by_hand() -> None:
    """u = i = g, two equally likely values: every entropy is 1 bit: T = 3 - 3 + 1 = +1."""
    assert triple_helix_synergy({(0, 0, 0): 1, (1, 1, 1): 1}) == pytest.approx(1.0)


def test_bad_counts_are_refused() -> None:
    with pytest.raises(InvalidValue):
        triple_helix_synergy({(0, 0): 1})  # type: ignore[dict-item]
    with pytest.raises(InvalidValue):
        triple_helix_synergy({(0, 0, 0): -1})
    assert math.isnan(triple_helix_synergy({}))


def test_presence_counts_from_initiatives() -> None:
    counts = helix_presence_counts(small_arena())
    # initiative 1: sme + university; initiative 2: sme + municipality + university
    assert counts == {(True, True, False): 1, (True, True, True): 1}
