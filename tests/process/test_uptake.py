"""Uptake events in the journal: ``recommendation_issued`` and
``recommendation_status_changed``, applied and refused, and the counts :func:`uptake` makes
of them (issue 5, item 7; the facts of rule P22 in DOMAIN.md §6: "no recommendation taken up
after 12 months"; taken up means accepted or implemented, as RCO83 / RCR79 count).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smice import DocumentInvalid, EventRefused, Journal
from smice.domain import (
    Arena,
    GovernmentLevel,
    InstrumentType,
    RecommendationStatus,
    iter_problems,
)
from smice.errors import InvalidValue
from smice.io.events import event_to_document, load_event
from smice.io.rulesets import load_ruleset
from smice.policy import evaluate
from smice.process import EVENT_TYPES, Event, Uptake, apply, replay, uptake
from smice.process.events import CYCLE_EVENTS
from strategies import arenas

T0 = datetime(2020, 3, 2, 9, 0, tzinfo=UTC)

#: The moves the issue allows, written out independently of smice.domain.ALLOWED_MOVES.
LEGAL = {
    ("proposed", "accepted"),
    ("proposed", "rejected"),
    ("accepted", "implemented"),
    ("accepted", "rejected"),
}

_counter = iter(range(10**9))


def doc(kind: str, at: datetime, payload: dict[str, Any] | None = None, **extra: Any) -> Any:
    """An event document (checked against the event schema by ``load_event``)."""
    document: dict[str, Any] = {
        "type": kind,
        "id": f"e-{next(_counter)}",
        "at": at.isoformat(),
        "recorded_by": extra.pop("recorded_by", "facilitator-1"),
        **extra,
    }
    if payload is not None:
        document["payload"] = payload
    return document


def created() -> Any:
    return doc(
        "arena_created",
        T0 - timedelta(days=400),
        {
            "id": "jt",
            "name": "Jämtland–Trøndelag",
            "template": "smice/base",
            "created_on": "2019-01-28",
        },
    )


def issued(rid: str, at: datetime, rule: str = "P1", **payload: Any) -> Any:
    return doc(
        "recommendation_issued",
        at,
        {
            "id": rid,
            "rule_id": rule,
            "ruleset": "smice/default",
            "ruleset_version": "0.1.0",
            **payload,
        },
        recorded_by="smice",
    )


def changed(rid: str, status: str, at: datetime, **payload: Any) -> Any:
    return doc(
        "recommendation_status_changed",
        at,
        {"recommendation": rid, "status": status, **payload},
        recorded_by="facilitator-1",
    )


def run(*documents: Any) -> Arena:
    return replay(load_event(d) for d in documents)


def refusal(arena: Arena, document: Any) -> tuple[str, str]:
    """The code and message of the one reason *document* is refused for; *arena* unchanged."""
    before = arena
    with pytest.raises(EventRefused) as caught:
        apply(arena, load_event(document))
    assert arena is before
    [reason] = caught.value.reasons
    return reason.code, str(reason)  # the pointer, then the message


# -- applying -------------------------------------------------------------------------------


def test_the_two_event_types_are_arena_events() -> None:
    """Both types are known, and neither concerns a cycle (no ``cycle`` field needed)."""
    assert {"recommendation_issued", "recommendation_status_changed"} <= set(EVENT_TYPES)
    assert not {"recommendation_issued", "recommendation_status_changed"} & CYCLE_EVENTS


def test_issuing_records_the_recommendation_as_proposed() -> None:
    """The record takes its moment and issuer from the event's envelope, everything else
    from the payload; its status is 'proposed'."""
    arena = run(
        created(),
        issued(
            "rec-1",
            T0,
            instrument=["financial", "brokering"],
            level=["regional"],
            evidence={"N.sme_rnd_linkage_share": 0.12, "A.n_smes": 25, "A.months_observed": 14},
            title={"en": "Innovation vouchers", "nb": "Innovasjonskuponger"},
        ),
    )
    record = arena.recommendation("rec-1")
    assert (record.rule_id, record.ruleset, record.ruleset_version) == (
        "P1",
        "smice/default",
        "0.1.0",
    )
    assert (record.issued_at, record.issued_by) == (T0, "smice")
    assert record.instrument == (InstrumentType.FINANCIAL, InstrumentType.BROKERING)
    assert record.level == (GovernmentLevel.REGIONAL,)
    assert dict(record.evidence) == {
        "N.sme_rnd_linkage_share": 0.12,
        "A.n_smes": 25,
        "A.months_observed": 14,
    }
    assert record.title["nb"] == "Innovasjonskuponger"
    assert record.status is RecommendationStatus.PROPOSED
    assert record.history == ()


def test_status_changes_are_kept_in_the_history() -> None:
    """Each change is stamped with the event's moment; ``by`` is the payload's (or the
    event's ``recorded_by``), the note is kept."""
    arena = run(
        created(),
        issued("rec-1", T0),
        changed("rec-1", "accepted", T0 + timedelta(days=30), by="region-jh", note="Budget 2021"),
        changed("rec-1", "implemented", T0 + timedelta(days=200)),
    )
    record = arena.recommendation("rec-1")
    assert record.status is RecommendationStatus.IMPLEMENTED
    assert [(c.status, c.at, c.by, c.note) for c in record.history] == [
        ("accepted", T0 + timedelta(days=30), "region-jh", "Budget 2021"),
        ("implemented", T0 + timedelta(days=200), "facilitator-1", None),
    ]
    assert list(iter_problems(arena)) == []


def test_issuing_an_existing_id_is_refused() -> None:
    """Ids are unique: issuing 'rec-1' twice is a 'duplicate'."""
    arena = run(created(), issued("rec-1", T0))
    code, message = refusal(arena, issued("rec-1", T0 + timedelta(days=1), rule="P4"))
    assert (code, message) == (
        "duplicate",
        "/payload/id: a recommendation with id 'rec-1' already exists",
    )


def test_changing_an_unknown_recommendation_is_refused() -> None:
    """A status change must name a recommendation of the arena."""
    arena = run(created(), issued("rec-1", T0))
    code, message = refusal(arena, changed("rec-9", "accepted", T0 + timedelta(days=1)))
    assert code == "unknown_id"
    assert message == (
        "/payload/recommendation: expected the id of a recommendation of this arena, got 'rec-9'"
    )


@pytest.mark.parametrize("path", [(), ("accepted",), ("rejected",), ("accepted", "implemented")])
@pytest.mark.parametrize("target", ["proposed", "accepted", "rejected", "implemented"])
def test_exactly_the_legal_moves_are_applied(path: tuple[str, ...], target: str) -> None:
    """From each status, the moves the issue allows are applied and every other one is
    refused with code 'state', naming the current status and the moves it allows."""
    start = path[-1] if path else "proposed"
    documents = [created(), issued("rec-1", T0)]
    documents += [changed("rec-1", s, T0 + timedelta(days=k + 1)) for k, s in enumerate(path)]
    arena = run(*documents)
    event = changed("rec-1", target, T0 + timedelta(days=10))
    if (start, target) in LEGAL:
        after = apply(arena, load_event(event))
        assert after.recommendation("rec-1").status == target
    else:
        code, message = refusal(arena, event)
        assert code == "state"
        assert f"recommendation 'rec-1' is {start!r}" in message
        assert f"not {target!r}" in message


def test_final_statuses_say_so() -> None:
    """A rejected recommendation can become nothing; the message says it is final."""
    arena = run(created(), issued("rec-1", T0), changed("rec-1", "rejected", T0))
    _, message = refusal(arena, changed("rec-1", "accepted", T0 + timedelta(days=1)))
    assert message == (
        "/payload/status: recommendation 'rec-1' is 'rejected' and can become nothing "
        "(it is final), not 'accepted'"
    )


def test_time_running_backwards_is_refused() -> None:
    """A change before the issue, or before the last change, is refused ('order'); the same
    moment, also written in another UTC offset, is accepted."""
    arena = run(created(), issued("rec-1", T0))
    code, message = refusal(arena, changed("rec-1", "accepted", T0 - timedelta(seconds=1)))
    assert code == "order"
    assert message == (
        "/at: a status cannot change before its last change "
        "(2020-03-02T08:59:59+00:00 is before 2020-03-02T09:00:00+00:00)"
    )
    later = apply(arena, load_event(changed("rec-1", "accepted", T0 + timedelta(days=5))))
    code, _ = refusal(later, changed("rec-1", "implemented", T0 + timedelta(days=4)))
    assert code == "order"
    oslo = timezone(timedelta(hours=1))
    same = (T0 + timedelta(days=5)).astimezone(oslo)
    final = apply(later, load_event(changed("rec-1", "implemented", same)))
    assert final.recommendation("rec-1").status is RecommendationStatus.IMPLEMENTED


def test_before_the_arena_exists_nothing_is_issued() -> None:
    """Without ``arena_created`` first, issuing is refused ('no_arena')."""
    with pytest.raises(EventRefused) as caught:
        replay([load_event(issued("rec-1", T0))])
    assert [r.code for r in caught.value.reasons] == ["no_arena"]


@pytest.mark.parametrize(
    ("document", "pointer"),
    [
        (changed("rec-1", "postponed", T0), "/payload/status"),
        (changed("rec-1", "accepted", T0, by="not an id"), "/payload/by"),
        (issued("rec-1", T0, ruleset_version="latest"), "/payload/ruleset_version"),
        (issued("rec-1", T0, evidence={"A.n": [1, 2]}), "/payload/evidence/A.n"),
        (issued("rec-1", T0, level=["galactic"]), "/payload/level/0"),
        (issued("rec-1", T0, status="accepted"), "/payload"),
    ],
)
def test_bad_payloads_are_refused_by_the_schema(document: Any, pointer: str) -> None:
    """Event documents are checked against the event schema, with a pointer to the fault."""
    with pytest.raises(DocumentInvalid) as caught:
        load_event(document)
    assert pointer in [e.pointer for e in caught.value.errors]


def test_events_survive_their_document_form() -> None:
    """``event_to_document`` and ``load_event`` round-trip both types."""
    for document in (
        issued("rec-1", T0, evidence={"A.flag": True, "A.missing": None}, instrument=["training"]),
        changed("rec-1", "accepted", T0, by="region-jh", note="Yes"),
    ):
        event = load_event(document)
        assert load_event(event_to_document(event)) == event
        assert isinstance(event, Event)


def test_the_journal_keeps_uptake_across_snapshots(tmp_path: Path) -> None:
    """In the SQLite journal (with a snapshot every 2 events) the state at each moment has
    the recommendations with their status then."""
    documents = [
        created(),
        issued("rec-1", T0),
        issued("rec-2", T0 + timedelta(days=1), rule="P4"),
        changed("rec-1", "accepted", T0 + timedelta(days=40)),
        changed("rec-2", "rejected", T0 + timedelta(days=50)),
        changed("rec-1", "implemented", T0 + timedelta(days=300)),
    ]
    with Journal.open(tmp_path / "j.sqlite", snapshot_every=2) as journal:
        journal.append(documents)
        then = journal.state(T0 + timedelta(days=45))
        now = journal.state()
    assert [r.status for r in then.recommendations] == ["accepted", "proposed"]
    assert [r.status for r in now.recommendations] == ["implemented", "rejected"]
    assert now == run(*documents)


# -- counting -------------------------------------------------------------------------------


def _story() -> Arena:
    """Three recommendations: P1 (accepted after 30 days, implemented after 200), P4
    (rejected after 50), P10 (issued after 100 days, still proposed)."""
    return run(
        created(),
        issued("rec-1", T0),
        issued("rec-2", T0, rule="P4"),
        changed("rec-1", "accepted", T0 + timedelta(days=30)),
        changed("rec-2", "rejected", T0 + timedelta(days=50)),
        issued("rec-3", T0 + timedelta(days=100), rule="P10"),
        changed("rec-1", "implemented", T0 + timedelta(days=200)),
    )


@pytest.mark.parametrize(
    ("days", "counts"),
    [
        # days after T0: (issued, proposed, accepted, rejected, implemented, taken up)
        (-1, (0, 0, 0, 0, 0, 0)),
        (0, (2, 2, 0, 0, 0, 0)),
        (30, (2, 1, 1, 0, 0, 1)),
        (50, (2, 0, 1, 1, 0, 1)),
        (100, (3, 1, 1, 1, 0, 1)),
        (200, (3, 1, 0, 1, 1, 1)),
    ],
)
def test_uptake_counts_status_at_each_moment(days: int, counts: tuple[int, ...]) -> None:
    """Counts of the story above, worked out by hand for each moment."""
    result = uptake(_story(), at=T0 + timedelta(days=days))
    assert (
        result.issued,
        result.proposed,
        result.accepted,
        result.rejected,
        result.implemented,
        result.taken_up,
    ) == counts


def test_uptake_first_issue_and_months() -> None:
    """The first issue is the earliest; months are days / (365.2425 / 12)."""
    at = T0 + timedelta(days=365)
    result = uptake(_story(), at=at)
    assert result.first_issued_at == T0
    assert result.months_since_first_issued == pytest.approx(365 / 30.436875)
    assert result.taken_up_share == pytest.approx(1 / 3)
    empty = uptake(_story(), at=T0 - timedelta(days=1))
    assert (empty.first_issued_at, empty.months_since_first_issued, empty.taken_up_share) == (
        None,
        None,
        None,
    )
    assert empty == Uptake(at=T0 - timedelta(days=1))


def test_uptake_needs_an_aware_moment() -> None:
    """A naive ``at`` is refused (the records' moments are aware)."""
    with pytest.raises(InvalidValue) as caught:
        uptake(_story(), at=datetime(2021, 1, 1))
    assert caught.value.name == "at"


@given(arenas(), st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 1, 1)))
def test_uptake_counts_add_up(arena: Arena, moment: datetime) -> None:
    """For any arena and moment: the statuses add up to the issued count, taken up is
    accepted plus implemented, and long after the last change the counts are those of the
    current statuses."""
    result = uptake(arena, at=moment.replace(tzinfo=UTC))
    assert result.issued == (
        result.proposed + result.accepted + result.rejected + result.implemented
    )
    assert result.taken_up == result.accepted + result.implemented
    final = uptake(arena, at=datetime(2040, 1, 1, tzinfo=UTC))
    assert final.issued == len(arena.recommendations)
    assert final.taken_up == sum(r.is_taken_up for r in arena.recommendations)
    assert final.rejected == sum(r.status == "rejected" for r in arena.recommendations)


_STATUSES = st.sampled_from(["proposed", "accepted", "rejected", "implemented"])


@given(st.lists(st.tuples(_STATUSES, st.integers(-3, 5)), max_size=6))
def test_a_random_sequence_of_changes_follows_the_model(steps: list[tuple[str, int]]) -> None:
    """Applying any sequence of status changes (days apart, sometimes backwards) accepts
    exactly the ones a two-line model of the issue's rules accepts, and what is accepted
    is always a consistent arena."""
    arena = run(created(), issued("rec-1", T0))
    status, last = "proposed", T0
    for target, days in steps:
        at = last + timedelta(days=days)
        ok = (status, target) in LEGAL and at >= last
        try:
            arena = apply(arena, load_event(changed("rec-1", target, at)))
        except EventRefused:
            assert not ok
        else:
            assert ok
            status, last = target, at
    assert arena.recommendation("rec-1").status == status
    assert list(iter_problems(arena)) == []


# -- the facts of P22 -----------------------------------------------------------------------


def _p22_facts(arena: Arena, at: datetime) -> dict[str, object]:
    result = uptake(arena, at=at)
    return {
        "A.n_recommendations": result.issued,
        "A.n_recommendations_taken_up": result.taken_up,
        "A.months_since_first_recommendation": result.months_since_first_issued,
        "A.months_observed": 24,
    }


def test_p22b_fires_when_nothing_is_taken_up_after_a_year() -> None:
    """Rule P22b of the default rule set ("no recommendation taken up after 12 months")
    fires on the facts :func:`uptake` gives for three untouched recommendations 14 months on,
    and is silent once one of them is accepted."""
    ruleset = load_ruleset("smice/default")
    base = [
        created(),
        issued("rec-1", T0),
        issued("rec-2", T0, rule="P4"),
        issued("rec-3", T0 + timedelta(days=100), rule="P10"),
    ]
    at = T0 + timedelta(days=426)  # 14 months
    untouched = run(*base)
    assert "P22b" in [
        r.rule_id for r in evaluate(ruleset, _p22_facts(untouched, at)).recommendations
    ]
    taken = run(*base, changed("rec-2", "accepted", T0 + timedelta(days=300)))
    assert "P22b" not in [
        r.rule_id for r in evaluate(ruleset, _p22_facts(taken, at)).recommendations
    ]
    too_early = T0 + timedelta(days=300)
    assert "P22b" not in [
        r.rule_id for r in evaluate(ruleset, _p22_facts(untouched, too_early)).recommendations
    ]
