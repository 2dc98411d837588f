"""compute(..., at=day): everything is judged as it stood on that day."""

from __future__ import annotations

from datetime import date

import pytest
from test_indicators_compute import build

from smice.indicators import arena_on, compute, latest_date, whole_months


def test_default_day_is_the_latest_record() -> None:
    """Without *at* the assessment date is the latest dated record (the review of c2)."""
    arena = build()
    assert date(2020, 1, 1) == latest_date(arena)
    assert compute(arena) == compute(arena, at=date(2020, 1, 1))


def test_end_of_2018() -> None:
    """On 2018-12-31: t5 has ended and t7 not begun (4 ties, t2 crosses the border); only
    in1 is launched; c2 has not started; 'late' has not joined; no recommendation yet.
    Flows identified by then: f1 and f3, so C.n_potential_flows = 2. f3 ended on 2018-10-01
    and ended flows do not count toward realisation, which leaves f1, realised: 1 / 1."""
    facts = compute(build(), at=date(2018, 12, 31))
    assert facts.value("A.months_observed") == 11
    assert facts.value("A.n_stakeholders") == 9
    assert facts.value("N.n_ties") == 4
    assert facts.value("N.cross_border_tie_share") == 0.25
    assert facts.value("A.n_initiatives") == 1
    assert facts.value("C.low_r_initiative_share") == 1.0
    assert facts.value("A.n_closed_cycles") == 0
    assert facts["A.reviews_per_closed_cycle"].missing
    assert facts.value("A.n_recommendations") == 0
    assert facts["A.months_since_first_recommendation"].missing
    assert facts.value("C.n_potential_flows") == 2
    assert facts.value("C.realisation_ratio") == 1.0
    assert facts.value("A.n_mature_teams") == 0
    assert facts["A.mature_team_graduation_share"].missing
    # sme1 and sme2 were scored for 2018 only by then: no change yet.
    assert facts["C.firm_circularity_change"].missing


def test_mid_2019_cycle_and_team_state() -> None:
    """On 2019-11-30 c2 is in destiny (its review comes later): active, not closed; team2
    has not yet graduated; a1 has started, a2 is not 6 months old."""
    facts = compute(build(), at=date(2019, 11, 30))
    assert facts.value("A.n_active_cycles") == 2
    assert facts.value("A.n_closed_cycles") == 0
    assert facts.value("A.n_actions_due") == 0
    assert facts["A.action_start_share"].missing
    snapshot = arena_on(build(), date(2019, 11, 30))
    assert snapshot.team("team2").graduation is None


def test_before_an_action_started_it_is_only_committed() -> None:
    """a1 started on 2019-07-01: on 2019-06-30 it is committed."""
    snapshot = arena_on(build(), date(2019, 6, 30))
    (a1,) = (a for a in snapshot.cycle("c2").actions if a.id == "a1")
    assert a1.status.value == "committed"
    assert a1.started_on is None


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2018, 1, 1), date(2020, 1, 1), 24),
        (date(2019, 6, 20), date(2020, 1, 1), 6),
        (date(2019, 1, 31), date(2019, 2, 28), 1),  # month end counts as complete
        (date(2019, 1, 31), date(2019, 2, 27), 0),
        (date(2020, 1, 1), date(2019, 1, 1), 0),
    ],
)
def test_whole_months(start: date, end: date, months: int) -> None:
    """Whole calendar months between two days."""
    assert months == whole_months(start, end)
