"""Benchmark of the AI-cycle core and the journal. Prints times and ratios; asserts nothing.

Usage: ``python benchmarks/process.py [EVENTS] [JOURNAL_EVENTS]`` (defaults 200000 and 50000).

The events are the one-team example journal cloned for many teams (ids renamed), so the mix
is a realistic one: stakeholders, consents, teams, members and whole 5-D cycles.

1. ``replay`` of the events (as values) against a hand-written reducer over plain dicts that
   makes the same checks (ids exist, phase of each artefact, membership, consent, time order,
   exit criteria at each advance); the goal is a ratio within 3x.
2. The same against python-statemachine (one 5-D machine per cycle, guards as conditions,
   artefacts counted on the model); the goal is to be faster.
3. Journal appends per second in batches of 1 and of 1000, and ``state(at=...)`` on a long
   journal (snapshots every 10,000 events).
"""

from __future__ import annotations

import gc
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from smice.io.events import event_from_document
from smice.io.journal import Journal
from smice.process import replay

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "journals" / "one-team.jsonl"


def _ids(docs: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()

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
    found.add("c-wood-1")
    return found


def _rename(value: Any, ids: set[str], suffix: str) -> Any:
    if isinstance(value, dict):
        return {k: _rename(v, ids, suffix) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, ids, suffix) for v in value]
    if isinstance(value, str) and value in ids:
        return f"{value}-{suffix}"
    return value


def make_documents(size: int) -> list[dict[str, Any]]:
    """At least *size* event documents: arena_created and clones of the rest."""
    docs = [json.loads(line) for line in EXAMPLE.read_text("utf-8").splitlines()]
    ids = _ids(docs[1:]) - {"fosen-wood"}
    out = [docs[0]]
    k = 0
    while len(out) < size:
        out.extend(_rename(d, ids, str(k)) for d in docs[1:])
        k += 1
    return out[:size] if size >= len(docs) else out


# -- the hand-written dict reducer ---------------------------------------------------------
PHASES = ["define", "discover", "dream", "design", "destiny", "review"]
ARTEFACT_PHASE = {
    "core_team_set": "define", "topic_added": "define", "protocol_approved": "define",
    "interview_recorded": "discover", "story_added": "discover",
    "theme_identified": "discover", "positive_core_mapped": "discover",
    "dream_statement_added": "dream", "endorsement_recorded": "dream",
    "proposition_drafted": "design", "target_set": "design", "action_committed": "destiny",
    "action_team_formed": "destiny", "review_recorded": "review",
}  # fmt: skip


def _criteria_ok(state: dict[str, Any], c: dict[str, Any]) -> bool:
    phase = c["phase"]
    members = state["teams"][c["team"]]["members"]
    if phase == "define":
        helices = {state["stakeholders"][p]["helix"] for p in c["core_team"]}
        return (
            1 <= len(c["topics"]) <= 5
            and c["protocol"]
            and len(c["core_team"]) >= 3
            and (len(helices) >= 2)
        )
    if phase == "discover":
        interviewed = {i["interviewee"] for i in c["interviews"].values()}
        external = [i for i in c["interviews"].values() if i["interviewee"] not in members]
        backed = sum(1 for t in c["themes"] if len(t["stories"]) >= 2)
        return members <= interviewed and len(external) >= 3 and backed >= 3 and c["core"]
    if phase == "dream":
        return all(
            any(
                d["topic"] == t and len(c["endorsements"].get(d["id"], ())) * 3 >= 2 * len(members)
                for d in c["dreams"]
            )
            for t in c["topics"]
        )
    if phase == "design":
        return bool(c["propositions"]) and bool(c["targets"])
    if phase == "destiny":
        return bool(c["actions"]) and any(len(t["members"]) >= 2 for t in c["action_teams"])
    return False


def _advance(state: dict[str, Any], c: dict[str, Any], e: dict[str, Any]) -> None:
    if not _criteria_ok(state, c):
        raise ValueError(e["id"])
    c["phase"] = PHASES[PHASES.index(c["phase"]) + 1]


Advance = Callable[[dict[str, Any], dict[str, Any], dict[str, Any]], None]


def new_state() -> dict[str, Any]:
    return {"stakeholders": {}, "teams": {}, "cycles": {}, "other": {}}


def dict_reducer(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Fold event documents into nested dicts, making the checks apply makes."""
    state = new_state()
    for e in docs:
        fold(state, e, _advance)
    return state


def fold(state: dict[str, Any], e: dict[str, Any], advance: Advance) -> None:  # noqa: PLR0912, PLR0915
    """Apply one event document to *state* in place."""
    if True:
        t, p = e["type"], e.get("payload", {})
        if t == "arena_created":
            state["arena"] = p
        elif t == "stakeholder_joined":
            if p["id"] in state["stakeholders"] or (
                "employer" in p and p["employer"] not in state["stakeholders"]
            ):
                raise ValueError(e["id"])
            state["stakeholders"][p["id"]] = dict(p)
        elif t == "consent_recorded":
            state["stakeholders"][p["stakeholder"]]["consent"] = p["consent"]
        elif t == "team_formed":
            state["teams"][p["id"]] = {**p, "members": set()}
        elif t == "member_joined":
            if p["person"] not in state["stakeholders"]:
                raise ValueError(e["id"])
            state["teams"][p["team"]]["members"].add(p["person"])
        elif t in ("platform_opened", "tie_observed", "initiative_launched"):
            state["other"][p["id"]] = p
        elif t == "cycle_started":
            state["cycles"][e["cycle"]] = {
                "phase": "define", "team": p["team"], "at": e["at"], "core_team": [],
                "topics": [], "protocol": None, "interviews": {}, "stories": set(),
                "themes": [], "core": None, "dreams": [], "endorsements": {},
                "propositions": [], "targets": [], "actions": {}, "action_teams": [],
                "reviews": [], "ids": set(),
            }  # fmt: skip
        else:
            c = state["cycles"][e["cycle"]]
            if e["at"] < c["at"]:
                raise ValueError(e["id"])
            if t == "phase_advanced":
                advance(state, c, e)
                c["at"] = e["at"]
                return
            if t in ARTEFACT_PHASE and ARTEFACT_PHASE[t] != c["phase"]:
                raise ValueError(e["id"])
            if "id" in p:
                if p["id"] in c["ids"]:
                    raise ValueError(e["id"])
                c["ids"].add(p["id"])
            members = state["teams"][c["team"]]["members"]
            if t == "core_team_set":
                c["core_team"] = p["members"]
            elif t == "topic_added":
                c["topics"].append(p["id"])
            elif t == "protocol_approved":
                c["protocol"] = p
            elif t == "interview_recorded":
                if (
                    p["interviewer"] not in members
                    or "consent" not in (state["stakeholders"][p["interviewee"]])
                ):
                    raise ValueError(e["id"])
                c["interviews"][p["id"]] = p
            elif t == "story_added":
                if p.get("interview") not in c["interviews"]:
                    raise ValueError(e["id"])
                c["stories"].add(p["id"])
            elif t == "theme_identified":
                if not set(p["stories"]) <= c["stories"]:
                    raise ValueError(e["id"])
                c["themes"].append(p)
            elif t == "positive_core_mapped":
                c["core"] = p
            elif t == "dream_statement_added":
                c["dreams"].append(p)
            elif t == "endorsement_recorded":
                if p["person"] not in members:
                    raise ValueError(e["id"])
                c["endorsements"].setdefault(p["dream"], set()).add(p["person"])
            elif t == "proposition_drafted":
                c["propositions"].append(p)
            elif t == "target_set":
                c["targets"].append(p)
            elif t == "action_committed":
                c["actions"][p["id"]] = dict(p)
            elif t == "action_team_formed":
                c["action_teams"].append(p)
            elif t == "action_status_changed":
                c["actions"][p["action"]]["status"] = p["status"]
            elif t == "review_recorded":
                c["reviews"].append(p)
                c["status"] = "completed"
            elif t == "destiny_mode_chosen":
                c["mode"] = p["mode"]


# -- python-statemachine -------------------------------------------------------------------
def statemachine_reducer(docs: list[dict[str, Any]]) -> int:
    """Drive one python-statemachine 5-D machine per cycle; artefacts live on its model."""
    from statemachine import State, StateMachine  # noqa: PLC0415 - an optional baseline

    class FiveD(StateMachine):  # type: ignore[misc]
        define = State(initial=True)
        discover = State()
        dream = State()
        design = State()
        destiny = State()
        review = State(final=True)
        advance = (
            define.to(discover, cond="define_ok")
            | discover.to(dream, cond="discover_ok")
            | dream.to(design, cond="dream_ok")
            | design.to(destiny, cond="design_ok")
            | destiny.to(review, cond="destiny_ok")
        )

        def __init__(self, state: dict[str, Any], cycle: dict[str, Any]) -> None:
            self.s, self.c = state, cycle
            super().__init__()

        def _ok(self) -> bool:
            return _criteria_ok(self.s, self.c)

        define_ok = discover_ok = dream_ok = design_ok = destiny_ok = _ok

    state = new_state()
    machines: dict[str, Any] = {}

    def advance(state: dict[str, Any], c: dict[str, Any], e: dict[str, Any]) -> None:
        machine = machines[e["cycle"]]
        machine.advance()
        c["phase"] = machine.current_state_value

    for e in docs:
        fold(state, e, advance)
        if e["type"] == "cycle_started":
            machines[e["cycle"]] = FiveD(state, state["cycles"][e["cycle"]])
    return len(machines)


def timed(label: str, run: Callable[[], Any], repeat: int = 1) -> float:
    """The best of *repeat* runs (a full collection first, so none pays for another's)."""
    seconds = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        seconds = min(seconds, time.perf_counter() - start)
    print(f"  {label:<58} {seconds:8.2f} s")
    return seconds


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    journal_size = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    print(f"building {size:,} events ...")
    docs = make_documents(size)
    events = [event_from_document(d) for d in docs]
    # The inputs live for the whole run: keep them out of the collector's full passes, which
    # would otherwise land on whichever contender happens to trigger one.
    gc.collect()
    gc.freeze()
    print(f"replay of {len(events):,} events (best of 3)")
    ours = timed("smice.process.replay (event values)", lambda: replay(events), 3)
    base = timed("hand-written dict reducer (documents)", lambda: dict_reducer(docs), 3)
    sm = timed("python-statemachine 5-D per cycle (documents)", lambda: statemachine_reducer(docs))
    both = timed(
        "documents -> events -> replay", lambda: replay(event_from_document(d) for d in docs)
    )
    print(f"  ratio replay / dict reducer:          {ours / base:6.2f}x  (goal <= 3x)")
    print(f"  ratio replay / python-statemachine:   {ours / sm:6.2f}x  (goal < 1x)")
    print(f"  ratio documents+replay / dict reducer {both / base:6.2f}x")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        jdocs = make_documents(journal_size)
        with Journal.open(path) as journal:
            n1 = min(300, len(jdocs))
            start = time.perf_counter()
            for d in jdocs[:n1]:
                journal.append(d)
            one = n1 / (time.perf_counter() - start)
            start = time.perf_counter()
            rest = jdocs[n1:]
            for i in range(0, len(rest), 1000):
                journal.append(rest[i : i + 1000])
            thousand = len(rest) / (time.perf_counter() - start)
            print(f"journal of {len(jdocs):,} events (snapshots every 10,000)")
            print(f"  appends per second, batches of 1:     {one:10,.0f}")
            print(f"  appends per second, batches of 1000:  {thousand:10,.0f}")
            middle = len(jdocs) // 2 + 7  # a version (the clones share their timestamps)
        with Journal.open(path) as journal:
            timed("state() on a freshly opened journal (snapshot + tail)", journal.state)
            timed("state() again (cached head)", journal.state)
            timed(
                f"state(at={middle:,}) (nearest snapshot + fold)", lambda: journal.state(at=middle)
            )


if __name__ == "__main__":
    main()
