"""A Hypothesis state machine drives valid and invalid events at a live cycle.

Invariants: the phase is always one of the plan's; a refused event changes nothing; every
arena reached has no cross-object problems; replaying the accepted events gives the live
state; the JSON Lines round trip (through a real journal) is identical.
"""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from smice import EventRefused, dump_arena
from smice.domain import CycleStatus, check_arena
from smice.io.events import event_to_document, load_event
from smice.io.journal import Journal
from smice.process import apply, replay
from smice.process._bundled import bundled_template

EXAMPLE = Path(__file__).parents[2] / "examples" / "journals" / "one-team.jsonl"
_DOCS = [json.loads(line) for line in EXAMPLE.read_text("utf-8").splitlines()]
# Everything up to and including the start of the cycle: the arena the machine plays with.
_PREFIX = [
    load_event(d)
    for d in _DOCS[: next(i for i, d in enumerate(_DOCS) if d["type"] == "cycle_started") + 1]
]
CYCLE = "c-wood-1"
# The example's own cycle events, replayed in order by one rule so that runs reach late phases.
_SCRIPT = [d for d in _DOCS[len(_PREFIX) :] if d.get("cycle") == CYCLE]
PEOPLE = [
    "p-ingrid",
    "p-ola",
    "p-kari",
    "p-lars",
    "p-erik",
    "p-mari",
    "p-hilde",
    "org-ntnu",
    "p-ghost",
]
PLAN = bundled_template("smice/base").phase_plan("5-D")
PHASES = PLAN.phase_ids
ids = st.integers(0, 6)


class CycleMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.events = list(_PREFIX)
        self.arena = replay(self.events)
        self.clock = self.events[-1].at
        self.serial = 0
        self.script = 0

    # -- helpers ---------------------------------------------------------------------------
    def _send(self, kind: str, payload: dict[str, Any] | None = None, *, back: int = 0) -> None:
        self.serial += 1
        self.clock += timedelta(hours=1)
        document: dict[str, Any] = {
            "type": kind,
            "id": f"x-{self.serial}",
            "at": (self.clock - timedelta(days=back)).isoformat(),
            "recorded_by": "fuzz",
            "cycle": CYCLE,
        }
        if payload is not None:
            document["payload"] = payload
        event = load_event(document)
        before = dump_arena(self.arena)
        reasons: tuple[Any, ...] = ()
        try:
            after = apply(self.arena, event)
        except EventRefused as refused:
            reasons = refused.reasons
        if reasons:
            assert all(reason.message for reason in reasons)
            assert dump_arena(self.arena) == before
            return
        self.arena = after
        self.events.append(event)

    @property
    def cycle(self) -> Any:
        return self.arena.cycle(CYCLE)

    # -- rules -----------------------------------------------------------------------------
    @rule(steps=st.integers(4, 24))
    def follow_the_example(self, steps: int) -> None:
        for document in _SCRIPT[self.script : self.script + steps]:
            self._send(document["type"], document.get("payload"))
        self.script += steps

    @rule(members=st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4, unique=True))
    def core_team(self, members: list[str]) -> None:
        self._send("core_team_set", {"members": members})

    @rule(n=ids)
    def topic(self, n: int) -> None:
        self._send("topic_added", {"id": f"topic-{n}", "title": f"Topic {n}"})

    @rule(how=st.sampled_from(["draft", "approve", "no_day"]))
    def protocol(self, how: str) -> None:
        payload: dict[str, Any] = {"id": "protocol", "questions": ["What works?"]}
        if how == "draft":
            self._send("protocol_drafted", payload)
            return
        if how == "approve":
            payload["approved_on"] = self.clock.date().isoformat()
        self._send("protocol_approved", payload)

    @rule(n=ids, who=st.sampled_from(PEOPLE), whom=st.sampled_from(PEOPLE), t=ids)
    def interview(self, n: int, who: str, whom: str, t: int) -> None:
        self._send(
            "interview_recorded",
            {
                "id": f"int-{n}",
                "interviewer": who,
                "interviewee": whom,
                "topics": [f"topic-{t}"],
                "on": self.clock.date().isoformat(),
            },
        )

    @rule(n=ids, i=ids)
    def story(self, n: int, i: int) -> None:
        self._send(
            "story_added", {"id": f"story-{n}", "title": "A story", "interview": f"int-{i}"}
        )

    @rule(n=ids, stories=st.lists(ids, max_size=3, unique=True))
    def theme(self, n: int, stories: list[int]) -> None:
        self._send(
            "theme_identified",
            {"id": f"theme-{n}", "name": f"Theme {n}", "stories": [f"story-{s}" for s in stories]},
        )

    @rule()
    def positive_core(self) -> None:
        self._send(
            "positive_core_mapped",
            {"id": "core", "on": self.clock.date().isoformat(), "elements": ["pride"]},
        )

    @rule(n=ids, t=ids)
    def dream(self, n: int, t: int) -> None:
        self._send(
            "dream_statement_added",
            {
                "id": f"dream-{n}",
                "topic": f"topic-{t}",
                "text": "We thrive.",
                "on": self.clock.date().isoformat(),
            },
        )

    @rule(n=ids, d=ids, who=st.sampled_from(PEOPLE))
    def endorse(self, n: int, d: int, who: str) -> None:
        self._send(
            "endorsement_recorded",
            {
                "id": f"end-{n}",
                "dream": f"dream-{d}",
                "person": who,
                "on": self.clock.date().isoformat(),
            },
        )

    @rule(n=ids, t=ids, s=ids, good=st.booleans())
    def proposition(self, n: int, t: int, s: int, good: bool) -> None:
        checks = dict.fromkeys(
            ("affirmative", "present_tense", "stretching", "vivid", "grounded"), good
        )
        self._send(
            "proposition_drafted",
            {
                "id": f"prop-{n}",
                "topic": f"topic-{t}",
                "text": "We are.",
                "stories": [f"story-{s}"],
                "on": self.clock.date().isoformat(),
                "checklist": checks,
            },
        )

    @rule(n=ids)
    def target(self, n: int) -> None:
        self._send(
            "target_set", {"id": f"target-{n}", "description": "Tonnes", "value": 5, "unit": "t"}
        )

    @rule(n=ids, who=st.sampled_from(PEOPLE))
    def action(self, n: int, who: str) -> None:
        day = self.clock.date().isoformat()
        self._send(
            "action_committed",
            {"id": f"act-{n}", "title": "Do it", "owner": who, "committed_on": day, "due": day},
        )

    @rule(n=ids, members=st.lists(st.sampled_from(PEOPLE), max_size=3, unique=True))
    def action_team(self, n: int, members: list[str]) -> None:
        self._send("action_team_formed", {"id": f"at-{n}", "name": "Team", "members": members})

    @rule(decision=st.sampled_from(["renew", "graduate", "continue", "close"]))
    def review(self, decision: str) -> None:
        self._send(
            "review_recorded",
            {
                "id": f"review-{self.serial}",
                "decision": decision,
                "on": self.clock.date().isoformat(),
            },
        )

    @rule()
    def advance(self) -> None:
        self._send("phase_advanced")

    @rule(phase=st.sampled_from([*PHASES, "nowhere"]))
    def revisit(self, phase: str) -> None:
        self._send("phase_revisited", {"phase": phase, "reason": "to look again"})

    @rule(kind=st.sampled_from(["cycle_paused", "cycle_resumed"]))
    def pause_or_resume(self, kind: str) -> None:
        self._send(kind, {} if kind == "cycle_paused" else None)

    @precondition(lambda self: self.serial > 40)
    @rule()
    def abandon(self) -> None:
        self._send("cycle_abandoned", {"reason": "the team dissolved"})

    @rule(days=st.integers(1, 400))
    def backwards(self, days: int) -> None:
        self._send("phase_advanced", back=days)

    # -- invariants ------------------------------------------------------------------------
    @invariant()
    def phase_is_one_of_the_plan(self) -> None:
        assert self.cycle.phase in PHASES
        assert self.cycle.status in CycleStatus

    @invariant()
    def only_an_ended_cycle_has_left_its_phase(self) -> None:
        ended = self.cycle.status in (CycleStatus.COMPLETED, CycleStatus.ABANDONED)
        assert (self.cycle.history[-1].left_at is not None) == ended

    @invariant()
    def arena_has_no_problems(self) -> None:
        check_arena(self.arena, bundled_template("smice/base"))

    def teardown(self) -> None:
        assert replay(self.events) == self.arena
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "events.jsonl"
            lines = [json.dumps(event_to_document(e), ensure_ascii=False) for e in self.events]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            with Journal.import_jsonl(path, Path(folder) / "j.db") as journal:
                assert journal.state() == self.arena
                out = journal.export_jsonl(Path(folder) / "out.jsonl")
                assert [load_event(json.loads(x)) for x in out.read_text().splitlines()] == (
                    self.events
                )


TestCycleMachine = pytest.mark.slow(CycleMachine.TestCase)
