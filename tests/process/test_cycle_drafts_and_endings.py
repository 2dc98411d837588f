"""Facilitators interview, protocols are drafted before approval, ended cycles leave their
last phase (issue 3 item 4, issue 5 item 8)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

from smice import EventRefused, load_arena
from smice.domain import CycleStatus, InterviewProtocol, ReviewDecision
from smice.errors import DocumentInvalid
from smice.examples import demo_arena
from smice.io.events import event_to_document, load_event
from smice.process import allowed_events, apply, events_from_arena, exit_report, replay
from smice.process.decompose import ArenaNotReplayable
from smice.process.events import ProtocolDrafted

ROOT = Path(__file__).resolve().parents[2]
DOCS = [
    json.loads(line)
    for line in (ROOT / "examples" / "journals" / "one-team.jsonl").read_text("utf-8").splitlines()
]
TUTORIAL = ROOT / "examples" / "arenas" / "tutorial.json"
C = "c-wood-1"
QUESTIONS = ["Tell me about a time when a side-stream became something valuable."]


def upto(kind: str, nth: int = 1) -> tuple[Any, datetime]:
    """The arena just before the *nth* event of *kind* in the one-team example, and its time."""
    seen = 0
    for i, d in enumerate(DOCS):
        seen += d["type"] == kind
        if seen == nth:
            return replay(load_event(x) for x in DOCS[:i]), datetime.fromisoformat(d["at"])
    raise AssertionError(kind)


def event(kind: str, payload: dict[str, Any] | None = None, *, at: datetime) -> Any:
    doc: dict[str, Any] = {
        "type": kind,
        "id": "e-new",
        "at": at.isoformat(),
        "recorded_by": "test",
        "cycle": C,
    }
    if payload is not None:
        doc["payload"] = payload
    return load_event(doc)


def reasons(arena: Any, e: Any) -> list[Any]:
    with pytest.raises(EventRefused) as caught:
        apply(arena, e)
    return list(caught.value.reasons)


def interview(interviewer: str, interviewee: str = "p-ola") -> dict[str, Any]:
    return {
        "id": "i-x",
        "interviewer": interviewer,
        "interviewee": interviewee,
        "on": "2019-04-01",
    }


# -- facilitators interview --------------------------------------------------------------


def test_a_facilitator_of_the_team_may_interview() -> None:
    arena, at = upto("positive_core_mapped")  # in Discover
    hilde = "p-hilde"
    team = arena.team("t-wood")
    assert hilde in team.facilitators
    assert hilde not in team.current_members
    assert hilde not in arena.cycle(C).core_team
    after = apply(arena, event("interview_recorded", interview(hilde), at=at))
    assert after.cycle(C).interviews[-1].interviewer == hilde


def test_someone_neither_member_nor_facilitator_may_not_interview() -> None:
    arena, at = upto("positive_core_mapped")
    (refusal,) = reasons(arena, event("interview_recorded", interview("p-lars"), at=at))
    assert refusal.code == "not_a_member"
    assert "'p-lars' is not a member of team 't-wood' nor one of its facilitators" in (
        refusal.message
    )


def test_a_facilitator_does_not_endorse_dreams() -> None:
    # Endorsements stay the members' (and core team's): the facilitator holds the space.
    arena, at = upto("endorsement_recorded")
    dream = arena.cycle(C).dreams[0].id
    payload = {"id": "end-x", "dream": dream, "person": "p-hilde", "on": "2019-05-01"}
    (refusal,) = reasons(arena, event("endorsement_recorded", payload, at=at))
    assert refusal.code == "not_a_member"
    assert "facilitator" not in refusal.message


# -- draft protocols ---------------------------------------------------------------------


def test_a_drafted_protocol_waits_for_its_approval() -> None:
    arena, at = upto("protocol_approved")  # in Define, no protocol yet
    assert "protocol_drafted" in allowed_events(arena, C)
    drafted = apply(
        arena, event("protocol_drafted", {"id": "proto", "questions": QUESTIONS}, at=at)
    )
    protocol = drafted.cycle(C).protocol
    assert protocol == InterviewProtocol(id="proto", questions=tuple(QUESTIONS))
    report = {r.criterion: r.passed for r in exit_report(drafted, C)}
    assert report["protocol_approved"] is False
    # Redrafting replaces the draft; the approval replaces it with the approved protocol.
    again = apply(drafted, event("protocol_drafted", {"id": "proto", "questions": ["Q?"]}, at=at))
    assert again.cycle(C).protocol.questions == ("Q?",)
    approval = {
        "id": "proto",
        "questions": QUESTIONS,
        "approved_on": "2019-03-12",
        "approved_by": ["p-ingrid"],
    }
    approved = apply(again, event("protocol_approved", approval, at=at))
    protocol = approved.cycle(C).protocol
    assert (protocol.id, protocol.questions, protocol.approved_on, protocol.approved_by) == (
        "proto",
        tuple(QUESTIONS),
        date(2019, 3, 12),
        ("p-ingrid",),
    )
    assert {r.criterion: r.passed for r in exit_report(approved, C)}["protocol_approved"]
    # An approved protocol is not turned back into a draft.
    (refusal,) = reasons(
        approved, event("protocol_drafted", {"id": "p2", "questions": ["Q"]}, at=at)
    )
    assert refusal.code == "state"
    # Folding apply and replay agree.
    first = next(i for i, d in enumerate(DOCS) if d["type"] == "protocol_approved")
    before = [load_event(d) for d in DOCS[:first]]
    extra = [
        event("protocol_drafted", {"id": "proto", "questions": QUESTIONS}, at=at),
        event("protocol_approved", approval, at=at),
    ]
    folded = replay(before)
    for e in extra:
        folded = apply(folded, e)
    assert replay([*before, *extra]) == folded
    assert folded.cycle(C).protocol == protocol


def test_a_protocol_is_drafted_only_in_define() -> None:
    arena, at = upto("positive_core_mapped")  # in Discover
    payload = {"id": "proto-late", "questions": QUESTIONS}
    (refusal,) = reasons(arena, event("protocol_drafted", payload, at=at))
    assert refusal.code == "wrong_phase"
    assert "belongs to phase define" in refusal.message


def test_a_draft_carries_no_approval_and_round_trips_as_a_document() -> None:
    at = datetime(2019, 3, 12, tzinfo=UTC)
    e = event("protocol_drafted", {"id": "proto", "questions": QUESTIONS}, at=at)
    assert e.payload == ProtocolDrafted(id="proto", questions=tuple(QUESTIONS))
    assert load_event(event_to_document(e)) == e
    doc = event_to_document(e)
    doc["payload"] = {**doc["payload"], "approved_on": "2019-03-12"}
    with pytest.raises(DocumentInvalid, match="approved_on"):
        load_event(doc)
    doc["payload"] = {"id": "proto", "questions": []}
    with pytest.raises(DocumentInvalid):
        load_event(doc)


# -- ended cycles leave their last phase -------------------------------------------------


def test_a_completed_cycle_leaves_its_last_phase_at_the_review() -> None:
    events = [load_event(d) for d in DOCS]
    arena = replay(events)
    cycle = arena.cycle(C)
    assert cycle.status is CycleStatus.COMPLETED
    review = next(e for e in reversed(events) if e.type == "review_recorded")
    assert review.payload.decision is not ReviewDecision.CONTINUE
    assert cycle.history[-1].left_at == review.at
    folded = None
    for e in events:
        folded = apply(folded, e)
    assert folded == arena


def test_a_review_deciding_to_continue_leaves_no_end() -> None:
    arena, at = upto("review_recorded")
    payload = {"id": "rev-x", "on": "2019-07-03", "decision": "continue"}
    after = apply(arena, event("review_recorded", payload, at=at))
    assert after.cycle(C).status is CycleStatus.ACTIVE
    assert after.cycle(C).history[-1].left_at is None


@pytest.mark.parametrize("paused_first", [False, True])
def test_an_abandoned_cycle_leaves_its_phase_when_abandoned(paused_first: bool) -> None:
    events = [load_event(d) for d in DOCS]
    cut = [i for i, e in enumerate(events) if e.type == "phase_advanced"][1]
    start = events[cut].at
    extra = []
    if paused_first:
        extra.append(event("cycle_paused", {"reason": "summer"}, at=start + timedelta(days=1)))
    gone_at = start + timedelta(days=2)
    extra.append(event("cycle_abandoned", {"reason": "team dissolved"}, at=gone_at))
    arena = replay(events[: cut + 1])
    folded = arena
    for e in extra:
        folded = apply(folded, e)
    replayed = replay([*events[: cut + 1], *extra])
    assert folded == replayed
    cycle = replayed.cycle(C)
    assert (cycle.status, cycle.phase) == (CycleStatus.ABANDONED, "dream")
    assert cycle.history[-1].left_at == gone_at
    assert cycle.history[-2].left_at == cycle.history[-1].entered_at


# -- the decomposer emits these events ---------------------------------------------------


def _with_protocol(protocol: InterviewProtocol) -> Any:
    arena = demo_arena()
    return attrs.evolve(arena, cycles=(attrs.evolve(arena.cycles[0], protocol=protocol),))


def test_a_draft_protocol_decomposes_into_protocol_drafted() -> None:
    arena = _with_protocol(InterviewProtocol(id="proto", questions=("Q?",)))
    events = events_from_arena(arena)
    drafted = [e for e in events if e.type == "protocol_drafted"]
    assert [e.payload for e in drafted] == [ProtocolDrafted(id="proto", questions=("Q?",))]
    assert "protocol_approved" not in [e.type for e in events]
    assert replay(events) == arena


def test_approvers_without_a_day_cannot_be_decomposed() -> None:
    arena = _with_protocol(InterviewProtocol(id="proto", questions=("Q?",), approved_by=("p1",)))
    with pytest.raises(ArenaNotReplayable) as caught:
        events_from_arena(arena)
    assert caught.value.pointer == "/cycles/0/protocol/approved_by"


def test_an_abandoned_cycle_decomposes_with_its_end() -> None:
    arena = load_arena(TUTORIAL)
    cycle = arena.cycles[0]
    last = cycle.history[-1]
    gone = last.entered_at + timedelta(days=30)
    abandoned = attrs.evolve(
        cycle,
        status=CycleStatus.ABANDONED,
        end_reason="no time",
        history=(*cycle.history[:-1], attrs.evolve(last, left_at=gone)),
    )
    changed = attrs.evolve(arena, cycles=(abandoned,))
    events = events_from_arena(changed)
    assert [e.at for e in events if e.type == "cycle_abandoned"] == [gone]
    assert replay(events) == changed
    # Without the day its last phase was left, no event can say when it ended.
    unended = attrs.evolve(abandoned, history=cycle.history)
    with pytest.raises(ArenaNotReplayable) as caught:
        events_from_arena(attrs.evolve(arena, cycles=(unended,)))
    assert caught.value.pointer == f"/cycles/0/history/{len(cycle.history) - 1}/left_at"
