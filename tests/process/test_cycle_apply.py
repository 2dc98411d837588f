"""apply / replay: what is refused and why, phase moves, variants, and the one-team example."""

from __future__ import annotations

import functools
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

from smice import EventRefused
from smice.domain import CycleStatus, CycleVariant, check_arena
from smice.io.events import load_event
from smice.process import (
    EVENT_TYPES,
    CriterionResult,
    Event,
    Refusal,
    RefusalCode,
    allowed_events,
    apply,
    exit_report,
    replay,
)
from smice.process._bundled import bundled_template
from smice.process.specs import EventRegistry

EXAMPLE = Path(__file__).parents[2] / "examples" / "journals" / "one-team.jsonl"
DOCS = [json.loads(line) for line in EXAMPLE.read_text("utf-8").splitlines()]
C = "c-wood-1"
STORY = "story-1"  # a story of the example cycle


def upto(kind: str, nth: int = 1) -> Any:
    """The arena just before the *nth* event of *kind* in the example."""
    seen = 0
    for i, d in enumerate(DOCS):
        seen += d["type"] == kind
        if seen == nth:
            return replay(load_event(x) for x in DOCS[:i]), datetime.fromisoformat(d["at"])
    raise AssertionError(kind)


def event(
    kind: str, payload: dict[str, Any] | None = None, *, at: datetime, cycle: str | None = C
) -> Any:
    doc: dict[str, Any] = {
        "type": kind,
        "id": "e-new",
        "at": at.isoformat(),
        "recorded_by": "test",
    }
    if cycle is not None:
        doc["cycle"] = cycle
    if payload is not None:
        doc["payload"] = payload
    return load_event(doc)


def refusal(arena: Any, e: Any) -> list[Any]:
    with pytest.raises(EventRefused) as caught:
        apply(arena, e)
    return list(caught.value.reasons)


def test_the_example_walks_one_team_through_a_whole_cycle() -> None:
    arena = replay(load_event(d) for d in DOCS)
    cycle = arena.cycle(C)
    assert [v.phase for v in cycle.history] == [
        "define",
        "discover",
        "dream",
        "design",
        "destiny",
        "review",
    ]
    assert cycle.status is CycleStatus.COMPLETED
    check_arena(arena, bundled_template("smice/base"))


def test_folding_apply_equals_replay() -> None:
    events = [load_event(d) for d in DOCS]
    arena = None
    for e in events:
        arena = apply(arena, e)
    assert arena == replay(events)


def test_a_refused_advance_names_exactly_the_failing_criteria() -> None:
    arena, at = upto("positive_core_mapped")
    reasons = refusal(arena, event("phase_advanced", at=at))
    assert all(isinstance(r, CriterionResult) for r in reasons)
    assert [r.criterion for r in reasons] == ["positive_core_mapped"]
    report = exit_report(arena, C)
    assert [r.criterion for r in report if not r.passed] == ["positive_core_mapped"]
    assert "phase_advanced" not in allowed_events(arena, C)
    assert arena.cycle(C).phase == "discover"


def test_exit_report_in_norwegian_and_swedish() -> None:
    arena, _ = upto("positive_core_mapped")
    nb = exit_report(arena, C, language="nb")[-1]
    sv = exit_report(arena, C, language="sv")[-1]
    assert (
        nb.message == "kriteriet 'positive_core_mapped' forventer et kart over den positive "
        "kjernen, fant 0"
    )
    assert sv.message.startswith("kriteriet 'positive_core_mapped' kräver")


def test_allowed_events_follow_the_phase() -> None:
    arena, _ = upto("dream_statement_added")
    allowed = allowed_events(arena, C)
    assert {"dream_statement_added", "endorsement_recorded"} <= set(allowed)
    assert not {"interview_recorded", "phase_advanced"} & set(allowed)
    assert "phase_revisited" in allowed
    assert set(allowed) <= set(EVENT_TYPES)


@pytest.mark.parametrize(
    ("kind", "payload", "code", "pointer"),
    [
        (
            "interview_recorded",
            {
                "id": "i-x",
                "interviewer": "p-ingrid",
                "interviewee": "p-nobody",
                "on": "2019-04-01",
            },
            RefusalCode.UNKNOWN_ID,
            "/payload/interviewee",
        ),
        (
            "interview_recorded",
            {"id": "i-x", "interviewer": "p-lars", "interviewee": "p-ingrid", "on": "2019-04-01"},
            RefusalCode.NOT_A_MEMBER,
            "/payload/interviewer",
        ),
        ("topic_added", {"id": "top-x", "title": "Late topic"}, RefusalCode.WRONG_PHASE, "/type"),
        (
            "story_added",
            {"id": "int-1", "title": "Same id as an interview"},
            RefusalCode.DUPLICATE,
            "/payload/id",
        ),
        (
            "theme_identified",
            {"id": "th-x", "name": "X", "stories": [STORY, "story-99"]},
            RefusalCode.UNKNOWN_ID,
            "/payload/stories/1",
        ),
    ],
)
def test_invalid_artefacts_are_refused_with_their_code_and_pointer(
    kind: str, payload: dict[str, Any], code: RefusalCode, pointer: str
) -> None:
    arena, at = upto("positive_core_mapped")
    reasons = refusal(arena, event(kind, payload, at=at))
    assert [type(r) for r in reasons] == [Refusal]
    assert (reasons[0].code, reasons[0].pointer) == (code, pointer)


def test_a_refusal_in_a_batch_says_the_index_and_id_of_the_event() -> None:
    arena, at = upto("positive_core_mapped")
    good = event("story_added", {"id": "story-new", "title": "Fine"}, at=at)
    bad = event("theme_identified", {"id": "th-x", "name": "X", "stories": ["nope"]}, at=at)
    batch = [attrs.evolve(good, id="e-good"), attrs.evolve(bad, id="e-bad")]
    with pytest.raises(EventRefused) as caught:
        replay(batch, arena=arena)
    refused = caught.value
    assert (refused.index, refused.pointer, refused.event_id) == (1, "/events/1", "e-bad")
    assert [(r.code, r.pointer) for r in refused.reasons] == [
        (RefusalCode.UNKNOWN_ID, "/payload/stories/0")
    ]
    # A single event is not in a batch.
    with pytest.raises(EventRefused) as single:
        apply(arena, batch[1])
    assert (single.value.index, single.value.pointer, single.value.event_id) == (None, "", "e-bad")


def test_a_person_without_consent_cannot_be_interviewed() -> None:
    arena, at = upto("positive_core_mapped")
    e = event(
        "consent_withdrawn", {"stakeholder": "p-lars", "on": "2019-03-20"}, at=at, cycle=None
    )
    arena = apply(arena, e)
    reasons = refusal(
        arena,
        event(
            "interview_recorded",
            {"id": "i-x", "interviewer": "p-ingrid", "interviewee": "p-lars", "on": "2019-03-25"},
            at=at,
        ),
    )
    assert reasons[0].code == "no_consent"


def test_time_cannot_run_backwards_within_a_cycle() -> None:
    arena, _ = upto("positive_core_mapped")
    entered = arena.cycle(C).history[-1].entered_at
    reasons = refusal(
        arena,
        event(
            "positive_core_mapped",
            {"id": "core-x", "on": "2019-03-25", "elements": ["x"]},
            at=entered - timedelta(1),
        ),
    )
    assert reasons[0].code == "time_backwards"


def test_revisit_needs_a_visited_phase_and_is_recorded_with_its_reason() -> None:
    arena, at = upto("phase_advanced", 3)  # in dream
    assert (
        refusal(arena, event("phase_revisited", {"phase": "design", "reason": "x"}, at=at))[0].code
        == "wrong_phase"
    )
    after = apply(
        arena, event("phase_revisited", {"phase": "discover", "reason": "a new voice"}, at=at)
    )
    last = after.cycle(C).history[-1]
    assert (last.phase, last.reason) == ("discover", "a new voice")
    assert after.cycle(C).history[-2].left_at == at


def test_pause_resume_and_abandon() -> None:
    arena, at = upto("phase_advanced", 2)
    paused = apply(arena, event("cycle_paused", {"reason": "summer"}, at=at))
    assert paused.cycle(C).status is CycleStatus.PAUSED
    assert refusal(paused, event("phase_advanced", at=at))[0].code == "state"
    assert allowed_events(paused, C) == ("cycle_resumed", "cycle_abandoned")
    resumed = apply(paused, event("cycle_resumed", at=at))
    assert resumed.cycle(C).status is CycleStatus.ACTIVE
    gone = apply(resumed, event("cycle_abandoned", {"reason": "team dissolved"}, at=at))
    assert (gone.cycle(C).status, gone.cycle(C).end_reason) == (
        CycleStatus.ABANDONED,
        "team dissolved",
    )


def test_a_review_deciding_to_continue_goes_back_to_destiny() -> None:
    arena, at = upto("review_recorded")
    after = apply(
        arena,
        event(
            "review_recorded", {"id": "rev-x", "on": "2019-07-03", "decision": "continue"}, at=at
        ),
    )
    cycle = after.cycle(C)
    assert (cycle.phase, cycle.status) == ("destiny", CycleStatus.ACTIVE)


def test_a_terminal_phase_cannot_advance() -> None:
    arena = replay(load_event(d) for d in DOCS)
    at = arena.cycle(C).history[-1].entered_at + timedelta(days=1)
    reasons = refusal(arena, event("phase_advanced", at=at))
    assert reasons[0].code == "state"  # completed


def test_subcycles_are_spawned_in_destiny() -> None:
    arena, at = upto("action_committed")
    after = apply(
        arena, event("subcycle_spawned", {"subcycle": "c-bark", "variant": "4-D"}, at=at)
    )
    sub = after.cycle("c-bark")
    assert (sub.parent, sub.team, sub.phase) == (C, "t-wood", "discover")
    early, at2 = upto("topic_added")
    assert (
        refusal(early, event("subcycle_spawned", {"subcycle": "c-x", "variant": "4-D"}, at=at2))[
            0
        ].code
        == "wrong_phase"
    )


def test_a_summit_checks_all_criteria_at_its_end() -> None:
    arena, at = upto("cycle_started")
    started = apply(
        arena,
        event("cycle_started", {"variant": "summit", "team": "t-wood"}, at=at, cycle="c-summit"),
    )
    cycle = started.cycle("c-summit")
    assert (cycle.variant, cycle.phase) == (CycleVariant.SUMMIT, "summit")
    assert "interview_recorded" in allowed_events(started, "c-summit")
    assert "topic_added" in allowed_events(started, "c-summit")
    reasons = refusal(started, event("phase_advanced", at=at, cycle="c-summit"))
    summit_criteria = [
        s.name
        for s in bundled_template("smice/base").phase_plan("summit").phase("summit").criteria
    ]
    assert [r.criterion for r in reasons] == [
        r.criterion for r in exit_report(started, "c-summit") if not r.passed
    ]
    assert {r.criterion for r in reasons} <= set(summit_criteria)


def test_events_before_arena_created_and_a_second_arena_are_refused() -> None:
    first = load_event(DOCS[0])
    with pytest.raises(EventRefused, match="arena_created"):
        replay([load_event(DOCS[1])])
    with pytest.raises(EventRefused, match="already exists"):
        replay([first, first])


def payload_of(event_id: str) -> dict[str, Any]:
    """The payload of the example event *event_id* (a copy)."""
    return dict(next(d for d in DOCS if d["id"] == event_id)["payload"])


# Samples for the event types the example journal does not contain: (kind, the example
# event after which it applies, payload). Each fits the arena at that point.
_LATER = "2019-08-01T10:00:00+02:00"
_EXTRA: list[tuple[str, str, dict[str, Any] | None]] = [
    (
        "stakeholder_updated",
        "e-066",
        {**payload_of("e-012"), "name": "Mari Berg Aune", "municipality": "Indre Fosen"},
    ),
    ("stakeholder_left", "e-066", {"stakeholder": "p-erik", "on": "2019-08-01"}),
    ("consent_withdrawn", "e-066", {"stakeholder": "p-mari", "on": "2019-08-01"}),
    ("tie_ended", "e-066", {"tie": "tie-1", "on": "2019-08-01"}),
    ("member_left", "e-066", {"team": "t-wood", "person": "p-kari", "on": "2019-08-01"}),
    (
        "team_graduated",
        "e-066",
        {
            "team": "t-wood",
            "graduation": {
                "on": "2019-08-01",
                "evidence": "new_business",
                "description": "The bark pilot became a delivery business.",
            },
        },
    ),
    ("initiative_updated", "e-066", {**payload_of("e-064"), "maturity": "market_entry"}),
    (
        "resource_flow_changed",
        "e-066",
        {
            "id": "flow-bark",
            "owner": "org-sawmill",
            "source": "org-sawmill",
            "flow_type": "by_product",
            "resource": "bark",
            "target": "org-municipality",
        },
    ),
    (
        "recommendation_issued",
        "e-066",
        {"id": "rec-1", "rule_id": "P1", "ruleset": "smice/default", "ruleset_version": "0.1.0"},
    ),
    ("protocol_drafted", "e-027", {"id": "protocol-0", "questions": ["What works here?"]}),
    ("phase_revisited", "e-054", {"phase": "discover", "reason": "a new voice"}),
    ("cycle_paused", "e-046", {"reason": "summer"}),
    ("cycle_abandoned", "e-046", {"reason": "team dissolved"}),
    ("subcycle_spawned", "e-060", {"subcycle": "c-bark", "variant": "4-D"}),
]


def _sample_doc(kind: str, at: str, payload: dict[str, Any] | None) -> dict[str, Any]:
    from smice.process.events import CYCLE_EVENTS

    doc: dict[str, Any] = {"type": kind, "id": "e-x", "at": at, "recorded_by": "fac-hilde"}
    if kind in CYCLE_EVENTS:
        doc["cycle"] = C
    if payload is not None:
        doc["payload"] = payload
    return doc


@functools.cache
def samples() -> tuple[tuple[str, Any, dict[str, Any]], ...]:
    """(kind, arena, event document) for every event type but ``arena_created``: the first
    event of each type in the example, applied to the arena just before it, then
    :data:`_EXTRA`, then the events that need one of those applied first."""
    out: list[tuple[str, Any, dict[str, Any]]] = []
    ids = [d["id"] for d in DOCS]
    firsts = {d["type"]: i for i, d in reversed(list(enumerate(DOCS)))}
    for kind, i in firsts.items():
        if kind != "arena_created":
            out.append((kind, replay(load_event(d) for d in DOCS[:i]), DOCS[i]))
    for kind, after, payload in _EXTRA:
        i = ids.index(after) + 1
        at = _LATER if i == len(DOCS) else DOCS[i]["at"]
        out.append((kind, replay(load_event(d) for d in DOCS[:i]), _sample_doc(kind, at, payload)))
    applied = {
        kind: apply(arena, load_event(doc))
        for kind, arena, doc in out
        if kind in {"recommendation_issued", "cycle_paused"}
    }
    out.append(
        (
            "recommendation_status_changed",
            applied["recommendation_issued"],
            _sample_doc(
                "recommendation_status_changed",
                "2019-08-02T10:00:00+02:00",
                {"recommendation": "rec-1", "status": "accepted"},
            ),
        )
    )
    paused_at = DOCS[ids.index("e-046") + 1]["at"]
    out.append(
        ("cycle_resumed", applied["cycle_paused"], _sample_doc("cycle_resumed", paused_at, None))
    )
    return tuple(out)


def handled(arena: Any, doc: dict[str, Any], event: Event | None = None) -> str:
    """``"changed"`` when the event is applied and changes the arena, ``"refused"`` when its
    handler refuses it for a reason of its own; an AssertionError naming the type otherwise
    (no handler: a crash, an "unknown event type" refusal, or an event that does nothing)."""
    kind = doc["type"]
    event = load_event(doc) if event is None else event
    refused: EventRefused | None = None
    try:
        after = apply(arena, event)
    except EventRefused as error:
        refused = error
    except Exception as crash:
        raise AssertionError(f"{kind}: no working handler ({crash!r})") from crash
    if refused is not None:
        assert refused.event_type == kind, f"{kind}: refused as {refused.event_type!r}"
        assert "unknown event type" not in str(refused), f"{kind}: {refused}"
        return "refused"
    assert after != arena, f"{kind}: accepted but the arena did not change"
    return "changed"


def test_every_event_type_has_a_handler() -> None:
    from smice.process.events import PAYLOADS

    outcomes = {kind: handled(arena, doc) for kind, arena, doc in samples()}
    assert set(outcomes) == set(PAYLOADS) - {"arena_created"}
    # Each sample fits its arena, so every handler must accept it and write something.
    assert {k for k, v in outcomes.items() if v != "changed"} == set()


@pytest.mark.parametrize("kind", ["tie_ended", "protocol_drafted", "cycle_paused"])
@pytest.mark.parametrize("how", ["removed", "no-op"])
def test_the_handler_check_fails_without_the_handler(
    monkeypatch: pytest.MonkeyPatch, kind: str, how: str
) -> None:
    import attrs

    from smice.process import registry

    arena, doc = next((a, d) for k, a, d in samples() if k == kind)
    event = load_event(doc)
    assert handled(arena, doc, event) == "changed"
    spec = registry.REGISTRY[kind]
    if how == "removed":
        specs = tuple(s for s in registry.REGISTRY.specs if s.type != kind)
        monkeypatch.setattr(registry, "REGISTRY", EventRegistry(specs))
    else:
        no_op = attrs.evolve(spec, handler=lambda *_: None)
        monkeypatch.setattr(registry, "REGISTRY", registry.REGISTRY.with_specs(no_op))
    with pytest.raises(AssertionError, match=kind):
        handled(arena, doc, event)
