"""Coleman's homophily index, Freeman's segregation index and Newman's assortativity.

References: netseg vignette (Bojanowski 2021) for the Classroom data, see ``classroom.py``:
``coleman(Classroom, "gender")`` = Boy 0.9084249, Girl 0.7909699;
``freeman(undir, "gender")`` = 0.9125874; ``assort(undir, "gender")`` = 0.9089027.
Newman (2003), Phys. Rev. E 67, 026126, eq. (2) for the directed case.
"""

import math

import networkx as nx
import pytest

from smice.network import (
    attribute_assortativity,
    coleman_homophily,
    freeman_segregation,
    mixing_matrix,
)

from .classroom import classroom, classroom_undirected


def test_coleman_matches_netseg_on_classroom() -> None:
    result = coleman_homophily(classroom(), "gender")
    assert result == {
        "Boy": pytest.approx(0.9084249, abs=1e-7),
        "Girl": pytest.approx(0.7909699, abs=1e-7),
    }


def test_coleman_below_expectation_is_scaled_by_the_expectation() -> None:
    """Two groups of 2: a sends 2 arcs, none internal; E = 2 * 1/3; (0 - E) / E = -1."""
    G = nx.DiGraph([(1, 3), (2, 4)])
    nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b"}, "g")
    result = coleman_homophily(G, "g")
    assert result["a"] == -1.0
    assert math.isnan(result["b"])


def test_freeman_matches_netseg_on_classroom() -> None:
    assert freeman_segregation(classroom_undirected(), "gender") == pytest.approx(
        0.9125874, abs=1e-7
    )


def test_assortativity_matches_netseg_on_undirected_classroom() -> None:
    value = attribute_assortativity(classroom_undirected(), "gender")
    assert value == pytest.approx(0.9089027, abs=1e-7)


def test_directed_assortativity_follows_newman_not_folded() -> None:
    """Classroom: e = [[40, 2], [5, 41]] / 88; a = (42, 46)/88, b = (45, 43)/88;
    r = (81/88 - (42*45 + 46*43)/88^2) / (1 - (42*45 + 46*43)/88^2) = 0.84107...
    (netseg's assort() folds the matrix first and reports 0.8408885)."""
    chance = (42 * 45 + 46 * 43) / 88**2
    expected = (81 / 88 - chance) / (1 - chance)
    assert attribute_assortativity(classroom(), "gender") == pytest.approx(expected)


def test_mixing_matrix_of_classroom() -> None:
    groups, matrix = mixing_matrix(classroom(), "gender")
    assert (groups, matrix) == (["Boy", "Girl"], [[40.0, 2.0], [5.0, 41.0]])


def test_coleman_is_nan_for_a_one_member_group_that_sends_ties() -> None:
    """Issue 12: with n_g = 1 the expected within-group ties E_g = T_g (1 - 1) / (N - 1) = 0
    and W_g = 0, so (W_g - E_g) / E_g is 0 / 0; netseg's coleman() returns NaN there
    (Bojanowski & Corten 2014). The other groups keep their values."""
    G = nx.DiGraph([(1, 2), (2, 1), (3, 4), (4, 3), (5, 1), (5, 3)])
    nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b", 5: "c"}, "g")
    found = coleman_homophily(G, "g")
    assert math.isnan(found["c"])
    assert not math.isnan(found["a"])
