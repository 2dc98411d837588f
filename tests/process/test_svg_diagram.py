"""``to_svg``: the phase machine as a well-formed SVG picture with notes and a legend."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import attrs
import pytest

from smice.process import to_svg
from smice.process._bundled import bundled_template

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("variant", ["5-D", "4-D", "SOAR", "summit"])
def test_every_phase_is_a_box_and_every_criterion_a_note_line(variant):
    template = bundled_template("smice/base")
    plan = template.phase_plan(variant)
    root = ET.fromstring(to_svg(template, variant=variant))
    assert root.tag == f"{SVG}svg"
    phases = root.findall(f".//{SVG}g[@class='phase']")
    assert [g.get("id") for g in phases] == [f"phase-{p}" for p in plan.phase_ids]
    note_text = " ".join(
        "".join(t.itertext()) for g in root.findall(f".//{SVG}g[@class='note']") for t in g
    )
    for phase in plan.phases:
        for criterion in phase.criteria:
            assert criterion.name in note_text
    transitions = root.findall(f".//{SVG}g[@class='transition']") + root.findall(
        f".//{SVG}g[@class='transition back']"
    )
    assert len(transitions) == len(plan.transitions)
    assert len(root.findall(f".//{SVG}g[@class='end']")) == sum(p.terminal for p in plan.phases)
    assert root.find(f".//{SVG}g[@class='legend']") is not None


def test_the_move_back_from_review_is_a_curve():
    root = ET.fromstring(to_svg(bundled_template("smice/base"), variant="5-D"))
    back = root.findall(f".//{SVG}g[@class='transition back']")
    assert len(back) == 1
    assert "review_recorded [decision_continue]" in "".join(back[0].itertext())


def test_labels_in_swedish_and_escaped():
    template = bundled_template("smice/base")
    assert "Upptäcka" in to_svg(template, language="sv")
    plan = template.phase_plan("4-D")
    first = plan.phases[0]
    hostile = attrs.evolve(first, labels={"en": "<b>Discover & more</b>"})
    changed = attrs.evolve(plan, phases=(hostile, *plan.phases[1:]))
    svg = to_svg(attrs.evolve(template, phase_plans=(changed,)), variant="4-D")
    assert "<b>" not in svg
    assert "&lt;b&gt;Discover &amp; more&lt;/b&gt;" in svg
    ET.fromstring(svg)
