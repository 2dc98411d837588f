"""Reports in nb and sv contain no English outside proper names and ids (issue 12)."""

from __future__ import annotations

import html
import re
from functools import cache

import pytest

from smice.domain import Arena
from smice.io import load_arena
from smice.report import Assessment, assess, render_html, render_text

#: English words a Norwegian or Swedish reader should never meet in a report (words that
#: are also Norwegian or Swedish, such as "for", "fire", "over", "arena", "regional", are
#: left out).
ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "or",
        "from",
        "is",
        "are",
        "was",
        "were",
        "been",
        "fired",
        "did",
        "not",
        "condition",
        "false",
        "true",
        "unknown",
        "insufficient",
        "evidence",
        "thresholds",
        "threshold",
        "why",
        "all",
        "any",
        "raise",
        "lower",
        "missing",
        "share",
        "count",
        "months",
        "days",
        "yes",
        "no",
        "instrument",
        "level",
        "when",
        "rule",
        "rules",
        "smallest",
        "change",
        "failing",
        "holds",
        "value",
        "unit",
        "indicator",
        "indicators",
        "description",
        "recommendation",
        "recommendations",
        "none",
        "only",
        "with",
        "without",
        "which",
        "who",
        "what",
        "network",
        "cycles",
        "cycle",
        "stalled",
        "phase",
        "current",
        "legend",
        "persons",
        "named",
        "measured",
        "run",
        "full",
        "show",
        "key",
        "assessment",
        "history",
        "whole",
        "recorded",
        "superseded",
        "group",
        "instead",
        "would",
        "make",
        "makes",
        "must",
        "have",
        "has",
        "least",
        "two",
        "should",
        "facts",
        "fact",
        "soft",
        "brokering",
        "financial",
        "training",
        "governance",
        "local",
        "national",
        "cross",
        "border",
        "e.g",
        "n/a",
        "regulatory",
        "procurement",
        "infrastructure",
    ]
)


@cache
def _example() -> tuple[Arena, Assessment]:
    arena = load_arena("examples/arenas/jamtland-trondelag.json")
    return arena, assess(arena)


def _words(text: str, arena: Arena) -> set[str]:
    text = text.replace(arena.name, " ").replace("Material Circularity Indicator", " ")
    text = re.sub(r"\b[ACNT]\.[A-Za-z0-9_]+", " ", text)  # fact ids
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z/.]*[A-Za-z]", text)}


def _visible(page: str, references: str) -> str:
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)
    page = re.sub(rf"<details><summary>{references}</summary>.*?</details>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_text_reports_have_no_english(language: str) -> None:
    arena, result = _example()
    found = _words(render_text(result, language=language), arena) & ENGLISH
    assert sorted(found) == []


@pytest.mark.parametrize(("language", "references"), [("nb", "Referanser"), ("sv", "Referenser")])
def test_html_reports_have_no_english(language: str, references: str) -> None:
    """Reference lists are publications (proper names) and are left out."""
    arena, result = _example()
    page = _visible(render_html(arena, result, language=language), references)
    assert sorted(_words(page, arena) & ENGLISH) == []


def test_english_reports_do_have_english() -> None:
    """The check can fail: the English report is full of the words it looks for."""
    arena, result = _example()
    assert len(_words(render_text(result, language="en"), arena) & ENGLISH) > 20


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_thresholds_use_a_decimal_comma_like_the_facts(language: str) -> None:
    _, result = _example()
    text = render_text(result, language=language)
    assert "< 0,2" in text
    assert not re.search(r"[<>=] \d+\.\d", text)


def test_instrument_and_level_values_are_localised() -> None:
    _, result = _example()
    text = render_text(result, language="sv")
    assert "styrmedel: ekonomiskt, mjukt: kontaktförmedling; nivå: regional" in text
    assert "nivå: gränsöverskridande" in text  # P4
    assert "nivå: cross_border" not in text
