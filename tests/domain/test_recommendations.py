"""Recommendation records: field invariants, status moves, cross-object checks and the
document form (issue 5, item 7: uptake of recommendations, the facts of rule P22 in
DOMAIN.md §6).

The allowed moves are the ones the issue names: proposed → accepted | rejected,
accepted → implemented | rejected; accepted and implemented recommendations are "taken up"
(DOMAIN.md §6: "accepted and implemented recommendations are tracked (they are what programme
indicators RCO83 / RCR79 count)").
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smice import DocumentInvalid, dump_arena, iter_errors, load_arena
from smice.domain import (
    Arena,
    FrozenMap,
    GovernmentLevel,
    InstrumentType,
    RecommendationRecord,
    RecommendationStatus,
    RecommendationStatusChange,
    iter_problems,
    label,
)
from smice.errors import InvalidValue, UnknownId
from smice.io._convert import structure, unstructure
from strategies import arenas, recommendation_records

ISSUED = datetime(2020, 3, 2, 9, 30, tzinfo=UTC)
ACCEPTED = RecommendationStatus.ACCEPTED
REJECTED = RecommendationStatus.REJECTED
IMPLEMENTED = RecommendationStatus.IMPLEMENTED
PROPOSED = RecommendationStatus.PROPOSED

#: The moves the issue allows, written out independently of smice.domain.ALLOWED_MOVES.
LEGAL = {
    ("proposed", "accepted"),
    ("proposed", "rejected"),
    ("accepted", "implemented"),
    ("accepted", "rejected"),
}


def _record(**changes: Any) -> RecommendationRecord:
    fields: dict[str, Any] = {
        "id": "rec-1",
        "rule_id": "P1",
        "ruleset": "smice/default",
        "ruleset_version": "0.1.0",
        "issued_at": ISSUED,
        "instrument": (InstrumentType.FINANCIAL, InstrumentType.BROKERING),
        "level": (GovernmentLevel.REGIONAL,),
        "evidence": FrozenMap({"N.sme_rnd_linkage_share": 0.12, "A.n_smes": 25}),
    }
    return RecommendationRecord(**{**fields, **changes})


def _change(status: str, days: float, **changes: Any) -> RecommendationStatusChange:
    return RecommendationStatusChange(
        status=RecommendationStatus(status), at=ISSUED + timedelta(days=days), **changes
    )


def _arena(*records: RecommendationRecord) -> Arena:
    return Arena(
        id="a",
        name="Arena",
        template="smice/base",
        created_on=date(2019, 1, 1),
        recommendations=records,
    )


# -- the value ------------------------------------------------------------------------------


def test_a_new_recommendation_is_proposed_and_not_taken_up() -> None:
    """Without status changes the status is 'proposed', last changed when issued."""
    record = _record()
    assert record.status == PROPOSED
    assert record.changed_at == ISSUED
    assert not record.is_taken_up


def test_status_is_that_of_the_last_change() -> None:
    """The status is the last history entry's; accepted and implemented are taken up,
    rejected is not."""
    accepted = _record(history=(_change("accepted", 10),))
    implemented = _record(history=(_change("accepted", 10), _change("implemented", 50)))
    rejected = _record(history=(_change("accepted", 10), _change("rejected", 50)))
    assert (accepted.status, accepted.is_taken_up) == (ACCEPTED, True)
    assert (implemented.status, implemented.is_taken_up) == (IMPLEMENTED, True)
    assert (rejected.status, rejected.is_taken_up) == (REJECTED, False)
    assert ISSUED + timedelta(days=50) == implemented.changed_at


def test_status_at_a_moment() -> None:
    """``status_at`` is None before the issue, then follows the history; a change counts
    from its own moment on, compared across UTC offsets."""
    record = _record(history=(_change("accepted", 10), _change("implemented", 50)))
    assert record.status_at(ISSUED - timedelta(seconds=1)) is None
    assert record.status_at(ISSUED) == PROPOSED
    assert record.status_at(ISSUED + timedelta(days=9)) == PROPOSED
    assert record.status_at(ISSUED + timedelta(days=10)) == ACCEPTED
    oslo = timezone(timedelta(hours=2))
    assert record.status_at((ISSUED + timedelta(days=50)).astimezone(oslo)) == IMPLEMENTED
    with pytest.raises(InvalidValue) as caught:
        record.status_at(datetime(2021, 1, 1))
    assert caught.value.name == "at"


@pytest.mark.parametrize("start", ["proposed", "accepted", "rejected", "implemented"])
@pytest.mark.parametrize("target", ["proposed", "accepted", "rejected", "implemented"])
def test_with_status_allows_exactly_the_legal_moves(start: str, target: str) -> None:
    """``with_status`` appends a change for the moves the issue allows and raises
    InvalidValue naming 'status' for every other one (rejected and implemented are final)."""
    path = {
        "proposed": (),
        "accepted": ("accepted",),
        "rejected": ("rejected",),
        "implemented": ("accepted", "implemented"),
    }[start]
    record = _record(history=tuple(_change(s, 5 * (k + 1)) for k, s in enumerate(path)))
    at = ISSUED + timedelta(days=30)
    assert ((start, target) in LEGAL) == record.can_move_to(target)
    if (start, target) in LEGAL:
        moved = record.with_status(target, at=at, by="region-jh", note="Board decision")
        assert RecommendationStatus(target) == moved.status
        assert _change(target, 30, by="region-jh", note="Board decision") == moved.history[-1]
        assert record.history == moved.history[:-1]
    else:
        with pytest.raises(InvalidValue) as caught:
            record.with_status(target, at=at)
        assert caught.value.name == "status"
        assert target == caught.value.got


def test_with_status_refuses_time_running_backwards() -> None:
    """A change before the last one (or before the issue) is refused; the same moment is
    fine."""
    record = _record(history=(_change("accepted", 10),))
    with pytest.raises(InvalidValue) as caught:
        record.with_status(IMPLEMENTED, at=ISSUED + timedelta(days=9))
    assert caught.value.name == "at"
    with pytest.raises(InvalidValue):
        _record().with_status(ACCEPTED, at=ISSUED - timedelta(minutes=1))
    same = record.with_status(IMPLEMENTED, at=ISSUED + timedelta(days=10))
    assert same.status == IMPLEMENTED


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "-bad"),
        ("rule_id", ""),
        ("ruleset", "Smice Default"),
        ("ruleset_version", "1.0"),
        ("ruleset_version", "\u0661.\u0660.\u0660"),  # Arabic-Indic digits: no semver
        ("issued_at", datetime(2020, 1, 1)),
        ("issued_by", "has space"),
        ("instrument", (InstrumentType.FINANCIAL, InstrumentType.FINANCIAL)),
        ("level", (GovernmentLevel.EU, GovernmentLevel.EU)),
        ("evidence", FrozenMap({"A.n_smes": float("nan")})),
        ("evidence", FrozenMap({"A.n_smes": float("inf")})),
        ("evidence", FrozenMap({"1bad": 3})),
        ("evidence", FrozenMap({"A..x": 3})),
        ("evidence", FrozenMap({"A.x": [1, 2]})),
        ("evidence", {"A.x": 1}),
        ("title", FrozenMap({"de": "Empfehlung"})),
        ("title", FrozenMap({"en": ""})),
    ],
)
def test_field_invariants(field: str, value: object) -> None:
    """Each field refuses what its schema refuses, raising InvalidValue naming the field."""
    with pytest.raises(InvalidValue) as caught:
        _record(**{field: value})
    assert field == caught.value.name


def test_change_fields() -> None:
    """A status change needs an aware moment; ``by`` is an id and ``note`` a non-blank text."""
    for field, value in (("at", datetime(2020, 1, 1)), ("by", "no spaces"), ("note", " ")):
        with pytest.raises(InvalidValue) as caught:
            RecommendationStatusChange(**{"status": ACCEPTED, "at": ISSUED, field: value})
        assert field == caught.value.name


def test_labels_in_three_languages() -> None:
    """The statuses have labels in English, Norwegian Bokmål and Swedish."""
    assert [label(s) for s in RecommendationStatus] == [
        "proposed",
        "accepted",
        "rejected",
        "implemented",
    ]
    assert label(ACCEPTED, "nb") == "godtatt"
    assert label(REJECTED, "sv") == "avvisad"


# -- the arena ------------------------------------------------------------------------------


def test_arena_looks_recommendations_up_by_id() -> None:
    """``arena.recommendation(rid)`` finds a record; an unknown id raises UnknownId."""
    arena = _arena(_record(), _record(id="rec-2", rule_id="P4"))
    assert arena.recommendation("rec-2").rule_id == "P4"
    with pytest.raises(UnknownId) as caught:
        arena.recommendation("rec-9")
    assert str(caught.value) == "no recommendation with id 'rec-9'"


def _problems(*records: RecommendationRecord) -> list[tuple[str, str]]:
    return [(p.pointer, p.keyword) for p in iter_problems(_arena(*records))]


def test_duplicate_ids_are_a_problem() -> None:
    """Two records with one id: the second is reported at its id."""
    assert _problems(_record(), _record()) == [("/recommendations/1/id", "duplicate")]


def test_disallowed_moves_are_problems() -> None:
    """Moves the issue does not allow are reported at the status that makes them."""
    assert _problems(_record(history=(_change("implemented", 1),))) == [
        ("/recommendations/0/history/0/status", "status")
    ]
    assert _problems(_record(history=(_change("rejected", 1), _change("accepted", 2)))) == [
        ("/recommendations/0/history/1/status", "status")
    ]
    assert _problems(_record(history=(_change("proposed", 1),))) == [
        ("/recommendations/0/history/0/status", "status")
    ]
    assert _problems(
        _record(
            history=(_change("accepted", 1), _change("implemented", 2), _change("rejected", 3))
        )
    ) == [("/recommendations/0/history/2/status", "status")]


def test_history_out_of_time_order_is_a_problem() -> None:
    """A change before the issue, or before the previous change, is an 'order' problem."""
    assert _problems(_record(history=(_change("accepted", -1),))) == [
        ("/recommendations/0/history/0/at", "order")
    ]
    assert _problems(_record(history=(_change("accepted", 5), _change("implemented", 4)))) == [
        ("/recommendations/0/history/1/at", "order")
    ]
    messages = [str(p) for p in iter_problems(_arena(_record(history=(_change("accepted", -1),))))]
    assert messages == [
        "/recommendations/0/history/0/at: status changes follow each other in time: "
        "2020-03-01T09:30:00+00:00 is before 2020-03-02T09:30:00+00:00 (the issue)"
    ]


def test_a_consistent_history_has_no_problem() -> None:
    """Legal moves forward in time (equal moments included, other offsets too) are fine."""
    oslo = timezone(timedelta(hours=1))
    history = (
        _change("accepted", 0),
        RecommendationStatusChange(
            status=IMPLEMENTED, at=(ISSUED + timedelta(days=3)).astimezone(oslo)
        ),
    )
    assert _problems(_record(history=history)) == []


@given(recommendation_records(), st.data())
def test_breaking_the_time_order_is_always_found(
    record: RecommendationRecord, data: st.DataObject
) -> None:
    """Moving any change of a consistent history to before its predecessor (or the issue)
    gives exactly one 'order' problem, at that change."""
    assert _problems(record) == []
    if not record.history:
        return
    k = data.draw(st.integers(0, len(record.history) - 1))
    before = record.history[k - 1].at if k else record.issued_at
    moved = attrs.evolve(record.history[k], at=before - timedelta(seconds=1))
    record = attrs.evolve(record, history=(*record.history[:k], moved, *record.history[k + 1 :]))
    assert [(f"/recommendations/0/history/{k}/at", "order")] == _problems(record)


# -- the document form ----------------------------------------------------------------------


def test_document_form() -> None:
    """Keys are attribute names; the status is not stored (it is the last change's), empty
    defaults are left out, and the document is valid against the arena schema."""
    record = _record(
        issued_by="smice",
        title=FrozenMap({"en": "Innovation vouchers", "sv": "Innovationscheckar"}),
        history=(_change("accepted", 60, by="region-jh", note="In the 2021 budget"),),
    )
    document = dump_arena(_arena(record))
    assert document["recommendations"] == [
        {
            "id": "rec-1",
            "rule_id": "P1",
            "ruleset": "smice/default",
            "ruleset_version": "0.1.0",
            "issued_at": "2020-03-02T09:30:00+00:00",
            "issued_by": "smice",
            "instrument": ["financial", "brokering"],
            "level": ["regional"],
            "evidence": {"N.sme_rnd_linkage_share": 0.12, "A.n_smes": 25},
            "title": {"en": "Innovation vouchers", "sv": "Innovationscheckar"},
            "history": [
                {
                    "status": "accepted",
                    "at": "2020-05-01T09:30:00+00:00",
                    "by": "region-jh",
                    "note": "In the 2021 budget",
                }
            ],
        }
    ]
    assert list(iter_errors(document, "arena")) == []
    assert _arena(record) == load_arena(json.loads(json.dumps(document)))


def test_an_arena_without_recommendations_has_no_key_for_them() -> None:
    """No recommendations, no ``recommendations`` key: older documents are unchanged."""
    assert "recommendations" not in dump_arena(_arena())


@given(recommendation_records())
def test_records_survive_the_document_conversion(record: RecommendationRecord) -> None:
    """Every record converts to JSON and back to an equal value (evidence values keep their
    types: booleans, integers, floats, strings, nulls)."""
    document = json.loads(json.dumps(unstructure(record)))
    back = structure(document, RecommendationRecord, "test")
    assert record == back
    assert [type(v) for v in record.evidence.values()] == [type(v) for v in back.evidence.values()]


@given(arenas())
def test_arenas_with_recommendations_load_and_dump_the_same(arena: Arena) -> None:
    """Dumped arenas are schema-valid and load back equal, recommendations included."""
    document = dump_arena(arena)
    assert list(iter_errors(document, "arena")) == []
    assert arena.recommendations == load_arena(document).recommendations


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"status": "postponed"}, "/recommendations/0/history/0/status"),
        ({"at": "yesterday"}, "/recommendations/0/history/0/at"),
        ({"colour": "red"}, "/recommendations/0/history/0"),
    ],
)
def test_bad_history_entries_are_refused_with_their_pointer(
    change: dict[str, Any], pointer: str
) -> None:
    """The schema refuses unknown statuses, bad moments and unknown keys in a history entry,
    and says where."""
    document = dump_arena(_arena(_record(history=(_change("accepted", 1),))))
    document["recommendations"][0]["history"][0].update(change)
    with pytest.raises(DocumentInvalid) as caught:
        load_arena(document)
    assert pointer in [e.pointer for e in caught.value.errors]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("evidence", {"A.x": [1]}),
        ("evidence", {"not a fact": 1}),
        ("ruleset_version", "v1"),
        ("ruleset", "Default"),
        ("status", "accepted"),
    ],
)
def test_bad_record_fields_are_refused(key: str, value: object) -> None:
    """Evidence holds scalars under fact ids; rule sets are references with a semantic
    version; ``status`` is not a field of its own (it comes from the history)."""
    document = dump_arena(_arena(_record()))
    document["recommendations"][0][key] = value
    with pytest.raises(DocumentInvalid) as caught:
        load_arena(document)
    assert all(e.pointer.startswith("/recommendations/0") for e in caught.value.errors)


def test_inconsistent_histories_are_refused_on_load() -> None:
    """``load_arena`` runs the cross-object checks: an illegal move in a document is an
    error with its pointer."""
    document = dump_arena(_arena(_record(history=(_change("accepted", 1),))))
    document["recommendations"][0]["history"][0]["status"] = "implemented"
    with pytest.raises(DocumentInvalid) as caught:
        load_arena(document)
    assert [e.pointer for e in caught.value.errors] == ["/recommendations/0/history/0/status"]
