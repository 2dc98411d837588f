"""Comparing snapshots of the small arena."""

from datetime import date

from smice.network import compare, organisation_graph, snapshots, to_graph

from .arenas import small_arena


def test_gains_and_losses_by_kind_and_helix_pair() -> None:
    before = to_graph(small_arena(), at=date(2018, 6, 1))
    after = to_graph(small_arena(), at=date(2019, 6, 1))
    result = compare(before, after)
    assert dict(result.gained) == {
        ("exchanges_resource", ("industry", "industry")): 1,
        ("knowledge_flow", ("academia", "industry")): 1,
    }
    assert dict(result.lost) == {("funds", ("civil_society", "government")): 1}
    assert result.metrics["ties"].change == 1.0  # 5 ties on 2018-06-01, 6 on 2019-06-01
    assert result.new_cross_border_links == (("mill", "dairy"),)


def test_new_sme_rnd_links_on_the_organisation_graph() -> None:
    before = organisation_graph(to_graph(small_arena(), at=date(2018, 6, 1)))
    after = organisation_graph(to_graph(small_arena(), at=date(2019, 6, 1)))
    assert compare(before, after).new_sme_rnd_links == (("mill", "uni"),)


def test_snapshots_at_each_phase_boundary() -> None:
    shots = snapshots(small_arena(), "c1")
    assert [(s.phase, s.on) for s in shots] == [
        ("define", date(2018, 6, 1)),
        ("discover", date(2019, 2, 1)),
        ("end", date(2019, 4, 1)),
    ]
    assert shots[-1].graph.has_edge("mill", "dairy")
    assert not shots[0].graph.has_edge("ann", "mill")
