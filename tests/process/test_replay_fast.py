"""``replay`` (one working copy, mutable cycle drafts frozen once) equals the fold of ``apply``
(a fresh working copy per event) on generated event sequences.

The sequences come from the one-team example journal, cloned for several teams and
interleaved, then perturbed: events dropped or repeated, phases revisited, cycles paused and
resumed, actions moved on, ties and initiatives pointing at drafted cycles. Events the fold
refuses are left out of what is replayed (that a refusal changes nothing is checked below
and in the stateful test).
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smice import EventRefused, SmiceError, dump_arena
from smice.domain import Arena, CycleStatus
from smice.io.events import load_event
from smice.process import Event, Fold, apply, replay

EXAMPLE = Path(__file__).parents[2] / "examples" / "journals" / "one-team.jsonl"
_DOCS = [json.loads(line) for line in EXAMPLE.read_text("utf-8").splitlines()]
_CYCLE = "c-wood-1"


def _ids(docs: list[dict[str, Any]]) -> set[str]:
    found = {_CYCLE}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                found.add(value["id"])
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(docs)
    return found


_RENAMED = _ids(_DOCS[1:])


def _rename(value: Any, suffix: str) -> Any:
    if isinstance(value, dict):
        return {k: _rename(v, suffix) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, suffix) for v in value]
    if isinstance(value, str) and value in _RENAMED:
        return f"{value}-{suffix}"
    return value


def _clone(k: int) -> list[dict[str, Any]]:
    return [_rename(d, str(k)) for d in _DOCS[1:]]


def _extra(kind: str, cycle: str, payload: dict[str, Any] | None, at: str) -> dict[str, Any]:
    document: dict[str, Any] = {
        "type": kind,
        "id": "extra",
        "at": at,
        "recorded_by": "fuzz",
        "cycle": cycle,
    }
    if payload is not None:
        document["payload"] = payload
    return document


_PHASES = ["define", "discover", "dream", "design", "destiny", "review"]


@st.composite
def journals(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Event documents: clones of the example, interleaved and perturbed."""
    teams = draw(st.integers(1, 3))
    queues = [_clone(k) for k in range(teams)]
    out = [_DOCS[0]]
    while any(queues):
        k = draw(st.sampled_from([i for i, q in enumerate(queues) if q]))
        document = queues[k].pop(0)
        choice = draw(st.integers(0, 29))
        cycle = f"{_CYCLE}-{k}"
        at = document["at"]
        if choice == 0:
            continue  # dropped: later events may be refused
        out.append(document)
        if choice == 1:
            out.append(document)  # repeated: a duplicate, refused or not
        elif choice == 2:
            phase = draw(st.sampled_from(_PHASES))
            out.append(_extra("phase_revisited", cycle, {"phase": phase, "reason": "again"}, at))
        elif choice == 3:
            out.append(_extra("cycle_paused", cycle, {"reason": "a break"}, at))
            if draw(st.booleans()):
                out.append(_extra("cycle_resumed", cycle, None, at))
        elif choice == 4:
            out.append(_extra("phase_advanced", cycle, None, at))
        elif choice == 5:
            status = draw(st.sampled_from(["started", "done", "dropped", "committed"]))
            payload = {"action": f"act-pilot-{k}", "status": status, "on": at[:10]}
            out.append(_extra("action_status_changed", cycle, payload, at))
        elif choice == 6:
            payload = {
                "id": f"tie-x-{k}-{len(out)}",
                "kind": "collaborates_with",
                "source": f"p-ola-{k}",
                "target": f"p-kari-{k}",
                "cycle": cycle,
            }
            tie = _extra("tie_observed", cycle, payload, at)
            del tie["cycle"]
            out.append(tie)
    return [{**d, "id": f"e-{n}"} for n, d in enumerate(out)]


def _fold(events: list[Event]) -> tuple[Arena | None, list[Event]]:
    arena: Arena | None = None
    accepted: list[Event] = []
    for event in events:
        try:
            after = apply(arena, event)
        except EventRefused:
            continue
        arena = after
        accepted.append(event)
    return arena, accepted


def _events(documents: list[dict[str, Any]]) -> list[Event]:
    out = []
    for d in documents:
        try:
            out.append(load_event(d))
        except SmiceError:  # a generated document the schema refuses: left out
            continue
    return out


@given(documents=journals())
def test_replay_equals_the_fold_of_apply(documents: list[dict[str, Any]]) -> None:
    arena, accepted = _fold(_events(documents))
    assert arena is not None
    assert replay(accepted) == arena


@given(documents=journals())
def test_a_fold_that_meets_refusals_equals_the_replay_of_what_it_accepted(
    documents: list[dict[str, Any]],
) -> None:
    """A refused event leaves a :class:`Fold` as it was: folding every generated event (the
    refused ones included) ends where replaying only the accepted ones does."""
    fold = Fold()
    accepted: list[Event] = []
    refusals = 0
    for event in _events(documents):
        try:
            fold.apply(event)
        except EventRefused:
            refusals += 1
            continue
        accepted.append(event)
    assert fold.arena == replay(accepted)
    assert refusals + len(accepted) == len(_events(documents))


@given(documents=journals(), data=st.data())
def test_replay_from_an_arena_and_snapshots_in_the_middle(
    documents: list[dict[str, Any]], data: st.DataObject
) -> None:
    arena, accepted = _fold(_events(documents))
    cut = data.draw(st.integers(1, len(accepted)))
    assert replay(accepted[cut:], arena=replay(accepted[:cut])) == arena
    # A working copy frozen in the middle (as the journal does for snapshots) goes on.
    fold = Fold()
    middle = None
    for n, event in enumerate(accepted, start=1):
        fold.apply(event)
        if n == cut:
            middle = fold.arena
    assert middle == replay(accepted[:cut])
    assert fold.arena == arena


def test_a_whole_cycle_of_clones_ends_in_review_with_its_full_history() -> None:
    documents = [_DOCS[0], *_clone(0), *_clone(1)]
    events = [load_event({**d, "id": f"e-{n}"}) for n, d in enumerate(documents)]
    arena = replay(events)
    folded, accepted = _fold(events)
    assert len(accepted) == len(events)
    assert arena == folded
    for k in (0, 1):
        cycle = arena.cycle(f"{_CYCLE}-{k}")
        # The example journal walks the 5-D plan of smice/base through to Review.
        assert [v.phase for v in cycle.history] == _PHASES
        assert all(
            v.left_at == w.entered_at
            for v, w in zip(cycle.history, cycle.history[1:], strict=False)
        )
        # Its review decides to renew or graduate: the cycle completes and Review is left then.
        assert cycle.status is CycleStatus.COMPLETED
        review = max(e.at for e in events if e.type == "review_recorded" and e.cycle == cycle.id)
        assert cycle.history[-1].left_at == review


def test_apply_leaves_its_input_and_a_refusal_leaves_the_working_copy() -> None:
    events = [load_event(d) for d in _DOCS]
    advance = next(i for i, e in enumerate(events) if e.type == "phase_advanced")
    before = replay(events[:advance])
    dumped = dump_arena(before)
    after = apply(before, events[advance])
    assert dump_arena(before) == dumped
    assert after.cycle(_CYCLE).phase == "discover"
    assert before.cycle(_CYCLE).phase == "define"
    # Going back in time is refused and nothing changes, not even in a running replay.
    late = events[advance]
    early = load_event(
        {
            **_DOCS[advance],
            "type": "topic_added",
            "id": "e-early",
            "at": (late.at - timedelta(days=400)).isoformat(),
            "payload": {"id": "topic-early", "title": "Too early"},
        }
    )
    fold = Fold(before)
    with pytest.raises(EventRefused) as refused:
        fold.apply(early)
    assert refused.value.reasons[0].code == "time_backwards"
    assert fold.arena == before
