"""Phase plans as definitions; bundled variants; diagrams; derived signals."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from smice import InvalidDefinition, load_template
from smice.domain import DestinyMode
from smice.io.events import load_event
from smice.io.templates import bundled_templates
from smice.process import (
    check_template,
    days_in_phase,
    destiny_mode,
    external_voice_share,
    improvisation_share,
    is_stalled,
    replay,
    to_dot,
    to_mermaid,
)
from smice.process._bundled import bundled_template
from smice.process.signals import last_activity

BASE = json.loads(
    (Path(__file__).parents[2] / "src" / "smice" / "templates" / "base.json").read_text("utf-8")
)
EXAMPLE = Path(__file__).parents[2] / "examples" / "journals" / "one-team.jsonl"


@pytest.mark.parametrize("ref", bundled_templates())
def test_bundled_templates_are_sound_and_read_alike_in_both_layers(ref: str) -> None:
    template = load_template(ref)
    assert check_template(template) is template
    assert bundled_template(ref) == template


def test_base_bundles_5d_4d_soar_and_summit() -> None:
    variants = [str(v) for v in load_template("smice/base").variants]
    assert variants == ["5-D", "4-D", "SOAR", "summit"]


def plan_problem(edit: Any) -> str:
    document = copy.deepcopy(BASE)
    document["id"] = "test/broken"
    edit(document["phase_plans"][0])
    with pytest.raises(InvalidDefinition) as caught:
        check_template(load_template(document))  # load_template does the domain checks
    return "; ".join(caught.value.problems)


def test_an_unknown_criterion_is_named() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["phases"][0]["criteria"].append({"name": "vibes_good"})

    assert "unknown criterion 'vibes_good'" in plan_problem(edit)


def test_an_unknown_parameter_is_named() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["phases"][0]["criteria"][0]["params"]["maximum"] = 9

    assert "unknown parameter 'maximum'" in plan_problem(edit)


def test_an_unreachable_phase_is_named() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["transitions"] = [t for t in plan["transitions"] if t["target"] != "dream"]

    problems = plan_problem(edit)
    assert "phase 'dream' cannot be reached from 'define'" in problems


def test_no_path_to_a_terminal_phase_is_named() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["transitions"] = [t for t in plan["transitions"] if t["source"] != "destiny"]
        plan["transitions"].append(
            {"source": "destiny", "event": "phase_advanced", "target": "design"}
        )
        plan["transitions"] = [t for t in plan["transitions"] if t["target"] != "review"]
        plan["transitions"].append(
            {"source": "review", "event": "phase_advanced", "target": "define"}
        )

    problems = plan_problem(edit)
    assert "no path from phase 'define' to a terminal phase" in problems


def test_two_unguarded_transitions_for_one_event_are_named() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["transitions"].append(
            {"source": "define", "event": "phase_advanced", "target": "dream"}
        )

    assert "2 unguarded transitions from 'define' on 'phase_advanced'" in plan_problem(edit)


def test_an_unknown_phase_in_a_transition_is_named() -> None:
    document = copy.deepcopy(BASE)
    document["id"] = "test/broken"
    document["phase_plans"][0]["transitions"].append(
        {
            "source": "define",
            "event": "phase_advanced",
            "target": "limbo",
            "guard": "decision_close",
        }
    )
    with pytest.raises(InvalidDefinition, match="unknown phase 'limbo'"):
        load_template(document)


def test_unknown_guards_and_events_are_named() -> None:
    def edit(plan: dict[str, Any]) -> None:
        plan["transitions"].append(
            {"source": "define", "event": "coffee_break", "target": "dream", "guard": "if_sunny"}
        )

    problems = plan_problem(edit)
    assert "unknown event 'coffee_break'" in problems
    assert "unknown guard 'if_sunny'" in problems


def test_mermaid_and_dot_show_every_phase_transition_and_criterion() -> None:
    template = load_template("smice/base")
    mermaid, dot = to_mermaid(template), to_dot(template)
    assert mermaid.startswith("stateDiagram-v2\n    [*] --> define\n")
    assert "    review --> destiny : review_recorded [decision_continue]" in mermaid
    assert "    review --> [*]" in mermaid
    assert "        themes_backed (min_themes=3, min_stories=2)" in mermaid
    assert dot.startswith('digraph "smice/base 5-D" {')
    assert '"destiny" -> "review" [label="phase_advanced"];' in dot
    assert "dreams_endorsed (min_per_topic=1, min_share=0.6667)" in dot
    assert dot.rstrip().endswith("}")
    soar = to_mermaid(template, variant="SOAR")
    assert "strengths --> opportunities : phase_advanced" in soar


ARENA = replay(load_event(json.loads(x)) for x in EXAMPLE.read_text("utf-8").splitlines())


def test_signals_of_the_example_cycle() -> None:
    cycle = ARENA.cycle("c-wood-1")
    entered = cycle.history[-1].entered_at
    assert days_in_phase(ARENA, "c-wood-1", at=entered + timedelta(days=3)) == 3.0
    # three of six interviews were with non-members (p-lars, p-erik, p-mari)
    assert external_voice_share(ARENA, "c-wood-1") == 0.5
    assert destiny_mode(ARENA, "c-wood-1") is DestinyMode.IMPROVISATIONAL
    assert improvisation_share(ARENA, "c-wood-1") == 1.0
    # a completed cycle is never stalled
    assert not is_stalled(ARENA, "c-wood-1", at=entered + timedelta(days=900))


def test_stalled_after_stall_days_in_one_phase() -> None:
    lines = EXAMPLE.read_text("utf-8").splitlines()
    arena = replay(load_event(json.loads(x)) for x in lines[:40])
    entered = arena.cycle("c-wood-1").history[-1].entered_at
    # The clock runs from the last activity: the interview of 2019-03-20, after entering
    # Discover on 2019-03-13 (issue 12: activity resets it).
    quiet = last_activity(arena, "c-wood-1", at=entered + timedelta(days=200))
    assert quiet == datetime(2019, 3, 20, tzinfo=UTC)
    assert not is_stalled(arena, "c-wood-1", at=quiet + timedelta(days=90))
    assert is_stalled(arena, "c-wood-1", at=quiet + timedelta(days=90, seconds=1))
    assert not is_stalled(arena, "c-wood-1", at=quiet + timedelta(days=100), stall_days=120)
    rural = load_template("smice/rural-community")
    assert not is_stalled(arena, "c-wood-1", at=quiet + timedelta(days=100), template=rural)
    with pytest.raises(ValueError, match="timezone-aware"):
        days_in_phase(arena, "c-wood-1", at=datetime(2019, 1, 1))
    assert days_in_phase(arena, "c-wood-1", at=entered.astimezone(UTC)) == 0
