"""The HTML report is one self-contained page: nothing to fetch, every arena text escaped,
persons shown only with consent and never by name, the same page for the same inputs."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from smice.errors import InvalidValue, NotFound
from smice.io import load_arena
from smice.policy import Rule, RuleSet
from smice.report import assess, render_html

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "arenas" / "tutorial.json"
EXAMPLE = ROOT / "examples" / "arenas" / "jamtland-trondelag.json"
SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'
EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _document() -> dict:
    return json.loads(TUTORIAL.read_text("utf-8"))


def _page(document: dict, ruleset: object = "smice/default", **kwargs: object) -> str:
    arena = load_arena(document)
    return render_html(arena, assess(arena, ruleset), **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def example_page() -> str:
    arena = load_arena(EXAMPLE)
    return render_html(arena, assess(arena))


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


def _assert_self_contained(page: str) -> None:
    """No element or attribute that fetches or runs anything; only in-page links."""
    assert "http" not in page.replace(SVG_NS, "").lower()
    assert "<script" not in page.lower()
    assert "<link" not in page.lower()
    assert "@import" not in page
    assert "url(" not in page
    parser = _Elements()
    parser.feed(page)
    forbidden = {"script", "link", "img", "iframe", "object", "embed", "image", "use", "a"}
    assert set() == forbidden & set(parser.tags) - {"a"}
    assert parser.tags.count("style") == 1
    for name, value in parser.attributes:
        assert not name.startswith("on"), (name, value)
        if name in {"src", "href", "xlink:href", "action", "srcset"}:
            assert value.startswith("#"), (name, value)


def test_the_example_report_is_self_contained(example_page):
    _assert_self_contained(example_page)
    assert example_page.startswith("<!DOCTYPE html>")
    assert example_page.count("<svg") == 2


def test_the_report_has_every_section(example_page):
    for section in ("key", "recommendations", "indicators", "network", "cycles", "not-fired"):
        assert f'<section id="{section}">' in example_page
    assert "<details><summary>" in example_page


def test_every_recommendation_and_every_rule_appears(example_page):
    assessment = assess(load_arena(EXAMPLE))
    for rule_id in assessment.ruleset.rule_ids:
        assert f'id="rule-{rule_id}"' in example_page
    fired = re.findall(r'<article class="rec" id="rule-([^"]+)"', example_page)
    assert list(assessment.evaluation.fired) == fired


def test_the_same_inputs_give_the_same_page():
    first = _page(_document())
    second = _page(_document())
    assert first == second
    arena = load_arena(EXAMPLE)
    assert render_html(arena, assess(arena)) == render_html(
        load_arena(EXAMPLE), assess(load_arena(EXAMPLE))
    )


@pytest.mark.parametrize(
    "where",
    ["stakeholder", "arena", "team", "phase_reason", "municipality"],
)
def test_arena_texts_are_escaped(where):
    document = _document()
    if where == "stakeholder":
        document["stakeholders"][0]["name"] = EVIL
    elif where == "arena":
        document["name"] = EVIL
    elif where == "team":
        document["teams"][0]["name"] = EVIL
    elif where == "phase_reason":
        document["cycles"][0]["history"][0]["reason"] = EVIL
    else:
        document["stakeholders"][0]["municipality"] = "<b>x</b>"
    page = _page(document)
    _assert_self_contained(page)
    assert "<b>x</b>" not in page
    if where != "municipality":
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_rule_set_texts_are_escaped():
    rules = RuleSet(
        id="t/evil",
        version="1",
        rules=[
            Rule(
                id="X1",
                when="A.n_stakeholders >= 1",
                title={"en": EVIL},
                recommendation={"en": EVIL},
                rationale={"en": EVIL},
            )
        ],
    )
    page = _page(_document(), rules)
    _assert_self_contained(page)
    assert 'id="rule-X1"' in page


def _person_dots(page: str) -> int:
    return page.count("<title>a person (")


def test_persons_appear_only_with_consent_to_network_analysis_and_export():
    document = _document()
    persons = [s for s in document["stakeholders"] if "private_person" in s["kinds"]]
    assert len(persons) >= 3
    assert _person_dots(_page(copy.deepcopy(document))) == 0  # nobody consented to export
    consenting = {p["id"] for p in persons if "network_analysis" in p["consent"]["scopes"]}
    chosen = sorted(consenting)[0]
    for person in persons:
        person["consent"]["scopes"] = sorted(set(person["consent"]["scopes"]) | {"export"})
    # One person consents to export but not to network analysis: still absent.
    withdrawn = next(p for p in persons if p["id"] != chosen)
    withdrawn["consent"]["scopes"] = [
        s for s in withdrawn["consent"]["scopes"] if s != "network_analysis"
    ]
    page = _page(document)
    expected = sum(
        1 for p in persons if {"network_analysis", "export"} <= set(p["consent"]["scopes"])
    )
    assert expected >= 1
    assert expected == _person_dots(page)


def test_persons_are_never_named_even_with_every_consent():
    document = _document()
    for stakeholder in document["stakeholders"]:
        if "private_person" in stakeholder["kinds"]:
            stakeholder["consent"]["scopes"] = [
                "storage",
                "interview_text",
                "network_analysis",
                "export",
                "publication",
                "contact",
            ]
            # Without a day to judge it by, a consent that expires does not count.
            stakeholder["consent"].pop("expires_on", None)
    page = _page(document)
    persons = [s for s in document["stakeholders"] if "private_person" in s["kinds"]]
    assert _person_dots(page) == len(persons)
    for person in persons:
        assert person["name"] not in page
        assert f">{person['id']}<" not in page


def test_no_person_of_the_example_is_named(example_page):
    arena = load_arena(EXAMPLE)
    named = [s.name for s in arena.stakeholders if s.is_person and s.name in example_page]
    assert named == []


def test_organisations_are_coloured_by_helix_with_a_legend(example_page):
    for colour in ("#0072B2", "#E69F00", "#009E73", "#CC79A7"):
        assert f'fill="{colour}"' in example_page
    for name in ("industry", "academia (R&amp;D)", "government", "civil society"):
        assert f'class="legend">{name}</text>' in example_page


def test_the_timeline_marks_current_phases_and_flags_stalled_cycles():
    document = _document()
    cycle = document["cycles"][0]
    assert "left_at" not in cycle["history"][-1]
    arena = load_arena(document)
    day = date(2019, 6, 30)  # far more than 90 days after entering Discover (2018-10-15)
    page = render_html(arena, assess(arena, at=day))
    timeline = page[page.index('<section id="cycles">') :]
    assert 'stroke="#111827" stroke-width="2.5">' in timeline
    assert "stalled (" in timeline
    assert "2019-06-30" in timeline
    early = render_html(arena, assess(arena, at=date(2018, 11, 1)))
    assert "stalled (" not in early[early.index('<section id="cycles">') :]


def test_the_page_speaks_norwegian():
    page = _page(_document(), language="nb")
    assert '<html lang="nb">' in page
    assert "Anbefalinger" in page
    with pytest.raises(NotFound):
        _page(_document(), language="xx")


def test_an_assessment_of_another_arena_is_refused():
    arena = load_arena(TUTORIAL)
    other = assess(load_arena(EXAMPLE))
    with pytest.raises(InvalidValue):
        render_html(arena, other)
