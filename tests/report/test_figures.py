"""Public figures: well-formed SVG with the expected elements, legends, escaped names,
labels inside the picture and clear of each other."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import attrs
import pytest

from smice.errors import InvalidValue
from smice.io import load_arena
from smice.report import network_svg, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"
LARGE = "examples/arenas/jamtland-trondelag.json"
HOSTILE = '<script>alert("x")</script> & Co'


@pytest.fixture(scope="module")
def arena():
    return load_arena(LARGE)


def test_the_network_is_an_svg_with_one_mark_per_drawn_node(arena):
    root = ET.fromstring(network_svg(arena))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") is not None
    assert root.find(f"{SVG}title") is not None
    marks = [
        el for el in root.iter() if el.find(f"{SVG}title") is not None and el.tag != f"{SVG}svg"
    ]
    organisations = [s for s in arena.stakeholders if not s.is_person]
    assert len(marks) >= len(organisations)


def test_the_legend_explains_colour_shape_and_size(arena):
    svg = network_svg(arena)
    for words in ("colour: helix", "shape: country", "size: number of ties"):
        assert words in svg
    # Both countries of the example have their own shape: circles (SE) and squares (NO).
    root = ET.fromstring(svg)
    assert root.findall(f".//{SVG}circle[{SVG}title]")
    assert root.findall(f".//{SVG}rect[{SVG}title]")


def _label_boxes(svg: str) -> list[tuple[float, float, float, float]]:
    boxes = []
    for x, y, anchor, text in re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(start|end)" '
        r'class="node-label"[^>]*>([^<]*)<',
        svg,
    ):
        width = 6.6 * len(text.replace("&amp;", "&"))
        left = float(x) if anchor == "start" else float(x) - width
        boxes.append((left, float(y) - 14, left + width, float(y) + 1))
    return boxes


def test_node_labels_stay_inside_and_do_not_overlap(arena):
    svg = network_svg(arena)
    boxes = _label_boxes(svg)
    assert len(boxes) >= 8
    for box in boxes:
        assert box[0] >= 0
        assert box[2] <= 960
        assert box[1] >= 0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_names_are_escaped(arena):
    first = next(s for s in arena.stakeholders if not s.is_person)
    hostile = attrs.evolve(
        arena,
        name=HOSTILE,
        stakeholders=tuple(
            attrs.evolve(s, name=HOSTILE) if s.id == first.id else s for s in arena.stakeholders
        ),
    )
    for svg in (network_svg(hostile), timeline_svg(hostile)):
        assert "<script" not in svg
        ET.fromstring(svg)


def test_the_timeline_has_a_row_per_cycle_and_names_the_phases(arena):
    svg = timeline_svg(arena)
    root = ET.fromstring(svg)
    names = [t for t in root.iter(f"{SVG}text") if t.get("class") == "cycle-name"]
    assert len(names) == len(arena.cycles)
    assert "current phase" in svg
    assert "Discover" in svg


def test_a_timeline_without_cycles_is_still_an_svg(arena):
    svg = timeline_svg(attrs.evolve(arena, cycles=()))
    assert ET.fromstring(svg).tag == f"{SVG}svg"
    assert "No cycles yet." in svg


def test_the_figures_speak_norwegian(arena):
    assert "form: land" in network_svg(arena, language="nb")


def test_wrong_arguments_are_refused(arena):
    with pytest.raises(InvalidValue):
        network_svg("not an arena")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        timeline_svg(arena, at="2020-01-01")  # type: ignore[arg-type]
